-- GET /console/api/audit: the audit log for admins, newest first, a page
-- before a given id, of one request or one account if asked. An admin
-- scoped to jurisdictions sees the entries about their requests and
-- their own.
-- Params: $1 account id, $2 the last id of the previous page (NULL:
-- from the newest), $3 page size, $4 request id, $5 staff account id
-- Result: the page as JSON; no row when the account is not an admin
WITH me AS (
	SELECT s.id, s.jurisdictions FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
), page AS (
	SELECT l.*, st.email FROM me, audit_log l
	LEFT JOIN staff st ON st.id = l.staff_id
	WHERE ($2::bigint IS NULL OR l.id < $2::bigint)
	    AND ($4::bigint IS NULL OR l.request_id = $4::bigint)
	    AND ($5::bigint IS NULL OR l.staff_id = $5::bigint)
	    AND (me.jurisdictions IS NULL OR l.staff_id = me.id OR
		EXISTS (SELECT 1 FROM requests r WHERE r.id = l.request_id
		    AND r.jurisdiction_id = ANY (me.jurisdictions)))
	ORDER BY l.id DESC LIMIT $3::integer
)
SELECT json_build_object('entries', (SELECT coalesce(json_agg(
    json_build_object('id', p.id::text, 'at', p.at,
	'staff_id', p.staff_id::text, 'staff', p.email, 'action', p.action,
	'request_id', p.request_id::text, 'target', p.target,
	'address', p.address, 'detail', p.detail) ORDER BY p.id DESC), '[]')
    FROM page p),
    'next', (SELECT CASE WHEN count(*) = $3::integer
	THEN min(p.id)::text END FROM page p))::text
FROM me
