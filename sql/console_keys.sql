-- GET /console/api/keys: for admins, the API keys (never the keys
-- themselves); an admin scoped to jurisdictions sees the keys limited to
-- them.
-- Params: $1 account id
-- Result: JSON; no row when the account is not an admin
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
)
SELECT json_build_object('keys', (SELECT coalesce(json_agg(json_build_object(
    'id', k.id::text, 'prefix', k.prefix, 'name', k.name,
    'scopes', k.scopes, 'jurisdictions', k.jurisdictions,
    'channel', k.channel, 'rate_per_min', k.rate_per_min,
    'created', k.created_at, 'revoked', k.revoked_at,
    'revoked_message', k.revoked_message) ORDER BY k.id), '[]')
    FROM api_keys k
    WHERE me.jurs IS NULL OR (k.jurisdictions IS NOT NULL
	AND k.jurisdictions <@ me.jurs)))::text
FROM me
