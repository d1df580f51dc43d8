-- 0003: the functions that change requests, each one transaction: the
-- submission with its duplicate check (o311_submit), staff corrections of
-- duplicate links (o311_link, o311_unlink), status updates, notes,
-- transfers and comments applied in order (o311_update), and the
-- transactional outbox they fill (o311_enqueue, o311_notify).

-- The whole of POST /requests in one round trip and one transaction:
-- idempotent replay, the jurisdiction's boundary, the duplicate check,
-- the insert with the service's agency, notice, SLA and token, the
-- personal data and the media links. p_locks are advisory-lock keys from
-- the caller's metric grid (see app/geo/grid.c): reports that could be
-- duplicates of each other share one, so they are checked one after the
-- other and exactly one becomes the parent.
-- outcome: 'ok', or 'outside' when the point is outside the boundary.
CREATE FUNCTION o311_submit(p_key bigint, p_idem text, p_jur text,
    p_service text, p_test boolean, p_lat float8, p_long float8,
    p_address text, p_address_id text, p_zipcode text, p_description text,
    p_attributes jsonb, p_media_ids text[], p_media_urls text[],
    p_channel text, p_email text, p_phone text, p_first text, p_last text,
    p_device text, p_account text, p_locks bigint[], p_address_key text,
    p_notify boolean)
RETURNS TABLE (outcome text, request_id bigint, token text,
    service_notice text, account_id text, replayed boolean,
    parent_id bigint)
LANGUAGE plpgsql AS $$
DECLARE
	svc	services%ROWTYPE;
	pt	geography;
	dkey	text;
	parent	bigint;
	rid	bigint;
BEGIN
	IF p_idem IS NOT NULL THEN
		-- A concurrent retry with the same key waits for this one.
		PERFORM pg_advisory_xact_lock(hashtextextended(
		    p_key::text || '/' || p_idem, 311));
		RETURN QUERY
		    SELECT 'ok'::text, r.id, r.token, r.service_notice,
			c.account_id, true, r.parent_id
		    FROM idempotency_keys i
		    JOIN requests r ON r.id = i.request_id
		    LEFT JOIN request_contacts c ON c.request_id = r.id
		    WHERE i.api_key_id = p_key AND i.key = p_idem
			AND i.created_at > now() - interval '24 hours';
		IF FOUND THEN
			RETURN;
		END IF;
	END IF;

	SELECT * INTO STRICT svc FROM services s
	    WHERE s.jurisdiction_id = p_jur AND s.code = p_service;

	IF p_lat IS NOT NULL THEN
		pt := ST_SetSRID(ST_MakePoint(p_long, p_lat), 4326)::geography;
		IF EXISTS (SELECT 1 FROM jurisdictions j WHERE j.id = p_jur
		    AND j.boundary IS NOT NULL
		    AND NOT ST_Covers(j.boundary, pt)) THEN
			RETURN QUERY SELECT 'outside'::text, NULL::bigint,
			    NULL::text, NULL::text, NULL::text, false,
			    NULL::bigint;
			RETURN;
		END IF;
	END IF;

	dkey := coalesce(svc.dup_group, svc.code);
	IF svc.dup_mode = 'link' AND (pt IS NOT NULL OR
	    p_address_key IS NOT NULL) THEN
		PERFORM pg_advisory_xact_lock(k)
		    FROM unnest(p_locks) k ORDER BY k;
		IF pt IS NOT NULL THEN
			SELECT r.id INTO parent FROM requests r
			WHERE r.status = 'open' AND r.parent_id IS NULL
			    AND r.jurisdiction_id = p_jur AND r.test = p_test
			    AND r.dup_key = dkey
			    AND r.requested_at > now() -
				make_interval(hours => svc.dup_window_h)
			    AND ST_DWithin(r.location, pt, svc.dup_radius_m)
			ORDER BY ST_Distance(r.location, pt), r.id
			LIMIT 1;
		ELSE
			SELECT r.id INTO parent FROM requests r
			WHERE r.status = 'open' AND r.parent_id IS NULL
			    AND r.address_key IS NOT NULL
			    AND r.jurisdiction_id = p_jur AND r.test = p_test
			    AND r.dup_key = dkey
			    AND r.address_key = p_address_key
			    AND r.requested_at > now() -
				make_interval(hours => svc.dup_window_h)
			ORDER BY r.id
			LIMIT 1;
		END IF;
	END IF;

	INSERT INTO requests (jurisdiction_id, service_code, test, agency,
	    service_notice, expected_at, accepted_at, address, address_id,
	    zipcode, location, description, attributes, media_ids,
	    media_urls, channel, api_key_id, token, parent_id, dup_key,
	    address_key, status_notes, detailed_status)
	VALUES (p_jur, p_service, p_test, nullif(svc.agency, ''),
	    CASE WHEN parent IS NOT NULL THEN
		'This problem was already reported as request ' || parent ||
		'. Your report was added to it, and you will hear about its '
		'progress.'
	    ELSE nullif(svc.service_notice, '') END,
	    now() + make_interval(hours => svc.sla_hours),
	    -- With a back office to hand it to, it is accepted (and a batch
	    -- token resolves) once the back office has it.
	    CASE WHEN NOT p_test AND EXISTS (SELECT 1 FROM destinations d
		WHERE d.jurisdiction_id = p_jur AND d.active
		    AND (d.service_code IS NULL OR d.service_code = p_service))
		THEN NULL ELSE now() END,
	    p_address, p_address_id, p_zipcode, pt, p_description,
	    coalesce(p_attributes, '{}'), coalesce(p_media_ids, '{}'),
	    coalesce(p_media_urls, '{}'), p_channel, p_key,
	    CASE WHEN svc.type = 'batch'
		THEN replace(gen_random_uuid()::text, '-', '') END,
	    parent, dkey, p_address_key,
	    CASE WHEN parent IS NOT NULL THEN
		'Duplicate of request ' || parent END,
	    CASE WHEN parent IS NOT NULL THEN 'duplicate' ELSE 'open' END)
	RETURNING id INTO rid;

	IF parent IS NOT NULL THEN
		UPDATE requests SET duplicate_count = duplicate_count + 1
		    WHERE id = parent;
		INSERT INTO request_updates (request_id, kind, status,
		    detailed_status, description)
		VALUES (rid, 'duplicate', 'open', 'duplicate',
		    'Duplicate of request ' || parent);
	END IF;

	IF coalesce(p_email, p_phone, p_first, p_last, p_device,
	    p_account) IS NOT NULL THEN
		INSERT INTO request_contacts (request_id, email, phone,
		    first_name, last_name, device_id, account_id, notify)
		VALUES (rid, p_email, p_phone, p_first, p_last, p_device,
		    p_account, coalesce(p_notify, true));
	END IF;

	IF p_media_ids IS NOT NULL THEN
		UPDATE media SET request_id = rid
		    WHERE id = ANY (p_media_ids) AND media.request_id IS NULL;
	END IF;

	IF p_idem IS NOT NULL THEN
		INSERT INTO idempotency_keys (api_key_id, key, request_id)
		VALUES (p_key, p_idem, rid)
		ON CONFLICT (api_key_id, key) DO UPDATE
		    SET request_id = EXCLUDED.request_id, created_at = now();
	END IF;

	PERFORM o311_enqueue(rid, 'request.created', NULL);

	RETURN QUERY SELECT 'ok'::text, r.id, r.token, r.service_notice,
	    p_account, false, r.parent_id
	    FROM requests r WHERE r.id = rid;
