-- POST /requests: the whole submission in one transaction (o311_submit,
-- through o311_submit_lang, which records the reporter's language).
-- Params: $1 key id, $2 idempotency key, $3 jurisdiction, $4 service,
-- $5 test, $6 lat, $7 long, $8 address, $9 address id, $10 zipcode,
-- $11 description, $12 attributes (JSON), $13 media ids, $14 media URLs
-- (text arrays), $15 channel, $16 email, $17 phone, $18 first name,
-- $19 last name, $20 device id, $21 account id, $22 duplicate-check lock
-- keys (bigint array), $23 normalised address, $24 e-mail consent,
-- $25 the reporter's language (NULL: not given)
-- Result: outcome, request id, token, service notice, account id,
-- replayed, parent id
SELECT outcome, request_id, token, service_notice, account_id, replayed,
    parent_id
FROM o311_submit_lang($1::bigint, $2, $3, $4, $5::boolean, $6::float8,
    $7::float8, $8, $9, $10, $11, $12::jsonb, $13::text[], $14::text[], $15,
    $16, $17, $18, $19, $20, $21, $22::bigint[], $23, $24::boolean,
    $25)
