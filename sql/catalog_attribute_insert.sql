-- Catalog import: one attribute of a service.
-- Params: $1 jurisdiction, $2 service code, $3 code, $4 variable,
-- $5 datatype, $6 required, $7 datatype description, $8 order,
-- $9 description
INSERT INTO service_attributes (jurisdiction_id, service_code, code,
    variable, datatype, required, datatype_description, ord, description)
VALUES ($1, $2, $3, $4::boolean, $5, $6::boolean, $7, $8::integer, $9)
