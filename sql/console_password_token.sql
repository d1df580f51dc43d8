-- POST /console/api/password, before the new password is hashed: is the
-- link's token one that can still set a password?
-- Params: $1 SHA-256 of the link's token (hex)
-- Result: one row when the link is known, unused, unexpired and its
-- account active; none otherwise
SELECT 1
FROM staff_password_tokens t JOIN staff s ON s.id = t.staff_id
WHERE t.hash = decode($1, 'hex') AND t.used_at IS NULL
    AND t.expires_at > now() AND s.active
