-- `open311d staff add` and `staff password`: a one-time link to set the
-- account's password; earlier unused links of the account stop working.
-- Params: $1 e-mail (lower case), $2 SHA-256 of the link's token (hex),
-- $3 lifetime in seconds
-- Result: id of the account, or no row when no active account has it
WITH s AS (
	SELECT id FROM staff WHERE email = $1 AND active
), old AS (
	UPDATE staff_password_tokens t SET used_at = now()
	FROM s WHERE t.staff_id = s.id AND t.used_at IS NULL
), t AS (
	INSERT INTO staff_password_tokens (hash, staff_id, expires_at)
	SELECT decode($2, 'hex'), s.id,
	    now() + make_interval(secs => $3::integer)
	FROM s
	RETURNING staff_id
), a AS (
	INSERT INTO audit_log (staff_id, action) SELECT staff_id,
	    'staff.password_link' FROM t
)
SELECT staff_id FROM t
