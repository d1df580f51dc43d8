-- The outbox deliverer: takes up to $1 events that are due, whose
-- earlier events for the same request and destination are delivered
-- (order per request is kept), leasing them to $4 for $2 seconds (longer
-- than a delivery may take) so no other worker or node sends them
-- meanwhile.
-- E-mails (a reporter's, a staff member's, a mailto destination's) are
-- left to nodes that can send them ($3), and an event of a
-- removed destination is never sent (removing one skips its events; a
-- lease taken just before is caught here).
-- Params: $1 limit, $2 lease in seconds, $3 whether to take e-mails,
-- $4 the lease owner (host:pid:start of this worker)
-- Result: id, request id, seq, event, idempotency key, body (JSON),
-- attempt, destination kind ('email' for none), url, secret, upstream
-- jurisdiction, upstream id of the request, when the event was made
-- (seconds since the epoch)
-- Columns: id, request_id, seq, event, idem, body, attempt, kind,
-- url, secret, upjur, upstream_id, created
WITH due AS (
	SELECT o.id FROM outbox o
	WHERE o.state = 'pending' AND o.next_attempt_at <= now()
	    AND (o.lease_until IS NULL OR o.lease_until < now())
	    AND (o.destination_id IS NOT NULL OR $3::boolean)
	    AND (o.destination_id IS NULL OR EXISTS (SELECT 1
		FROM destinations d WHERE d.id = o.destination_id
		    AND d.active AND (d.kind <> 'mailto' OR $3::boolean)))
	    AND NOT EXISTS (SELECT 1 FROM outbox p
		WHERE p.request_id = o.request_id
		    AND coalesce(p.destination_id, 0) =
			coalesce(o.destination_id, 0)
		    AND p.seq < o.seq AND p.state NOT IN ('delivered', 'skipped'))
	ORDER BY o.next_attempt_at, o.id
	LIMIT $1::integer
	FOR UPDATE SKIP LOCKED
)
UPDATE outbox o SET lease_until = now() + make_interval(secs => $2::integer),
    lease_owner = $4, attempts = o.attempts + 1
FROM due WHERE o.id = due.id
RETURNING o.id, o.request_id, o.seq, o.event, o.idempotency_key,
    (o.payload || jsonb_build_object('sequence', o.seq,
	'idempotency_key', o.idempotency_key))::text,
    o.attempts,
    coalesce((SELECT d.kind FROM destinations d
	WHERE d.id = o.destination_id), 'email'),
    (SELECT d.url FROM destinations d WHERE d.id = o.destination_id),
    (SELECT d.secret FROM destinations d WHERE d.id = o.destination_id),
    (SELECT d.upstream_jurisdiction FROM destinations d
	WHERE d.id = o.destination_id),
    (SELECT r.upstream_id FROM requests r WHERE r.id = o.request_id),
    extract(epoch FROM o.created_at)::bigint
