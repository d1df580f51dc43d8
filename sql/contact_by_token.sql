-- The feedback and unsubscribe pages: whose token this is.
-- Params: $1 token
-- Result: request id, service name, unsubscribed, the status of the
-- report's group (its own, or that of the report it duplicates)
SELECT c.request_id::text, s.name, c.unsubscribed_at IS NOT NULL,
    g.status
FROM request_contacts c
JOIN requests r ON r.id = c.request_id
JOIN requests g ON g.id = coalesce(r.parent_id, r.id)
JOIN services s ON s.jurisdiction_id = r.jurisdiction_id
    AND s.code = r.service_code
WHERE c.token = $1
