-- Admin API: the backlog, per destination ('email' for
-- e-mails) and state, with the age of the oldest pending event.
-- Result: destination, state, count, oldest pending age in seconds
SELECT coalesce(o.destination_id::text, 'email'), o.state, count(*),
    coalesce(extract(epoch FROM now() - min(o.created_at)
	FILTER (WHERE o.state = 'pending')), 0)::bigint
FROM outbox o
WHERE o.state <> 'delivered' OR o.delivered_at > now() - interval '1 day'
GROUP BY 1, 2
ORDER BY 1, 2
