-- 0017: a destination's test-send. An outbox event 'destination.test'
-- belongs to no request (request_id NULL, destination_id set): a
-- webhook gets it signed like every event, its body saying it is a test;
-- an upstream Open311 server is asked for its service list instead (no
-- request is made there). It is tried once: a failure makes it dead at
-- once with its error (outbox_done.sql), which the console shows as the
-- destination's last test.

ALTER TABLE outbox DROP CONSTRAINT outbox_event_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_event_check
    CHECK (event IN ('request.created', 'request.updated', 'email',
    'staff.password', 'destination.test'));
ALTER TABLE outbox DROP CONSTRAINT outbox_owner_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_owner_check
    CHECK ((request_id IS NOT NULL) <> (
	(event = 'staff.password' AND staff_id IS NOT NULL
	    AND destination_id IS NULL) OR
	(event = 'destination.test' AND staff_id IS NULL
	    AND destination_id IS NOT NULL)));

-- Queues a test of active destination p_dest for staff member p_staff
-- (an admin of its jurisdiction; NULL: the command line, any
-- destination) from p_address; audited as 'destination.test'. Returns
-- the outbox event's id, or NULL when there is no such destination the
-- account may test.
CREATE FUNCTION destination_test(p_staff bigint, p_dest bigint,
    p_address text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	jurs	text[];
	d	destinations;
	ev	bigint;
BEGIN
	IF p_staff IS NOT NULL THEN
		SELECT console_scope(s.id) INTO jurs FROM staff s
		WHERE s.id = p_staff AND s.active AND s.role = 'admin';
		IF NOT FOUND THEN
			RETURN NULL;
		END IF;
	END IF;
	SELECT * INTO d FROM destinations x
	WHERE x.id = p_dest AND x.active
	    AND (jurs IS NULL OR x.jurisdiction_id = ANY (jurs));
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	INSERT INTO outbox (request_id, destination_id, seq, event, payload)
	VALUES (NULL, d.id, 1, 'destination.test', jsonb_build_object(
	    'event', 'destination.test', 'test', true,
	    'destination_id', d.id::text,
	    'jurisdiction_id', d.jurisdiction_id,
	    'message', 'A test from the open311d gateway: nothing to do.',
	    'sent_at', now()))
	RETURNING id INTO ev;
	INSERT INTO audit_log (staff_id, action, target, address, detail)
	VALUES (p_staff, 'destination.test', d.id::text, p_address,
	    jsonb_build_object('event', ev, 'kind', d.kind));
	RETURN ev;
END
$$;
