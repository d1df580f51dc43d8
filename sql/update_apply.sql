-- POST /servicerequestupdates and the admin update: one update applied
-- in the request's transaction (o311_update).
-- Params: $1 request id, $2 key id (NULL: an upstream server), $3 the
-- client's update id, $4 extended status in lower case (NULL: none),
-- $5 external status code, $6 description, $7 media URLs (text array),
-- $8 when it happened (seconds since the epoch), $9 public, $10 a
-- reporter's comment, $11 jurisdictions the key covers (text array, NULL
-- for all), $12 status notes, $13 expected time (seconds since the
-- epoch, NULL: unchanged), $14 new agency (NULL: no transfer)
-- Result: outcome, update id, replayed, applied
SELECT outcome, update_id, replayed, applied
FROM o311_update($1::bigint, $2::bigint, $3, $4, $5, $6, $7::text[],
    to_timestamp($8::float8), $9::boolean, $10::boolean, $11::text[], $12,
    to_timestamp($13::float8), $14)
