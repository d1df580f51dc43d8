-- Address import: adds an address of the gazetteer, or moves the one of
-- the same normalised text, at a point, in the most local jurisdiction
-- whose boundary covers it. No row when no boundary covers the point
-- (the address is not stored).
-- Params: $1 label, $2 normalised label, $3 lat, $4 long
-- Result: the jurisdiction the address is in
-- Columns: jurisdiction_id
WITH pt AS (
	SELECT ST_SetSRID(ST_MakePoint($4::float8, $3::float8), 4326) AS geom
), j AS (
	SELECT id FROM jurisdictions, pt
	WHERE boundary IS NOT NULL AND ST_Covers(boundary, pt.geom::geography)
	ORDER BY ST_Area(boundary), id COLLATE "C"
	LIMIT 1
)
INSERT INTO addresses AS a (jurisdiction_id, label, normalised, geom)
SELECT j.id, $1, $2, pt.geom FROM j, pt
ON CONFLICT (normalised) DO UPDATE SET
    jurisdiction_id = EXCLUDED.jurisdiction_id, label = EXCLUDED.label,
    geom = EXCLUDED.geom
RETURNING a.jurisdiction_id
