-- Admin API: outbox events, newest first, optionally of one state.
-- Params: $1 state (NULL: any), $2 limit
-- Result: id, request id, destination id, event, seq, state, attempts,
-- last error, created, next attempt, delivered
SELECT o.id::text, o.request_id::text, o.destination_id::text, o.event,
    o.seq, o.state, o.attempts, o.last_error,
    to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    to_char(o.next_attempt_at AT TIME ZONE 'UTC',
	'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    to_char(o.delivered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM outbox o
WHERE $1::text IS NULL OR o.state = $1
ORDER BY o.id DESC
LIMIT $2::integer
