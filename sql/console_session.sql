-- Every console request: the session of the cookie's token, if it is
-- neither idle too long nor too old and its account is active; it is
-- marked as seen now.
-- Params: $1 SHA-256 of the session token (hex), $2 idle timeout in
-- seconds, $3 absolute lifetime in seconds
-- Result: account id, role, the account as JSON; no row: no session
UPDATE staff_sessions x SET last_seen = now()
FROM staff s
WHERE x.hash = decode($1, 'hex') AND s.id = x.staff_id AND s.active
    AND x.last_seen > now() - make_interval(secs => $2::integer)
    AND x.created_at > now() - make_interval(secs => $3::integer)
RETURNING s.id, s.role, json_build_object('id', s.id, 'email', s.email,
    'name', s.name, 'role', s.role,
    'jurisdictions', s.jurisdictions)::text
