-- GET /metrics: the outbox backlog, from the partial indexes on pending
-- and dead events (never a scan of delivered ones). E-mails are counted
-- apart: they wait for a node with smtp_url.
-- Result: pending events for destinations, pending e-mails, dead
-- events, age in seconds of the oldest pending destination event
SELECT count(*) FILTER (WHERE destination_id IS NOT NULL),
    count(*) FILTER (WHERE destination_id IS NULL),
    (SELECT count(*) FROM outbox WHERE state = 'dead'),
    coalesce(extract(epoch FROM now() - min(created_at)
	FILTER (WHERE destination_id IS NOT NULL))::bigint, 0)
FROM outbox WHERE state = 'pending'
