-- 0005: the statistics from a rollup instead of a scan of the requests.
-- GET /stats.json scanned every request opened in its window (about a
-- second for 30 days at a million stored requests, on a connection that
-- submissions wait for). Each request now contributes its figures to
-- one row per (day it was opened, jurisdiction, service, agency,
-- channel) of stats_daily, whatever window is asked, so a window costs
-- one row per day and combination.
--
-- The rollup is kept incrementally: a trigger appends what a change to a
-- request (or to its feedback) adds and takes away to stats_delta, an
-- insert that no two submissions contend for; stats_fold(), run about
-- every second by one worker, moves the deltas into stats_daily in one
-- transaction. Readers add the deltas not yet folded, so an answer is
-- always current.
--
-- Hours to close go into a histogram of 256 logarithmic buckets
-- (FMT_STATS_BUCKETS): bucket 0 holds closings within a minute, bucket i
-- (1 to 254) those from 2^(20 (i - 1) / 254) to 2^(20 i / 254) minutes
-- (each 5.6 % wider than the last), bucket 255 everything from 2^20
-- minutes (728 days) on. Medians and percentiles are read off the
-- histogram (app/formats/stats.c), to within one bucket: 5.6 %.

CREATE TABLE stats_daily (
	day		date NOT NULL,
	jurisdiction_id	text NOT NULL,
	service_code	text NOT NULL,
	agency		text NOT NULL,
	channel		text NOT NULL,
	opened		integer NOT NULL,
	closed		integer NOT NULL,
	within_sla	integer NOT NULL,
	with_sla	integer NOT NULL,
	duplicates	integer NOT NULL,
	reopened	integer NOT NULL,
	ever_closed	integer NOT NULL,
	feedback	integer NOT NULL,
	rating_sum	integer NOT NULL,
	hours		integer[] NOT NULL,
	PRIMARY KEY (day, jurisdiction_id, service_code, agency, channel)
);
CREATE INDEX stats_daily_jur ON stats_daily (jurisdiction_id, day);

CREATE TABLE stats_delta (
	id		bigserial PRIMARY KEY,
	day		date NOT NULL,
	jurisdiction_id	text NOT NULL,
	service_code	text NOT NULL,
	agency		text NOT NULL,
	channel		text NOT NULL,
	opened		integer NOT NULL,
	closed		integer NOT NULL,
	within_sla	integer NOT NULL,
	with_sla	integer NOT NULL,
	duplicates	integer NOT NULL,
	reopened	integer NOT NULL,
	ever_closed	integer NOT NULL,
	feedback	integer NOT NULL,
	rating_sum	integer NOT NULL,
	-- The hours-to-close bucket and what it gains (NULL: not closed).
	bucket		smallint,
	bucket_n	integer NOT NULL
);

-- The histogram bucket of a closing after mins minutes.
CREATE FUNCTION stats_bucket(mins float8) RETURNS smallint
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN mins < 1 THEN 0
	    ELSE least(255, 1 + floor(ln(mins) / ln(2) * 254 / 20))::smallint
	    END
$$;

-- a with element b (0-based) raised by n, grown as needed.
CREATE FUNCTION stats_hist_add(a integer[], b integer, n integer)
RETURNS integer[] LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	IF b IS NULL OR n = 0 THEN
		RETURN a;
	END IF;
	WHILE coalesce(array_length(a, 1), 0) <= b LOOP
		a := a || 0;
	END LOOP;
	a[b + 1] := a[b + 1] + n;
	RETURN a;
END $$;

