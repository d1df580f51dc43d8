-- The personal data of requests, for a back-office key of their
-- jurisdiction only.
-- Params: $1 request ids (bigint array), $2 jurisdictions the key covers
-- (text array, NULL for all)
-- Result: request id, email, phone, first name, last name, device id,
-- account id
SELECT c.request_id::text, c.email, c.phone, c.first_name, c.last_name,
    c.device_id, c.account_id
FROM request_contacts c JOIN requests r ON r.id = c.request_id
WHERE c.request_id = ANY ($1::bigint[])
    AND ($2::text[] IS NULL OR r.jurisdiction_id = ANY ($2::text[]))
