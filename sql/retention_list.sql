-- `open311d purge`: the requests whose reporters' personal data is (with
-- $2 false) erased now or (with $2 true) would be, closed more than $1
-- days ago, oldest first.
-- Params: $1 days, $2 dry run (true/false)
-- Result: request id, closed_datetime
SELECT request_id, to_char(closed_at AT TIME ZONE 'UTC',
    'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM o311_purge($1::integer, NULL, $2::boolean)
