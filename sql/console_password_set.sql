-- POST /console/api/password: uses a one-time link to set the password;
-- every session of the account ends, and a mail of a link not sent yet
-- is skipped (0013).
-- Params: $1 SHA-256 of the link's token (hex), $2 the new password's
-- Argon2id encoding, $3 the client's address
-- Result: id of the account, or no row when the link is unknown, used,
-- expired or its account disabled
WITH t AS (
	UPDATE staff_password_tokens t SET used_at = now()
	FROM staff s
	WHERE t.hash = decode($1, 'hex') AND t.used_at IS NULL
	    AND t.expires_at > now() AND s.id = t.staff_id AND s.active
	RETURNING t.staff_id
), s AS (
	UPDATE staff s SET password = $2, password_at = now()
	FROM t WHERE s.id = t.staff_id
	RETURNING s.id
), gone AS (
	DELETE FROM staff_sessions x USING t WHERE x.staff_id = t.staff_id
), m AS (
	UPDATE outbox o SET state = 'skipped', lease_until = NULL,
	    lease_owner = NULL
	FROM t WHERE o.staff_id = t.staff_id AND o.state = 'pending'
), a AS (
	INSERT INTO audit_log (staff_id, action, address)
	SELECT id, 'staff.password_set', $3 FROM s
)
SELECT id FROM s
