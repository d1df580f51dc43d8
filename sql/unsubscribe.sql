-- Stops the e-mails to the reporter who holds this token, and drops the
-- ones still queued for them.
-- Params: $1 token
-- Result: request id, or no row for an unknown token
WITH c AS (
	UPDATE request_contacts SET notify = false,
	    unsubscribed_at = coalesce(unsubscribed_at, now())
	WHERE token = $1
	RETURNING request_id, email
), q AS (
	UPDATE outbox o SET state = 'skipped',
	    last_error = 'the reporter unsubscribed'
	FROM c
	WHERE o.destination_id IS NULL AND o.state = 'pending'
	    AND o.payload->>'to' = c.email
	    AND o.payload->>'token' = $1
)
SELECT request_id::text FROM c
