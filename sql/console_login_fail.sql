-- POST /console/api/login, a wrong e-mail address or password: counted
-- for throttling, and audited (with the account when there is one).
-- Old failures are forgotten here.
-- Params: $1 e-mail (lower case), $2 the client's address, $3 account id
-- (NULL: none), $4 whether the attempt was refused by throttling
-- Result: none
WITH f AS (
	INSERT INTO staff_login_failures (email, address)
	SELECT $1, $2 WHERE NOT $4::boolean
), old AS (
	DELETE FROM staff_login_failures WHERE at < now() - interval '1 day'
)
INSERT INTO audit_log (staff_id, action, target, address)
VALUES ($3::bigint, CASE WHEN $4::boolean THEN 'login.throttled'
    ELSE 'login.failed' END, $1, $2)
