-- Catalog import: marks every service of the jurisdiction inactive; the
-- services in the new file are upserted active again afterwards. Their
-- translations keep their names but lose their attribute texts, as the
-- attributes themselves are removed (catalog_attributes_clear.sql).
-- Params: $1 jurisdiction id
UPDATE services SET active = false,
    translations = (SELECT jsonb_object_agg(e.key, e.value - 'attributes')
	FROM jsonb_each(translations) e)
WHERE jurisdiction_id = $1
