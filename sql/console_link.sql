-- POST /console/api/requests/{id}/link and /unlink: a staff member links
-- a request under another as its duplicate, or detaches it, through
-- o311_link / o311_unlink (console_link).
-- Params: $1 account id, $2 request id, $3 the new parent's id (NULL:
-- unlink), $4 the client's address
-- Result: outcome ('ok', 'not_found', 'self', 'not_linked'), the parent
SELECT outcome, parent_id
FROM console_link($1::bigint, $2::bigint, $3::bigint, $4)
