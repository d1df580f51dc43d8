-- GET /requests with service_request_id: the listed requests, ignoring
-- every other filter.
-- Params: $1 ids (bigint array), $2 jurisdiction, $3 test, $4 limit
-- Result: request_public rows, newest first
SELECT p.* FROM request_public p
WHERE p.id = ANY ($1::bigint[]) AND p.jurisdiction_id = $2
    AND p.test = $3::boolean
ORDER BY p.requested_at DESC, p.id DESC
LIMIT $4::integer
