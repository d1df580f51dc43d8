-- pg_auto_failover's monitor: when a primary counts as lost, and how
-- long the monitor waits for it to step down before it promotes the
-- standby. Applied on the monitor's database (pg_auto_failover) as its
-- superuser:
--   psql -d pg_auto_failover -f conf/pg_auto_failover/monitor.sql
-- The defaults here suit one data centre: a primary that misses its
-- health checks for 10 s is failed over after at most 20 s more (about
-- 30 s of writes refused in all; the extension's own defaults give about
-- 50 s). The keepers must give up a primary they cannot reach sooner
-- than the monitor promotes another:
--   pg_autoctl config set timeout.network_partition_timeout 15
-- on every data node (less than primary_demote_timeout, in seconds).
-- The cluster case of `make check` runs this file with faster values
-- (psql -v unhealthy_ms=3000 ...; tests/cluster/lib.sh); what it
-- measured is in docs/scaling.md.
\if :{?check_ms}
\else
\set check_ms 2000
\endif
\if :{?retries}
\else
\set retries 2
\endif
\if :{?unhealthy_ms}
\else
\set unhealthy_ms 10000
\endif
\if :{?demote_ms}
\else
\set demote_ms 20000
\endif
ALTER SYSTEM SET pgautofailover.health_check_period = :check_ms;
ALTER SYSTEM SET pgautofailover.health_check_timeout = :check_ms;
ALTER SYSTEM SET pgautofailover.health_check_retry_delay = :check_ms;
ALTER SYSTEM SET pgautofailover.health_check_max_retries = :retries;
ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout =
    :unhealthy_ms;
ALTER SYSTEM SET pgautofailover.primary_demote_timeout = :demote_ms;
SELECT pg_reload_conf();
