-- 0004: what the open data feeds, the statistics and the back-office
-- sync need beyond 0002 and 0003: reopen counts, the state an upstream
-- server last showed, indexes for the feed and statistics queries, the
-- closing time and escalation in the public view, the duplicate check as
-- a function of its own (make bench measures it), and the corrected
-- update, notification and payload functions.
-- (outbox.state 'skipped', from 0002, now means never to be sent: the
-- reporter unsubscribed, the destination was removed, or an update stays
-- here in gateway mode.)

-- How often a request went from closed back to open (statistics), and the
-- state the upstream Open311 server last showed for it (gateway mode).
ALTER TABLE requests
    ADD COLUMN reopen_count integer NOT NULL DEFAULT 0,
    ADD COLUMN upstream_seen text;
UPDATE requests r SET reopen_count = (SELECT count(*) FROM request_updates u
    WHERE u.request_id = r.id AND u.kind = 'reopen')
WHERE r.escalated;

-- GET /requests, newest first within a window of requested time: a
-- jurisdiction's requests, or those of some of its services; and the
-- statistics over every jurisdiction (requests_requested_at, from 0002).
DROP INDEX requests_jur_service_status;
CREATE INDEX requests_jur_requested ON requests
    (jurisdiction_id, requested_at DESC, id DESC);
CREATE INDEX requests_jur_service ON requests
    (jurisdiction_id, service_code, requested_at DESC, id DESC);
-- Feeds by update time (updated_after / updated_before) and a
-- jurisdiction's latest change (Last-Modified).
DROP INDEX requests_updated_at;
CREATE INDEX requests_jur_updated ON requests
    (jurisdiction_id, updated_at, id);

-- Gateway mode's status poll (sql/upstream_pending.sql) runs every
-- upstream_poll_ms in every worker: without this it scanned every
-- request each time.
CREATE INDEX requests_upstream_open ON requests (id)
    WHERE upstream_id IS NOT NULL AND status = 'open'
    AND parent_id IS NULL AND NOT test;

