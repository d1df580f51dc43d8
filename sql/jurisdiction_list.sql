-- The jurisdictions, for `open311d jurisdiction list`.
-- Result: id, name, srid, time_zone, area km², services
-- Columns: id, name, srid, time_zone, km2, services
SELECT j.id, j.name, j.srid, j.time_zone,
    round((coalesce(ST_Area(j.boundary), 0) / 1e6)::numeric, 1),
    (SELECT count(*) FROM services s
        WHERE s.jurisdiction_id = j.id AND s.active)
FROM jurisdictions j ORDER BY j.id
