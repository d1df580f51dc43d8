-- GET /requests: requests of a jurisdiction in a window of requested
-- time, optionally of some services and statuses, newest first.
-- Params: $1 jurisdiction, $2 test, $3 service codes (text array or
-- NULL for all), $4 statuses (text array or NULL for all), $5 from and
-- $6 to (seconds since the epoch, inclusive), $7 limit, $8 offset
-- Result: request_public rows
SELECT p.* FROM request_public p
WHERE p.jurisdiction_id = $1 AND p.test = $2::boolean
    AND ($3::text[] IS NULL OR p.service_code = ANY ($3::text[]))
    AND ($4::text[] IS NULL OR p.status = ANY ($4::text[]))
    AND p.requested_at >= to_timestamp($5::float8)
    AND p.requested_at <= to_timestamp($6::float8)
ORDER BY p.requested_at DESC, p.id DESC
LIMIT $7::integer OFFSET $8::integer
