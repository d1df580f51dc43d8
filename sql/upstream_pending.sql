-- Gateway mode: open requests an upstream Open311 server holds, per
-- upstream destination, for the status poll. Duplicates are left out:
-- they follow their parent here. Paged by (destination, request) so
-- every open request is polled in turn however many there are.
-- Plan with 1M stored requests (make bench; 0.1 ms, a parallel sequential
-- scan of 200-600 ms before the partial index):
--   Limit -> Sort -> Nested Loop
--     -> Index Scan using requests_upstream_open on requests r
--     -> Seq Scan on destinations d  Filter: active AND kind = 'open311'
-- Params: $1 limit, $2 and $3 the last destination and request of the
-- previous page (0 and 0 to start)
-- Result: destination id, url, secret, upstream jurisdiction, request
-- id, upstream id, current status, current detailed status, the
-- upstream's state last seen (NULL: never)
-- Columns: dest, url, secret, upjur, request, upstream_id,
-- status, detailed_status, seen
SELECT d.id::text, d.url, d.secret, d.upstream_jurisdiction, r.id::text,
    r.upstream_id, r.status, r.detailed_status, r.upstream_seen
FROM requests r
JOIN destinations d ON d.jurisdiction_id = r.jurisdiction_id
    AND (d.service_code IS NULL OR d.service_code = r.service_code)
WHERE d.kind = 'open311' AND d.active AND r.upstream_id IS NOT NULL
    AND r.status = 'open' AND NOT r.test AND r.parent_id IS NULL
    AND (d.id, r.id) > ($2::bigint, $3::bigint)
ORDER BY d.id, r.id
LIMIT $1::integer
