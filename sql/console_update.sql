-- POST /console/api/requests/{id}/update: a staff member's change,
-- applied by o311_update (through console_update) as the API's are.
-- Params: $1 request id, $2 account id, $3 the client's update id,
-- $4 extended status in lower case (NULL: none), $5 external status
-- code, $6 description, $7 media URLs (text array), $8 when it happened
-- (seconds since the epoch), $9 public, $10 the client's address,
-- $11 a further restriction to jurisdictions (text array, NULL: none),
-- $12 status notes, $13 expected time (seconds since the epoch, NULL:
-- unchanged), $14 new agency (NULL: no transfer)
-- Result: outcome, update id, replayed, applied
SELECT outcome, update_id, replayed, applied
FROM console_update($1::bigint, $2::bigint, $3, $4, $5, $6, $7::text[],
    to_timestamp($8::float8), $9::boolean, $10, $11::text[], $12,
    to_timestamp($13::float8), $14)
