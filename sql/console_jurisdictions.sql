-- GET /console/api/jurisdictions: for admins, the jurisdictions they
-- administer with their catalogs at a glance.
-- Params: $1 account id
-- Result: JSON; no row when the account is not an admin
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
)
SELECT json_build_object('jurisdictions', (SELECT coalesce(json_agg(
    json_build_object('id', j.id, 'name', j.name, 'time_zone', j.time_zone,
	'srid', j.srid,
	'boundary_km2', round((coalesce(ST_Area(j.boundary), 0) /
	    1e6)::numeric, 1),
	'services', (SELECT count(*) FROM services s
	    WHERE s.jurisdiction_id = j.id AND s.active),
	'private', (SELECT count(*) FROM services s
	    WHERE s.jurisdiction_id = j.id AND s.active AND s.private),
	'catalog_changed', j.catalog_changed) ORDER BY j.id), '[]')
    FROM jurisdictions j
    WHERE me.jurs IS NULL OR j.id = ANY (me.jurs)),
    'catalog_version', (SELECT version FROM cache_versions
	WHERE name = 'catalog'))::text
FROM me
