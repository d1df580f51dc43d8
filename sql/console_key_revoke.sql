-- POST /console/api/keys/{id}/revoke: an admin revokes a key (of their
-- jurisdictions) with the message its clients get; audited.
-- Params: $1 account id, $2 key id, $3 message, $4 the client's address
-- Result: id; no row when there is no such key the admin may revoke
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
), k AS (
	UPDATE api_keys k SET revoked_at = coalesce(k.revoked_at, now()),
	    revoked_message = $3
	FROM me
	WHERE k.id = $2::bigint AND (me.jurs IS NULL OR
	    (k.jurisdictions IS NOT NULL AND k.jurisdictions <@ me.jurs))
	RETURNING k.id
), bump AS (
	UPDATE cache_versions SET version = version + 1, changed_at = now()
	WHERE name = 'keys' AND EXISTS (SELECT 1 FROM k)
), a AS (
	INSERT INTO audit_log (staff_id, action, target, address, detail)
	SELECT $1::bigint, 'key.revoke', k.id::text, $4,
	    jsonb_build_object('message', $3) FROM k
)
SELECT id FROM k