END
$$;

-- Staff corrections of duplicate links (the admin API). Both keep the
-- tree one level deep: a parent is always a root, and the children of a
-- request linked under another move with it. Each change is recorded in
-- the history with the acting key.
-- p_jurs: the jurisdictions the acting key covers (NULL for all).
-- outcome: 'ok', 'not_found', 'self' (a request under itself),
-- 'forbidden' (a request of a jurisdiction the key does not cover).
CREATE FUNCTION o311_link(p_child bigint, p_parent bigint, p_key bigint,
    p_jurs text[])
RETURNS TABLE (outcome text, parent_id bigint)
LANGUAGE plpgsql AS $$
DECLARE
	root	bigint;
	par	requests%ROWTYPE;
	moved	integer;
BEGIN
	PERFORM 1 FROM requests r WHERE r.id IN (p_child, p_parent)
	    ORDER BY r.id FOR UPDATE;
	IF p_jurs IS NOT NULL AND EXISTS (SELECT 1 FROM requests r
	    WHERE r.id IN (p_child, p_parent)
		AND r.jurisdiction_id <> ALL (p_jurs)) THEN
		RETURN QUERY SELECT 'forbidden'::text, NULL::bigint;
		RETURN;
	END IF;
	SELECT coalesce(r.parent_id, r.id) INTO root FROM requests r
	    WHERE r.id = p_parent;
	IF root IS NULL OR NOT EXISTS (SELECT 1 FROM requests r
	    WHERE r.id = p_child) THEN
		RETURN QUERY SELECT 'not_found'::text, NULL::bigint;
		RETURN;
	END IF;
	IF root = p_child THEN
		RETURN QUERY SELECT 'self'::text, NULL::bigint;
		RETURN;
	END IF;
	SELECT * INTO par FROM requests r WHERE r.id = root FOR UPDATE;

	PERFORM o311_unlink_quiet(p_child);

	UPDATE requests r SET parent_id = root, status = par.status,
	    closed_at = par.closed_at, detailed_status = 'duplicate',
	    status_notes = 'Duplicate of request ' || root, updated_at = now()
	WHERE r.id = p_child OR r.parent_id = p_child;
	GET DIAGNOSTICS moved = ROW_COUNT;
	UPDATE requests r SET duplicate_count = r.duplicate_count + moved
	    WHERE r.id = root;
	UPDATE requests r SET duplicate_count = 0 WHERE r.id = p_child;

	INSERT INTO request_updates (request_id, kind, status,
	    detailed_status, description, api_key_id)
	VALUES (p_child, 'link', par.status, 'duplicate',
	    'Linked to request ' || root || ' as a duplicate', p_key);

	RETURN QUERY SELECT 'ok'::text, root;
