-- POST /console/api/staff/{id}/link: an admin e-mails a staff member a
-- new one-time password link (earlier links stop working), audited. An
-- admin scoped to jurisdictions may do it only for accounts scoped
-- within them.
-- Params: $1 account id (the admin), $2 the staff member's id, $3 SHA-256
-- of the link's token (hex), $4 lifetime in seconds, $5 the token, $6
-- the lifetime in hours, $7 the client's address
-- Result: id and e-mail address of the staff member; no row when there
-- is no such active account the admin may reach
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
), t AS (
	SELECT s.id, s.email FROM me, staff s
	WHERE s.id = $2::bigint AND s.active AND (me.jurs IS NULL OR
	    (s.jurisdictions IS NOT NULL AND s.jurisdictions <@ me.jurs))
), l AS (
	SELECT staff_link(t.id, $3, $4::integer, $5, $6::integer, $1::bigint,
	    $7) AS id, t.email FROM t
)
SELECT l.id::text, l.email FROM l WHERE l.id IS NOT NULL
