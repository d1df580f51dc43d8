-- GET /console/api/requests/{id}: one request of the staff member's
-- jurisdictions with its whole history (internal notes too, and who
-- made each change), its duplicates, the reporter's contact, and the
-- requests within 300 m that are open or closed in the last 7 days (the
-- candidates for linking, nearest first, at most 30; an index scan of
-- requests_location). Each view is audited, since it shows personal
-- data.
-- Params: $1 account id, $2 request id, $3 the client's address
-- Result: the request as JSON; no row when it is not in the scope
WITH r AS (
	SELECT r.* FROM requests r
	WHERE r.id = $2::bigint AND console_sees($1::bigint, r.id)
), a AS (
	INSERT INTO audit_log (staff_id, action, request_id, address, detail)
	SELECT $1::bigint, 'request.view', r.id, $3,
	    jsonb_build_object('contact', EXISTS (SELECT 1
		FROM request_contacts c WHERE c.request_id = r.id))
	FROM r
)
SELECT json_build_object(
    'id', r.id::text, 'jurisdiction_id', r.jurisdiction_id,
    'service_code', r.service_code, 'service_name', sv.name,
    'status', r.status, 'detailed_status', r.detailed_status,
    'status_notes', r.status_notes, 'description', r.description,
    'agency', r.agency, 'address', r.address, 'zipcode', r.zipcode,
    'lat', round(ST_Y(r.location::geometry)::numeric, 6),
    'long', round(ST_X(r.location::geometry)::numeric, 6),
    'media_ids', r.media_ids, 'media_urls', r.media_urls,
    'attributes', r.attributes, 'channel', r.channel,
    'requested', r.requested_at, 'updated', r.updated_at,
    'expected', r.expected_at, 'closed', r.closed_at,
    'due', r.requested_at + make_interval(hours => sv.sla_hours),
    'escalated', r.escalated, 'reopen_count', r.reopen_count,
    'parent_id', r.parent_id::text, 'duplicate_count', r.duplicate_count,
    'duplicates', (SELECT coalesce(json_agg(json_build_object(
	'id', d.id::text, 'status', d.status,
	'requested', d.requested_at) ORDER BY d.id), '[]')
	FROM requests d WHERE d.parent_id = r.id
	    AND console_sees($1::bigint, d.id)),
    'nearby', (SELECT coalesce(json_agg(json_build_object(
	'id', n.id::text, 'service_name', ns.name, 'status', n.status,
	'parent_id', n.parent_id::text,
	'duplicate_count', n.duplicate_count, 'requested', n.requested_at,
	'lat', round(ST_Y(n.location::geometry)::numeric, 6),
	'long', round(ST_X(n.location::geometry)::numeric, 6),
	'distance_m', n.d) ORDER BY n.d), '[]')
	FROM (SELECT n.*, round(ST_Distance(n.location, r.location)) AS d
	    FROM requests n
	    WHERE ST_DWithin(n.location, r.location, 300) AND n.id <> r.id
		AND n.test = r.test
		AND (n.status = 'open' OR n.closed_at > now() - interval '7 days')
		AND console_sees($1::bigint, n.id)
	    ORDER BY n.location <-> r.location LIMIT 30) n
	JOIN services ns ON ns.jurisdiction_id = n.jurisdiction_id
	    AND ns.code = n.service_code),
    'contact', (SELECT json_build_object('email', c.email,
	'phone', c.phone, 'first_name', c.first_name,
	'last_name', c.last_name, 'notify', c.notify,
	'unsubscribed', c.unsubscribed_at IS NOT NULL)
	FROM request_contacts c WHERE c.request_id = r.id),
    'history', (SELECT coalesce(json_agg(json_build_object(
	'id', u.id::text, 'kind', u.kind, 'status', u.status,
	'detailed_status', u.detailed_status,
	'description', u.description, 'public', u.public,
	'by', CASE WHEN st.id IS NOT NULL THEN st.name
	    WHEN k.id IS NOT NULL THEN 'key ' || k.name
	    WHEN u.kind IN ('comment', 'reopen') THEN 'reporter'
	    ELSE 'gateway' END,
	'staff_id', u.staff_id::text,
	'at', u.occurred_at) ORDER BY u.id), '[]')
	FROM request_updates u
	LEFT JOIN staff st ON st.id = u.staff_id
	LEFT JOIN api_keys k ON k.id = u.api_key_id
	WHERE u.request_id = r.id))::text
FROM r
JOIN services sv ON sv.jurisdiction_id = r.jurisdiction_id
    AND sv.code = r.service_code
