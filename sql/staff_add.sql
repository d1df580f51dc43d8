-- `open311d staff add`: a staff account without a password yet.
-- Params: $1 e-mail (lower case), $2 name, $3 role (agent, supervisor,
-- admin), $4 jurisdictions (comma list, NULL for all)
-- Result: id, or no row when a jurisdiction does not exist
WITH s AS (
	INSERT INTO staff (email, name, role, jurisdictions)
	SELECT $1, $2, $3, string_to_array($4, ',')
	WHERE $4::text IS NULL OR NOT EXISTS (
		SELECT 1 FROM unnest(string_to_array($4, ',')) j
		WHERE j NOT IN (SELECT id FROM jurisdictions))
	RETURNING id, email, role, jurisdictions
), a AS (
	INSERT INTO audit_log (action, target, detail)
	SELECT 'staff.add', s.email, jsonb_build_object('role', s.role,
	    'jurisdictions', s.jurisdictions)
	FROM s
)
SELECT id FROM s
