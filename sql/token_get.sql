-- GET /tokens/{token}.
-- Params: $1 token
-- Result: request id, accepted (the back office has it), jurisdiction
SELECT id::text, accepted_at IS NOT NULL, jurisdiction_id
FROM requests WHERE token = $1
