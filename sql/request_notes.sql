-- extensions=true: the public history of requests, as notes.
-- Params: $1 request ids (bigint array)
-- Result: request id, time, type, status, detailed status, description
SELECT u.request_id::text,
    to_char(u.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    u.kind, u.status, u.detailed_status, u.description
FROM request_updates u
WHERE u.request_id = ANY ($1::bigint[]) AND u.public
ORDER BY u.request_id, u.occurred_at, u.id
