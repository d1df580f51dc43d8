-- Admin API: links a request under another as its duplicate.
-- Params: $1 child id, $2 parent id, $3 acting key id, $4 jurisdictions
-- the key covers (text array, NULL for all)
-- Result: outcome ('ok', 'not_found', 'self', 'forbidden'), the root it
-- now follows
SELECT outcome, parent_id
FROM o311_link($1::bigint, $2::bigint, $3::bigint, $4::text[])
