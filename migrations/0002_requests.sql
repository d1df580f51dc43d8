-- 0002: API keys, service requests, their personal data (kept apart so
-- no public query can reach it), uploaded media and idempotency keys,
-- and o311_submit(), the one transaction a POST /requests runs.

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
	parent_id	bigint REFERENCES requests(id),
	duplicate_count	integer NOT NULL DEFAULT 0,
	FOREIGN KEY (jurisdiction_id, service_code) REFERENCES services
);

-- GET /requests: newest first within a date window.
CREATE INDEX requests_requested_at ON requests (requested_at DESC, id DESC);
-- Feeds by update time (updated_after / updated_before).
CREATE INDEX requests_updated_at ON requests (updated_at, id);
-- Filters and statistics by jurisdiction, service and status.
CREATE INDEX requests_jur_service_status ON requests
    (jurisdiction_id, service_code, status, requested_at DESC);

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
-- idempotent replay, the insert with the service's agency, notice, SLA
-- and token, the personal data, and the media links.
CREATE FUNCTION o311_submit(p_key bigint, p_idem text, p_jur text,
    p_service text, p_test boolean, p_lat float8, p_long float8,
    p_address text, p_address_id text, p_zipcode text, p_description text,
    p_attributes jsonb, p_media_ids text[], p_media_urls text[],
    p_channel text, p_email text, p_phone text, p_first text, p_last text,
    p_device text, p_account text)
RETURNS TABLE (request_id bigint, token text, service_notice text,
    account_id text, replayed boolean)
LANGUAGE plpgsql AS $$
DECLARE
	svc	services%ROWTYPE;
	rid	bigint;
BEGIN
	IF p_idem IS NOT NULL THEN
		-- A concurrent retry with the same key waits for this one.
		PERFORM pg_advisory_xact_lock(hashtextextended(
		    p_key::text || '/' || p_idem, 311));
		RETURN QUERY
		    SELECT r.id, r.token, r.service_notice, c.account_id, true
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

	INSERT INTO requests (jurisdiction_id, service_code, test, agency,
	    service_notice, expected_at, accepted_at, address, address_id,
	    zipcode, location, description, attributes, media_ids,
	    media_urls, channel, api_key_id, token)
	VALUES (p_jur, p_service, p_test, nullif(svc.agency, ''),
	    nullif(svc.service_notice, ''),
	    now() + make_interval(hours => svc.sla_hours), now(),
	    p_address, p_address_id, p_zipcode,
	    CASE WHEN p_lat IS NOT NULL THEN ST_SetSRID(
	        ST_MakePoint(p_long, p_lat), 4326)::geography END,
	    p_description, coalesce(p_attributes, '{}'),
	    coalesce(p_media_ids, '{}'), coalesce(p_media_urls, '{}'),
	    p_channel, p_key,
	    CASE WHEN svc.type = 'batch'
	        THEN replace(gen_random_uuid()::text, '-', '') END)
	RETURNING id INTO rid;

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

	RETURN QUERY SELECT r.id, r.token, r.service_notice, p_account, false
	    FROM requests r WHERE r.id = rid;
END
$$;

-- The public face of a request: every Open311 field, formatted as it
-- goes on the wire (dates in UTC with 'Z', coordinates to 6 decimals).
-- No personal data is reachable from here.
CREATE VIEW request_public AS
SELECT r.id, r.jurisdiction_id, r.test, r.requested_at, r.updated_at,
    r.status, r.service_code, r.parent_id,
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
    r.channel
FROM requests r
JOIN services s ON s.jurisdiction_id = r.jurisdiction_id
    AND s.code = r.service_code;
