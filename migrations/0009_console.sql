-- 0009: the staff console. Staff accounts with a role scoped to
-- jurisdictions, their sessions (only a hash of each token is stored),
-- one-time links to set a password, login attempts for throttling, the
-- audit log of every staff action and view of personal data, and the
-- functions through which staff change requests: each one calls the
-- same o311_* function the API uses, with the staff member's own
-- jurisdictions as the scope, and records who did it.

CREATE TABLE staff (
	id		bigserial PRIMARY KEY,
	email		text NOT NULL UNIQUE CHECK (email = lower(email)
			    AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	role		text NOT NULL CHECK (role IN ('agent', 'supervisor',
			    'admin')),
	-- NULL: every jurisdiction.
	jurisdictions	text[],
	-- Argon2id, in its encoded form ($argon2id$v=19$m=...); NULL until
	-- the first password is set.
	password	text,
	active		boolean NOT NULL DEFAULT true,
	created_at	timestamptz NOT NULL DEFAULT now(),
	password_at	timestamptz
);

CREATE TABLE staff_sessions (
	-- SHA-256 of the cookie's token.
	hash		bytea PRIMARY KEY CHECK (octet_length(hash) = 32),
	staff_id	bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	address		text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_seen	timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

CREATE TABLE staff_password_tokens (
	-- SHA-256 of the link's token.
	hash		bytea PRIMARY KEY CHECK (octet_length(hash) = 32),
	staff_id	bigint NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
	expires_at	timestamptz NOT NULL,
	used_at		timestamptz
);

-- Failed logins, by the e-mail address tried (lower case, whether or not
-- an account has it) and the client's address.
CREATE TABLE staff_login_failures (
	id		bigserial PRIMARY KEY,
	email		text NOT NULL,
	address		text NOT NULL,
	at		timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX staff_login_failures_email ON staff_login_failures (email, at);
CREATE INDEX staff_login_failures_address ON staff_login_failures
    (address, at);

CREATE TABLE audit_log (
	id		bigserial PRIMARY KEY,
	at		timestamptz NOT NULL DEFAULT now(),
	-- NULL: the command line or an unknown account.
	staff_id	bigint REFERENCES staff(id),
	action		text NOT NULL,
	request_id	bigint,
	target		text,
	address		text,
	-- What changed: {"before": {...}, "after": {...}} or details.
	detail		jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_request ON audit_log (request_id)
    WHERE request_id IS NOT NULL;

-- Which staff member made an update (NULL: a key or the reporter).
ALTER TABLE request_updates ADD COLUMN staff_id bigint REFERENCES staff(id);

-- The jurisdictions an active staff member may see: NULL for all, '{}'
-- when the account is unknown or disabled.
CREATE FUNCTION console_scope(p_staff bigint) RETURNS text[]
LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN s.id IS NULL OR NOT s.active THEN '{}'::text[]
	    ELSE s.jurisdictions END
	FROM (SELECT 1) one LEFT JOIN staff s ON s.id = p_staff
$$;

-- Whether staff member p_staff may see request p_request.
CREATE FUNCTION console_sees(p_staff bigint, p_request bigint)
RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM requests r, staff s
	    WHERE r.id = p_request AND s.id = p_staff AND s.active
		AND (s.jurisdictions IS NULL OR
		    r.jurisdiction_id = ANY (s.jurisdictions)))
$$;

-- The state of a request the audit log keeps before and after a change.
CREATE FUNCTION console_state(p_request bigint) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT jsonb_build_object('status', r.status, 'detailed_status',
	    r.detailed_status, 'agency', r.agency, 'expected_at',
	    r.expected_at, 'parent_id', r.parent_id, 'status_notes',
	    r.status_notes)
	FROM requests r WHERE r.id = p_request
$$;

-- A staff member's update: o311_update with the staff member's scope
-- (and p_jurs, a further restriction, NULL for none), recorded as made
-- by them, the request's state before and after in the audit log. A
-- request outside the scope is 'not_found', as if it did not exist.
CREATE FUNCTION console_update(p_request bigint, p_staff bigint,
    p_update_id text, p_status text, p_external text, p_description text,
    p_media text[], p_occurred timestamptz, p_public boolean,
    p_address text, p_jurs text[], p_status_notes text,
    p_expected timestamptz, p_agency text)
RETURNS TABLE (outcome text, update_id bigint, replayed boolean,
    applied boolean)
LANGUAGE plpgsql AS $$
DECLARE
	res	record;
	before	jsonb;
BEGIN
	IF NOT console_sees(p_staff, p_request) THEN
		RETURN QUERY SELECT 'not_found'::text, NULL::bigint, false,
		    false;
		RETURN;
	END IF;
	before := console_state(p_request);
	SELECT * INTO res FROM o311_update(p_request, NULL, p_update_id,
	    p_status, p_external, p_description, p_media, p_occurred,
	    p_public, false, CASE WHEN p_jurs IS NULL
		THEN console_scope(p_staff) ELSE p_jurs END,
	    p_status_notes, p_expected, p_agency) u;
	IF res.outcome = 'ok' AND NOT res.replayed THEN
		UPDATE request_updates u SET staff_id = p_staff
		    WHERE u.id = res.update_id;
		INSERT INTO audit_log (staff_id, action, request_id, address,
		    detail)
		VALUES (p_staff, 'request.update', p_request, p_address,
		    jsonb_build_object('update_id', res.update_id,
			'public', p_public, 'before', before,
			'after', console_state(p_request)));
	END IF;
	IF res.outcome = 'forbidden' THEN
		res.outcome := 'not_found';
	END IF;
	RETURN QUERY SELECT res.outcome, res.update_id, res.replayed,
	    res.applied;
END
$$;

-- A staff member links (p_parent not NULL) or unlinks a duplicate
-- through o311_link / o311_unlink with their scope; both requests must
-- be in it. outcome as those functions give it, with 'forbidden'
-- reported as 'not_found'.
CREATE FUNCTION console_link(p_staff bigint, p_child bigint,
    p_parent bigint, p_address text)
RETURNS TABLE (outcome text, parent_id bigint)
LANGUAGE plpgsql AS $$
DECLARE
	res	record;
	before	jsonb;
BEGIN
	IF NOT console_sees(p_staff, p_child) OR (p_parent IS NOT NULL AND
	    NOT console_sees(p_staff, p_parent)) THEN
		RETURN QUERY SELECT 'not_found'::text, NULL::bigint;
		RETURN;
	END IF;
	before := console_state(p_child);
	IF p_parent IS NULL THEN
		SELECT * INTO res FROM o311_unlink(p_child, NULL,
		    console_scope(p_staff)) l;
	ELSE
		SELECT * INTO res FROM o311_link(p_child, p_parent, NULL,
		    console_scope(p_staff)) l;
	END IF;
	IF res.outcome = 'ok' THEN
		-- The history rows this transaction wrote for the request.
		UPDATE request_updates u SET staff_id = p_staff
		    WHERE u.request_id = p_child AND u.created_at = now()
			AND u.api_key_id IS NULL AND u.staff_id IS NULL
			AND u.kind IN ('link', 'unlink');
		INSERT INTO audit_log (staff_id, action, request_id, target,
		    address, detail)
		VALUES (p_staff, CASE WHEN p_parent IS NULL
		    THEN 'request.unlink' ELSE 'request.link' END, p_child,
		    res.parent_id::text, p_address,
		    jsonb_build_object('before', before,
			'after', console_state(p_child)));
	END IF;
	IF res.outcome = 'forbidden' THEN
		res.outcome := 'not_found';
	END IF;
	RETURN QUERY SELECT res.outcome, res.parent_id;
END
$$;
