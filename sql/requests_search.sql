-- GET /requests without a location or service filter: requests of a
-- jurisdiction in a window of requested time (and optionally of updated
-- time) and of some statuses, newest first, a page at a time. Each row
-- also carries when anything in the jurisdiction last changed (for
-- Last-Modified). Of some services: requests_services.sql; near a point
-- or in a box: requests_near.sql, requests_box.sql; only updated-time
-- bounds: requests_updated.sql.
-- Params: $1 jurisdiction, $2 test, $3 service codes (text array, or
-- NULL for all; requests_services.sql plans better for a few), $4
-- statuses (text array or NULL for all), $5 from and
-- $6 to (seconds since the epoch, inclusive; $6 NULL: no end), $7 limit,
-- $8 offset, $9 updated after and $10 updated before (seconds,
-- inclusive; NULL: unbounded), $11 and $12 the cursor: the sort key
-- (microseconds since the epoch) and id of the previous page's last row
-- (NULL: from the newest; see app/formats/cursor.h)
-- Result: request_public rows, jurisdiction_modified (seconds) and
-- cursor_us (each row's sort key, for the next cursor)
-- The jurisdiction and window bound the index scan whatever the other
-- filters, so the generic plan (see store/db.c) is the right one. With
-- 1M stored requests (make bench), the default 90-day window:
--   Sort -> Nested Loop -> HashAggregate -> Limit
--     -> Index Scan using requests_jur_requested on requests r_1
--          Index Cond: jurisdiction_id = $1 AND requested_at >= ... <= ...
--   -> Index Scan using requests_pkey, services_pkey (the page's rows)
-- reading the newest 1000 of the window and nothing else.
-- Replica: yes (a public read that tolerates a standby's lag)
SELECT p.*, (SELECT floor(extract(epoch FROM max(m.updated_at)))::bigint
    FROM requests m WHERE m.jurisdiction_id = $1
	AND m.service_code <> ALL ((SELECT o311_private_codes($1))::text[]))
    AS jurisdiction_modified,
    (extract(epoch FROM p.requested_at) * 1000000)::bigint AS cursor_us
FROM request_public p
WHERE p.id IN (
    -- On the table alone: joined with services (the view), the planner
    -- would read every request of the window service by service.
    SELECT r.id FROM requests r
    WHERE r.jurisdiction_id = $1 AND r.test = $2::boolean
	AND r.service_code <> ALL ((SELECT o311_private_codes($1))::text[])
	AND ($3::text[] IS NULL OR r.service_code = ANY ($3::text[]))
	AND ($4::text[] IS NULL OR r.status = ANY ($4::text[]))
	AND r.requested_at >= to_timestamp($5::float8)
	AND r.requested_at <= least(coalesce(to_timestamp($6::float8),
	    'infinity'), coalesce(timestamptz 'epoch' +
		$11::bigint * interval '1 microsecond', 'infinity'))
	AND ($11::bigint IS NULL OR r.requested_at < timestamptz 'epoch' +
		$11::bigint * interval '1 microsecond'
	    OR r.id < $12::bigint)
	AND ($9::float8 IS NULL OR r.updated_at >= to_timestamp($9::float8))
	AND ($10::float8 IS NULL OR
	    r.updated_at <= to_timestamp($10::float8))
    ORDER BY r.requested_at DESC, r.id DESC
    LIMIT $7::integer OFFSET $8::bigint)
ORDER BY p.requested_at DESC, p.id DESC
