-- 0007: an outbox lease names its owner (host:pid:start of the worker
-- that took it), so a stopping worker gives back every lease it holds,
-- also those it took but had not started, and a worker whose lease ran
-- out and was taken over cannot change the event when its late attempt
-- ends. The lease itself now lasts delivery_timeout and a margin.

ALTER TABLE outbox ADD COLUMN lease_owner text;

CREATE INDEX outbox_leased ON outbox (lease_owner)
    WHERE lease_owner IS NOT NULL;
