-- GET /requests/{id}. A request of a private service (migrations/
-- 0010_private_services.sql) only for its reporter, by the token of the
-- submission or of the reporter's e-mails, and for a back-office key of
-- its jurisdiction.
-- Params: $1 id, $2 test, $3 the caller has a back-office key, $4 the
-- key's jurisdictions (text array, NULL for all), $5 the reporter's
-- token (NULL: none given)
-- Result: one request_all row, or none
SELECT p.* FROM request_all p
WHERE p.id = $1::bigint AND p.test = $2::boolean
    AND (NOT p.private
	OR ($3::boolean AND ($4::text[] IS NULL OR
	    p.jurisdiction_id = ANY ($4::text[])))
	OR ($5::text IS NOT NULL AND EXISTS (SELECT 1 FROM requests r
	    LEFT JOIN request_contacts c ON c.request_id = r.id
	    WHERE r.id = p.id AND (r.token = $5 OR c.token = $5))))
