-- POST /console/api/jurisdictions/{id}/catalog: an admin replaces the
-- catalog of an existing jurisdiction it administers with a validated
-- file (o311_catalog_import(), as `open311d catalog import` does);
-- audited with the versions before and after.
-- Params: $1 account id, $2 jurisdiction id, $3 the services (JSON,
-- app/formats/catalog_import.h), $4 how many, $5 the client's address
-- Result: the new catalog version; no row when not allowed
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
), j AS (
	SELECT j.id FROM me, jurisdictions j
	WHERE j.id = $2 AND (me.jurs IS NULL OR j.id = ANY (me.jurs))
), before AS (
	SELECT version FROM cache_versions WHERE name = 'catalog'
), n AS (
	SELECT o311_catalog_import(j.id, '', $3::jsonb) AS version FROM j
), a AS (
	INSERT INTO audit_log (staff_id, action, target, address, detail)
	SELECT $1::bigint, 'catalog.import', $2, $5,
	    jsonb_build_object('services', $4::integer,
		'version_before', (SELECT version FROM before),
		'version_after', n.version)
	FROM n
)
SELECT n.version::text FROM n