END
$$;

-- Detaches a request from its parent without a history entry (the
-- callers record what they did).
CREATE FUNCTION o311_unlink_quiet(p_child bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	old	bigint;
BEGIN
	SELECT r.parent_id INTO old FROM requests r WHERE r.id = p_child;
	IF old IS NOT NULL THEN
		UPDATE requests r SET duplicate_count =
		    greatest(r.duplicate_count - 1, 0) WHERE r.id = old;
		UPDATE requests r SET parent_id = NULL,
		    detailed_status = r.status, status_notes = NULL,
		    updated_at = now()
		WHERE r.id = p_child;
	END IF;
	RETURN old;
END
$$;

-- outcome: 'ok', 'not_found', 'not_linked', 'forbidden'.
CREATE FUNCTION o311_unlink(p_child bigint, p_key bigint, p_jurs text[])
RETURNS TABLE (outcome text, parent_id bigint)
LANGUAGE plpgsql AS $$
DECLARE
	old	bigint;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = p_child
	    FOR UPDATE) THEN
		RETURN QUERY SELECT 'not_found'::text, NULL::bigint;
		RETURN;
	END IF;
	IF p_jurs IS NOT NULL AND EXISTS (SELECT 1 FROM requests r
	    WHERE r.id = p_child AND r.jurisdiction_id <> ALL (p_jurs)) THEN
		RETURN QUERY SELECT 'forbidden'::text, NULL::bigint;
		RETURN;
	END IF;
	old := o311_unlink_quiet(p_child);
	IF old IS NULL THEN
		RETURN QUERY SELECT 'not_linked'::text, NULL::bigint;
		RETURN;
	END IF;
	INSERT INTO request_updates (request_id, kind, status,
	    detailed_status, description, api_key_id)
	SELECT p_child, 'unlink', r.status, r.status,
	    'No longer a duplicate of request ' || old, p_key
	FROM requests r WHERE r.id = p_child;
	RETURN QUERY SELECT 'ok'::text, old;
END
$$;

-- What a destination receives about a request: its public fields, the
-- reporter's contact (the back office works with it), and the update.
CREATE FUNCTION o311_payload(p_request bigint, p_event text,
    p_update bigint)
