-- GET /requests in a box (bbox=minLat,minLong,maxLat,maxLong, exclusive),
-- with the other filters of requests_search.sql. The bounding-box test
-- on the geography always applies, so the plan starts from the GiST
-- index on location; the exact, exclusive comparisons then filter.
-- Params: $1 to $10 as requests_search.sql; $11 min lat, $12 min long,
-- $13 max lat, $14 max long; $15 and $16 the cursor as in
-- requests_search.sql
-- Result: request_public rows, jurisdiction_modified (seconds) and
-- cursor_us
-- Replica: yes (a public read that tolerates a standby's lag)
SELECT p.*, (SELECT floor(extract(epoch FROM max(m.updated_at)))::bigint
    FROM requests m WHERE m.jurisdiction_id = $1
	AND m.service_code <> ALL ((SELECT o311_private_codes($1))::text[]))
    AS jurisdiction_modified,
    (extract(epoch FROM p.requested_at) * 1000000)::bigint AS cursor_us
FROM request_public p
WHERE p.id IN (
    -- On the table alone, as in requests_near.sql.
    SELECT r.id FROM requests r
    WHERE r.jurisdiction_id = $1 AND r.test = $2::boolean
	AND r.service_code <> ALL ((SELECT o311_private_codes($1))::text[])
	AND ($3::text[] IS NULL OR r.service_code = ANY ($3::text[]))
	AND ($4::text[] IS NULL OR r.status = ANY ($4::text[]))
	AND ($5::float8 IS NULL OR r.requested_at >= to_timestamp($5::float8))
	AND ($6::float8 IS NULL OR r.requested_at <= to_timestamp($6::float8))
	AND ($15::bigint IS NULL OR r.requested_at < timestamptz 'epoch' +
		$15::bigint * interval '1 microsecond'
	    OR (r.requested_at = timestamptz 'epoch' +
		$15::bigint * interval '1 microsecond' AND r.id < $16::bigint))
	AND ($9::float8 IS NULL OR r.updated_at >= to_timestamp($9::float8))
	AND ($10::float8 IS NULL OR
	    r.updated_at <= to_timestamp($10::float8))
	AND r.location && ST_MakeEnvelope($12::float8, $11::float8,
	    $14::float8, $13::float8, 4326)::geography
	AND ST_Y(r.location::geometry) > $11::float8
	AND ST_Y(r.location::geometry) < $13::float8
	AND ST_X(r.location::geometry) > $12::float8
	AND ST_X(r.location::geometry) < $14::float8
    ORDER BY r.requested_at DESC, r.id DESC
    LIMIT $7::integer OFFSET $8::bigint)
ORDER BY p.requested_at DESC, p.id DESC
