-- GET /requests with service_request_id: the listed requests, ignoring
-- every other filter. Requests of private services (migrations/
-- 0010_private_services.sql) only for a back-office key of their
-- jurisdiction.
-- Params: $1 ids (bigint array), $2 jurisdiction, $3 test, $4 limit, $5
-- the caller has a back-office key, $6 the key's jurisdictions (text
-- array, NULL for all)
-- Result: request_all rows, newest first
SELECT p.* FROM request_all p
WHERE p.id = ANY ($1::bigint[]) AND p.jurisdiction_id = $2
    AND p.test = $3::boolean
    AND (NOT p.private OR ($5::boolean AND ($6::text[] IS NULL OR
	p.jurisdiction_id = ANY ($6::text[]))))
ORDER BY p.requested_at DESC, p.id DESC
LIMIT $4::integer
