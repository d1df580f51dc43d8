-- GET /exports/requests.{csv,geojson}: one page of the whole history in
-- id order, after the last id of the previous page (keyset paging: each
-- page is an index range scan on the primary key, whatever its depth).
-- Test requests are never exported.
-- Params: $1 last id (0 to start), $2 jurisdiction (NULL: all), $3
-- service codes (text array, NULL: all), $4 updated after and $5 updated
-- before (seconds, inclusive; NULL: unbounded), $6 page size
-- Result: request_public rows
-- Replica: yes (a public read that tolerates a standby's lag)
SELECT p.* FROM request_public p
WHERE p.id > $1::bigint AND NOT p.test
    AND ($2::text IS NULL OR p.jurisdiction_id = $2)
    AND ($3::text[] IS NULL OR p.service_code = ANY ($3::text[]))
    AND ($4::float8 IS NULL OR p.updated_at >= to_timestamp($4::float8))
    AND ($5::float8 IS NULL OR p.updated_at <= to_timestamp($5::float8))
ORDER BY p.id
LIMIT $6::integer
