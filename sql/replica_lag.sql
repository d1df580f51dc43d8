-- The read pool's lag probe, every replica_check_ms in each worker: is
-- the server behind database_read_url a standby, has it replayed all the
-- WAL it received (caught up; always so on a primary), the server's time
-- and how long ago the last transaction it replayed was committed, in
-- ms (see replica.c for how the lag is judged from these).
-- Replica: always
-- Result: in recovery, caught up (t/f), now in ms since the epoch, age
-- of the last replayed transaction in ms
-- Columns: in_recovery, caught_up, now_ms, age_ms
SELECT pg_is_in_recovery(),
    NOT pg_is_in_recovery()
	OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(),
    (extract(epoch FROM now()) * 1000)::bigint,
    coalesce((extract(epoch FROM now() -
	pg_last_xact_replay_timestamp()) * 1000)::bigint, 0)
