-- POST /console/api/login, first: whether the e-mail address or the
-- client's address has failed too often lately, and the account.
-- Params: $1 e-mail (lower case), $2 the client's address, $3 window in
-- seconds, $4 failures allowed per e-mail address, $5 per client address
-- Result: throttled, account id, its password encoding (NULL: none set
-- or no such active account); always one row
SELECT (SELECT count(*) FROM staff_login_failures f WHERE f.email = $1
	AND f.at > now() - make_interval(secs => $3::integer)) >= $4::integer
    OR (SELECT count(*) FROM staff_login_failures f WHERE f.address = $2
	AND f.at > now() - make_interval(secs => $3::integer)) >= $5::integer,
    s.id, s.password
FROM (SELECT 1) one
LEFT JOIN staff s ON s.email = $1 AND s.active
