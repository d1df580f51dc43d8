# The primary stops (pg_autoctl stop --immediate: its keeper and
# Postgres go at once, as with a machine lost) under a steady load of
# submissions through HAProxy. The monitor promotes the standby, which
# had every acknowledged commit (synchronous replication); every worker
# of both gateways finds the new primary by itself (libpq's multi-host
# database_url, target_session_attrs=read-write). Meanwhile clients get
# 503 with Retry-After, never an acknowledgement that is then lost.
# The time writes stop is measured and printed.

dl_until 10 cl_ha_both_up
cl_load_start fo "$CL_HA"
dl_until 30 cl_acked_ge fo 20
check "the load is acknowledged" test $? -eq 0
fo_t=$(date +%s.%N)
AUTOCTL stop --pgdata "$T/pg/node1" --immediate >/dev/null 2>&1
check "node1 stopped" test $? -eq 0
fo_promoted() {
	case $(cl_state node2) in
	wait_primary/wait_primary|primary/primary) return 0 ;;
	esac
	return 1
}
dl_until 90 fo_promoted
check "node2 promoted ($(cl_state node2))" test $? -eq 0
fo_p=$(date +%s.%N)
dl_until 90 cl_acked_ge fo 30 "$fo_p"
check "submissions resume" test $? -eq 0
cl_load_stop fo
# The outage: the longest time between two acknowledgements from one
# second before the stop on.
fo_gap=$(jq -s --argjson t "$fo_t" '[map(select(.status == 200 and
    .t > $t - 1)) | sort_by(.t) | map(.t) | . as $a
    | range(1; length) | $a[.] - $a[. - 1]] | max' "$T/fo.load")
fo_gap=$(printf '%.1f' "$fo_gap")
echo "# failover: writes stopped for $fo_gap s (stop to promotion:" \
    "$(awk -v a="$fo_t" -v b="$fo_p" 'BEGIN { printf "%.1f", b - a }') s)"
check "writes resumed within 60 s ($fo_gap s)" awk -v g="$fo_gap" 'BEGIN { exit !(g < 60) }'
cl_load_verify fo 503
# Both nodes write to the new primary (new connections, one request
# each, spread over the workers).
for g in "$CL_GW1" "$CL_GW2"; do
	BASE=$g
	for i in 1 2 3 4; do
		post /requests.json -H "Authorization: Bearer $CL_KEY" \
		    -d "service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=32.75&long=-117.15&description=after-$$"
		expect_status 200
	done
done
