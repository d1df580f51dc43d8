-- GET /media/{id}: an uploaded photo (binary result), once its request
-- is stored: the photos of a submission that failed or was refused
-- after they were stored are never served. A private service's photo
-- (or one whose request is gone) is marked private: no shared cache
-- may keep it.
-- Params: $1 media id
-- Result: content type, bytes, SHA-256, private (boolean)
SELECT m.content_type, m.bytes, m.sha256,
    coalesce((SELECT r.private FROM request_all r
	WHERE r.id = m.request_id), true) AS private
FROM media m
WHERE m.id = $1 AND m.request_id IS NOT NULL
