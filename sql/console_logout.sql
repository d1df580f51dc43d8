-- POST /console/api/logout and logout-all: ends this session, or every
-- session of the account.
-- Params: $1 SHA-256 of this session's token (hex), $2 account id,
-- $3 every session (boolean), $4 the client's address
-- Result: how many sessions ended
WITH gone AS (
	DELETE FROM staff_sessions x WHERE x.staff_id = $2::bigint
	    AND ($3::boolean OR x.hash = decode($1, 'hex'))
	RETURNING 1
), a AS (
	INSERT INTO audit_log (staff_id, action, address, detail)
	VALUES ($2::bigint, CASE WHEN $3::boolean THEN 'logout.everywhere'
	    ELSE 'logout' END, $4,
	    jsonb_build_object('sessions', (SELECT count(*) FROM gone)))
)
SELECT count(*) FROM gone
