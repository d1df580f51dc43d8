-- 0011: languages. A service's translations from its catalog (the
-- "translations" object of the catalog format, as validated by catalog
-- import: language tag to service name, description, keywords and
-- attribute texts), and the language a report was made in, for the
-- reporter's e-mails (o311_notify puts it in the e-mail's payload).

ALTER TABLE services ADD COLUMN translations jsonb;

ALTER TABLE request_contacts ADD COLUMN locale text
    CHECK (locale ~ '^[a-z]{2,3}(-[A-Z]{2})?$');

-- As in 0004, with the reporter's language ('locale', NULL: English)
-- and the service's name in it where the catalog has one.
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
		'service_name', coalesce(s.translations -> c.locale
		    ->> 'service_name', s.translations
		    -> split_part(c.locale, '-', 1) ->> 'service_name', s.name),
		'jurisdiction', j.name,
		'status', CASE WHEN r.id = p.id THEN r.status ELSE p.status END,
		'detailed_status', CASE WHEN r.id = p.id THEN r.detailed_status
		    ELSE p.detailed_status END,
		'agency', CASE WHEN r.id = p.id THEN r.agency ELSE p.agency END,
		'note', u.description, 'locale', c.locale)
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
