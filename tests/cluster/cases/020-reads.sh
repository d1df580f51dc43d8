# Reads through the other node, and the read pool.
# - A POST through one node, then at once its GET through the other:
#   single requests and tokens are read on the primary, so the reporter
#   sees their request whatever node answers (read-your-writes).
# - Lists, feeds, exports and stats run on the standby: the standby's
#   pg_stat_statements counts them, the primary's does not, and the
#   gateways count them in open311d_db_read_queries_total.
# - The standby's lag is a metric; a standby further behind than
#   read_max_lag_ms is skipped (its replay paused here) and the reads go
#   to the primary until it catches up.

auth=(-H "Authorization: Bearer $CL_KEY")
for i in 1 2 3 4 5; do
	BASE=$CL_GW1
	post /requests.json "${auth[@]}" -d "service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=32.75&long=-117.15&description=ryw-$$-$i"
	rid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
	BASE=$CL_GW2
	get "/requests/$rid.json"
	expect_status 200
	expect_json '.[0].service_request_id' "$rid"
	expect_json '.[0].description' "ryw-$$-$i"
done

# in_use V: both nodes report open311d_db_replica_in_use V.
in_use() {
	test "$(cl_metric "$CL_GW1" open311d_db_replica_in_use)" = "$1" &&
	    test "$(cl_metric "$CL_GW2" open311d_db_replica_in_use)" = "$1"
}

# The read pool is in use on both nodes (the probe found the standby).
dl_until 10 in_use 1
check "the read pool is in use" test $? -eq 0
BASE=$CL_GW1
get /metrics
expect_body_has 'open311d_db_replica_lag_seconds 0.'

reads() {
	# reads: the statements both nodes sent to the read pool
	a=$(cl_metric "$CL_GW1" open311d_db_read_queries_total)
	b=$(cl_metric "$CL_GW2" open311d_db_read_queries_total)
	echo $(( ${a:-0} + ${b:-0} ))
}
stmt_calls() {
	# stmt_calls PORT PATTERN: calls of the statements like PATTERN
	NPSQL "$1" -tAc "select coalesce(sum(calls), 0) from pg_stat_statements
	    where query like '$2'"
}
standby=$P_N2
primary=$P_N1
NPSQL "$standby" -tAc 'select pg_stat_statements_reset()' >/dev/null
NPSQL "$primary" -tAc 'select pg_stat_statements_reset()' >/dev/null
reads0=$(reads)
for g in "$CL_GW1" "$CL_GW2"; do
	BASE=$g
	get '/requests.json?jurisdiction_id=sandiego.gov&status=open'
	expect_status 200
	get '/requests.json?jurisdiction_id=sandiego.gov&lat=32.75&long=-117.15&radius=500'
	expect_status 200
	get '/exports/requests.csv?jurisdiction_id=sandiego.gov'
	expect_status 200
	get '/stats.json?jurisdiction_id=sandiego.gov'
	expect_status 200
done
n=$(stmt_calls "$standby" '%GET /exports/requests%')
n2=$(stmt_calls "$standby" '%GET /stats.json%')
check "the standby ran the exports and stats ($n, $n2)" test "$n" -ge 2 -a "$n2" -ge 2
n=$(stmt_calls "$primary" '%GET /stats.json%')
check "the primary did not ($n)" test "$n" = 0
reads1=$(reads)
check "the gateways sent 8 reads or more to the read pool ($reads0 -> $reads1)" \
    test $((reads1 - reads0)) -ge 8

# The standby falls behind: its replay is paused while the primary
# takes writes. Past read_max_lag_ms (1 s here) the nodes skip it, and
# the reads go to the primary, which sees the new writes.
NPSQL "$standby" -tAc 'select pg_wal_replay_pause()' >/dev/null
lag_writes() {
	curl -s -o /dev/null -H "Authorization: Bearer $CL_KEY" \
	    -d "service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=32.75&long=-117.15&description=lag-$$" \
	    "$CL_GW1/requests.json"
	in_use 0
}
dl_until 20 lag_writes
check "a standby 1 s behind is skipped by both nodes" test $? -eq 0
NPSQL "$primary" -tAc 'select pg_stat_statements_reset()' >/dev/null
# Each worker probes the standby on its own, so the node's answer may come
# from a worker that has not yet seen the lag: asked until the primary
# answers, each time for a day of its own (the nodes keep recent answers
# a moment).
BASE=$CL_GW2
r2_day=0
stats_on_primary() {
	r2_day=$((r2_day + 1))
	_d=$(date -u -d "2025-01-01 +$r2_day days" +%Y-%m-%d)
	_e=$(date -u -d "2025-01-01 +$((r2_day + 1)) days" +%Y-%m-%d)
	get "/stats.json?jurisdiction_id=sandiego.gov&start_date=${_d}T00:00:00Z&end_date=${_e}T00:00:00Z"
	test "$STATUS" = 200 &&
	    test "$(stmt_calls "$primary" '%GET /stats.json%')" -ge 1
}
dl_until 20 stats_on_primary
check "its reads go to the primary meanwhile (after $r2_day asked)" \
    test $? -eq 0
lag=$(cl_metric "$CL_GW2" open311d_db_replica_lag_seconds)
check "the lag metric shows it ($lag s)" awk -v l="$lag" 'BEGIN { exit !(l >= 1) }'
NPSQL "$standby" -tAc 'select pg_wal_replay_resume()' >/dev/null
dl_until 20 in_use 1
check "once caught up, the standby is used again" test $? -eq 0
