-- Catalog import: marks every service of the jurisdiction inactive; the
-- services in the new file are upserted active again afterwards.
-- Params: $1 jurisdiction id
UPDATE services SET active = false WHERE jurisdiction_id = $1
