-- Catalog import: one value of a list attribute.
-- Params: $1 jurisdiction, $2 service code, $3 attribute code, $4 key,
-- $5 name, $6 position
INSERT INTO service_attribute_values (jurisdiction_id, service_code,
    attribute_code, key, name, position)
VALUES ($1, $2, $3, $4, $5, $6::integer)
