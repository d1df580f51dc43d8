-- 0015: languages. A service's translations from its catalog (the
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

-- o311_submit, then the reporter's language on the contact it stored
-- (the web pages send the page's language; NULL leaves it unset).
CREATE FUNCTION o311_submit_lang(p_key bigint, p_idem text, p_jur text,
    p_service text, p_test boolean, p_lat float8, p_long float8,
    p_address text, p_address_id text, p_zipcode text, p_description text,
    p_attributes jsonb, p_media_ids text[], p_media_urls text[],
    p_channel text, p_email text, p_phone text, p_first text, p_last text,
    p_device text, p_account text, p_locks bigint[], p_address_key text,
    p_notify boolean, p_locale text)
RETURNS TABLE (outcome text, request_id bigint, token text,
    service_notice text, account_id text, replayed boolean,
    parent_id bigint)
LANGUAGE plpgsql AS $$
DECLARE
	s	record;
BEGIN
	FOR s IN SELECT * FROM o311_submit(p_key, p_idem, p_jur, p_service,
	    p_test, p_lat, p_long, p_address, p_address_id, p_zipcode,
	    p_description, p_attributes, p_media_ids, p_media_urls, p_channel,
	    p_email, p_phone, p_first, p_last, p_device, p_account, p_locks,
	    p_address_key, p_notify) LOOP
		IF p_locale IS NOT NULL AND s.outcome = 'ok' AND
		    NOT s.replayed THEN
			UPDATE request_contacts c SET locale = p_locale
			    WHERE c.request_id = s.request_id;
		END IF;
		outcome := s.outcome;
		request_id := s.request_id;
		token := s.token;
		service_notice := s.service_notice;
		account_id := s.account_id;
		replayed := s.replayed;
		parent_id := s.parent_id;
		RETURN NEXT;
	END LOOP;
END
$$;
