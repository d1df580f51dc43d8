-- Gateway mode: records the upstream's state of a request as last seen
-- by the status poll ("status|updated_datetime|status_notes").
-- Params: $1 request id, $2 state
UPDATE requests SET upstream_seen = $2 WHERE id = $1::bigint
