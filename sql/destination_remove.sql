-- Stops sending to a destination: its undelivered events are skipped
-- (kept for the record, never sent).
-- Params: $1 id
-- Result: id, or no row
WITH d AS (
	UPDATE destinations SET active = false
	WHERE id = $1::bigint AND active
	RETURNING id
), s AS (
	UPDATE outbox o SET state = 'skipped', lease_until = NULL,
	    last_error = 'the destination was removed'
	FROM d WHERE o.destination_id = d.id AND o.state IN ('pending', 'dead')
)
SELECT id::text FROM d
