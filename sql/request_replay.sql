-- POST /requests with an idempotency key: the first answer, when the
-- same key was used by the same API key within 24 hours. Checked before
-- media are stored, so a retried upload stores nothing twice. Same
-- columns as request_submit.
-- Params: $1 key id, $2 idempotency key
-- Result: outcome, request id, token, service notice, account id,
-- replayed, parent id
SELECT 'ok', r.id, r.token, r.service_notice, c.account_id, true,
    r.parent_id
FROM idempotency_keys i
JOIN requests r ON r.id = i.request_id
LEFT JOIN request_contacts c ON c.request_id = r.id
WHERE i.api_key_id = $1::bigint AND i.key = $2
    AND i.created_at > now() - interval '24 hours'
