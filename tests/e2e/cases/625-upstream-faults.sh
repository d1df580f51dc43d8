# Gateway mode against an upstream Open311 server that misbehaves
# (receiver.py's /control/mode): a status poll answered 200 with an
# empty body, and a submission answered 200 with an empty body, cost
# the worker nothing (they crashed it: Kore stringified a NULL body) and
# leave an error on the attempt; polls go on afterwards.
#
# A gateway and database of their own (see tests/e2e/tools/delivery.sh).

if [ -z "$E2E_EXTERNAL" ]; then
. tests/e2e/tools/delivery.sh

dl_case upfault uf
dl_upstream uf
uf_port=$(free_port)
start_server upfault "$uf_port" DATABASE_URL="$DL_URL" "$DL_PLAIN" \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200 \
    OPEN311_UPSTREAM_POLL_MS=200
uf_base=http://127.0.0.1:$uf_port

# uf_new N DESCRIPTION: a STORM_DRAIN report at spot N; prints its id.
uf_new() {
	curl -s -H "Authorization: Bearer $DL_SUB" \
	    -d "service_code=STORM_DRAIN&attribute%5BFLOODING%5D=STREET&lat=32.7$((510 + $1 * 20))&long=-117.1400&description=$2" \
	    "$uf_base/requests.json" | jq -r '.[0].service_request_id'
}
uf_upid() {
	DLPSQL -tAc "select upstream_id from requests where id = $1" |
	    grep -E '^UP-[0-9]+$'
}
# uf_mode QUERY: sets the upstream's mode; prints its counts
uf_mode() {
	curl -s -X POST -d '' "http://127.0.0.1:$DL_RPORT/control/mode?$1"
}
uf_count_ge() {
	test "$(uf_mode "" | jq -r ".$1")" -ge "$2"
}
uf_alive() {
	kill -0 "$PID_upfault" 2>/dev/null &&
	    curl -sf -o /dev/null "$uf_base/healthz"
}
uf_status_is() {
	curl -s "$uf_base/requests/$1.json" | jq -e ".[0].status == \"$2\""
}
# uf_copies DESCRIPTION: how many requests upstream carry it
uf_copies() {
	jq -r "[.requests[] | select(.description == \"$1\")] | length" \
	    "$DL_RSTATE"
}

# 1. A status poll answered with an empty body.
uf_r1=$(uf_new 1 "uf-one-$$")
dl_until 10 uf_upid "$uf_r1"
check "forwarded upstream" test $? -eq 0
uf_mode poll=empty >/dev/null
dl_until 10 uf_count_ge empty_polls 2
check "the upstream answered polls with empty bodies" test $? -eq 0
check "the gateway lives through empty poll answers" uf_alive
uf_mode poll=ok >/dev/null
curl -s -o /dev/null -X POST -d '' \
    "http://127.0.0.1:$DL_RPORT/control/close?id=$(uf_upid "$uf_r1")&notes=Done"
dl_until 10 uf_status_is "$uf_r1" closed
check "polls go on: closed upstream, closed here" test $? -eq 0

# 2. A submission answered with an empty body: the attempt fails with
# the reason, and the retry finds the copy the upstream stored (see 626)
# instead of posting it again.
uf_mode post=empty >/dev/null
uf_r2=$(uf_new 2 "uf-two-$$")
check "request created ($uf_r2)" test -n "$(printf '%s' "$uf_r2" | grep -E '^[0-9]+$')"
dl_until 10 uf_count_ge empty_posts 1
check "the upstream answered a submission with an empty body" test $? -eq 0
check "the gateway lives through an empty submission answer" uf_alive
dl_until 10 uf_upid "$uf_r2"
check "the retry found the stored copy upstream" test $? -eq 0
check "the attempt failed with its reason" grep -q "outbox event [0-9]* (request.created to open311): failed: the upstream answered without a service_request_id or token" "$E2E_TMP/upfault.log"
check "one copy upstream" test "$(uf_copies "uf-two-$$")" -eq 1
check "posted once" test "$(uf_mode '' | jq -r .empty_posts)" -eq 1
uf_mode post=ok >/dev/null

stop_server upfault
dl_receiver_stop uf
fi
