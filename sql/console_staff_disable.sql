-- POST /console/api/staff/{id}/disable: an admin disables another staff
-- account it may manage: it can no longer sign in, its sessions end now
-- and its password links stop working (their mails not sent yet are
-- skipped); audited.
-- Params: $1 account id (the admin), $2 the staff member's id, $3 the
-- client's address
-- Result: id and e-mail address; no row when there is no such active
-- account the admin may reach (or it is the admin's own)
WITH me AS (
	SELECT console_scope(s.id) AS jurs FROM staff s
	WHERE s.id = $1::bigint AND s.active AND s.role = 'admin'
), t AS (
	UPDATE staff s SET active = false FROM me
	WHERE s.id = $2::bigint AND s.id <> $1::bigint AND s.active
	    AND (me.jurs IS NULL OR (s.jurisdictions IS NOT NULL AND
		s.jurisdictions <@ me.jurs))
	RETURNING s.id, s.email
), gone AS (
	DELETE FROM staff_sessions x USING t WHERE x.staff_id = t.id
), links AS (
	UPDATE staff_password_tokens p SET used_at = now() FROM t
	WHERE p.staff_id = t.id AND p.used_at IS NULL
), mails AS (
	UPDATE outbox o SET state = 'skipped' FROM t
	WHERE o.staff_id = t.id AND o.state = 'pending'
), a AS (
	INSERT INTO audit_log (staff_id, action, target, address)
	SELECT $1::bigint, 'staff.disable', t.email, $3 FROM t
)
SELECT t.id::text, t.email FROM t
