-- The outbox deliverer reports an attempt: delivered (or skipped), or
-- failed and retried later with exponential backoff, or dead once older
-- than the destination's dead_after (the e-mail default for e-mails). A
-- delivered request.created marks the request accepted (resolving a
-- batch token) and stores the id an upstream Open311 server gave it. An
-- event skipped while it was under way (its reporter unsubscribed, its
-- destination was removed) stays skipped unless it was delivered. Only
-- the lease's owner ($7) reports a failure or a skip: a worker whose
-- lease ran out and was taken over leaves the event to the new owner.
-- Params: $1 id, $2 outcome ('delivered', 'skipped', 'failed'), $3 error,
-- $4 upstream id (NULL: none), $5 first retry delay in milliseconds,
-- $6 e-mail dead_after in seconds, $7 the lease owner
-- Result: the new state
WITH o AS (
	UPDATE outbox o SET
	    state = CASE
		WHEN $2 IN ('delivered', 'skipped') THEN $2
		WHEN o.event = 'destination.test' THEN 'dead'
		WHEN o.created_at + coalesce((SELECT d.dead_after
		    FROM destinations d WHERE d.id = o.destination_id),
		    make_interval(secs => $6::integer)) < now() THEN 'dead'
		ELSE 'pending' END,
	    delivered_at = CASE WHEN $2 = 'delivered' THEN now() END,
	    last_error = CASE WHEN $2 = 'delivered' THEN NULL ELSE $3 END,
	    lease_until = NULL, lease_owner = NULL,
	    next_attempt_at = CASE WHEN $2 = 'failed'
		THEN now() + least(interval '1 hour', make_interval(secs =>
		    $5::float8 / 1000 * power(2, least(o.attempts - 1, 20))))
		ELSE o.next_attempt_at END
	WHERE o.id = $1::bigint AND ((o.state = 'pending'
	    AND o.lease_owner IS NOT DISTINCT FROM $7) OR $2 = 'delivered')
	RETURNING o.request_id, o.event, o.state, o.destination_id
), r AS (
	UPDATE requests r SET accepted_at = coalesce(r.accepted_at, now()),
	    upstream_id = coalesce($4, r.upstream_id)
	FROM o WHERE r.id = o.request_id AND o.state = 'delivered'
	    AND o.event = 'request.created' AND o.destination_id IS NOT NULL
)
SELECT state FROM o
