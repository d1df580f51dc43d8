-- A stopping worker gives back the leases of the deliveries it still
-- had under way, so another worker or node retries them now instead of
-- when the lease would end. Events already reported are left alone.
-- Params: $1 event ids (bigint array)
-- Result: none
UPDATE outbox SET lease_until = NULL
WHERE id = ANY($1::bigint[]) AND state = 'pending'
    AND lease_until IS NOT NULL
