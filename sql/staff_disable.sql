-- `open311d staff disable`: the account can no longer log in and every
-- session of it ends now.
-- Params: $1 e-mail (lower case)
-- Result: id, or no row when no account has the address
WITH s AS (
	UPDATE staff SET active = false WHERE email = $1
	RETURNING id, email
), gone AS (
	DELETE FROM staff_sessions x USING s WHERE x.staff_id = s.id
), a AS (
	INSERT INTO audit_log (action, target) SELECT 'staff.disable', s.email
	FROM s
)
SELECT id FROM s
