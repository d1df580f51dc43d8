-- GET /console/api/queue: the requests of the staff member's
-- jurisdictions that match the filters, in the order asked for, a page
-- after a given request (keyset on the sort key, then the id), with
-- counts over every match.
-- Params: $1 account id, $2 jurisdiction, $3 service code, $4 agency,
-- $5 statuses (text array: {open}, {closed} or {open,closed}; the
-- covering index requests_queue serves it), $6 minimum age in seconds,
-- $7 SLA ('breached', 'due_soon': due within a day), $8 escalated or
-- reopened only (boolean), $9 the last id of the previous page, $10 page
-- size, $11 minimum duplicate count, $12 order (requested, service,
-- agency, status, due, duplicates: console_queue_key()), $13 descending
-- (boolean) (each filter NULL: not applied). Requests without a key
-- (no agency, no SLA) come last either way.
-- Result: the page and counts as JSON
WITH s AS MATERIALIZED (
	SELECT console_scope($1::bigint) AS jurs
), svc AS MATERIALIZED (
	SELECT jsonb_object_agg(x.jurisdiction_id || ' ' || x.code,
	    jsonb_build_array(x.sla_hours, x.name)) AS m
	FROM services x
), q AS MATERIALIZED (
	SELECT r.id, r.status, r.service_code, r.agency, d.due,
	    (k.k IS NULL)::integer AS kn, coalesce(k.k, '') AS k
	FROM s, svc, requests r,
	    LATERAL (SELECT svc.m -> (r.jurisdiction_id || ' ' ||
		r.service_code) AS v) sv,
	    LATERAL (SELECT r.requested_at + make_interval(hours =>
		(sv.v ->> 0)::integer) AS due) d,
	    LATERAL (SELECT console_queue_key($12, sv.v ->> 1, r.agency,
		r.detailed_status, d.due, r.duplicate_count) AS k) k
	WHERE (s.jurs IS NULL OR r.jurisdiction_id = ANY (s.jurs))
	    AND NOT r.test
	    AND ($2::text IS NULL OR r.jurisdiction_id = $2)
	    AND ($3::text IS NULL OR r.service_code = $3)
	    AND ($4::text IS NULL OR r.agency = $4)
	    AND r.status = ANY ($5::text[])
	    AND ($6::integer IS NULL OR
		r.requested_at < now() - make_interval(secs => $6::integer))
	    AND ($7::text IS NULL OR (r.status = 'open' AND CASE $7
		WHEN 'breached' THEN d.due < now()
		WHEN 'due_soon' THEN d.due
		    BETWEEN now() AND now() + interval '1 day'
		ELSE false END))
	    AND ($8::boolean IS NULL OR NOT $8::boolean OR r.escalated
		OR r.reopen_count > 0)
	    AND ($11::integer IS NULL OR r.duplicate_count >= $11::integer)
), cur AS MATERIALIZED (
	-- the key of the previous page's last request, if it is one of mine
	SELECT (k.k IS NULL)::integer AS kn, coalesce(k.k, '') AS k
	FROM s, requests r
	LEFT JOIN services sv ON sv.jurisdiction_id = r.jurisdiction_id
	    AND sv.code = r.service_code,
	    LATERAL (SELECT console_queue_key($12, sv.name, r.agency,
		r.detailed_status, r.requested_at +
		make_interval(hours => sv.sla_hours), r.duplicate_count) AS k) k
	WHERE r.id = $9::bigint
	    AND (s.jurs IS NULL OR r.jurisdiction_id = ANY (s.jurs))
), ids AS MATERIALIZED (
	SELECT q.id, q.due, q.kn, q.k
	FROM q
	LEFT JOIN cur ON true
	WHERE $9::bigint IS NULL OR q.kn > coalesce(cur.kn, 0) OR
	    q.kn = coalesce(cur.kn, 0) AND CASE WHEN $13::boolean
	    THEN (q.k, q.id) < (coalesce(cur.k, ''), $9::bigint)
	    ELSE (q.k, q.id) > (coalesce(cur.k, ''), $9::bigint) END
	ORDER BY q.kn, CASE WHEN $13::boolean THEN q.k END DESC,
	    CASE WHEN $13::boolean THEN q.id END DESC, q.k, q.id
	LIMIT $10::integer
), ranked AS (
	-- the same order as ids', now over the page only
	SELECT i.id, i.due, row_number() OVER (ORDER BY i.kn,
	    CASE WHEN $13::boolean THEN i.k END DESC,
	    CASE WHEN $13::boolean THEN i.id END DESC, i.k, i.id) AS n
	FROM ids i
), page AS (
	SELECT i.n, r.id, r.jurisdiction_id, r.service_code, sv.name AS service,
	    r.status, r.detailed_status, r.agency, r.address,
	    r.escalated, r.reopen_count, r.duplicate_count, r.parent_id,
	    r.requested_at, r.expected_at, i.due,
	    round(ST_Y(r.location::geometry)::numeric, 6) AS lat,
	    round(ST_X(r.location::geometry)::numeric, 6) AS long
	FROM ranked i JOIN requests r ON r.id = i.id
	JOIN services sv ON sv.jurisdiction_id = r.jurisdiction_id
	    AND sv.code = r.service_code
)
SELECT json_build_object(
    'total', (SELECT count(*) FROM q),
    'breached', (SELECT count(*) FROM q WHERE q.status = 'open'
	AND q.due < now()),
    'by_status', (SELECT coalesce(json_object_agg(x.k, x.n), '{}')
	FROM (SELECT q.status AS k, count(*) AS n FROM q GROUP BY 1) x),
    'by_service', (SELECT coalesce(json_object_agg(x.k, x.n), '{}')
	FROM (SELECT q.service_code AS k, count(*) AS n FROM q GROUP BY 1) x),
    'by_agency', (SELECT coalesce(json_object_agg(x.k, x.n), '{}')
	FROM (SELECT coalesce(q.agency, '') AS k, count(*) AS n FROM q
	    GROUP BY 1) x),
    'requests', (SELECT coalesce(json_agg(json_build_object(
	'id', p.id::text, 'jurisdiction_id', p.jurisdiction_id,
	'service_code', p.service_code, 'service_name', p.service,
	'status', p.status, 'detailed_status', p.detailed_status,
	'agency', p.agency, 'address', p.address, 'lat', p.lat,
	'long', p.long, 'escalated', p.escalated,
	'reopen_count', p.reopen_count,
	'duplicate_count', p.duplicate_count,
	'parent_id', p.parent_id::text,
	'age_seconds', extract(epoch FROM now() - p.requested_at)::bigint,
	'requested', p.requested_at, 'expected', p.expected_at,
	'due', p.due,
	'breached', p.status = 'open' AND p.due < now())
	ORDER BY p.n), '[]') FROM page p),
    'next', (SELECT CASE WHEN count(*) = $10::integer
	THEN (array_agg(i.id ORDER BY i.n DESC))[1]::text END FROM ranked i))::text
