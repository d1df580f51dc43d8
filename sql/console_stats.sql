-- GET /console/api/stats: the rows of sql/stats.sql for a staff
-- member's dashboard: of their jurisdictions only (console_scope; all
-- for an unscoped account), and with the private services, which the
-- public figures leave out. Same plan as sql/stats.sql.
-- Params: $1 first day, $2 the day after the last (YYYY-MM-DD, UTC),
-- $3 jurisdiction (NULL: all of mine), $4 account id
-- Result: as sql/stats.sql
WITH me AS (SELECT console_scope($4::bigint) AS jurs)
SELECT d.jurisdiction_id, d.service_code, d.agency, d.channel, d.opened,
    d.closed, d.within_sla, d.with_sla, d.duplicates, d.reopened,
    d.ever_closed, d.feedback, d.rating_sum, d.hours, d.day::text
FROM stats_daily d, me
WHERE d.day >= $1::date AND d.day < $2::date
    AND ($3::text IS NULL OR d.jurisdiction_id = $3)
    AND (me.jurs IS NULL OR d.jurisdiction_id = ANY (me.jurs))
UNION ALL
SELECT d.jurisdiction_id, d.service_code, d.agency, d.channel, d.opened,
    d.closed, d.within_sla, d.with_sla, d.duplicates, d.reopened,
    d.ever_closed, d.feedback, d.rating_sum,
    stats_hist_add('{}', d.bucket, d.bucket_n), d.day::text
FROM stats_delta d, me
WHERE d.day >= $1::date AND d.day < $2::date
    AND ($3::text IS NULL OR d.jurisdiction_id = $3)
    AND (me.jurs IS NULL OR d.jurisdiction_id = ANY (me.jurs))
