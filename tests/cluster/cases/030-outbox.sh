# The outbox across nodes: every worker of both gateways claims events
# with a lease in the database. With both nodes running, every event of
# a request reaches the back office exactly once, in the request's
# order. With a node killed (SIGKILL) in the middle of a delivery, its
# lease runs out (delivery_timeout + 30 s: 35 s here) and the other node
# sends the event again under the same Idempotency-Key, so the back
# office can tell; nothing is lost, and the order still holds.

co_rport=$(free_port)
co_log=$T/co-hook.log
dl_receiver_start co "$co_rport" "$co_log"
HELPERS+=("$DL_PID_co")
check "the receiver is up" test $? -eq 0
CO_SECRET="whsec-cluster-$$"
export CO_SECRET
# (Every worker reloads its destinations with the catalog: await_cache.)
co_dest() {
	dl_bin destinations add --jurisdiction sandiego.gov \
	    --service WATER_LEAK --webhook "http://127.0.0.1:$co_rport$1" \
	    --secret-env CO_SECRET | sed -n 's/^destination \([0-9]*\):.*/\1/p'
}
co_d1=$(co_dest /hook)
check "destination added ($co_d1)" test -n "$co_d1"
# co_leak BASE N OTHER: a water leak report through BASE and two
# updates of it through OTHER; prints the request id.
co_leak() {
	co_other=$3
	co_tok=$(curl -s -H "Authorization: Bearer $CL_KEY" \
	    -d "service_code=WATER_LEAK&attribute%5BSOURCE%5D=MAIN&address_string=$2+Harbor+Dr" \
	    "$1/requests.json" | jq -r '.[0].token')
	co_id=$(CPSQL -tAc "select id from requests where token = '$co_tok'")
	for u in 1 2; do
		curl -s -o /dev/null -H "Authorization: Bearer $CL_OFFICE" \
		    -d "service_request_id=$co_id&update_id=co-$$-$co_id-$u&status=IN_PROGRESS&description=step+$u" \
		    "$co_other/servicerequestupdates.json"
	done
	echo "$co_id"
}

# co_order LOG PATH: true when, for every request, the first delivery of
# each event came in sequence order and every event came.
co_hooks() {
	dl_hooks "$co_log" "$CO_SECRET" "map(select(.path == \"$1\"))"
}
co_in_order() {
	co_hooks "$1" | jq -e --argjson n "$2" '
	    group_by(.request) | length == $n and all(.[];
		sort_by(.time) | map(.seq) as $q
		| [range(0; $q | length)
		    | select(. as $i | $q[:$i] | index([$q[$i]]) | not)
		    | $q[.]] == [1, 2, 3])' >/dev/null
}
co_delivered() {
	test "$(CPSQL -tAc "select count(*) from outbox where destination_id = $1 and state = 'delivered'")" = "$2"
}

# 1. Both nodes: 6 requests, 18 events, each delivered once.
await_cache catalog
check "every worker has the destination" test $? -eq 0
for i in 1 2 3 4 5 6; do
	if [ $((i % 2)) = 1 ]; then
		co_leak "$CL_GW1" "$i$$" "$CL_GW2"
	else
		co_leak "$CL_GW2" "$i$$" "$CL_GW1"
	fi >/dev/null
done
dl_until 30 co_delivered "$co_d1" 18
check "18 events delivered through two nodes" test $? -eq 0
BODY=$(co_hooks /hook)
LAST_REQ="receiver log"
expect_jq 'length == 18'
expect_jq 'map(.key) | unique | length == 18'
expect_jq 'map(.signed and .key_matches_body) | all'
check "each request's events in order" co_in_order /hook 6

# 2. A node killed mid-delivery. The back office now takes 3 s a
# delivery; gw2 is down while gw1 starts delivering, so whatever is
# under way when gw1 is killed is gw1's.
dl_bin destinations remove "$co_d1" >/dev/null
co_d2=$(co_dest /hook-slow)
check "the slow destination added ($co_d2)" test -n "$co_d2"
await_cache catalog
check "every worker has the destination" test $? -eq 0
cl_gateway_stop gw2
for i in 1 2 3 4; do
	co_leak "$CL_GW1" "${i}0$$" "$CL_GW1" >/dev/null
done
co_inflight() {
	a=$(cat "$co_log.arrivals" 2>/dev/null | wc -l)
	d=$(grep -c '"path": "/hook-slow"' "$co_log")
	test "$a" -gt "$d"
}
dl_until 20 co_inflight
check "gw1 has a delivery under way" test $? -eq 0
cl_gateway_kill gw1
cl_gateway_start gw2 "$P_GW2"
check "gw2 is back" test $? -eq 0
dl_until 120 co_delivered "$co_d2" 12
check "all 12 events delivered after the kill" test $? -eq 0
n=$(CPSQL -tAc "select count(*) from outbox where destination_id = $co_d2 and attempts > 1")
check "the events under way at the kill were taken over ($n)" test "$n" -ge 1
BODY=$(co_hooks /hook-slow)
LAST_REQ="receiver log (slow)"
expect_jq 'map(.key) | unique | length == 12'
expect_jq 'length >= 12'
expect_jq 'map(.signed and .key_matches_body) | all'
expect_jq 'group_by(.key) | all(.[]; map(.seq) | unique | length == 1)'
check "each request's events in order" co_in_order /hook-slow 4
dl_bin destinations remove "$co_d2" >/dev/null
cl_gateway_start gw1 "$P_GW1"
check "gw1 is back" test $? -eq 0
dl_receiver_stop co
