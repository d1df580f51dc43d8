-- Stores one uploaded photo; linked to its request by o311_submit.
-- Params: $1 content type, $2 bytes (binary)
-- Result: media id
INSERT INTO media (id, content_type, bytes, sha256)
VALUES (replace(gen_random_uuid()::text, '-', ''), $1, $2::bytea,
    sha256($2::bytea))
RETURNING id
