-- GET /requests/{id}.
-- Params: $1 id, $2 test
-- Result: one request_public row, or none
SELECT p.* FROM request_public p
WHERE p.id = $1::bigint AND p.test = $2::boolean
