-- Every API key, for the workers' key cache (looked up by hash).
-- Result: version, id, hash (hex), scopes, jurisdictions (comma list or
-- NULL for all), channel, rate per minute, revoked, revoked message, name.
-- With no keys, one row of NULLs after the version.
-- Columns: version, id, hash, scopes, jurisdictions, channel, rate,
-- revoked, revoked_message, name
SELECT v.version, k.id, encode(k.hash, 'hex'),
    array_to_string(k.scopes, ','), array_to_string(k.jurisdictions, ','),
    k.channel, k.rate_per_min, k.revoked_at IS NOT NULL, k.revoked_message,
    k.name
FROM (SELECT version FROM cache_versions WHERE name = 'keys') v
LEFT JOIN api_keys k ON true
ORDER BY k.hash