RETURNS jsonb LANGUAGE sql STABLE AS $$
	SELECT jsonb_build_object(
	    'event', p_event,
	    'request', (SELECT jsonb_build_object(
		'service_request_id', p.service_request_id,
		'jurisdiction_id', p.jurisdiction_id,
		'service_code', p.service_code,
		'service_name', p.service_name,
		'status', p.status, 'detailed_status', p.detailed_status,
		'status_notes', p.status_notes,
		'description', p.description,
		'agency_responsible', p.agency,
		'requested_datetime', p.requested_datetime,
		'updated_datetime', p.updated_datetime,
		'expected_datetime', p.expected_datetime,
		'address', p.address, 'address_id', p.address_id,
		'zipcode', p.zipcode, 'lat', p.lat::numeric,
		'long', p.long::numeric, 'channel', p.channel,
		'parent_service_request_id', p.parent_service_request_id,
		'attributes', r.attributes, 'media_ids', r.media_ids,
		'media_urls', r.media_urls,
		'contact', (SELECT jsonb_build_object('email', c.email,
		    'phone', c.phone, 'first_name', c.first_name,
		    'last_name', c.last_name, 'device_id', c.device_id,
		    'account_id', c.account_id)
		    FROM request_contacts c WHERE c.request_id = r.id))
		FROM request_public p JOIN requests r ON r.id = p.id
		WHERE p.id = p_request),
	    'update', (SELECT jsonb_build_object('update_id', u.id::text,
		'kind', u.kind, 'status', u.status,
		'detailed_status', u.detailed_status,
		'external_status_code', u.external_status_code,
		'description', u.description, 'media_urls', u.media_urls,
		'updated_datetime', to_char(u.occurred_at AT TIME ZONE 'UTC',
		    'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
		FROM request_updates u WHERE u.id = p_update))
$$;

-- Queues an event for every active destination of the request's
-- jurisdiction and service (none for /test requests). Returns how many.
CREATE FUNCTION o311_enqueue(p_request bigint, p_event text,
    p_update bigint)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	r	requests%ROWTYPE;
	n	integer := 0;
	d	destinations%ROWTYPE;
BEGIN
	SELECT * INTO r FROM requests WHERE id = p_request;
	IF r.test THEN
		RETURN 0;
	END IF;
	FOR d IN SELECT * FROM destinations
	    WHERE jurisdiction_id = r.jurisdiction_id AND active
		AND (service_code IS NULL OR service_code = r.service_code)
	    ORDER BY id LOOP
		INSERT INTO outbox (request_id, destination_id, seq, event,
		    update_id, payload)
		SELECT r.id, d.id, coalesce(max(o.seq), 0) + 1, p_event,
		    p_update, o311_payload(r.id, p_event, p_update)
		FROM outbox o
		WHERE o.request_id = r.id AND o.destination_id = d.id;
		n := n + 1;
	END LOOP;
	RETURN n;
END
$$;

-- Queues an e-mail about a change to every reporter of the request and
-- of its duplicates who gave an address and did not unsubscribe.
CREATE FUNCTION o311_notify(p_request bigint, p_kind text, p_update bigint)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	n	integer;
BEGIN
	INSERT INTO outbox (request_id, destination_id, seq, event,
	    update_id, payload)
	SELECT r.id, NULL,
	    coalesce((SELECT max(o.seq) FROM outbox o WHERE o.request_id = r.id
		AND o.destination_id IS NULL), 0) + 1,
	    'email', p_update,
	    jsonb_build_object('to', c.email, 'kind', p_kind,
		'token', c.token, 'first_name', c.first_name,
		'service_request_id', r.id::text,
		'parent_service_request_id', r.parent_id::text,
		'service_name', s.name, 'jurisdiction', j.name,
		'status', r.status, 'detailed_status', r.detailed_status,
		'agency', r.agency, 'note', u.description)
	FROM requests r
	JOIN request_contacts c ON c.request_id = r.id
	JOIN services s ON s.jurisdiction_id = r.jurisdiction_id
	    AND s.code = r.service_code
	JOIN jurisdictions j ON j.id = r.jurisdiction_id
	LEFT JOIN request_updates u ON u.id = p_update
	WHERE (r.id = p_request OR r.parent_id = p_request) AND NOT r.test
	    AND c.email IS NOT NULL AND c.notify AND c.unsubscribed_at IS NULL;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

-- Applies one update to a request, in the request's own transaction:
-- a status change (an extended status in lower case: fixed, in_progress,
-- duplicate, ...; the core status follows), a note, a transfer to another
-- agency, or a reporter's comment. Idempotent on the key's update id.
-- An update older than the request's current state (p_occurred before
-- state_at) is recorded but changes nothing. Duplicates follow their
-- parent. Destinations and reporters are told through the outbox.
-- outcome: 'ok', 'not_found', 'forbidden', 'conflict' (the update id was
-- used for another request).
CREATE FUNCTION o311_update(p_request bigint, p_key bigint,
    p_update_id text, p_status text, p_external text, p_description text,
    p_media text[], p_occurred timestamptz, p_public boolean,
    p_comment boolean, p_jurs text[], p_status_notes text,
    p_expected timestamptz, p_agency text)
RETURNS TABLE (outcome text, update_id bigint, replayed boolean,
    applied boolean)
LANGUAGE plpgsql AS $$
DECLARE
	r	requests%ROWTYPE;
	core	text;
	detail	text;
	kind	text;
	uid	bigint;
	apply	boolean;
	changed	boolean;
	child	bigint;
	cuid	bigint;
BEGIN
	SELECT * INTO r FROM requests WHERE id = p_request FOR UPDATE;
	IF NOT FOUND THEN
		RETURN QUERY SELECT 'not_found'::text, NULL::bigint, false,
		    false;
		RETURN;
	END IF;
	IF p_jurs IS NOT NULL AND r.jurisdiction_id <> ALL (p_jurs) THEN
		RETURN QUERY SELECT 'forbidden'::text, NULL::bigint, false,
		    false;
		RETURN;
	END IF;

	-- With the request locked, a retry of the same update finds the
	-- first; the same id used for another request is a conflict.
	IF p_update_id IS NOT NULL THEN
		SELECT u.id, u.request_id INTO uid, child
		FROM request_updates u
		WHERE u.api_key_id IS NOT DISTINCT FROM p_key
		    AND u.client_update_id = p_update_id;
		IF FOUND THEN
			RETURN QUERY SELECT CASE WHEN child = r.id THEN 'ok'
			    ELSE 'conflict' END, uid, true, false;
			RETURN;
		END IF;
	END IF;

	detail := nullif(p_status, 'unchanged');
	core := CASE
	    WHEN detail IS NULL THEN NULL
	    WHEN detail IN ('closed', 'fixed', 'duplicate',
		'not_councils_responsibility', 'no_further_action',
		'internal_referral', 'cancelled') THEN 'closed'
	    ELSE 'open' END;

	IF p_comment THEN
		-- A reporter may only reopen a closed request.
		IF detail = 'reopen' AND r.status = 'closed' THEN
			kind := 'reopen';
		ELSE
			kind := 'comment';
			core := NULL;
			detail := NULL;
		END IF;
	ELSIF p_agency IS NOT NULL AND p_agency IS DISTINCT FROM r.agency THEN
		kind := 'transfer';
	ELSIF core IS NOT NULL THEN
		kind := 'status';
	ELSE
		kind := 'note';
	END IF;

	-- Sources send whole seconds: compare at that resolution.
	apply := p_occurred >= date_trunc('second', r.state_at);

	INSERT INTO request_updates (request_id, kind, status,
	    detailed_status, external_status_code, description, media_urls,
	    public, api_key_id, client_update_id, occurred_at)
	VALUES (r.id, kind, coalesce(core, r.status), coalesce(detail,
	    r.detailed_status), p_external, p_description,
	    coalesce(p_media, '{}'), p_public, p_key, p_update_id, p_occurred)
	RETURNING id INTO uid;

	changed := false;
	IF apply AND kind <> 'comment' AND kind <> 'note' THEN
		changed := core IS DISTINCT FROM r.status
		    OR kind = 'transfer' OR detail IS DISTINCT FROM
		    r.detailed_status;
		UPDATE requests SET
		    status = coalesce(core, status),
		    detailed_status = coalesce(detail, detailed_status),
		    status_notes = CASE WHEN core IS NOT NULL
			THEN coalesce(p_status_notes, p_description, status_notes)
			ELSE coalesce(p_status_notes, status_notes) END,
		    closed_at = CASE core WHEN 'closed'
			THEN coalesce(closed_at, p_occurred)
			WHEN 'open' THEN NULL ELSE closed_at END,
		    escalated = escalated OR kind = 'reopen',
		    agency = coalesce(p_agency, agency),
		    expected_at = coalesce(p_expected, expected_at),
		    accepted_at = coalesce(accepted_at, now()),
		    state_at = p_occurred, updated_at = now()
		WHERE id = r.id;

		-- Duplicates follow their parent's status and closure.
		IF core IS NOT NULL AND r.parent_id IS NULL THEN
			FOR child IN SELECT c.id FROM requests c
			    WHERE c.parent_id = r.id FOR UPDATE LOOP
				UPDATE requests SET status = core,
				    closed_at = CASE core WHEN 'closed'
					THEN coalesce(closed_at, p_occurred)
					ELSE NULL END,
				    state_at = greatest(state_at, p_occurred),
				    updated_at = now()
				WHERE id = child;
				INSERT INTO request_updates (request_id, kind,
				    status, detailed_status, description,
				    public, occurred_at)
				VALUES (child, 'status', core, 'duplicate',
				    'Update on request ' || r.id ||
				    coalesce(': ' || p_description, ''),
				    p_public, p_occurred)
				RETURNING id INTO cuid;
				PERFORM o311_enqueue(child, 'request.updated',
				    cuid);
			END LOOP;
		END IF;
	ELSIF apply AND (p_status_notes IS NOT NULL OR
	    p_expected IS NOT NULL) THEN
		UPDATE requests SET
		    status_notes = coalesce(p_status_notes, status_notes),
		    expected_at = coalesce(p_expected, expected_at),
		    updated_at = now()
		WHERE id = r.id;
	END IF;

	PERFORM o311_enqueue(r.id, 'request.updated', uid);
	IF changed AND p_public THEN
		PERFORM o311_notify(r.id, kind, uid);
	END IF;

	RETURN QUERY SELECT 'ok'::text, uid, false, apply;
END
$$;
