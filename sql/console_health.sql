-- GET /console/api/health: for admins, the database at a glance.
-- Params: $1 account id
-- Result: JSON; no row when the account is not an admin
SELECT json_build_object(
    'schema_version', (SELECT max(version) FROM schema_migrations),
    'database_time', now(),
    'open_requests', (SELECT count(*) FROM requests
	WHERE status = 'open' AND NOT test),
    'outbox_pending', (SELECT count(*) FROM outbox WHERE state = 'pending'),
    'outbox_dead', (SELECT count(*) FROM outbox WHERE state = 'dead'),
    'staff_sessions', (SELECT count(*) FROM staff_sessions),
    'api_keys_active', (SELECT count(*) FROM api_keys
	WHERE revoked_at IS NULL))::text
FROM staff s
WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
