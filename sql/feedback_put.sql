-- The reporter's satisfaction survey; the token from the e-mail proves
-- it is theirs. A second answer replaces the first.
-- Params: $1 request id, $2 token, $3 rating (1-5), $4 comment
-- Result: request id, or no row when the token does not match
INSERT INTO feedback (request_id, rating, comment)
SELECT $1::bigint, $3::integer, $4
WHERE EXISTS (SELECT 1 FROM request_contacts c
    WHERE c.request_id = $1::bigint AND c.token = $2)
ON CONFLICT (request_id) DO UPDATE SET rating = EXCLUDED.rating,
    comment = EXCLUDED.comment, created_at = now()
RETURNING request_id::text
