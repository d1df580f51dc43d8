-- 0002: API keys, service requests, their personal data (kept apart so
-- no public query can reach it), their history, uploaded media,
-- idempotency keys, back-office destinations and the outbox that carries
-- requests, updates and e-mails to them, and reporters' feedback. The
-- functions that change these tables are in 0003.

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
	-- When the current state was set at its source: an update that
	-- happened earlier is recorded but does not overwrite it.
	state_at	timestamptz NOT NULL DEFAULT now(),
	-- A reporter said the work was not done and reopened it.
	escalated	boolean NOT NULL DEFAULT false,
	-- The id an upstream Open311 server gave it (gateway mode).
	upstream_id	text,
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
	-- The back office's own id of the update, for idempotency (an
	-- upstream Open311 server's updates have no key and are matched by
	-- this id alone).
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
	-- E-mails about progress: consent, the token of the reporter's
	-- unsubscribe and feedback links, and when they opted out.
	notify		boolean NOT NULL DEFAULT true,
	token		text NOT NULL UNIQUE
			    DEFAULT replace(gen_random_uuid()::text, '-', ''),
	unsubscribed_at	timestamptz,
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

-- Back-office destinations per jurisdiction and service.
CREATE TABLE destinations (
	id		bigserial PRIMARY KEY,
	jurisdiction_id	text NOT NULL REFERENCES jurisdictions(id)
			    ON DELETE CASCADE,
	-- NULL: every service of the jurisdiction.
	service_code	text,
	kind		text NOT NULL CHECK (kind IN ('webhook', 'open311')),
	url		text NOT NULL CHECK (url ~ '^https?://[^/?#]'),
	-- webhook: the HMAC-SHA256 key; open311: the upstream api_key.
	secret		text NOT NULL DEFAULT '',
	-- open311: the upstream's jurisdiction_id, if it needs one.
	upstream_jurisdiction text,
	dead_after	interval NOT NULL DEFAULT '24 hours',
	active		boolean NOT NULL DEFAULT true,
	created_at	timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outbox (
	id		bigserial PRIMARY KEY,
	request_id	bigint NOT NULL REFERENCES requests(id)
			    ON DELETE CASCADE,
	-- NULL: an e-mail to the reporter.
	destination_id	bigint REFERENCES destinations(id) ON DELETE CASCADE,
	-- Per request and destination, from 1: the order of delivery.
	seq		integer NOT NULL,
	event		text NOT NULL CHECK (event IN ('request.created',
			    'request.updated', 'email')),
	update_id	bigint REFERENCES request_updates(id),
	idempotency_key	text NOT NULL UNIQUE
			    DEFAULT replace(gen_random_uuid()::text, '-', ''),
	payload		jsonb NOT NULL,
	-- skipped: nothing to send it with (an e-mail without smtp_url).
	state		text NOT NULL DEFAULT 'pending'
			    CHECK (state IN ('pending', 'delivered', 'dead',
			    'skipped')),
	attempts	integer NOT NULL DEFAULT 0,
	next_attempt_at	timestamptz NOT NULL DEFAULT now(),
	lease_until	timestamptz,
	last_error	text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	delivered_at	timestamptz
);

CREATE UNIQUE INDEX outbox_order ON outbox
    (request_id, coalesce(destination_id, 0), seq);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_dead ON outbox (id) WHERE state = 'dead';

CREATE TABLE feedback (
	request_id	bigint PRIMARY KEY REFERENCES requests(id)
			    ON DELETE CASCADE,
	rating		integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
	comment		text,
	created_at	timestamptz NOT NULL DEFAULT now()
);
