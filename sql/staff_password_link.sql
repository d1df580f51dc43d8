-- `open311d staff add` and `staff link`: a one-time link to set the
-- account's password; earlier unused links of the account stop working
-- (see staff_link(), migration 0014). With the token (smtp_url set) the
-- link is e-mailed too, through the outbox.
-- Params: $1 e-mail (lower case), $2 SHA-256 of the link's token (hex),
-- $3 lifetime in seconds, $4 the token to e-mail (NULL: not e-mailed),
-- $5 the lifetime in hours, for the message
-- Result: id of the account, or no row when no active account has it
SELECT x.id FROM (
	SELECT staff_link(s.id, $2, $3::integer, $4, $5::integer, NULL, NULL)
	    AS id
	FROM staff s WHERE s.email = $1 AND s.active
) x WHERE x.id IS NOT NULL
