-- The whole catalog as the JSON document fmt_catalog_parse() reads:
-- an array of jurisdictions, each with its services, attributes and
-- values, in the catalog import format.
-- Result: version, document
-- Columns: version, document
SELECT (SELECT version FROM cache_versions WHERE name = 'catalog'),
    coalesce(json_agg(j ORDER BY j.jurisdiction_id COLLATE "C"), '[]')
FROM (
	SELECT jur.id AS jurisdiction_id, jur.name, jur.srid, jur.time_zone,
	    jur.contact, jur.key_service,
	    coalesce(ST_Area(jur.boundary), 0) AS area,
	    ST_AsGeoJSON(jur.boundary, 6)::json AS boundary,
	    to_char(jur.catalog_changed AT TIME ZONE 'UTC',
	        'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS changeset,
	    (SELECT coalesce(json_agg(s ORDER BY s.position, s.service_code COLLATE "C"),
	        '[]')
	    FROM (
		SELECT svc.code AS service_code, svc.name AS service_name,
		    svc.description, svc.group_name AS "group",
		    svc.keywords, svc.type,
		    svc.agency AS agency_responsible, svc.service_notice,
		    svc.sla_hours, svc.active, svc.private, svc.position,
		    svc.translations,
		    json_build_object('radius_m', svc.dup_radius_m,
		        'window_hours', svc.dup_window_h,
		        'mode', svc.dup_mode, 'group', svc.dup_group)
		        AS duplicates,
		    (SELECT coalesce(json_agg(a ORDER BY a."order"), '[]')
		    FROM (
			SELECT att.code, att.variable, att.datatype,
			    att.required, att.datatype_description,
			    att.ord AS "order", att.description,
			    (SELECT coalesce(json_agg(v ORDER BY v.position),
			        '[]')
			    FROM (
				SELECT val.key, val.name, val.position
				FROM service_attribute_values val
				WHERE val.jurisdiction_id = att.jurisdiction_id
				    AND val.service_code = att.service_code
				    AND val.attribute_code = att.code
			    ) v) AS values
			FROM service_attributes att
			WHERE att.jurisdiction_id = svc.jurisdiction_id
			    AND att.service_code = svc.code
		    ) a) AS attributes
		FROM services svc
		WHERE svc.jurisdiction_id = jur.id
	    ) s) AS services
	FROM jurisdictions jur
) j
