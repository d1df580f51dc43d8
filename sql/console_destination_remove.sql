-- POST /console/api/destinations/{id}/remove: an admin stops sending to
-- a destination of their jurisdictions, as `open311d destinations
-- remove` does: its undelivered events are skipped (kept for the
-- record, never sent); audited.
-- Params: $1 account id, $2 destination id, $3 the client's address
-- Result: id, events skipped; no row when there is no such active
-- destination of the admin's
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
), d AS (
	UPDATE destinations x SET active = false
	FROM me
	WHERE x.id = $2::bigint AND x.active
	    AND (me.jurs IS NULL OR x.jurisdiction_id = ANY (me.jurs))
	RETURNING x.id, x.jurisdiction_id, x.url
), s AS (
	UPDATE outbox o SET state = 'skipped', lease_until = NULL,
	    last_error = 'the destination was removed'
	FROM d WHERE o.destination_id = d.id AND o.state IN ('pending', 'dead')
	RETURNING o.id
), a AS (
	INSERT INTO audit_log (staff_id, action, target, address, detail)
	SELECT $1::bigint, 'destination.remove', d.id::text, $3,
	    jsonb_build_object('jurisdiction_id', d.jurisdiction_id,
		'url', d.url, 'skipped', (SELECT count(*) FROM s))
	FROM d
)
SELECT id::text, (SELECT count(*) FROM s) FROM d
