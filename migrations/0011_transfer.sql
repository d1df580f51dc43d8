-- 0011: a request transferred to a partner jurisdiction (Montgomery
-- County's municipalities, a report filed with the wrong city), from
-- the staff console. In one transaction the request and its duplicates
-- move, with a service the new jurisdiction offers; the history shows
-- a public transfer; the old jurisdiction's destinations are told it
-- left (request.updated) and the new one's get it as a new request
-- (request.created); its reporters are told (kind 'transfer'). The
-- statistics follow through their trigger (stats_same compares the
-- jurisdiction).

-- Staff member p_staff moves request p_request to jurisdiction p_jur,
-- as service p_service there (NULL: the same code), with the public
-- note p_note. Duplicates keep their own service where the new
-- jurisdiction has it, else take the request's. outcome: 'ok',
-- 'not_found' (outside the staff member's scope), 'duplicate' (move
-- the request it duplicates instead), 'same' (already there),
-- 'no_jurisdiction', 'no_service' (not offered there).
CREATE FUNCTION console_transfer(p_staff bigint, p_request bigint,
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
	    updated_at = now()
	WHERE c.id = r.id OR c.parent_id = r.id;

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

	INSERT INTO audit_log (staff_id, action, request_id, address, detail)
	VALUES (p_staff, 'request.transfer', r.id, p_address,
	    jsonb_build_object('update_id', uid, 'before', before,
		'after', console_state(r.id) || jsonb_build_object(
		    'jurisdiction_id', p_jur, 'service_code', svc.code)));
	RETURN QUERY SELECT 'ok'::text, uid;
END
$$;
