-- Admin API: sends a dead event again, with the dead events after it for
-- the same request and destination (their order is kept), with a fresh
-- count of attempts (so a fresh backoff). Not for removed destinations.
-- Params: $1 event id
-- Result: the ids requeued
UPDATE outbox o SET state = 'pending', next_attempt_at = now(),
    created_at = now(), lease_until = NULL, last_error = NULL, attempts = 0
FROM outbox d
WHERE d.id = $1::bigint AND d.state = 'dead' AND o.state = 'dead'
    AND o.request_id = d.request_id
    AND coalesce(o.destination_id, 0) = coalesce(d.destination_id, 0)
    AND o.seq >= d.seq
    AND (d.destination_id IS NULL OR EXISTS (SELECT 1 FROM destinations x
	WHERE x.id = d.destination_id AND x.active))
RETURNING o.id::text
