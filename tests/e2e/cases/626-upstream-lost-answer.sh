# Gateway mode when a submission's answer is lost: upstream Open311
# servers ignore Idempotency-Key, so before posting an event again the
# gateway looks the request up upstream (GET /requests.json by service
# and time, matched on description and place) and, when the upstream
# holds it, records that request's id instead of posting a second copy.
# 1. The upstream stores the submission but answers after
#    delivery_timeout (receiver.py's post=slow): one copy upstream.
# 2. The upstream is down at the first attempt: the retry's search finds
#    nothing and the request is posted, once.
#
# A gateway and database of their own (see tests/e2e/tools/delivery.sh).

if [ -z "$E2E_EXTERNAL" ]; then
. tests/e2e/tools/delivery.sh

dl_case lostans la
dl_upstream la
la_port=$(free_port)
start_server lostans "$la_port" DATABASE_URL="$DL_URL" "$DL_PLAIN" \
    OPEN311_DELIVERY_TIMEOUT=2 OPEN311_OUTBOX_POLL_MS=100 \
    OPEN311_OUTBOX_RETRY_MS=200 OPEN311_UPSTREAM_POLL_MS=500
la_base=http://127.0.0.1:$la_port

# la_new N DESCRIPTION: a STORM_DRAIN report at spot N; prints its id.
la_new() {
	curl -s -H "Authorization: Bearer $DL_SUB" \
	    -d "service_code=STORM_DRAIN&attribute%5BFLOODING%5D=STREET&lat=32.7$((510 + $1 * 20))&long=-117.1400&description=$2" \
	    "$la_base/requests.json" | jq -r '.[0].service_request_id'
}
la_upid() {
	DLPSQL -tAc "select upstream_id from requests where id = $1" |
	    grep -E '^UP-[0-9]+$'
}
# la_mode QUERY: sets the upstream's mode; prints its counts
la_mode() {
	curl -s -X POST -d '' "http://127.0.0.1:$DL_RPORT/control/mode?$1"
}
# la_copies DESCRIPTION: the ids of the upstream requests that carry it
la_copies() {
	jq -r "[.requests[] | select(.description == \"$1\") |
	    .service_request_id] | join(\",\")" "$DL_RSTATE"
}
la_event() {
	DLPSQL -tAc "select state || ':' || attempts from outbox
	    where request_id = $1 and destination_id = $DL_DEST"
}
la_failed_once() {
	DLPSQL -tAc "select attempts >= 1 and last_error is not null
	    from outbox where request_id = $1
	    and destination_id = $DL_DEST" | grep -qx t
}

# 1. Stored upstream, answered too late.
la_mode "post=slow&seconds=6" >/dev/null
la_r1=$(la_new 1 "la-one-$$")
check "request created ($la_r1)" test -n "$(printf '%s' "$la_r1" | grep -E '^[0-9]+$')"
dl_until 30 la_upid "$la_r1"
check "the lost answer's request is known by its upstream id" test $? -eq 0
la_c1=$(la_copies "la-one-$$")
check "one copy upstream ($la_c1)" test -n "$la_c1" -a "${la_c1#*,}" = "$la_c1"
check "the id recorded is that copy's" test "$(la_upid "$la_r1")" = "$la_c1"
check "the submission was posted once" \
    test "$(la_mode '' | jq -r .slow_posts)" -eq 1
r=$(la_event "$la_r1")
check "delivered on a later attempt ($r)" \
    test "${r%%:*}" = delivered -a "${r#*:}" -ge 2

# 2. Nothing upstream yet: the retry posts.
dl_receiver_stop la
la_r2=$(la_new 2 "la-two-$$")
check "request created while the upstream is down ($la_r2)" \
    test -n "$(printf '%s' "$la_r2" | grep -E '^[0-9]+$')"
dl_until 15 la_failed_once "$la_r2"
check "the first attempt failed" test $? -eq 0
dl_receiver_start la "$DL_RPORT" "$DL_RLOG"
check "the upstream is back" test $? -eq 0
dl_until 15 la_upid "$la_r2"
check "posted after the search found nothing" test $? -eq 0
la_c2=$(la_copies "la-two-$$")
check "one copy upstream ($la_c2)" test -n "$la_c2" -a "${la_c2#*,}" = "$la_c2"
check "the id recorded is that copy's" test "$(la_upid "$la_r2")" = "$la_c2"
check "the first request still has its own id" \
    test "$(la_upid "$la_r1")" = "$la_c1"

stop_server lostans
dl_receiver_stop la
fi
