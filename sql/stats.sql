-- GET /stats.json: the rollup rows (migrations/0005_stats_rollup.sql) of
-- the requests opened on the days of a window, one row per day and
-- (jurisdiction, service, agency, channel), plus the changes not folded
-- into the rollup yet; app/formats/stats.c adds them up by group and
-- reads the hours to close off the histograms. Test requests never count.
-- Plan at 1M stored requests (make bench): an index range scan of
-- stats_daily_jur or stats_daily_pkey on day, about one row per day and
-- combination (a few thousand for 30 days), and a scan of stats_delta
-- (a second's worth of changes at most).
-- Params: $1 first day, $2 the day after the last (YYYY-MM-DD, UTC),
-- $3 jurisdiction (NULL: all)
-- Result: jurisdiction_id, service_code, agency, channel, opened,
-- closed, within_sla, with_sla, duplicates, reopened, ever_closed,
-- feedback, rating_sum, hours (an integer array: bucket counts), day
-- (YYYY-MM-DD, the day the requests were opened)
-- Replica: yes (a public read that tolerates a standby's lag)
SELECT jurisdiction_id, service_code, agency, channel, opened, closed,
    within_sla, with_sla, duplicates, reopened, ever_closed, feedback,
    rating_sum, hours, day::text
FROM stats_daily_public
WHERE day >= $1::date AND day < $2::date
    AND ($3::text IS NULL OR jurisdiction_id = $3)
UNION ALL
SELECT jurisdiction_id, service_code, agency, channel, opened, closed,
    within_sla, with_sla, duplicates, reopened, ever_closed, feedback,
    rating_sum, stats_hist_add('{}', bucket, bucket_n), day::text
FROM stats_delta_public
WHERE day >= $1::date AND day < $2::date
    AND ($3::text IS NULL OR jurisdiction_id = $3)
