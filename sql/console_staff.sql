-- GET /console/api/staff: for admins, the staff accounts they may manage
-- (an admin scoped to jurisdictions: the accounts scoped within them),
-- never a password or a token.
-- Params: $1 account id
-- Result: JSON; no row when the account is not an admin
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
)
SELECT json_build_object('staff', (SELECT coalesce(json_agg(json_build_object(
    'id', s.id::text, 'email', s.email, 'name', s.name, 'role', s.role,
    'jurisdictions', s.jurisdictions, 'active', s.active,
    'password_set', s.password IS NOT NULL, 'created', s.created_at,
    'sessions', (SELECT count(*) FROM staff_sessions x
	WHERE x.staff_id = s.id),
    'me', s.id = $1::bigint) ORDER BY s.active DESC, s.id), '[]')
    FROM staff s
    WHERE me.jurs IS NULL OR (s.jurisdictions IS NOT NULL
	AND s.jurisdictions <@ me.jurs)))::text
FROM me
