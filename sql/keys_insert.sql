-- `open311d keys create`: stores a key's hash (never the key) and makes
-- every worker reload its key cache.
-- Params: $1 name, $2 SHA-256 (hex), $3 prefix, $4 scopes (comma list),
-- $5 jurisdictions (comma list, NULL for all), $6 channel,
-- $7 requests per minute (NULL for the default)
-- Result: id, or no row when a jurisdiction does not exist
-- Columns: id
WITH k AS (
	INSERT INTO api_keys (name, hash, prefix, scopes, jurisdictions,
	    channel, rate_per_min)
	SELECT $1, decode($2, 'hex'), $3, string_to_array($4, ','),
	    string_to_array($5, ','), $6, $7::integer
	WHERE $5 IS NULL OR NOT EXISTS (
		SELECT 1 FROM unnest(string_to_array($5, ',')) j
		WHERE j NOT IN (SELECT id FROM jurisdictions))
	RETURNING id
), bump AS (
	UPDATE cache_versions SET version = version + 1, changed_at = now()
	WHERE name = 'keys' AND EXISTS (SELECT 1 FROM k)
)
SELECT id FROM k
