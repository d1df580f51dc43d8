-- POST /console/api/keys: an admin stores a new key's hash (the key is
-- shown once); every worker reloads its key cache; audited. An admin
-- scoped to jurisdictions may only make keys limited to them.
-- Params: $1 account id, $2 name, $3 SHA-256 (hex), $4 prefix, $5 scopes
-- (comma list), $6 jurisdictions (comma list, NULL for all), $7 channel,
-- $8 requests per minute (NULL for the default), $9 the client's address
-- Result: id; no row when not allowed or a jurisdiction does not exist
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
), k AS (
	INSERT INTO api_keys (name, hash, prefix, scopes, jurisdictions,
	    channel, rate_per_min)
	SELECT $2, decode($3, 'hex'), $4, string_to_array($5, ','),
	    string_to_array($6, ','), $7, $8::integer
	FROM me
	WHERE (me.jurs IS NULL OR ($6::text IS NOT NULL AND
		string_to_array($6, ',') <@ me.jurs))
	    AND ($6::text IS NULL OR NOT EXISTS (
		SELECT 1 FROM unnest(string_to_array($6, ',')) j
		WHERE j NOT IN (SELECT id FROM jurisdictions)))
	RETURNING id, name, scopes, jurisdictions
), bump AS (
	UPDATE cache_versions SET version = version + 1, changed_at = now()
	WHERE name = 'keys' AND EXISTS (SELECT 1 FROM k)
), a AS (
	INSERT INTO audit_log (staff_id, action, target, address, detail)
	SELECT $1::bigint, 'key.create', k.id::text, $9,
	    jsonb_build_object('name', k.name, 'scopes', k.scopes,
		'jurisdictions', k.jurisdictions)
	FROM k
)
SELECT id FROM k
