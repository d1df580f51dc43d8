-- GET /requests of some services (service_code), without a location
-- filter: as requests_search.sql, but each service's newest requests
-- are read from its own index, in order, and merged: never more than a
-- page (plus the offset) per service, however rare the service.
-- Params: $1 jurisdiction, $2 test, $3 service codes (text array), $4
-- statuses (text array or NULL for all), $5 from and
-- $6 to (seconds since the epoch, inclusive; $6 NULL: no end), $7 limit,
-- $8 offset, $9 updated after and $10 updated before (seconds,
-- inclusive; NULL: unbounded), $11 and $12 the cursor as in
-- requests_search.sql
-- Result: request_public rows, jurisdiction_modified (seconds) and
-- cursor_us
-- The jurisdiction and window bound the index scan whatever the other
-- filters, so the generic plan (see store/db.c) is the right one. With
-- 1M stored requests (make bench), the default 90-day window:
--   ... -> Limit -> Sort -> Nested Loop
--     -> Function Scan on unnest c
--     -> Limit -> Index Scan using requests_jur_service on requests r
--          Index Cond: jurisdiction_id = $1 AND service_code = c.code
--              AND requested_at >= ... <= ...
-- Replica: yes (a public read that tolerates a standby's lag)
SELECT p.*, (SELECT floor(extract(epoch FROM max(m.updated_at)))::bigint
    FROM requests m WHERE m.jurisdiction_id = $1
	AND m.service_code <> ALL ((SELECT o311_private_codes($1))::text[]))
    AS jurisdiction_modified,
    (extract(epoch FROM p.requested_at) * 1000000)::bigint AS cursor_us
FROM request_public p
WHERE p.id IN (
    SELECT x.id FROM unnest($3::text[]) AS c(code)
    CROSS JOIN LATERAL (
	SELECT r.id, r.requested_at FROM requests r
	WHERE r.jurisdiction_id = $1 AND r.service_code = c.code
	    AND c.code <> ALL ((SELECT o311_private_codes($1))::text[])
	    AND r.test = $2::boolean
	    AND ($4::text[] IS NULL OR r.status = ANY ($4::text[]))
	    AND r.requested_at >= to_timestamp($5::float8)
	    AND r.requested_at <= least(coalesce(to_timestamp($6::float8),
		'infinity'), coalesce(timestamptz 'epoch' +
			$11::bigint * interval '1 microsecond', 'infinity'))
	    AND ($11::bigint IS NULL OR r.requested_at < timestamptz 'epoch' +
		$11::bigint * interval '1 microsecond'
		OR r.id < $12::bigint)
	    AND ($9::float8 IS NULL OR
		r.updated_at >= to_timestamp($9::float8))
	    AND ($10::float8 IS NULL OR
		r.updated_at <= to_timestamp($10::float8))
	ORDER BY r.requested_at DESC, r.id DESC
	LIMIT $7::integer + $8::bigint) x
    ORDER BY x.requested_at DESC, x.id DESC
    LIMIT $7::integer OFFSET $8::bigint)
ORDER BY p.requested_at DESC, p.id DESC
