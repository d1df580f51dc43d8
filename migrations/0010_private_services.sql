-- 0010: services a city marks non-public in its catalog ("private": true,
-- e.g. reports about a person). Their requests never reach a public
-- answer: request_public, which every public list, feed, export, map and
-- nearby search reads, leaves them out, and so do the public updates
-- feed and the statistics. request_all is every request: only the
-- reporter (by token) and back-office keys of the jurisdiction read it
-- (sql/request_get.sql, sql/requests_by_ids.sql), and the back-office
-- hand-off (o311_payload).

ALTER TABLE services ADD COLUMN private boolean NOT NULL DEFAULT false;

-- Every request, private services' too; the columns of request_public
-- and whether the service is private.
CREATE VIEW request_all AS
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
    r.escalated, s.private
FROM requests r
JOIN services s ON s.jurisdiction_id = r.jurisdiction_id
    AND s.code = r.service_code;

-- The public face of a request: every Open311 field, formatted as it
-- goes on the wire, of the requests of public services only. No personal
-- data is reachable from here.
CREATE OR REPLACE VIEW request_public AS
SELECT * FROM request_all WHERE NOT private;

-- A private service's request always has a token, whatever its type:
-- the POST answer gives it to the reporter, who reads the request with
-- it (GET /requests/{id}?t=token).
CREATE FUNCTION o311_private_token() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.token IS NULL AND EXISTS (SELECT 1 FROM services s
	    WHERE s.jurisdiction_id = NEW.jurisdiction_id
		AND s.code = NEW.service_code AND s.private) THEN
		NEW.token := replace(gen_random_uuid()::text, '-', '');
	END IF;
	RETURN NEW;
END
$$;

CREATE TRIGGER requests_private_token BEFORE INSERT ON requests
    FOR EACH ROW EXECUTE FUNCTION o311_private_token();

-- The private services of a jurisdiction: the list statements that pick
-- a page of ids on the requests table leave these out before the LIMIT,
-- so a page is as long as it would be without them.
CREATE FUNCTION o311_private_codes(p_jur text) RETURNS text[]
LANGUAGE sql STABLE AS $$
	SELECT coalesce(array_agg(code), '{}') FROM services
	WHERE jurisdiction_id = p_jur AND private
$$;

-- The statistics' rollup rows of public services (the public answer of
-- GET /stats counts private services nowhere, not even in totals: in a
-- small area a count can point at a person).
CREATE VIEW stats_daily_public AS
SELECT d.* FROM stats_daily d
WHERE NOT EXISTS (SELECT 1 FROM services s
    WHERE s.jurisdiction_id = d.jurisdiction_id
	AND s.code = d.service_code AND s.private);

CREATE VIEW stats_delta_public AS
SELECT d.* FROM stats_delta d
WHERE NOT EXISTS (SELECT 1 FROM services s
    WHERE s.jurisdiction_id = d.jurisdiction_id
	AND s.code = d.service_code AND s.private);

-- The back office receives private services' requests as any other:
-- o311_payload (0004) now reads request_all.
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
		FROM request_all p JOIN requests r ON r.id = p.id
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
