-- POST /console/api/outbox/{id}/retry: for admins, a dead event of a
-- request in their jurisdictions is sent again with the dead events
-- after it for the same request and destination (as the admin API's
-- retry does), audited.
-- Params: $1 account id, $2 event id, $3 the client's address
-- Result: the ids requeued (none: not dead, not found or not allowed)
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
), d AS (
	SELECT d.* FROM me, outbox d JOIN requests r ON r.id = d.request_id
	WHERE d.id = $2::bigint AND d.state = 'dead'
	    AND (me.jurs IS NULL OR r.jurisdiction_id = ANY (me.jurs))
	    AND (d.destination_id IS NULL OR EXISTS (SELECT 1
		FROM destinations x WHERE x.id = d.destination_id
		    AND x.active))
), u AS (
	UPDATE outbox o SET state = 'pending', next_attempt_at = now(),
	    created_at = now(), lease_until = NULL, last_error = NULL,
	    attempts = 0
	FROM d
	WHERE o.state = 'dead' AND o.request_id = d.request_id
	    AND coalesce(o.destination_id, 0) = coalesce(d.destination_id, 0)
	    AND o.seq >= d.seq
	RETURNING o.id, o.request_id
), a AS (
	INSERT INTO audit_log (staff_id, action, request_id, target, address,
	    detail)
	SELECT $1::bigint, 'outbox.retry', d.request_id, d.id::text, $3,
	    jsonb_build_object('requeued', (SELECT count(*) FROM u))
	FROM d
)
SELECT u.id::text FROM u ORDER BY u.id
