-- POST /console/api/requests/{id}/transfer: a staff member moves a
-- request and its duplicates to a partner jurisdiction
-- (console_transfer, migrations/0011_transfer.sql).
-- Params: $1 account id, $2 request id, $3 the new jurisdiction, $4 the
-- service code there (NULL: the same), $5 the public note, $6 the
-- client's address
-- Result: outcome ('ok', 'not_found', 'duplicate', 'same',
-- 'no_jurisdiction', 'no_service'), the transfer's update id
SELECT outcome, update_id
FROM console_transfer($1::bigint, $2::bigint, $3, $4, $5, $6)
