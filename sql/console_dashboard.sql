-- GET /console/api/dashboard: for supervisors and admins, staff-only
-- measures of their jurisdictions: the open backlog by agency, the
-- oldest open request, SLA breaches this week (requests whose due time
-- passed in the last 7 days while open), reopen rate by agency (of the
-- requests ever closed).
-- Params: $1 account id
-- Result: JSON; no row for an agent or an unknown account
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active
	    AND s.role IN ('supervisor', 'admin')
), r AS (
	SELECT r.id, r.agency, r.status, r.requested_at, r.closed_at,
	    r.reopen_count,
	    r.requested_at + make_interval(hours => sv.sla_hours) AS due
	FROM me, requests r
	JOIN services sv ON sv.jurisdiction_id = r.jurisdiction_id
	    AND sv.code = r.service_code
	WHERE NOT r.test AND (me.jurs IS NULL OR
	    r.jurisdiction_id = ANY (me.jurs))
)
SELECT json_build_object(
    'backlog_by_agency', (SELECT coalesce(json_object_agg(x.k, x.n), '{}')
	FROM (SELECT coalesce(r.agency, '') AS k, count(*) AS n FROM r
	    WHERE r.status = 'open' GROUP BY 1) x),
    'oldest_open', (SELECT json_build_object('id', r.id::text,
	'requested', r.requested_at) FROM r WHERE r.status = 'open'
	ORDER BY r.requested_at, r.id LIMIT 1),
    'breaches_this_week', (SELECT count(*) FROM r
	WHERE r.due BETWEEN now() - interval '7 days' AND now()
	    AND (r.status = 'open' OR r.closed_at > r.due)),
    'reopen_rate_by_agency', (SELECT coalesce(json_object_agg(x.k, x.rate),
	'{}') FROM (SELECT coalesce(r.agency, '') AS k,
	    round(avg((r.reopen_count > 0)::integer), 3) AS rate
	    FROM r WHERE r.closed_at IS NOT NULL OR r.reopen_count > 0
	    GROUP BY 1) x))::text
FROM me
