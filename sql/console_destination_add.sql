-- POST /console/api/destinations: an admin adds a back-office
-- destination to one of their jurisdictions (as `open311d destinations
-- add` does); audited without its secret.
-- Params: $1 account id, $2 jurisdiction, $3 service code (NULL: all),
-- $4 kind, $5 URL, $6 secret, $7 upstream jurisdiction, $8 dead_after in
-- seconds (NULL: a day), $9 the client's address
-- Result: id; no row when the jurisdiction is not the admin's or does
-- not offer the service
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
), d AS (
	INSERT INTO destinations (jurisdiction_id, service_code, kind, url,
	    secret, upstream_jurisdiction, dead_after)
	SELECT $2, $3, $4, $5, $6, $7,
	    make_interval(secs => coalesce($8::integer, 86400))
	FROM me
	WHERE (me.jurs IS NULL OR $2 = ANY (me.jurs))
	    AND EXISTS (SELECT 1 FROM jurisdictions WHERE id = $2)
	    AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM services
		WHERE jurisdiction_id = $2 AND code = $3))
	RETURNING id, jurisdiction_id, service_code, kind, url
), a AS (
	INSERT INTO audit_log (staff_id, action, target, address, detail)
	SELECT $1::bigint, 'destination.add', d.id::text, $9,
	    jsonb_build_object('jurisdiction_id', d.jurisdiction_id,
		'service_code', d.service_code, 'kind', d.kind, 'url', d.url)
	FROM d
)
SELECT id::text FROM d
