-- `open311d keys list`.
-- Result: id, prefix, name, scopes, jurisdictions, channel, rate,
-- created, revoked (timestamp or empty), revoked message
-- Columns: id, prefix, name, scopes, jurisdictions, channel, rate,
-- created, revoked, revoked_message
SELECT id, prefix, name, array_to_string(scopes, ','),
    coalesce(array_to_string(jurisdictions, ','), '*'), channel,
    coalesce(rate_per_min::text, 'default'),
    to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    coalesce(to_char(revoked_at AT TIME ZONE 'UTC',
        'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ''),
    coalesce(revoked_message, '')
FROM api_keys ORDER BY id
