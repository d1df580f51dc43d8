-- GET /console/api/destinations: for admins, the back-office
-- destinations of their jurisdictions, removed ones too, with their
-- pending and dead events and their last test (state pending, delivered
-- or dead, when, the error); never a secret.
-- Params: $1 account id
-- Result: JSON; no row when the account is not an admin
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
)
SELECT json_build_object('destinations', (SELECT coalesce(json_agg(
    json_build_object('id', d.id::text,
	'jurisdiction_id', d.jurisdiction_id, 'service_code', d.service_code,
	'kind', d.kind, 'url', d.url,
	'upstream_jurisdiction', d.upstream_jurisdiction,
	'dead_after', extract(epoch FROM d.dead_after)::bigint,
	'active', d.active, 'created', d.created_at,
	'pending', (SELECT count(*) FROM outbox o
	    WHERE o.destination_id = d.id AND o.state = 'pending'
		AND o.event <> 'destination.test'),
	'dead', (SELECT count(*) FROM outbox o
	    WHERE o.destination_id = d.id AND o.state = 'dead'
		AND o.event <> 'destination.test'),
	'last_test', (SELECT json_build_object('id', t.id::text,
	    'state', t.state, 'at', t.created_at, 'error', t.last_error)
	    FROM outbox t WHERE t.destination_id = d.id
		AND t.event = 'destination.test'
	    ORDER BY t.id DESC LIMIT 1))
    ORDER BY d.id), '[]')
    FROM destinations d
    WHERE me.jurs IS NULL OR d.jurisdiction_id = ANY (me.jurs)))::text
FROM me
