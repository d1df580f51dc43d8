-- Jurisdiction import: creates or replaces a jurisdiction and its
-- boundary. The geometries arrive as a JSON array of GeoJSON geometries
-- in the source CRS, made one MultiPolygon in WGS 84 by
-- o311_boundary_geom() (migration 0021), as the console's import does.
-- Params: $1 id, $2 name, $3 geometries (JSON array), $4 source EPSG,
-- $5 local CRS EPSG, $6 time zone, $7 contact, $8 key service text
-- Result: id, area in km²
-- Columns: id, km2
WITH g AS (
	SELECT o311_boundary_geom($3::json, $4::integer) AS geom
), up AS (
	INSERT INTO jurisdictions AS j (id, name, boundary, srid, time_zone,
	    contact, key_service)
	SELECT $1, $2, g.geom::geography, $5::integer, $6, $7, $8 FROM g
	WHERE NOT ST_IsEmpty(g.geom)
	ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,
	    boundary = EXCLUDED.boundary, srid = EXCLUDED.srid,
	    time_zone = EXCLUDED.time_zone, contact = EXCLUDED.contact,
	    key_service = EXCLUDED.key_service, catalog_changed = now()
	RETURNING j.id, ST_Area(j.boundary) / 1e6 AS km2
), bump AS (
	UPDATE cache_versions SET version = version + 1, changed_at = now()
	WHERE name = 'catalog' AND EXISTS (SELECT 1 FROM up)
)
SELECT g.id, g.km2 FROM up g
