-- 0016: a catalog import is one statement, so the command line (libpq)
-- and the console (a worker's asynchronous query) replace a
-- jurisdiction's catalog the same way. The file is validated in C first
-- (app/formats/catalog.c); p_services is that validated catalog as
-- app/formats/catalog_import.c renders it: an array of services in file
-- order, each with its attributes in order and their values.

-- Replaces the catalog of jurisdiction p_jur (created when new; p_name
-- '' keeps its name) with p_services: services absent from the file stay
-- but inactive, every attribute is replaced, the services' translations
-- are the file's. Bumps the catalog's version (every worker reloads it)
-- and returns the new version. Runs in its caller's transaction.
CREATE FUNCTION o311_catalog_import(p_jur text, p_name text,
    p_services jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	s	jsonb;
	a	jsonb;
	v	jsonb;
	pos	integer := 0;
	vpos	integer;
	version	bigint;
BEGIN
	INSERT INTO jurisdictions AS j (id, name)
	VALUES (p_jur, CASE WHEN p_name = '' THEN p_jur ELSE p_name END)
	ON CONFLICT (id) DO UPDATE
	    SET name = CASE WHEN p_name = '' THEN j.name ELSE p_name END;

	UPDATE services SET active = false,
	    translations = (SELECT jsonb_object_agg(e.key,
		e.value - 'attributes') FROM jsonb_each(translations) e)
	WHERE jurisdiction_id = p_jur;
	DELETE FROM service_attributes WHERE jurisdiction_id = p_jur;

	FOR s IN SELECT x FROM jsonb_array_elements(p_services) x LOOP
		pos := pos + 1;
		INSERT INTO services (jurisdiction_id, code, name, description,
		    group_name, keywords, type, agency, service_notice,
		    sla_hours, dup_radius_m, dup_window_h, dup_mode, dup_group,
		    active, position, private, translations)
		VALUES (p_jur, s->>'code', s->>'name', s->>'description',
		    s->>'group', s->>'keywords', s->>'type', s->>'agency',
		    s->>'notice', (s->>'sla_hours')::integer,
		    (s->>'dup_radius_m')::integer,
		    (s->>'dup_window_h')::integer, s->>'dup_mode',
		    s->>'dup_group', (s->>'active')::boolean, pos,
		    (s->>'private')::boolean, s->'translations')
		ON CONFLICT (jurisdiction_id, code) DO UPDATE SET
		    name = EXCLUDED.name, description = EXCLUDED.description,
		    group_name = EXCLUDED.group_name,
		    keywords = EXCLUDED.keywords, type = EXCLUDED.type,
		    agency = EXCLUDED.agency,
		    service_notice = EXCLUDED.service_notice,
		    sla_hours = EXCLUDED.sla_hours,
		    dup_radius_m = EXCLUDED.dup_radius_m,
		    dup_window_h = EXCLUDED.dup_window_h,
		    dup_mode = EXCLUDED.dup_mode,
		    dup_group = EXCLUDED.dup_group, active = EXCLUDED.active,
		    position = EXCLUDED.position, private = EXCLUDED.private,
		    translations = EXCLUDED.translations;

		FOR a IN SELECT x FROM jsonb_array_elements(s->'attributes') x
		LOOP
			INSERT INTO service_attributes (jurisdiction_id,
			    service_code, code, variable, datatype, required,
			    datatype_description, ord, description)
			VALUES (p_jur, s->>'code', a->>'code',
			    (a->>'variable')::boolean, a->>'datatype',
			    (a->>'required')::boolean,
			    a->>'datatype_description', (a->>'order')::integer,
			    a->>'description');
			vpos := 0;
			FOR v IN SELECT x FROM jsonb_array_elements(a->'values') x
			LOOP
				vpos := vpos + 1;
				INSERT INTO service_attribute_values
				    (jurisdiction_id, service_code,
				    attribute_code, key, name, position)
				VALUES (p_jur, s->>'code', a->>'code',
				    v->>'key', v->>'name', vpos);
			END LOOP;
		END LOOP;
	END LOOP;

	UPDATE jurisdictions SET catalog_changed = now() WHERE id = p_jur;
	UPDATE cache_versions SET version = cache_versions.version + 1,
	    changed_at = now()
	WHERE name = 'catalog'
	RETURNING cache_versions.version INTO version;
	RETURN version;
END
$$;

-- A new boundary for jurisdiction p_jur from staff member p_staff (an
-- admin of it): p_geoms, a JSON array of GeoJSON geometries in EPSG
-- p_srid (app/formats/boundary.h checked their form), united, made
-- valid, transformed to WGS 84 as `open311d jurisdiction import` does;
-- the jurisdiction's other settings are kept. Every worker reloads the
-- catalog; audited with the areas before and after. Returns outcome:
-- 'ok' (km2 the new area), 'denied' (no such jurisdiction the account
-- administers), 'crs' (PostGIS does not know p_srid), 'empty' (no area
-- left once made valid) or 'invalid' (PostGIS refused the geometries;
-- message says why).
CREATE FUNCTION console_boundary(p_staff bigint, p_jur text, p_geoms json,
    p_srid integer, p_address text)
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
		SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Transform(
		    ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(e::text), p_srid)),
		    4326)), 3)) INTO geom
		FROM json_array_elements(p_geoms) e;
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
