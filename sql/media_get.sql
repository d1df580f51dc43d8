-- GET /media/{id}: an uploaded photo (binary result), once its request
-- is stored: the photos of a submission that failed or was refused
-- after they were stored are never served.
-- Params: $1 media id
-- Result: content type, bytes, SHA-256
SELECT content_type, bytes, sha256 FROM media
WHERE id = $1 AND request_id IS NOT NULL
