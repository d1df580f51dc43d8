-- 0021: one statement makes a jurisdiction's boundary from an imported
-- file, for the command line (sql/jurisdiction_upsert.sql) and the
-- console (console_boundary()); the two had the same PostGIS expression
-- written twice.

-- The boundary of a jurisdiction from p_geoms, a JSON array of GeoJSON
-- geometries in EPSG p_srid: united, made valid, transformed to WGS 84,
-- the polygons kept as one MultiPolygon (empty when none is left).
-- PostGIS's errors (an unknown CRS, a geometry it cannot read) are
-- raised to the caller.
CREATE FUNCTION o311_boundary_geom(p_geoms json, p_srid integer)
RETURNS geometry LANGUAGE sql STABLE AS $$
	SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Transform(
	    ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(e::text), p_srid)),
	    4326)), 3))
	FROM json_array_elements(p_geoms) e
$$;

-- console_boundary() of 0016, its geometry made by o311_boundary_geom().
CREATE OR REPLACE FUNCTION console_boundary(p_staff bigint, p_jur text,
    p_geoms json, p_srid integer, p_address text)
RETURNS TABLE (outcome text, km2 double precision, message text)
LANGUAGE plpgsql AS $$
DECLARE
	jurs	text[];
	before	double precision;
	geom	geometry;
BEGIN
	SELECT console_scope(s.id) INTO jurs FROM staff s
	WHERE s.id = p_staff AND s.active AND s.role = 'admin';
	IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM jurisdictions j
	    WHERE j.id = p_jur AND (jurs IS NULL OR j.id = ANY (jurs))) THEN
		RETURN QUERY SELECT 'denied', NULL::double precision,
		    NULL::text;
		RETURN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM spatial_ref_sys WHERE srid = p_srid) THEN
		RETURN QUERY SELECT 'crs', NULL::double precision, NULL::text;
		RETURN;
	END IF;
	BEGIN
		geom := o311_boundary_geom(p_geoms, p_srid);
	EXCEPTION WHEN OTHERS THEN
		RETURN QUERY SELECT 'invalid', NULL::double precision, SQLERRM;
		RETURN;
	END;
	IF geom IS NULL OR ST_IsEmpty(geom) THEN
		RETURN QUERY SELECT 'empty', NULL::double precision, NULL::text;
		RETURN;
	END IF;
	SELECT coalesce(ST_Area(j.boundary), 0) / 1e6 INTO before
	FROM jurisdictions j WHERE j.id = p_jur;
	UPDATE jurisdictions SET boundary = geom::geography,
	    catalog_changed = now()
	WHERE id = p_jur;
	UPDATE cache_versions SET version = version + 1, changed_at = now()
	WHERE name = 'catalog';
	km2 := ST_Area(geom::geography) / 1e6;
	INSERT INTO audit_log (staff_id, action, target, address, detail)
	VALUES (p_staff, 'boundary.import', p_jur, p_address,
	    jsonb_build_object('source_epsg', p_srid, 'km2_before',
		round(before::numeric, 1), 'km2_after', round(km2::numeric, 1)));
	RETURN QUERY SELECT 'ok', km2, NULL::text;
END
$$;
