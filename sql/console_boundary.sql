-- POST /console/api/jurisdictions/{id}/boundary: an admin replaces the
-- boundary of a jurisdiction it administers
-- (migrations/0016_catalog_import.sql, console_boundary()).
-- Params: $1 account id, $2 jurisdiction id, $3 geometries (JSON array
-- of GeoJSON geometries), $4 their EPSG code, $5 the client's address
-- Result: outcome, area in km², PostGIS's message
-- Columns: outcome, km2, message
SELECT b.outcome, round(b.km2::numeric, 1)::text, b.message
FROM console_boundary($1::bigint, $2, $3::json, $4::integer, $5) b
