# The restore drill: the full backup pgBackRest took at set-up, and the
# WAL both primaries archived since (node1's timeline, then node2's after
# the failover), restored into a new data directory, recover to the end
# of the archive: every submission acknowledged in the cases before is
# there.

re_wal=$(NPSQL "$P_N2" -tAc "select pg_walfile_name(pg_current_wal_lsn())")
NPSQL "$P_N2" -tAc "select pg_switch_wal()" >/dev/null
re_archived() {
	test "$(NPSQL "$P_N2" -tAc "select last_archived_wal >= '$re_wal' from pg_stat_archiver")" = t
}
dl_until 60 re_archived
check "node2 archived its WAL ($re_wal)" test $? -eq 0
mkdir -p "$T/pg/restore"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$T/pg/restore"
chmod 700 "$T/pg/restore"
as_pg pgbackrest --config="$T/pgbackrest.conf" --stanza=open311 \
    --pg1-path="$T/pg/restore" --archive-mode=off restore \
    >>"$T/backrest.log" 2>&1
check "pgbackrest restore" test $? -eq 0
P_R=$(free_port)
as_pg pg_ctl -D "$T/pg/restore" -l "$T/pg/restore.log" -w -t 120 \
    -o "-p $P_R -c listen_addresses=127.0.0.1 -c synchronous_standby_names= -c archive_mode=off" \
    start >/dev/null 2>&1
check "the restored copy starts" test $? -eq 0
re_promoted() {
	test "$(NPSQL "$P_R" -tAc 'select pg_is_in_recovery()' 2>/dev/null)" = f
}
dl_until 120 re_promoted
check "and recovers to the end of the archive" test $? -eq 0
cat "$T/nk.acked" "$T/fo.acked" > "$T/all.acked"
n=$(wc -l < "$T/all.acked")
m=$(NPSQL "$P_R" -tA -c "CREATE TEMP TABLE acked (key text, id bigint)" \
    -c "\\copy acked FROM '$T/all.acked'" \
    -c "select count(*) from acked a where not exists
	(select 1 from requests r where r.id = a.id)" | tail -1)
check "all $n acknowledged submissions are in the restored copy ($m missing)" \
    test "$n" -ge 100 -a "$m" = 0
n=$(NPSQL "$P_R" -tAc "select timeline_id from pg_control_checkpoint()")
check "it followed the failover onto node2's timeline ($n)" test "$n" -ge 2
