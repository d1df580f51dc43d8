-- The retention timer: erases the personal data of up to 10,000
-- requests closed more than $1 days ago (migrations/0006_retention.sql).
-- Params: $1 retention_days
-- Result: how many requests were erased
SELECT count(*) FROM o311_purge($1::integer, 10000, false)
