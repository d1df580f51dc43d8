-- Gateway mode: open requests an upstream Open311 server holds, per
-- upstream destination, for the status poll.
-- Params: $1 limit
-- Result: destination id, url, secret, upstream jurisdiction, request
-- id, upstream id, current status, current detailed status, status notes
SELECT d.id::text, d.url, d.secret, d.upstream_jurisdiction, r.id::text,
    r.upstream_id, r.status, r.detailed_status, coalesce(r.status_notes, '')
FROM requests r
JOIN destinations d ON d.jurisdiction_id = r.jurisdiction_id
    AND (d.service_code IS NULL OR d.service_code = r.service_code)
WHERE d.kind = 'open311' AND d.active AND r.upstream_id IS NOT NULL
    AND r.status = 'open' AND NOT r.test
ORDER BY d.id, r.updated_at
LIMIT $1::integer
