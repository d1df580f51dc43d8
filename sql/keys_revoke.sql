-- `open311d keys revoke`: the key stops working on every worker within
-- the cache poll interval; clients get the message with their 403.
-- Params: $1 id, $2 message
-- Result: id, or no row when there is no such key
WITH k AS (
	UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()),
	    revoked_message = $2
	WHERE id = $1::bigint
	RETURNING id
), bump AS (
	UPDATE cache_versions SET version = version + 1, changed_at = now()
	WHERE name = 'keys' AND EXISTS (SELECT 1 FROM k)
)
SELECT id FROM k
