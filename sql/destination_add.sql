-- A back-office destination for a jurisdiction (and one service, or
-- all).
-- Params: $1 jurisdiction, $2 service code (NULL: all), $3 kind,
-- $4 URL, $5 secret, $6 upstream jurisdiction, $7 dead_after in seconds
-- Result: id, or no row when the jurisdiction or service does not exist
INSERT INTO destinations (jurisdiction_id, service_code, kind, url,
    secret, upstream_jurisdiction, dead_after)
SELECT $1, $2, $3, $4, coalesce($5, ''), $6,
    make_interval(secs => coalesce($7::integer, 86400))
WHERE EXISTS (SELECT 1 FROM jurisdictions WHERE id = $1)
    AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM services
	WHERE jurisdiction_id = $1 AND code = $2))
RETURNING id::text
