-- Stops sending to a destination; its events stay for the record.
-- Params: $1 id
-- Result: id, or no row
UPDATE destinations SET active = false WHERE id = $1::bigint AND active
RETURNING id::text
