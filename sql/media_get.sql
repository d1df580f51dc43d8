-- GET /media/{id}: an uploaded photo (binary result).
-- Params: $1 media id
-- Result: content type, bytes, SHA-256
SELECT content_type, bytes, sha256 FROM media WHERE id = $1
