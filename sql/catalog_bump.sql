-- Catalog import: records the change so discovery's changeset moves and
-- every worker reloads its cache.
-- Params: $1 jurisdiction id
-- Result: the new catalog version
-- Columns: version
WITH j AS (
	UPDATE jurisdictions SET catalog_changed = now() WHERE id = $1
	RETURNING id
)
UPDATE cache_versions SET version = version + 1, changed_at = now()
WHERE name = 'catalog' AND EXISTS (SELECT 1 FROM j)
RETURNING version
