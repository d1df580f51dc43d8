-- 0014: a staff member's password link is e-mailed when smtp_url is set,
-- through the outbox and the reporters' SMTP deliverer: an outbox event
-- 'staff.password' without a request (request_id NULL, staff_id set).
-- Its payload holds the link's token until it is sent, because the
-- deliverer needs it for the message; once the event leaves 'pending'
-- (delivered, dead or skipped) a trigger removes the token, so the
-- database keeps only the link's hash, as before. A newer link of the
-- account, or its password set, skips the mails not sent yet.

ALTER TABLE outbox ALTER COLUMN request_id DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN staff_id bigint REFERENCES staff(id)
    ON DELETE CASCADE;
ALTER TABLE outbox DROP CONSTRAINT outbox_event_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_event_check
    CHECK (event IN ('request.created', 'request.updated', 'email',
    'staff.password'));
ALTER TABLE outbox ADD CONSTRAINT outbox_owner_check
    CHECK ((request_id IS NOT NULL) <> (event = 'staff.password'
    AND staff_id IS NOT NULL AND destination_id IS NULL));

CREATE INDEX outbox_staff ON outbox (staff_id) WHERE staff_id IS NOT NULL;

CREATE FUNCTION outbox_scrub_token() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.payload := NEW.payload - 'token';
	RETURN NEW;
END
$$;

CREATE TRIGGER outbox_scrub_token BEFORE UPDATE ON outbox FOR EACH ROW
    WHEN (NEW.event = 'staff.password' AND NEW.state <> 'pending')
    EXECUTE FUNCTION outbox_scrub_token();

-- A new one-time password link for active account p_staff: earlier
-- unused links stop working and their mails not sent yet are skipped;
-- the link's hash p_hash (hex) is stored, valid p_secs seconds; with
-- p_token (not NULL) the link is e-mailed (an outbox event
-- 'staff.password', p_hours its validity for the message). Audited as
-- 'staff.password_link' by p_actor (NULL: the command line) from
-- p_address. Returns the account's id, or NULL when it is not active.
CREATE FUNCTION staff_link(p_staff bigint, p_hash text, p_secs integer,
    p_token text, p_hours integer, p_actor bigint, p_address text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	s	staff%ROWTYPE;
BEGIN
	SELECT * INTO s FROM staff WHERE id = p_staff AND active FOR UPDATE;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	UPDATE staff_password_tokens t SET used_at = now()
	    WHERE t.staff_id = s.id AND t.used_at IS NULL;
	UPDATE outbox o SET state = 'skipped', lease_until = NULL,
	    lease_owner = NULL
	    WHERE o.staff_id = s.id AND o.state = 'pending';
	INSERT INTO staff_password_tokens (hash, staff_id, expires_at)
	    VALUES (decode(p_hash, 'hex'), s.id,
		now() + make_interval(secs => p_secs));
	IF p_token IS NOT NULL THEN
		INSERT INTO outbox (request_id, staff_id, destination_id, seq,
		    event, payload)
		VALUES (NULL, s.id, NULL, 1, 'staff.password',
		    jsonb_build_object('to', s.email, 'name', s.name,
			'token', p_token, 'hours', p_hours));
	END IF;
	INSERT INTO audit_log (staff_id, action, target, address, detail)
	VALUES (coalesce(p_actor, s.id), 'staff.password_link', s.email,
	    p_address, jsonb_build_object('emailed', p_token IS NOT NULL,
		'account', s.id));
	RETURN s.id;
END
$$;
