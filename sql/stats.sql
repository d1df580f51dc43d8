-- GET /stats.json: CitiStat figures for the requests opened in a window,
-- overall and by jurisdiction, service, agency and channel, in one pass
-- (GROUPING SETS). Duplicates count as requests (their share is one of
-- the figures); test requests never count.
-- Plan with 1M stored requests (make bench): the window is an index
-- range scan on requests_requested_at, e.g. for 30 days
--   GroupAggregate -> Sort -> Nested Loop Left Join
--     -> Index Scan using requests_requested_at on requests r
--          Index Cond: requested_at >= $1 AND requested_at < $2
--     -> Index Scan using feedback_pkey on feedback f
-- Params: $1 from, $2 to (seconds since the epoch; from inclusive, to
-- exclusive), $3 jurisdiction (NULL: all)
-- Result: one row per group: dim ('total', 'jurisdiction', 'service',
-- 'agency', 'channel'), jurisdiction_id, service_code, agency, channel,
-- opened, closed, median and p90 hours to close, within_sla, with_sla,
-- duplicates, reopened, ever_closed, feedback count and mean rating
-- Replica: yes (a public read that tolerates a standby's lag)
WITH c AS (
    SELECT r.jurisdiction_id, r.service_code,
        coalesce(r.agency, '') AS agency, r.channel,
        r.status = 'closed' AS closed,
        CASE WHEN r.status = 'closed' THEN
            extract(epoch FROM r.closed_at - r.requested_at) / 3600 END
            AS hours,
        CASE WHEN r.status = 'closed' AND r.expected_at IS NOT NULL THEN
            r.closed_at <= r.expected_at END AS in_sla,
        r.parent_id IS NOT NULL AS dup,
        r.reopen_count > 0 AS reopened,
        f.rating
    FROM requests r
    LEFT JOIN feedback f ON f.request_id = r.id
    WHERE r.requested_at >= to_timestamp($1::float8)
        AND r.requested_at < to_timestamp($2::float8)
        AND NOT r.test
        AND ($3::text IS NULL OR r.jurisdiction_id = $3)
)
SELECT CASE
        WHEN GROUPING(service_code) = 0 THEN 'service'
        WHEN GROUPING(jurisdiction_id) = 0 THEN 'jurisdiction'
        WHEN GROUPING(agency) = 0 THEN 'agency'
        WHEN GROUPING(channel) = 0 THEN 'channel'
        ELSE 'total' END AS dim,
    jurisdiction_id, service_code, agency, channel,
    count(*) AS opened,
    count(*) FILTER (WHERE closed) AS closed,
    round(percentile_cont(0.5) WITHIN GROUP (ORDER BY hours)::numeric, 2)
        AS median_hours,
    round(percentile_cont(0.9) WITHIN GROUP (ORDER BY hours)::numeric, 2)
        AS p90_hours,
    count(*) FILTER (WHERE in_sla) AS within_sla,
    count(in_sla) AS with_sla,
    count(*) FILTER (WHERE dup) AS duplicates,
    count(*) FILTER (WHERE reopened) AS reopened,
    count(*) FILTER (WHERE closed OR reopened) AS ever_closed,
    count(rating) AS feedback,
    round(avg(rating), 2) AS rating
FROM c
GROUP BY GROUPING SETS ((), (jurisdiction_id), (jurisdiction_id,
    service_code), (agency), (channel))
ORDER BY dim, jurisdiction_id, service_code, agency, channel
