-- POST /requests/{id}/reopen: the reporter says the problem is not fixed
-- (the Baltimore rule); the token from their e-mail proves the report is
-- theirs. A closed report reopens through o311_update as a reporter's
-- REOPEN does on the API (escalated, counted as reopened, destinations
-- and reporters told); for a duplicate it is the report it joined that
-- reopens, since that is the problem being worked on. An open one is
-- left as it is.
-- Params: $1 request id, $2 token, $3 the reporter's comment (NULL: none)
-- Result: outcome ('ok'; 'open': it was not closed), or no row when the
-- token does not match
SELECT CASE WHEN g.status <> 'closed' THEN 'open'
    ELSE (SELECT u.outcome FROM o311_update(g.id, NULL, NULL, 'reopen',
	NULL, $3, NULL, now(), true, true, NULL, NULL, NULL, NULL) u) END
FROM request_contacts c
JOIN requests r ON r.id = c.request_id
JOIN requests g ON g.id = coalesce(r.parent_id, r.id)
WHERE c.request_id = $1::bigint AND c.token = $2
