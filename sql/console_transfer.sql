-- POST /console/api/requests/{id}/transfer: a staff member moves a
-- request (and its duplicates) to another jurisdiction, through
-- o311_transfer (console_transfer), audited.
-- Params: $1 account id, $2 request id, $3 the target jurisdiction,
-- $4 the target service code (NULL: the same code), $5 the public note,
-- $6 the client's address
-- Result: outcome ('ok', 'not_found', 'no_jurisdiction', 'no_service',
-- 'same'), the answer (JSON: id, update_id, jurisdiction_id,
-- service_code, moved)
SELECT outcome, jsonb_build_object('id', $2::text,
    'update_id', update_id::text, 'jurisdiction_id', jurisdiction_id,
    'service_code', service_code, 'moved', moved)::text
FROM console_transfer($1::bigint, $2::bigint, $3, $4, $5, $6)