-- a + b, element by element.
CREATE FUNCTION stats_hist_merge(a integer[], b integer[])
RETURNS integer[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	i integer;
BEGIN
	FOR i IN 1 .. coalesce(array_length(b, 1), 0) LOOP
		IF b[i] <> 0 THEN
			a := stats_hist_add(a, i - 1, b[i]);
		END IF;
	END LOOP;
	RETURN a;
END $$;

CREATE AGGREGATE stats_hist(integer, integer) (
	SFUNC = stats_hist_add, STYPE = integer[], INITCOND = '{}'
);

-- Appends the figures request r contributes (times p_sign: 1 adds, -1
-- takes away) with its feedback rating (NULL: none) to stats_delta.
-- Test requests contribute nothing.
CREATE FUNCTION stats_emit(r requests, p_sign integer, p_rating integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	v_closed boolean := r.status = 'closed';
	v_sla boolean := CASE WHEN r.status = 'closed' AND
	    r.expected_at IS NOT NULL THEN r.closed_at <= r.expected_at END;
BEGIN
	IF r.test THEN
		RETURN;
	END IF;
	INSERT INTO stats_delta (day, jurisdiction_id, service_code, agency,
	    channel, opened, closed, within_sla, with_sla, duplicates,
	    reopened, ever_closed, feedback, rating_sum, bucket, bucket_n)
	VALUES ((r.requested_at AT TIME ZONE 'UTC')::date, r.jurisdiction_id,
	    r.service_code, coalesce(r.agency, ''), r.channel, p_sign,
	    p_sign * v_closed::integer, p_sign * coalesce(v_sla, false)::integer,
	    p_sign * (v_sla IS NOT NULL)::integer,
	    p_sign * (r.parent_id IS NOT NULL)::integer,
	    p_sign * (r.reopen_count > 0)::integer,
	    p_sign * (v_closed OR r.reopen_count > 0)::integer,
	    p_sign * (p_rating IS NOT NULL)::integer,
	    p_sign * coalesce(p_rating, 0),
	    CASE WHEN v_closed AND r.closed_at IS NOT NULL THEN stats_bucket(
	        extract(epoch FROM r.closed_at - r.requested_at) / 60) END,
	    p_sign);
END $$;

-- What of a request the statistics read: a change to anything else
-- (notes, updated_at, ...) leaves the rollup alone.
CREATE FUNCTION stats_same(a requests, b requests) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT a.test = b.test AND a.requested_at = b.requested_at
	    AND a.jurisdiction_id = b.jurisdiction_id
	    AND a.service_code = b.service_code
	    AND a.agency IS NOT DISTINCT FROM b.agency
	    AND a.channel = b.channel AND a.status = b.status
	    AND a.closed_at IS NOT DISTINCT FROM b.closed_at
	    AND a.expected_at IS NOT DISTINCT FROM b.expected_at
	    AND (a.parent_id IS NULL) = (b.parent_id IS NULL)
	    AND (a.reopen_count > 0) = (b.reopen_count > 0)
$$;

CREATE FUNCTION stats_requests_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	rating integer;
BEGIN
	IF TG_OP = 'UPDATE' AND stats_same(OLD, NEW) THEN
		RETURN NULL;
	END IF;
	IF TG_OP <> 'INSERT' THEN
		SELECT f.rating INTO rating FROM feedback f
		WHERE f.request_id = OLD.id;
		PERFORM stats_emit(OLD, -1, rating);
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM stats_emit(NEW, 1, rating);
	END IF;
	RETURN NULL;
END $$;

CREATE TRIGGER requests_stats AFTER INSERT OR UPDATE OR DELETE ON requests
    FOR EACH ROW EXECUTE FUNCTION stats_requests_changed();

CREATE FUNCTION stats_feedback_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	r requests;
BEGIN
	SELECT * INTO r FROM requests
	WHERE id = CASE TG_OP WHEN 'DELETE' THEN OLD.request_id
	    ELSE NEW.request_id END;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	PERFORM stats_emit(r, -1, CASE TG_OP WHEN 'INSERT' THEN NULL
	    ELSE OLD.rating END);
	PERFORM stats_emit(r, 1, CASE TG_OP WHEN 'DELETE' THEN NULL
	    ELSE NEW.rating END);
	RETURN NULL;
END $$;

CREATE TRIGGER feedback_stats AFTER INSERT OR UPDATE OR DELETE ON feedback
    FOR EACH ROW EXECUTE FUNCTION stats_feedback_changed();

-- Moves the deltas committed so far into stats_daily. One caller at a
-- time (others return at once); returns the number of deltas folded.
-- A delta whose transaction has not committed yet stays for the next
-- fold, and a reader sees either the deltas or their fold, never both.
CREATE FUNCTION stats_fold() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n integer;
BEGIN
	IF NOT pg_try_advisory_xact_lock(hashtext('open311d stats_fold')) THEN
		RETURN 0;
	END IF;
	WITH d AS (
		DELETE FROM stats_delta RETURNING *
	), g AS (
		SELECT day, jurisdiction_id, service_code, agency, channel,
		    sum(opened) AS opened, sum(closed) AS closed,
		    sum(within_sla) AS within_sla, sum(with_sla) AS with_sla,
		    sum(duplicates) AS duplicates, sum(reopened) AS reopened,
		    sum(ever_closed) AS ever_closed, sum(feedback) AS feedback,
		    sum(rating_sum) AS rating_sum,
		    stats_hist(bucket, bucket_n) AS hours, count(*) AS n
		FROM d
		GROUP BY day, jurisdiction_id, service_code, agency, channel
	), u AS (
		INSERT INTO stats_daily AS s (day, jurisdiction_id,
		    service_code, agency, channel, opened, closed, within_sla,
		    with_sla, duplicates, reopened, ever_closed, feedback,
		    rating_sum, hours)
		SELECT day, jurisdiction_id, service_code, agency, channel,
		    opened, closed, within_sla, with_sla, duplicates, reopened,
		    ever_closed, feedback, rating_sum, hours
		FROM g
		ON CONFLICT (day, jurisdiction_id, service_code, agency,
		    channel) DO UPDATE SET
		    opened = s.opened + excluded.opened,
		    closed = s.closed + excluded.closed,
		    within_sla = s.within_sla + excluded.within_sla,
		    with_sla = s.with_sla + excluded.with_sla,
		    duplicates = s.duplicates + excluded.duplicates,
		    reopened = s.reopened + excluded.reopened,
		    ever_closed = s.ever_closed + excluded.ever_closed,
		    feedback = s.feedback + excluded.feedback,
		    rating_sum = s.rating_sum + excluded.rating_sum,
		    hours = stats_hist_merge(s.hours, excluded.hours)
		RETURNING 1
	)
	SELECT coalesce(sum(g.n), 0) INTO n FROM g;
	RETURN n;
END $$;

-- Builds stats_daily afresh from the requests (this migration, and bulk
-- loads that ran with triggers off, such as the benchmark's seed).
CREATE FUNCTION stats_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	LOCK TABLE stats_delta IN EXCLUSIVE MODE;
	DELETE FROM stats_delta;
	DELETE FROM stats_daily;
	INSERT INTO stats_daily
	SELECT (r.requested_at AT TIME ZONE 'UTC')::date, r.jurisdiction_id,
	    r.service_code, coalesce(r.agency, ''), r.channel, count(*),
	    count(*) FILTER (WHERE r.status = 'closed'),
	    count(*) FILTER (WHERE r.status = 'closed' AND
	        r.expected_at IS NOT NULL AND r.closed_at <= r.expected_at),
	    count(*) FILTER (WHERE r.status = 'closed' AND
	        r.expected_at IS NOT NULL),
	    count(*) FILTER (WHERE r.parent_id IS NOT NULL),
	    count(*) FILTER (WHERE r.reopen_count > 0),
	    count(*) FILTER (WHERE r.status = 'closed' OR r.reopen_count > 0),
	    count(f.rating), coalesce(sum(f.rating), 0),
	    stats_hist(CASE WHEN r.status = 'closed' AND
	        r.closed_at IS NOT NULL THEN stats_bucket(extract(epoch FROM
	        r.closed_at - r.requested_at) / 60) END, 1)
	FROM requests r
	LEFT JOIN feedback f ON f.request_id = r.id
	WHERE NOT r.test
	GROUP BY 1, 2, 3, 4, 5;
END $$;

SELECT stats_rebuild();
