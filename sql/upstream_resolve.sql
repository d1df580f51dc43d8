-- Gateway mode: the upstream answered a token with its request id.
-- Params: $1 request id, $2 upstream id
UPDATE requests SET upstream_id = $2 WHERE id = $1::bigint