DROP VIEW request_public;
-- The public face of a request: every Open311 field, formatted as it
-- goes on the wire (dates in UTC with 'Z', coordinates to 6 decimals).
-- No personal data is reachable from here.
CREATE VIEW request_public AS
SELECT r.id, r.jurisdiction_id, r.test, r.requested_at, r.updated_at,
    r.status, r.service_code, r.parent_id, r.location,
    r.id::text AS service_request_id, r.status_notes, s.name AS service_name,
    r.description, r.agency, r.service_notice,
    to_char(r.requested_at AT TIME ZONE 'UTC',
        'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS requested_datetime,
    to_char(r.updated_at AT TIME ZONE 'UTC',
        'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_datetime,
    to_char(r.expected_at AT TIME ZONE 'UTC',
        'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expected_datetime,
    to_char(r.closed_at AT TIME ZONE 'UTC',
        'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS closed_datetime,
    r.address, r.address_id, r.zipcode,
    round(ST_Y(r.location::geometry)::numeric, 6)::text AS lat,
    round(ST_X(r.location::geometry)::numeric, 6)::text AS long,
    r.media_ids, r.media_urls, r.detailed_status, r.duplicate_count,
    r.channel, r.parent_id::text AS parent_service_request_id,
    r.escalated
FROM requests r
JOIN services s ON s.jurisdiction_id = r.jurisdiction_id
    AND s.code = r.service_code;

-- The duplicate check: the open root request of the jurisdiction and
-- duplicate key nearest to p_pt within p_radius_m metres (on the
-- geography), or without a point the oldest with the same normalised
-- address, made within the last p_window_h hours. The partial indexes
-- requests_open_location and requests_open_address serve it; make bench
-- measures it on a million stored requests.
CREATE FUNCTION o311_find_parent(p_jur text, p_test boolean, p_dkey text,
    p_window_h integer, p_radius_m integer, p_pt geography,
    p_address_key text)
RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
	parent	bigint;
BEGIN
	IF p_pt IS NOT NULL THEN
		SELECT r.id INTO parent FROM requests r
		WHERE r.status = 'open' AND r.parent_id IS NULL
		    AND r.jurisdiction_id = p_jur AND r.test = p_test
		    AND r.dup_key = p_dkey
		    AND r.requested_at > now() -
			make_interval(hours => p_window_h)
		    AND ST_DWithin(r.location, p_pt, p_radius_m)
		ORDER BY ST_Distance(r.location, p_pt), r.id
		LIMIT 1;
	ELSIF p_address_key IS NOT NULL THEN
		SELECT r.id INTO parent FROM requests r
		WHERE r.status = 'open' AND r.parent_id IS NULL
		    AND r.address_key IS NOT NULL
		    AND r.jurisdiction_id = p_jur AND r.test = p_test
		    AND r.dup_key = p_dkey
		    AND r.address_key = p_address_key
		    AND r.requested_at > now() -
			make_interval(hours => p_window_h)
		ORDER BY r.id
		LIMIT 1;
	END IF;
	RETURN parent;
END
$$;


-- The whole of POST /requests in one round trip and one transaction:
-- idempotent replay, the jurisdiction's boundary, the duplicate check,
-- the insert with the service's agency, notice, SLA and token, the
-- personal data and the media links. p_locks are advisory-lock keys from
-- the caller's metric grid (see app/geo/grid.c): reports that could be
-- duplicates of each other share one, so they are checked one after the
-- other and exactly one becomes the parent.
-- outcome: 'ok', or 'outside' when the point is outside the boundary.
CREATE OR REPLACE FUNCTION o311_submit(p_key bigint, p_idem text, p_jur text,
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
		parent := o311_find_parent(p_jur, p_test, dkey,
		    svc.dup_window_h, svc.dup_radius_m, pt, p_address_key);
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


-- Queues an e-mail about a change to every reporter of the request and
-- of its duplicates who gave an address and did not unsubscribe.
CREATE OR REPLACE FUNCTION o311_notify(p_request bigint, p_kind text, p_update bigint)
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
		'status', CASE WHEN r.id = p.id THEN r.status ELSE p.status END,
		'detailed_status', CASE WHEN r.id = p.id THEN r.detailed_status
		    ELSE p.detailed_status END,
		'agency', CASE WHEN r.id = p.id THEN r.agency ELSE p.agency END,
		'note', u.description)
	FROM requests r
	-- A duplicate that follows p is told p's state, not its own.
	JOIN requests p ON p.id = p_request
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
-- used for another request), 'empty' (a comment without text or media).
CREATE OR REPLACE FUNCTION o311_update(p_request bigint, p_key bigint,
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
	pub	boolean;
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

	-- A comment must say something; a note without text (a new
	-- expected time, say) stays in the private history.
	IF kind IN ('comment', 'note') AND p_description IS NULL
	    AND cardinality(coalesce(p_media, '{}')) = 0 THEN
		IF kind = 'comment' THEN
			RETURN QUERY SELECT 'empty'::text, NULL::bigint,
			    false, false;
			RETURN;
		END IF;
		pub := false;
	ELSE
		pub := p_public;
	END IF;

	-- Sources send whole seconds: compare at that resolution.
	apply := p_occurred >= date_trunc('second', r.state_at);

	INSERT INTO request_updates (request_id, kind, status,
	    detailed_status, external_status_code, description, media_urls,
	    public, api_key_id, client_update_id, occurred_at)
	VALUES (r.id, kind, coalesce(core, r.status), coalesce(detail,
	    r.detailed_status), p_external, p_description,
	    coalesce(p_media, '{}'), pub, p_key, p_update_id, p_occurred)
	RETURNING id INTO uid;

	changed := false;
	IF apply AND kind <> 'comment' AND kind <> 'note' THEN
		changed := core IS DISTINCT FROM r.status
		    OR kind = 'transfer' OR detail IS DISTINCT FROM
		    r.detailed_status;
		UPDATE requests SET
		    status = coalesce(core, status),
		    detailed_status = coalesce(detail, detailed_status),
		    -- A status change's public description is its note.
		    status_notes = CASE WHEN core IS NOT NULL AND pub
			THEN coalesce(p_status_notes, p_description, status_notes)
			ELSE coalesce(p_status_notes, status_notes) END,
		    closed_at = CASE core WHEN 'closed'
			THEN coalesce(closed_at, p_occurred)
			WHEN 'open' THEN NULL ELSE closed_at END,
		    escalated = escalated OR kind = 'reopen',
		    reopen_count = reopen_count + CASE WHEN r.status = 'closed'
			AND core = 'open' THEN 1 ELSE 0 END,
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
				    pub, p_occurred)
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
	ELSIF pub THEN
		-- A public note or comment changes the public history.
		UPDATE requests SET updated_at = now() WHERE id = r.id;
	END IF;

	PERFORM o311_enqueue(r.id, 'request.updated', uid);
	IF changed AND pub THEN
		PERFORM o311_notify(r.id, kind, uid);
	END IF;

	RETURN QUERY SELECT 'ok'::text, uid, false, apply;
END
$$;


-- What a destination receives about a request: its public fields, the
-- reporter's contact (the back office works with it), whether a reporter
-- reopened it (escalated), and the update.
CREATE OR REPLACE FUNCTION o311_payload(p_request bigint, p_event text,
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
		'escalated', p.escalated,
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
