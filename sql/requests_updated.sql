-- GET /requests with only update-time bounds (updated_after,
-- updated_before): a feed of changes, oldest change first, so new
-- changes only ever come at the end. A request that changes again moves
-- to the end; a client goes on from the last updated_at it saw rather
-- than by page number alone (README "Open data feeds"). The bounds are unconditional, so the generic plan scans the
-- (jurisdiction_id, updated_at, id) index between them.
-- Params: $1 jurisdiction, $2 test, $3 service codes and $4 statuses
-- (text arrays or NULL), $5 limit, $6 offset, $7 updated after and $8
-- updated before (seconds since the epoch, inclusive; NULL: unbounded),
-- $9 and $10 the cursor: the updated time (microseconds since the epoch)
-- and id of the previous page's last row (NULL: from the oldest)
-- Result: request_public rows, jurisdiction_modified (seconds) and
-- cursor_us (each row's updated time, for the next cursor)
-- Replica: yes (a public read that tolerates a standby's lag)
SELECT p.*, (SELECT floor(extract(epoch FROM max(m.updated_at)))::bigint
    FROM requests m WHERE m.jurisdiction_id = $1
	AND m.service_code <> ALL ((SELECT o311_private_codes($1))::text[]))
    AS jurisdiction_modified,
    (extract(epoch FROM p.updated_at) * 1000000)::bigint AS cursor_us
FROM request_public p
WHERE p.jurisdiction_id = $1 AND p.test = $2::boolean
    AND ($3::text[] IS NULL OR p.service_code = ANY ($3::text[]))
    AND ($4::text[] IS NULL OR p.status = ANY ($4::text[]))
    AND p.updated_at >= greatest(coalesce(to_timestamp($7::float8),
	'-infinity'), coalesce(timestamptz 'epoch' +
		$9::bigint * interval '1 microsecond', '-infinity'))
    AND ($9::bigint IS NULL OR p.updated_at > timestamptz 'epoch' +
	$9::bigint * interval '1 microsecond'
	OR p.id > $10::bigint)
    AND p.updated_at <= coalesce(to_timestamp($8::float8), 'infinity')
ORDER BY p.updated_at, p.id
LIMIT $5::integer OFFSET $6::bigint
