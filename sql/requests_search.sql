-- GET /requests: requests of a jurisdiction in a window of requested
-- time, optionally of some services and statuses, near a point or in a
-- box, newest first.
-- Params: $1 jurisdiction, $2 test, $3 service codes (text array or
-- NULL for all), $4 statuses (text array or NULL for all), $5 from and
-- $6 to (seconds since the epoch, inclusive; NULL: no end), $7 limit,
-- $8 offset,
-- $9 lat, $10 long, $11 radius in metres (NULL: no point filter),
-- $12 min lat, $13 min long, $14 max lat, $15 max long (NULL: no box)
-- Result: request_public rows
SELECT p.* FROM request_public p
WHERE p.jurisdiction_id = $1 AND p.test = $2::boolean
    AND ($3::text[] IS NULL OR p.service_code = ANY ($3::text[]))
    AND ($4::text[] IS NULL OR p.status = ANY ($4::text[]))
    AND p.requested_at >= to_timestamp($5::float8)
    AND ($6::float8 IS NULL OR p.requested_at <= to_timestamp($6::float8))
    AND ($9::float8 IS NULL OR ST_DWithin(p.location,
        ST_SetSRID(ST_MakePoint($10::float8, $9::float8), 4326)::geography,
        $11::float8))
    AND ($12::float8 IS NULL OR (p.location && ST_MakeEnvelope(
        $13::float8, $12::float8, $15::float8, $14::float8, 4326)::geography
        AND ST_Y(p.location::geometry) > $12::float8
        AND ST_Y(p.location::geometry) < $14::float8
        AND ST_X(p.location::geometry) > $13::float8
        AND ST_X(p.location::geometry) < $15::float8))
ORDER BY p.requested_at DESC, p.id DESC
LIMIT $7::integer OFFSET $8::integer
