-- 0013: follow-ups to the transfer to a partner jurisdiction (0011):
-- the duplicates that move with a request get their own public history
-- entry, and their back offices are told as the request's are (the old
-- jurisdiction's a last request.updated, the new one's request.created);
-- the old upstream Open311 server's id is forgotten (the new one's
-- poller would look it up on the wrong server, and request.created gives
-- a new one); a request moved to a private service gets its token; the
-- reporters' e-mail names the old jurisdiction as the one that passed
-- the report on, to the new one and its agency.

-- Queues an event about a request for the active destinations of
-- jurisdiction p_jur and service p_service, which need not be the
-- request's own (a transfer tells the destinations it left). Returns
-- how many; none for /test requests.
CREATE FUNCTION o311_enqueue_to(p_request bigint, p_event text,
    p_update bigint, p_jur text, p_service text)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	n	integer;
BEGIN
	INSERT INTO outbox (request_id, destination_id, seq, event,
	    update_id, payload)
	SELECT r.id, d.id, coalesce((SELECT max(o.seq) FROM outbox o
		WHERE o.request_id = r.id AND o.destination_id = d.id), 0) + 1,
	    p_event, p_update, o311_payload(r.id, p_event, p_update)
	FROM requests r, destinations d
	WHERE r.id = p_request AND NOT r.test AND d.jurisdiction_id = p_jur
	    AND d.active
	    AND (d.service_code IS NULL OR d.service_code = p_service)
	ORDER BY d.id;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

-- console_transfer of 0011, with the duplicates told, the upstream id
-- forgotten and a private service's token.
CREATE OR REPLACE FUNCTION console_transfer(p_staff bigint, p_request bigint,
    p_jur text, p_service text, p_note text, p_address text)
RETURNS TABLE (outcome text, update_id bigint)
LANGUAGE plpgsql AS $$
DECLARE
	r	requests%ROWTYPE;
	svc	services%ROWTYPE;
	src	text;
	uid	bigint;
	before	jsonb;
	d	destinations%ROWTYPE;
	moved	bigint;
	kids	bigint[];
	ksvc	text[];
	i	integer;
	cuid	bigint;
	oname	text;
