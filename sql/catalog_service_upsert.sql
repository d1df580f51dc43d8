-- Catalog import: one service.
-- Params: $1 jurisdiction, $2 code, $3 name, $4 description, $5 group,
-- $6 keywords, $7 type, $8 agency, $9 service notice, $10 SLA hours
-- (NULL for none), $11 duplicate radius m, $12 duplicate window h,
-- $13 duplicate mode, $14 duplicate group (NULL for none), $15 active,
-- $16 position in the file, $17 private (its requests are never public),
-- $18 translations (JSON, NULL for none)
INSERT INTO services (jurisdiction_id, code, name, description, group_name,
    keywords, type, agency, service_notice, sla_hours, dup_radius_m,
    dup_window_h, dup_mode, dup_group, active, position, private,
    translations)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::integer, $11::integer,
    $12::integer, $13, $14, $15::boolean, $16::integer, $17::boolean,
    $18::jsonb)
ON CONFLICT (jurisdiction_id, code) DO UPDATE SET
    name = EXCLUDED.name, description = EXCLUDED.description,
    group_name = EXCLUDED.group_name, keywords = EXCLUDED.keywords,
    type = EXCLUDED.type, agency = EXCLUDED.agency,
    service_notice = EXCLUDED.service_notice,
    sla_hours = EXCLUDED.sla_hours, dup_radius_m = EXCLUDED.dup_radius_m,
    dup_window_h = EXCLUDED.dup_window_h, dup_mode = EXCLUDED.dup_mode,
    dup_group = EXCLUDED.dup_group, active = EXCLUDED.active,
    position = EXCLUDED.position, private = EXCLUDED.private,
    translations = EXCLUDED.translations
