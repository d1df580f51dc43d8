-- GET /requests near a point (lat, long, radius), with the other filters
-- of requests_search.sql and optionally a box too. ST_DWithin always
-- applies, so the plan (generic, prepared once) starts from the GiST
-- index on location and only then filters and sorts the few requests
-- found there. A box alone: requests_box.sql.
-- Params: $1 to $10 as requests_search.sql; $11 lat, $12 long, $13
-- radius in metres; $14 min lat, $15 min long, $16 max lat, $17 max
-- long (NULL: no box); $18 and $19 the cursor as in requests_search.sql
-- Result: request_public rows, jurisdiction_modified (seconds) and
-- cursor_us
-- Plan with 1M stored requests (make bench), 500 m around a point:
--   Limit -> Sort -> Nested Loop
--     -> Bitmap Heap Scan on requests r
--          -> Bitmap Index Scan on requests_location
--               Index Cond: location && _st_expand(point, radius)
-- Replica: yes (a public read that tolerates a standby's lag)
SELECT p.*, (SELECT floor(extract(epoch FROM max(m.updated_at)))::bigint
    FROM requests m WHERE m.jurisdiction_id = $1
	AND m.service_code <> ALL ((SELECT o311_private_codes($1))::text[]))
    AS jurisdiction_modified,
    (extract(epoch FROM p.requested_at) * 1000000)::bigint AS cursor_us
FROM request_public p
WHERE p.id IN (
    -- On the table alone: joined with services (the view), the planner
    -- would drive from each service through another index instead.
    SELECT r.id FROM requests r
    WHERE r.jurisdiction_id = $1 AND r.test = $2::boolean
	AND r.service_code <> ALL ((SELECT o311_private_codes($1))::text[])
	AND ($3::text[] IS NULL OR r.service_code = ANY ($3::text[]))
	AND ($4::text[] IS NULL OR r.status = ANY ($4::text[]))
	AND ($5::float8 IS NULL OR r.requested_at >= to_timestamp($5::float8))
	AND ($6::float8 IS NULL OR r.requested_at <= to_timestamp($6::float8))
	AND ($18::bigint IS NULL OR r.requested_at < timestamptz 'epoch' +
		$18::bigint * interval '1 microsecond'
	    OR (r.requested_at = timestamptz 'epoch' +
		$18::bigint * interval '1 microsecond' AND r.id < $19::bigint))
	AND ($9::float8 IS NULL OR r.updated_at >= to_timestamp($9::float8))
	AND ($10::float8 IS NULL OR
	    r.updated_at <= to_timestamp($10::float8))
	AND ST_DWithin(r.location,
	    ST_SetSRID(ST_MakePoint($12::float8, $11::float8),
	    4326)::geography, $13::float8)
	AND ($14::float8 IS NULL OR (
	    ST_Y(r.location::geometry) > $14::float8
	    AND ST_Y(r.location::geometry) < $16::float8
	    AND ST_X(r.location::geometry) > $15::float8
	    AND ST_X(r.location::geometry) < $17::float8))
    ORDER BY r.requested_at DESC, r.id DESC
    LIMIT $7::integer OFFSET $8::bigint)
ORDER BY p.requested_at DESC, p.id DESC
