-- The feedback and unsubscribe pages: whose token this is.
-- Params: $1 token
-- Result: request id, service name, unsubscribed
SELECT c.request_id::text, s.name, c.unsubscribed_at IS NOT NULL
FROM request_contacts c
JOIN requests r ON r.id = c.request_id
JOIN services s ON s.jurisdiction_id = r.jurisdiction_id
    AND s.code = r.service_code
WHERE c.token = $1
