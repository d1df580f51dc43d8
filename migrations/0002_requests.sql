-- 0002: API keys, service requests, their personal data (kept apart so
-- no public query can reach it), their history, uploaded media and
-- idempotency keys, and o311_submit(), the one transaction a POST
-- /requests runs, duplicate detection included.

INSERT INTO cache_versions (name) VALUES ('keys');

CREATE TABLE api_keys (
	id		bigserial PRIMARY KEY,
	name		text NOT NULL,
	-- SHA-256 of the key; the key itself is shown once and never stored.
	hash		bytea NOT NULL UNIQUE CHECK (octet_length(hash) = 32),
	prefix		text NOT NULL,
	scopes		text[] NOT NULL CHECK (cardinality(scopes) > 0 AND
			    scopes <@ ARRAY['submit', 'backoffice', 'admin']),
	-- NULL: every jurisdiction.
	jurisdictions	text[],
	channel		text NOT NULL DEFAULT 'partner_app'
			    CHECK (channel ~ '^[a-z][a-z0-9_]{0,31}$'),
	-- Requests per minute; NULL: the configured default.
	rate_per_min	integer CHECK (rate_per_min > 0),
	created_at	timestamptz NOT NULL DEFAULT now(),
	revoked_at	timestamptz,
	revoked_message	text
);

CREATE TABLE requests (
	id		bigserial PRIMARY KEY,
	jurisdiction_id	text NOT NULL,
	service_code	text NOT NULL,
	-- Submitted to the /test endpoint: never handed to a back office.
	test		boolean NOT NULL DEFAULT false,
	status		text NOT NULL DEFAULT 'open'
			    CHECK (status IN ('open', 'closed')),
	detailed_status	text NOT NULL DEFAULT 'open',
	status_notes	text,
	description	text,
	agency		text,
	service_notice	text,
	requested_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	expected_at	timestamptz,
	closed_at	timestamptz,
	-- When the back office took the request; resolves a batch token.
	accepted_at	timestamptz,
	address		text,
	address_id	text,
	zipcode		text,
	location	geography(Point, 4326),
	media_ids	text[] NOT NULL DEFAULT '{}',
	media_urls	text[] NOT NULL DEFAULT '{}',
	attributes	jsonb NOT NULL DEFAULT '{}',
	channel		text NOT NULL,
	api_key_id	bigint REFERENCES api_keys(id),
	token		text UNIQUE,
	-- Duplicates: the request this one was linked to (always a root),
	-- how many are linked to this one, the key reports must share to
	-- match (the service's duplicate group, else its code), and the
	-- normalised address for reports without coordinates.
	parent_id	bigint REFERENCES requests(id),
	duplicate_count	integer NOT NULL DEFAULT 0,
	dup_key		text NOT NULL,
	address_key	text,
	FOREIGN KEY (jurisdiction_id, service_code) REFERENCES services
);

-- GET /requests: newest first within a date window.
CREATE INDEX requests_requested_at ON requests (requested_at DESC, id DESC);
-- Feeds by update time (updated_after / updated_before).
CREATE INDEX requests_updated_at ON requests (updated_at, id);
-- Filters and statistics by jurisdiction, service and status.
CREATE INDEX requests_jur_service_status ON requests
    (jurisdiction_id, service_code, status, requested_at DESC);
-- Nearby search (lat/long/radius, bbox).
CREATE INDEX requests_location ON requests USING gist (location);
-- The duplicate check: open root requests near a point. With 1M stored
-- requests (the bench data) the check plans as
--   Limit -> Sort (distance) -> Bitmap Heap Scan on requests
--     Recheck/Filter: dup_key, jurisdiction_id, test, requested_at
--     -> Bitmap Index Scan on requests_open_location
--          Index Cond: location && _st_expand(point, radius)
-- touching only the open requests within the radius.
CREATE INDEX requests_open_location ON requests USING gist (location)
    WHERE status = 'open' AND parent_id IS NULL;
-- The same for reports located by address only.
CREATE INDEX requests_open_address ON requests
    (jurisdiction_id, dup_key, address_key)
    WHERE status = 'open' AND parent_id IS NULL AND address_key IS NOT NULL;
CREATE INDEX requests_parent ON requests (parent_id)
    WHERE parent_id IS NOT NULL;

-- Every change to a request: status changes, notes, transfers, comments,
-- duplicate links. The updates feed, notes[] and history come from here.
CREATE TABLE request_updates (
	id		bigserial PRIMARY KEY,
	request_id	bigint NOT NULL REFERENCES requests(id)
			    ON DELETE CASCADE,
	kind		text NOT NULL CHECK (kind IN ('status', 'note',
			    'transfer', 'comment', 'duplicate', 'link',
			    'unlink', 'reopen')),
	status		text CHECK (status IN ('open', 'closed')),
	detailed_status	text,
	external_status_code text,
	description	text,
	media_urls	text[] NOT NULL DEFAULT '{}',
	public		boolean NOT NULL DEFAULT true,
	api_key_id	bigint REFERENCES api_keys(id),
	-- The back office's own id of the update, for idempotency.
	client_update_id text,
	-- When it happened at the source (updated_datetime).
	occurred_at	timestamptz NOT NULL DEFAULT now(),
	created_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (api_key_id, client_update_id)
);

CREATE INDEX request_updates_request ON request_updates (request_id, id);
CREATE INDEX request_updates_created ON request_updates (created_at, id);

CREATE TABLE request_contacts (
	request_id	bigint PRIMARY KEY REFERENCES requests(id)
			    ON DELETE CASCADE,
	email		text,
	phone		text,
	first_name	text,
	last_name	text,
	device_id	text,
	account_id	text,
	created_at	timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE media (
	-- Random, so uploaded photos cannot be enumerated.
	id		text PRIMARY KEY,
	request_id	bigint REFERENCES requests(id) ON DELETE SET NULL,
	content_type	text NOT NULL CHECK (content_type IN
			    ('image/jpeg', 'image/png', 'image/webp')),
	bytes		bytea NOT NULL,
	sha256		bytea NOT NULL,
	created_at	timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX media_request ON media (request_id);

CREATE TABLE idempotency_keys (
	api_key_id	bigint NOT NULL REFERENCES api_keys(id),
	key		text NOT NULL,
	request_id	bigint NOT NULL REFERENCES requests(id)
			    ON DELETE CASCADE,
	created_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (api_key_id, key)
);

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
    p_device text, p_account text, p_locks bigint[], p_address_key text)
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
	    now() + make_interval(hours => svc.sla_hours), now(),
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
		    first_name, last_name, device_id, account_id)
		VALUES (rid, p_email, p_phone, p_first, p_last, p_device,
		    p_account);
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

	RETURN QUERY SELECT 'ok'::text, r.id, r.token, r.service_notice,
	    p_account, false, r.parent_id
	    FROM requests r WHERE r.id = rid;
END
$$;

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
    r.address, r.address_id, r.zipcode,
    round(ST_Y(r.location::geometry)::numeric, 6)::text AS lat,
    round(ST_X(r.location::geometry)::numeric, 6)::text AS long,
    r.media_ids, r.media_urls, r.detailed_status, r.duplicate_count,
    r.channel, r.parent_id::text AS parent_service_request_id
FROM requests r
JOIN services s ON s.jurisdiction_id = r.jurisdiction_id
    AND s.code = r.service_code;

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