BEGIN
	IF NOT console_sees(p_staff, p_request) THEN
		RETURN QUERY SELECT 'not_found'::text, NULL::bigint;
		RETURN;
	END IF;
	SELECT * INTO r FROM requests WHERE id = p_request FOR UPDATE;
	IF r.parent_id IS NOT NULL THEN
		RETURN QUERY SELECT 'duplicate'::text, NULL::bigint;
		RETURN;
	END IF;
	IF r.jurisdiction_id = p_jur THEN
		RETURN QUERY SELECT 'same'::text, NULL::bigint;
		RETURN;
	END IF;
	SELECT j.name INTO src FROM jurisdictions j WHERE j.id = p_jur;
	IF NOT FOUND THEN
		RETURN QUERY SELECT 'no_jurisdiction'::text, NULL::bigint;
		RETURN;
	END IF;
	SELECT * INTO svc FROM services s WHERE s.jurisdiction_id = p_jur
	    AND s.code = coalesce(p_service, r.service_code) AND s.active;
	IF NOT FOUND THEN
		RETURN QUERY SELECT 'no_service'::text, NULL::bigint;
		RETURN;
	END IF;
	before := console_state(r.id) || jsonb_build_object('jurisdiction_id',
	    r.jurisdiction_id, 'service_code', r.service_code);

	INSERT INTO request_updates (request_id, kind, status,
	    detailed_status, description, public, occurred_at, staff_id)
	VALUES (r.id, 'transfer', r.status, r.detailed_status,
	    'Transferred from ' || (SELECT j.name FROM jurisdictions j
		WHERE j.id = r.jurisdiction_id) || ' to ' || src ||
	    coalesce(': ' || p_note, ''), true, now(), p_staff)
	RETURNING id INTO uid;

	-- The duplicates that follow it, with the service each had.
	SELECT array_agg(c.id ORDER BY c.id),
	    array_agg(c.service_code ORDER BY c.id) INTO kids, ksvc
	FROM requests c WHERE c.parent_id = r.id;
	SELECT j.name INTO oname FROM jurisdictions j
	    WHERE j.id = r.jurisdiction_id;

	UPDATE requests c SET jurisdiction_id = p_jur,
	    service_code = CASE WHEN c.id = r.id THEN svc.code
		WHEN EXISTS (SELECT 1 FROM services s
		    WHERE s.jurisdiction_id = p_jur AND s.code = c.service_code)
		THEN c.service_code ELSE svc.code END,
	    agency = CASE WHEN c.id = r.id THEN nullif(svc.agency, '')
		ELSE coalesce((SELECT nullif(s.agency, '') FROM services s
		    WHERE s.jurisdiction_id = p_jur
			AND s.code = c.service_code), nullif(svc.agency, ''))
		END,
	    dup_key = CASE WHEN c.id = r.id
		THEN coalesce(svc.dup_group, svc.code) ELSE c.dup_key END,
	    status_notes = CASE WHEN c.id = r.id
		THEN coalesce(p_note, c.status_notes) ELSE c.status_notes END,
	    -- The old upstream's id means nothing to the new one.
	    upstream_id = NULL,
	    updated_at = now()
	WHERE c.id = r.id OR c.parent_id = r.id;
	-- A private service's request is read with its token.
	UPDATE requests c SET token = replace(gen_random_uuid()::text, '-', '')
	WHERE (c.id = r.id OR c.parent_id = r.id) AND c.token IS NULL
	    AND EXISTS (SELECT 1 FROM services s WHERE s.jurisdiction_id = p_jur
		AND s.code = c.service_code AND s.private);

	-- Each duplicate: its own public history entry, and its back
	-- offices told as the request's are.
	FOR i IN 1 .. coalesce(cardinality(kids), 0) LOOP
		INSERT INTO request_updates (request_id, kind, status,
		    detailed_status, description, public, occurred_at,
		    staff_id)
		SELECT c.id, 'transfer', c.status, c.detailed_status,
		    'Transferred from ' || oname || ' to ' || src ||
		    ' with request ' || r.id, true, now(), p_staff
		FROM requests c WHERE c.id = kids[i]
		RETURNING id INTO cuid;
		PERFORM o311_enqueue_to(kids[i], 'request.updated', cuid,
		    r.jurisdiction_id, ksvc[i]);
		PERFORM o311_enqueue(kids[i], 'request.created', NULL);
	END LOOP;

	-- The old back offices: it left (their last event about it).
	FOR d IN SELECT * FROM destinations
	    WHERE jurisdiction_id = r.jurisdiction_id AND active
		AND (service_code IS NULL OR service_code = r.service_code)
	    ORDER BY id LOOP
		INSERT INTO outbox (request_id, destination_id, seq, event,
		    update_id, payload)
		SELECT r.id, d.id, coalesce(max(o.seq), 0) + 1,
		    'request.updated', uid,
		    o311_payload(r.id, 'request.updated', uid)
		FROM outbox o
		WHERE o.request_id = r.id AND o.destination_id = d.id;
	END LOOP;
	-- The new ones: a request of theirs from now on.
	PERFORM o311_enqueue(r.id, 'request.created', NULL);
	PERFORM o311_notify(r.id, 'transfer', uid);
	-- The e-mail says who passed it to whom: "City of Chula Vista
	-- passed your report 12 (Pothole) to City of San Diego (Streets)",
	-- not the new jurisdiction passing it to its own agency.
	UPDATE outbox o SET payload = o.payload || jsonb_build_object(
	    'jurisdiction', oname, 'agency',
	    src || coalesce(' (' || nullif(svc.agency, '') || ')', ''))
	WHERE o.update_id = uid AND o.event = 'email';

	INSERT INTO audit_log (staff_id, action, request_id, address, detail)
	VALUES (p_staff, 'request.transfer', r.id, p_address,
	    jsonb_build_object('update_id', uid, 'before', before,
		'after', console_state(r.id) || jsonb_build_object(
		    'jurisdiction_id', p_jur, 'service_code', svc.code)));
	RETURN QUERY SELECT 'ok'::text, uid;
END
$$;
