-- A stopping worker gives back every lease it holds (those under way and
-- those it took but had not started), so another worker or node sends
-- them now instead of when the lease would end. Events already reported
-- are left alone.
-- Params: $1 the lease owner (host:pid:start of the worker)
-- Result: none
UPDATE outbox SET lease_until = NULL, lease_owner = NULL
WHERE lease_owner = $1 AND state = 'pending'
