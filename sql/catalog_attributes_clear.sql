-- Catalog import: removes the jurisdiction's attributes (and, by cascade,
-- their values) before the new ones are inserted.
-- Params: $1 jurisdiction id
DELETE FROM service_attributes WHERE jurisdiction_id = $1
