-- 0020: the console's queue sorted by service, agency, status, due
-- date or duplicate count as well as by arrival (sql/console_queue.sql).
-- One text key per request and order, compared bytewise, so that a page
-- resumes after the (key, id) of the previous page's last request: the
-- cursor stays a request id and its key is recomputed by this same
-- function. The covering index gains the two columns the keys read.

DROP INDEX requests_queue;
CREATE INDEX requests_queue ON requests (status, id) INCLUDE
    (jurisdiction_id, service_code, agency, requested_at, test, escalated,
    reopen_count, detailed_status, duplicate_count);

-- The sort key of a request for an order: NULL when the request has no
-- value (no agency, a service without SLA); '' for arrival order, where
-- the id alone orders. Names compare without case; times and counts as
-- fixed-width text.
CREATE FUNCTION console_queue_key(sort text, name text, agency text,
    status text, due timestamptz, duplicates integer)
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT CASE sort
	    WHEN 'service' THEN lower(name)
	    WHEN 'agency' THEN lower(agency)
	    WHEN 'status' THEN lower(status)
	    WHEN 'due' THEN to_char(due AT TIME ZONE 'UTC',
		'YYYY-MM-DD"T"HH24:MI:SS.US')
	    WHEN 'duplicates' THEN lpad(duplicates::text, 10, '0')
	    ELSE '' END COLLATE "C"
$$;
