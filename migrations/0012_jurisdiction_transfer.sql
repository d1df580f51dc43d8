-- 0012: transfer of a request to another (partner) jurisdiction, for a
-- report filed with the wrong one. One function does the whole move in
-- the request's transaction (o311_transfer); console_transfer is the
-- staff member's call, scoped to the source jurisdiction and audited.

-- The audit log's state of a request now names its jurisdiction and
-- service too (a transfer changes them).
CREATE OR REPLACE FUNCTION console_state(p_request bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT jsonb_build_object('status', r.status, 'detailed_status',
	    r.detailed_status, 'agency', r.agency, 'expected_at',
	    r.expected_at, 'parent_id', r.parent_id, 'status_notes',
	    r.status_notes, 'jurisdiction_id', r.jurisdiction_id,
	    'service_code', r.service_code)
	FROM requests r WHERE r.id = p_request
$$;

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

-- Moves request p_request, and the duplicates linked under it, to
-- jurisdiction p_jur with service p_service (NULL: the same code), which
-- must be an active service there. A request that is itself a duplicate
-- is unlinked first (its parent stays where it is). The service's agency
-- becomes the request's; a private service's request gets its token.
-- The moved requests are handed to the new jurisdiction's back office
-- as new requests (request.created, the upstream id forgotten); the
-- destinations of the old one get request.updated with the transfer
-- (the request as it is now, in its new jurisdiction) and hear no more.
-- A public history entry of kind 'transfer' (p_note, else a sentence
-- naming the new jurisdiction) on each, and the reporters are e-mailed
-- (o311_notify, kind 'transfer': the old jurisdiction passed it to the
-- new one and its agency). The statistics' trigger moves the
-- request's figures to the new jurisdiction.
-- p_jurs: the jurisdictions the caller covers (of the SOURCE; NULL all).
-- outcome: 'ok', 'not_found', 'forbidden', 'no_jurisdiction', 'same'
-- (already there with that service), 'no_service' (not offered there).
CREATE FUNCTION o311_transfer(p_request bigint, p_jur text,
    p_service text, p_note text, p_jurs text[])
RETURNS TABLE (outcome text, update_id bigint, jurisdiction_id text,
    service_code text, moved integer)
LANGUAGE plpgsql AS $$
DECLARE
	r	requests%ROWTYPE;
	svc	services%ROWTYPE;
	jname	text;
	oname	text;
	note	text;
	uid	bigint;
	cuid	bigint;
	ids	bigint[];
	rid	bigint;
BEGIN
	SELECT * INTO r FROM requests q WHERE q.id = p_request FOR UPDATE;
	IF NOT FOUND THEN
		RETURN QUERY SELECT 'not_found'::text, NULL::bigint,
		    NULL::text, NULL::text, 0;
		RETURN;
	END IF;
	IF p_jurs IS NOT NULL AND r.jurisdiction_id <> ALL (p_jurs) THEN
		RETURN QUERY SELECT 'forbidden'::text, NULL::bigint,
		    NULL::text, NULL::text, 0;
		RETURN;
	END IF;
	SELECT j.name INTO oname FROM jurisdictions j
	    WHERE j.id = r.jurisdiction_id;
	SELECT j.name INTO jname FROM jurisdictions j WHERE j.id = p_jur;
	IF NOT FOUND THEN
		RETURN QUERY SELECT 'no_jurisdiction'::text, NULL::bigint,
		    NULL::text, NULL::text, 0;
		RETURN;
	END IF;
	SELECT * INTO svc FROM services s WHERE s.jurisdiction_id = p_jur
	    AND s.code = coalesce(p_service, r.service_code) AND s.active;
	IF NOT FOUND THEN
		RETURN QUERY SELECT 'no_service'::text, NULL::bigint,
		    NULL::text, NULL::text, 0;
		RETURN;
	END IF;
	IF p_jur = r.jurisdiction_id AND svc.code = r.service_code THEN
		RETURN QUERY SELECT 'same'::text, NULL::bigint, NULL::text,
		    NULL::text, 0;
		RETURN;
	END IF;

	-- Its parent stays in the old jurisdiction: unlinked first.
	IF r.parent_id IS NOT NULL THEN
		PERFORM o311_unlink_quiet(r.id);
		INSERT INTO request_updates (request_id, kind, status,
		    detailed_status, description)
		SELECT r.id, 'unlink', q.status, q.status,
		    'No longer a duplicate of request ' || r.parent_id
		FROM requests q WHERE q.id = r.id;
	END IF;

	-- The request and its duplicates, which follow it.
	SELECT array_agg(q.id ORDER BY q.id) INTO ids FROM requests q
	    WHERE q.id = r.id OR q.parent_id = r.id;
	PERFORM 1 FROM requests q WHERE q.id = ANY (ids) FOR UPDATE;

	note := coalesce(nullif(btrim(p_note), ''),
	    'Transferred to ' || jname);
	UPDATE requests q SET jurisdiction_id = p_jur,
	    service_code = svc.code, agency = nullif(svc.agency, ''),
	    dup_key = coalesce(svc.dup_group, svc.code),
	    status_notes = CASE WHEN q.id = r.id THEN note
		ELSE q.status_notes END,
	    token = CASE WHEN svc.private THEN coalesce(q.token,
		replace(gen_random_uuid()::text, '-', '')) ELSE q.token END,
	    upstream_id = NULL, state_at = greatest(q.state_at, now()),
	    updated_at = now()
	WHERE q.id = ANY (ids);

	FOREACH rid IN ARRAY ids LOOP
		INSERT INTO request_updates (request_id, kind, status,
		    detailed_status, description, public)
		SELECT q.id, 'transfer', q.status, q.detailed_status,
		    CASE WHEN q.id = r.id THEN note ELSE
			'Transferred to ' || jname || ' with request ' ||
			r.id END, true
		FROM requests q WHERE q.id = rid
		RETURNING id INTO cuid;
		IF rid = r.id THEN
			uid := cuid;
		END IF;
		-- The old back office hears it left; the new one gets it.
		PERFORM o311_enqueue_to(rid, 'request.updated', cuid,
		    r.jurisdiction_id, r.service_code);
		PERFORM o311_enqueue(rid, 'request.created', cuid);
	END LOOP;

	-- The e-mail says who passed it to whom: "City of Chula Vista
	-- passed your report 12 (Pothole) to City of San Diego (Streets)".
	IF o311_notify(r.id, 'transfer', uid) > 0 THEN
		UPDATE outbox o SET payload = o.payload ||
		    jsonb_build_object('jurisdiction', oname, 'agency',
			jname || coalesce(' (' || nullif(svc.agency, '') || ')',
			''))
		WHERE o.update_id = uid AND o.event = 'email';
	END IF;

	RETURN QUERY SELECT 'ok'::text, uid, p_jur, svc.code,
	    cardinality(ids);
END
$$;

-- A staff member's transfer to another jurisdiction: o311_transfer with
-- the staff member's scope, which must cover the request's (source)
-- jurisdiction; the target may be any jurisdiction. Recorded as made by
-- them, the state before and after in the audit log. A request outside
-- the scope is 'not_found', as if it did not exist.
CREATE FUNCTION console_transfer(p_staff bigint, p_request bigint,
    p_jur text, p_service text, p_note text, p_address text)
RETURNS TABLE (outcome text, update_id bigint, jurisdiction_id text,
    service_code text, moved integer)
LANGUAGE plpgsql AS $$
DECLARE
	res	record;
	before	jsonb;
BEGIN
	IF NOT console_sees(p_staff, p_request) THEN
		RETURN QUERY SELECT 'not_found'::text, NULL::bigint,
		    NULL::text, NULL::text, 0;
		RETURN;
	END IF;
	before := console_state(p_request);
	SELECT * INTO res FROM o311_transfer(p_request, p_jur, p_service,
	    p_note, console_scope(p_staff)) t;
	IF res.outcome = 'ok' THEN
		-- The history rows this transaction wrote for the move.
		UPDATE request_updates u SET staff_id = p_staff
		    WHERE u.created_at = now() AND u.api_key_id IS NULL
			AND u.staff_id IS NULL
			AND u.kind IN ('transfer', 'unlink')
			AND (u.request_id = p_request OR u.id = res.update_id
			    OR u.request_id IN (SELECT q.id FROM requests q
				WHERE q.parent_id = p_request));
		INSERT INTO audit_log (staff_id, action, request_id, target,
		    address, detail)
		VALUES (p_staff, 'request.transfer', p_request, p_jur,
		    p_address, jsonb_build_object('update_id',
			res.update_id, 'moved', res.moved, 'before', before,
			'after', console_state(p_request)));
	END IF;
	IF res.outcome = 'forbidden' THEN
		res.outcome := 'not_found';
	END IF;
	RETURN QUERY SELECT res.outcome, res.update_id, res.jurisdiction_id,
	    res.service_code, res.moved;
END
$$;
