-- GET /console/api/outbox: for admins, the backlog per destination and
-- state with the oldest pending event, and the latest dead letters with
-- their last error, of the requests in the admin's jurisdictions and of
-- the password links mailed to the staff accounts scoped within them
-- (destination 'email', no request_id, staff_id and staff_email set);
-- a destination's tests are on the destinations' list instead.
-- Params: $1 account id, $2 how many dead letters
-- Result: JSON; no row when the account is not an admin
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
), o AS (
	SELECT o.*, s.email AS staff_email FROM me, outbox o
	LEFT JOIN requests r ON r.id = o.request_id
	LEFT JOIN staff s ON s.id = o.staff_id
	WHERE o.event <> 'destination.test' AND (me.jurs IS NULL
	    OR r.jurisdiction_id = ANY (me.jurs)
	    OR (s.jurisdictions IS NOT NULL AND s.jurisdictions <@ me.jurs))
)
SELECT json_build_object(
    'backlog', (SELECT coalesce(json_agg(json_build_object(
	'destination', x.d, 'state', x.state, 'count', x.n,
	'oldest_pending_seconds', x.oldest) ORDER BY x.d, x.state), '[]')
	FROM (SELECT coalesce(o.destination_id::text, 'email') AS d, o.state,
	    count(*) AS n, coalesce(extract(epoch FROM now() -
		min(o.created_at) FILTER (WHERE o.state = 'pending')),
		0)::bigint AS oldest
	    FROM o WHERE o.state <> 'delivered'
		OR o.delivered_at > now() - interval '1 day'
	    GROUP BY 1, 2) x),
    'dead', (SELECT coalesce(json_agg(json_build_object('id', d.id::text,
	'request_id', d.request_id::text, 'staff_id', d.staff_id::text,
	'staff_email', d.staff_email,
	'destination', coalesce(d.destination_id::text, 'email'),
	'event', d.event, 'attempts', d.attempts,
	'last_error', d.last_error, 'created', d.created_at)
	ORDER BY d.id DESC), '[]')
	FROM (SELECT * FROM o WHERE o.state = 'dead' ORDER BY o.id DESC
	    LIMIT $2::integer) d))::text
FROM me
