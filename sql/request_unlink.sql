-- Admin API: detaches a duplicate from its parent.
-- Params: $1 request id, $2 acting key id
-- Result: outcome ('ok', 'not_found', 'not_linked'), the former parent
SELECT outcome, parent_id FROM o311_unlink($1::bigint, $2::bigint)
