-- 0008: the built-in key of the resident web pages. Their submissions
-- carry no key: the gateway checks a page's form token, origin and
-- limits (POST /web/requests.json) and then submits with this key, so
-- they run the API's own submission and count as channel 'web'. Its
-- hash is of random bytes nobody keeps: the key cannot be presented.
-- Revoking it (`open311d keys revoke`) switches web submissions off.

INSERT INTO api_keys (name, hash, prefix, scopes, channel)
VALUES ('open311d web pages',
    sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text,
        'UTF8')),
    'web', ARRAY['submit'], 'web');

UPDATE cache_versions SET version = version + 1, changed_at = now()
WHERE name = 'keys';
