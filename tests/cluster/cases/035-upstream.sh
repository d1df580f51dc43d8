# Gateway mode with two nodes: the first worker of each node polls the
# upstream Open311 server (every 300 ms here), so a change of status
# upstream is seen by both; it becomes one update here all the same (its
# update id is made of the upstream's id and time).

cu_rport=$(free_port)
cu_log=$T/cu-upstream.log
dl_receiver_start cu "$cu_rport" "$cu_log"
HELPERS+=("$DL_PID_cu")
check "the upstream is up" test $? -eq 0
export CU_UPSTREAM_KEY="upkey-$$"
cu_d=$(dl_bin destinations add --jurisdiction sandiego.gov \
    --service STORM_DRAIN --open311 "http://127.0.0.1:$cu_rport" \
    --api-key-env CU_UPSTREAM_KEY | sed -n 's/^destination \([0-9]*\):.*/\1/p')
check "open311 destination added ($cu_d)" test -n "$cu_d"
await_cache catalog
check "every worker has the destination" test $? -eq 0
# Two requests upstream: the second stays open, so the polls go on.
BASE=$CL_GW2
post /requests.json -H "Authorization: Bearer $CL_KEY" \
    -d "service_code=STORM_DRAIN&attribute%5BFLOODING%5D=STREET&lat=32.7700&long=-117.1400"
expect_status 200
BASE=$CL_GW1
post /requests.json -H "Authorization: Bearer $CL_KEY" \
    -d "service_code=STORM_DRAIN&attribute%5BFLOODING%5D=STREET&lat=32.7650&long=-117.1400"
expect_status 200
cu_r=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
cu_sent() {
	CPSQL -tAc "select upstream_id from requests where id = $cu_r" | grep -qE '^UP-[0-9]+$'
}
dl_until 20 cu_sent
check "the request went upstream" test $? -eq 0
cu_up=$(CPSQL -tAc "select upstream_id from requests where id = $cu_r")
curl -s -o /dev/null -X POST -d '' \
    "http://127.0.0.1:$cu_rport/control/close?id=$cu_up&notes=Cleared"
cu_closed() {
	test "$(CPSQL -tAc "select status from requests where id = $cu_r")" = closed
}
dl_until 20 cu_closed
check "the upstream's closure is seen" test $? -eq 0
# Polls go on from both nodes (for the open one): wait for 6 more.
cu_g=$(wc -l < "$cu_log.gets")
cu_polled() {
	test "$(wc -l < "$cu_log.gets")" -ge $((cu_g + 6))
}
dl_until 20 cu_polled
check "both nodes keep polling" test $? -eq 0
n=$(CPSQL -tAc "select count(*) from request_updates where request_id = $cu_r and client_update_id like 'upstream:%'")
check "one update for the closure, however often seen ($n)" test "$n" = 1
dl_bin destinations remove "$cu_d" >/dev/null
dl_receiver_stop cu
