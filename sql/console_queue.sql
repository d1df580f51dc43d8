-- GET /console/api/queue: the requests of the staff member's
-- jurisdictions that match the filters, oldest first, a page after a
-- given id (keyset), with counts over every match.
-- Params: $1 account id, $2 jurisdiction, $3 service code, $4 agency,
-- $5 statuses (text array: {open}, {closed} or {open,closed}; the
-- covering index requests_queue serves it), $6 minimum age in seconds,
-- $7 SLA ('breached', 'due_soon': due within a day), $8 escalated or
-- reopened only (boolean), $9 the last id of the previous page, $10 page
-- size (each filter NULL: not applied)
-- Result: the page and counts as JSON
WITH s AS MATERIALIZED (
	SELECT console_scope($1::bigint) AS jurs
), sla AS MATERIALIZED (
	SELECT jsonb_object_agg(x.jurisdiction_id || ' ' || x.code,
	    x.sla_hours) AS hours
	FROM services x
), q AS MATERIALIZED (
	SELECT r.id, r.status, r.service_code, r.agency,
	    r.requested_at + make_interval(hours => sv.sla_hours) AS due
	FROM s, sla, requests r, LATERAL (SELECT (sla.hours ->>
	    (r.jurisdiction_id || ' ' || r.service_code))::integer
	    AS sla_hours) sv
	WHERE (s.jurs IS NULL OR r.jurisdiction_id = ANY (s.jurs))
	    AND NOT r.test
	    AND ($2::text IS NULL OR r.jurisdiction_id = $2)
	    AND ($3::text IS NULL OR r.service_code = $3)
	    AND ($4::text IS NULL OR r.agency = $4)
	    AND r.status = ANY ($5::text[])
	    AND ($6::integer IS NULL OR
		r.requested_at < now() - make_interval(secs => $6::integer))
	    AND ($7::text IS NULL OR (r.status = 'open' AND CASE $7
		WHEN 'breached' THEN r.requested_at +
		    make_interval(hours => sv.sla_hours) < now()
		WHEN 'due_soon' THEN r.requested_at +
		    make_interval(hours => sv.sla_hours)
		    BETWEEN now() AND now() + interval '1 day'
		ELSE false END))
	    AND ($8::boolean IS NULL OR NOT $8::boolean OR r.escalated
		OR r.reopen_count > 0)
), ids AS (
	SELECT q.id, q.due FROM q WHERE $9::bigint IS NULL OR q.id > $9::bigint
	ORDER BY q.id LIMIT $10::integer
), page AS (
	SELECT r.id, r.jurisdiction_id, r.service_code, sv.name AS service,
	    r.status, r.detailed_status, r.agency, r.address,
	    r.escalated, r.reopen_count, r.duplicate_count, r.parent_id,
	    r.requested_at, r.expected_at, i.due,
	    round(ST_Y(r.location::geometry)::numeric, 6) AS lat,
	    round(ST_X(r.location::geometry)::numeric, 6) AS long
	FROM ids i JOIN requests r ON r.id = i.id
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
	ORDER BY p.id), '[]') FROM page p),
    'next', (SELECT CASE WHEN count(*) = $10::integer
	THEN max(i.id)::text END FROM ids i))::text
