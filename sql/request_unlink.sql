-- Admin API: detaches a duplicate from its parent.
-- Params: $1 request id, $2 acting key id, $3 jurisdictions the key
-- covers (text array, NULL for all)
-- Result: outcome ('ok', 'not_found', 'not_linked', 'forbidden'), the
-- former parent
SELECT outcome, parent_id FROM o311_unlink($1::bigint, $2::bigint, $3::text[])
