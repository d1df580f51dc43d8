-- tests/bench/seed.sql: a million service requests spread the way a
-- region's 311 traffic is: 70 % in the City of San Diego, 20 % in the
-- county, 10 % in Chula Vista; at random points inside each boundary;
-- services of each catalogue weighted towards the common ones; requested
-- over the last two years with more recent than old; everything older
-- than two weeks closed (within or after its SLA), half of the recent
-- ones; one in twenty a duplicate of the request before it; channels
-- mostly apps and the web; stored in the order they were made. Run by tests/bench/run.sh as the superuser
-- with :n set to the number of requests to add.

\set ON_ERROR_STOP on
SET synchronous_commit = off;
-- A bulk load: no statistics deltas row by row (the requests_stats and
-- feedback_stats triggers); the rollup is rebuilt once at the end.
SET session_replication_role = replica;

CREATE TEMP TABLE bench_points AS
SELECT jurisdiction_id, row_number() OVER (PARTITION BY jurisdiction_id)
	AS k,
    count(*) OVER (PARTITION BY jurisdiction_id) AS n, geom
FROM (SELECT j.id AS jurisdiction_id,
    (ST_Dump(ST_GeneratePoints(j.boundary::geometry,
	(:n * CASE j.id WHEN 'sandiego.gov' THEN 0.7
	    WHEN 'sandiegocounty.gov' THEN 0.2 ELSE 0.1 END)::integer + 1,
	311))).geom AS geom
    FROM jurisdictions j
    WHERE j.id IN ('sandiego.gov', 'sandiegocounty.gov',
	'chulavistaca.gov')) d;
CREATE INDEX ON bench_points (jurisdiction_id, k);
CREATE TEMP TABLE bench_counts AS
SELECT DISTINCT jurisdiction_id, n FROM bench_points;

CREATE TEMP TABLE bench_services AS
SELECT s.jurisdiction_id, s.code, s.agency, s.sla_hours,
    coalesce(s.dup_group, s.code) AS dup_key,
    row_number() OVER (PARTITION BY s.jurisdiction_id ORDER BY s.code)
	AS k,
    count(*) OVER (PARTITION BY s.jurisdiction_id) AS n
FROM services s WHERE s.active;

INSERT INTO requests (jurisdiction_id, service_code, status,
    detailed_status, description, agency, requested_at, updated_at,
    state_at, expected_at, closed_at, accepted_at, location, channel,
    dup_key)
SELECT x.jur, s.code,
    CASE WHEN x.closed THEN 'closed' ELSE 'open' END,
    CASE WHEN x.closed THEN 'fixed' ELSE 'open' END,
    'Seeded request ' || x.g, nullif(s.agency, ''), x.at,
    CASE WHEN x.closed THEN least(x.at + x.took, now()) ELSE x.at END,
    CASE WHEN x.closed THEN least(x.at + x.took, now()) ELSE x.at END,
    x.at + make_interval(hours => s.sla_hours),
    CASE WHEN x.closed THEN least(x.at + x.took, now()) END, x.at,
    p.geom::geography,
    (ARRAY['mobile_app', 'mobile_app', 'mobile_app', 'web', 'web',
	'web', 'phone', 'phone', 'partner_app', 'mobile_app'])
	[1 + x.g % 10],
    s.dup_key
FROM (
    SELECT a.*, a.at < now() - interval '14 days' OR a.rc < 0.5 AS closed
    FROM (
	SELECT g,
	    CASE WHEN g % 10 < 7 THEN 'sandiego.gov'
		WHEN g % 10 < 9 THEN 'sandiegocounty.gov'
		ELSE 'chulavistaca.gov' END AS jur,
	    now() - make_interval(secs => (random() ^ 1.6) * 730 * 86400)
		AS at,
	    random() AS rs, random() AS rc,
	    make_interval(secs => random() * random() * 14 * 86400) AS took
	FROM generate_series(1, :n) g
    ) a
) x
-- Skewed: the first services of a catalogue are the common ones.
JOIN bench_services s ON s.jurisdiction_id = x.jur
    AND s.k = 1 + floor((x.rs ^ 2) * s.n)::integer
JOIN bench_counts c ON c.jurisdiction_id = x.jur
JOIN bench_points p ON p.jurisdiction_id = x.jur
    AND p.k = 1 + (x.g::bigint / 10 * 7919) % c.n
-- Stored in the order they came in, as a live system stores them.
ORDER BY x.at;

-- One in twenty follows the request before it as its duplicate.
UPDATE requests c SET parent_id = c.id - 1, detailed_status = 'duplicate',
    status_notes = 'Duplicate of request ' || (c.id - 1)
WHERE c.id % 20 = 0 AND c.description LIKE 'Seeded request %'
    AND c.parent_id IS NULL
    AND EXISTS (SELECT 1 FROM requests p WHERE p.id = c.id - 1
	AND p.parent_id IS NULL);
UPDATE requests p SET duplicate_count = d.n
FROM (SELECT parent_id, count(*) AS n FROM requests
    WHERE parent_id IS NOT NULL GROUP BY parent_id) d
WHERE p.id = d.parent_id;

SET session_replication_role = DEFAULT;
SELECT stats_rebuild();

VACUUM ANALYZE requests;
VACUUM ANALYZE stats_daily;
