-- `open311d staff list`: every staff account.
-- Result: id, e-mail, name, role, jurisdictions (comma list, '' for
-- all), active, whether a password is set, created, open sessions
SELECT s.id, s.email, s.name, s.role,
    coalesce(array_to_string(s.jurisdictions, ','), ''),
    s.active, s.password IS NOT NULL,
    to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    (SELECT count(*) FROM staff_sessions x WHERE x.staff_id = s.id)
FROM staff s
ORDER BY s.id
