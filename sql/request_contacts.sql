-- The personal data of requests, for a back-office key of their
-- jurisdiction only: one row for every request the key covers, with
-- NULLs where the reporter gave nothing.
-- Params: $1 request ids (bigint array), $2 jurisdictions the key covers
-- (text array, NULL for all)
-- Result: request id, email, phone, first name, last name, device id,
-- account id
-- Columns: request_id, email, phone, first_name, last_name,
-- device_id, account_id
SELECT r.id::text, c.email, c.phone, c.first_name, c.last_name,
    c.device_id, c.account_id
FROM requests r LEFT JOIN request_contacts c ON c.request_id = r.id
WHERE r.id = ANY ($1::bigint[])
    AND ($2::text[] IS NULL OR r.jurisdiction_id = ANY ($2::text[]))
