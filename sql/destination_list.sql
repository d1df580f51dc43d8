-- The destinations (secrets never shown).
-- Result: id, jurisdiction, service, kind, URL, upstream jurisdiction,
-- dead_after in seconds, active, pending events, dead events
SELECT d.id::text, d.jurisdiction_id, d.service_code, d.kind, d.url,
    d.upstream_jurisdiction, extract(epoch FROM d.dead_after)::bigint,
    d.active,
    (SELECT count(*) FROM outbox o WHERE o.destination_id = d.id
	AND o.state = 'pending'),
    (SELECT count(*) FROM outbox o WHERE o.destination_id = d.id
	AND o.state = 'dead')
FROM destinations d ORDER BY d.id
