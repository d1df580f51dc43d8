-- POST /console/api/login, the password was right: a new session (never
-- one the client brought), the account's expired sessions and its
-- e-mail's failures gone, audited.
-- Params: $1 account id, $2 SHA-256 of the session token (hex), $3 the
-- client's address, $4 absolute session lifetime in seconds
-- Result: the account as JSON (id, email, name, role, jurisdictions)
WITH x AS (
	INSERT INTO staff_sessions (hash, staff_id, address)
	VALUES (decode($2, 'hex'), $1::bigint, $3)
), old AS (
	DELETE FROM staff_sessions s WHERE s.staff_id = $1::bigint
	    AND s.created_at < now() - make_interval(secs => $4::integer)
), f AS (
	DELETE FROM staff_login_failures f USING staff s
	WHERE s.id = $1::bigint AND f.email = s.email
), a AS (
	INSERT INTO audit_log (staff_id, action, address)
	VALUES ($1::bigint, 'login', $3)
)
SELECT json_build_object('id', s.id, 'email', s.email, 'name', s.name,
    'role', s.role, 'jurisdictions', s.jurisdictions)::text
FROM staff s WHERE s.id = $1::bigint
