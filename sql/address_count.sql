-- `open311d addresses count`: the addresses of the gazetteer by
-- jurisdiction.
-- Result: jurisdiction id (empty when its jurisdiction was removed),
-- number of addresses
-- Columns: jurisdiction_id, n
SELECT coalesce(jurisdiction_id, ''), count(*)
FROM addresses
GROUP BY 1
ORDER BY coalesce(jurisdiction_id, '') COLLATE "C"
