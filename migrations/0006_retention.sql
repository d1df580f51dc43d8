-- 0006: reporters' personal data is kept for a while, not for ever.
-- o311_purge erases the contact details (and the e-mail subscription) of
-- requests closed more than p_days ago: the request_contacts fields are
-- set to NULL, the erasure is recorded in the request's history (an
-- internal 'erasure' update that says when and why, without the data),
-- and the copies in outbox events lose them too (back-office payloads
-- their contact, e-mails their address; an e-mail not sent yet is never
-- sent). One worker of one node runs it on a timer
-- (retention_days, retention_check_ms); `open311d purge --dry-run`
-- lists what would go.

ALTER TABLE request_contacts ADD COLUMN erased_at timestamptz;

ALTER TABLE request_updates DROP CONSTRAINT request_updates_kind_check;
ALTER TABLE request_updates ADD CONSTRAINT request_updates_kind_check
    CHECK (kind IN ('status', 'note', 'transfer', 'comment', 'duplicate',
    'link', 'unlink', 'reopen', 'erasure'));

-- The closed requests whose reporters' data is still kept, oldest first.
CREATE INDEX requests_closed_at ON requests (closed_at)
    WHERE status = 'closed';

-- Erases (or with p_dry, only lists) the personal data of at most p_limit
-- requests (NULL: all) closed more than p_days days ago, oldest first.
-- Returns each request and when it closed. One caller at a time erases
-- (others get nothing back at once).
CREATE FUNCTION o311_purge(p_days integer, p_limit integer, p_dry boolean)
RETURNS TABLE (request_id bigint, closed_at timestamptz)
LANGUAGE plpgsql AS $$
BEGIN
	IF NOT p_dry AND NOT pg_try_advisory_xact_lock(
	    hashtext('open311d o311_purge')) THEN
		RETURN;
	END IF;
	IF p_dry THEN
		RETURN QUERY
		SELECT c.request_id, r.closed_at
		FROM requests r
		JOIN request_contacts c ON c.request_id = r.id
		WHERE r.status = 'closed'
		    AND r.closed_at < now() - make_interval(days => p_days)
		    AND c.erased_at IS NULL
		ORDER BY r.closed_at, r.id
		LIMIT p_limit;
		RETURN;
	END IF;
	RETURN QUERY
	WITH due AS (
		SELECT c.request_id, r.closed_at
		FROM requests r
		JOIN request_contacts c ON c.request_id = r.id
		WHERE r.status = 'closed'
		    AND r.closed_at < now() - make_interval(days => p_days)
		    AND c.erased_at IS NULL
		ORDER BY r.closed_at, r.id
		LIMIT p_limit
	), erased AS (
		UPDATE request_contacts c SET email = NULL, phone = NULL,
		    first_name = NULL, last_name = NULL, device_id = NULL,
		    account_id = NULL, notify = false, erased_at = now()
		FROM due
		WHERE c.request_id = due.request_id
		RETURNING c.request_id
	), told AS (
		INSERT INTO request_updates (request_id, kind, public,
		    description)
		SELECT e.request_id, 'erasure', false,
		    format('The reporter''s contact details were erased, %s '
		    'days after the request was closed (retention period).',
		    p_days)
		FROM erased e
		RETURNING 1
	), scrubbed AS (
		UPDATE outbox o SET payload = CASE o.event
		    WHEN 'email' THEN o.payload - 'to' - 'first_name'
		    ELSE jsonb_set(o.payload, '{request,contact}', 'null')
		    END,
		    state = CASE WHEN o.event = 'email' AND o.state = 'pending'
		    THEN 'skipped' ELSE o.state END
		FROM erased e
		WHERE o.request_id = e.request_id
		RETURNING 1
	)
	SELECT due.request_id, due.closed_at
	FROM due JOIN erased e ON e.request_id = due.request_id
	ORDER BY due.closed_at, due.request_id;
END $$;
