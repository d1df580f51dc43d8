-- POST /console/api/destinations/{id}/test and `open311d destinations
-- test ID`: queues a test of the destination
-- (migrations/0017_destination_test.sql).
-- Params: $1 account id (NULL: the command line), $2 destination id, $3
-- the client's address
-- Result: the outbox event's id; no row when not allowed
-- Columns: id
SELECT t.id::text FROM (SELECT destination_test($1::bigint, $2::bigint, $3)
    AS id) t WHERE t.id IS NOT NULL
