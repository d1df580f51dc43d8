-- Jurisdiction import: checks a local CRS and a time zone before use.
-- Params: $1 EPSG code, $2 time zone name
-- Result: crs_known, crs_projected, tz_known
-- Columns: crs_known, crs_projected, tz_known
SELECT EXISTS (SELECT 1 FROM spatial_ref_sys WHERE srid = $1::integer),
    EXISTS (SELECT 1 FROM spatial_ref_sys WHERE srid = $1::integer
        AND srtext LIKE 'PROJCS%'),
    EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $2)
