-- GET /servicerequestupdates: the public updates recorded in a window,
-- oldest first, so a client can replay them in order.
-- Params: $1 jurisdiction, $2 test, $3 from and $4 to (seconds since the
-- epoch; NULL: no end), $5 limit, $6 offset
-- Result: update id, request id, status, updated time, description,
-- first media URL, external status code
-- Replica: yes (a public read that tolerates a standby's lag)
SELECT u.id::text, u.request_id::text,
    coalesce(u.detailed_status, u.status),
    to_char(u.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    coalesce(u.description, ''), u.media_urls[1], u.external_status_code
FROM request_updates u JOIN request_public r ON r.id = u.request_id
WHERE u.public AND r.jurisdiction_id = $1 AND r.test = $2::boolean
    AND u.created_at >= to_timestamp($3::float8)
    AND ($4::float8 IS NULL OR u.created_at <= to_timestamp($4::float8))
ORDER BY u.created_at, u.id
LIMIT $5::integer OFFSET $6::integer
