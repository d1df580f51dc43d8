-- `open311d catalog import`: a validated catalog replaces the
-- jurisdiction's (migrations/0016_catalog_import.sql).
-- Params: $1 jurisdiction id, $2 name ('' keeps the current name), $3 the
-- services (JSON, app/formats/catalog_import.h)
-- Result: the new catalog version
-- Columns: version
SELECT o311_catalog_import($1, $2, $3::jsonb) AS version
