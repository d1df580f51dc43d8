-- Stores one uploaded photo (its metadata already stripped); linked to
-- its request by o311_submit. Photos left unlinked for an hour (their
-- submission failed or was refused) are deleted on the way.
-- Params: $1 content type, $2 bytes (binary)
-- Result: media id
WITH gone AS (
	DELETE FROM media WHERE request_id IS NULL
	    AND created_at < now() - interval '1 hour'
)
INSERT INTO media (id, content_type, bytes, sha256)
VALUES (replace(gen_random_uuid()::text, '-', ''), $1, $2::bytea,
    sha256($2::bytea))
RETURNING id
