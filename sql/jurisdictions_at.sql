-- The jurisdictions whose boundary covers a point, the most local
-- (smallest) first; jurisdictions without a boundary (serving
-- everywhere) last. Routes requests and lists services by location.
-- Params: $1 lat, $2 long
-- Result: jurisdiction id
SELECT id FROM jurisdictions
WHERE boundary IS NULL OR ST_Covers(boundary,
    ST_SetSRID(ST_MakePoint($2::float8, $1::float8), 4326)::geography)
ORDER BY boundary IS NULL, ST_Area(boundary), id COLLATE "C"
