-- POST /console/api/staff: an admin adds a staff account without a
-- password (a link sets it), audited. An admin scoped to jurisdictions
-- may only add accounts scoped within them.
-- Params: $1 account id (the admin), $2 e-mail (lower case), $3 name,
-- $4 role, $5 jurisdictions (comma list, NULL for all), $6 the client's
-- address
-- Result: the new id (NULL when not added), the e-mail address and
-- whether it has an account already; no row when the account is not an admin
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
), n AS (
	INSERT INTO staff (email, name, role, jurisdictions)
	SELECT $2, $3, $4, string_to_array($5, ',')
	FROM me
	WHERE (me.jurs IS NULL OR ($5::text IS NOT NULL AND
		string_to_array($5, ',') <@ me.jurs))
	    AND ($5::text IS NULL OR NOT EXISTS (
		SELECT 1 FROM unnest(string_to_array($5, ',')) j
		WHERE j NOT IN (SELECT id FROM jurisdictions)))
	ON CONFLICT (email) DO NOTHING
	RETURNING id, email, role, jurisdictions
), a AS (
	INSERT INTO audit_log (staff_id, action, target, address, detail)
	SELECT $1::bigint, 'staff.add', n.email, $6,
	    jsonb_build_object('id', n.id, 'role', n.role,
		'jurisdictions', n.jurisdictions)
	FROM n
)
SELECT (SELECT n.id::text FROM n), $2,
    EXISTS (SELECT 1 FROM staff s WHERE s.email = $2)
FROM me
