# Gateway mode: an open311 destination (receiver.py as the upstream
# Open311 server). A new request is submitted upstream as a standard
# form with its attributes, and the upstream id kept; the upstream's
# status changes, seen by polling, become updates here, once each; local
# updates are not sent upstream; local notes and duplicate links survive
# the polls; an upstream that is down gets the request later.
#
# A gateway and database of their own (see tests/e2e/tools/delivery.sh).

if [ -z "$E2E_EXTERNAL" ]; then
. tests/e2e/tools/delivery.sh

dl_case gateway gw
gw_sub=$DL_SUB
gw_off=$DL_OFF

dl_upstream gw --upstream-jurisdiction upstream.example.org
gw_rport=$DL_RPORT
gw_log=$DL_RLOG
gw_state=$DL_RSTATE
gw_d=$DL_DEST

gw_port=$(free_port)
start_server gateway "$gw_port" DATABASE_URL="$DL_URL" "$DL_PLAIN" \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200 \
    OPEN311_UPSTREAM_POLL_MS=300
gw_saved=$BASE
BASE=http://127.0.0.1:$gw_port

# gw_new N [FIELDS]: a STORM_DRAIN report at spot N (about 220 m apart);
# prints its id.
gw_new() {
	curl -s -H "Authorization: Bearer $gw_sub" \
	    -d "service_code=STORM_DRAIN&attribute%5BFLOODING%5D=STREET&lat=32.7$((510 + $1 * 20))&long=-117.1400${2:+&$2}" \
	    "$BASE/requests.json" | jq -r '.[0].service_request_id'
}
gw_upid() {
	DLPSQL -tAc "select upstream_id from requests where id = $1" | grep -E '^UP-[0-9]+$'
}
gw_upstream() {
	# gw_upstream JQ: jq on the upstream's state file
	jq -r "$1" "$gw_state"
}
gw_status_is() {
	curl -s "$BASE/requests/$1.json" | jq -e ".[0].status == \"$2\""
}
gw_close() {
	# gw_close UPID NOTES: the upstream's staff close it
	curl -s -o /dev/null -w '%{http_code}' -X POST -d '' \
	    "http://127.0.0.1:$gw_rport/control/close?id=$1&notes=$2"
}
gw_pulled() {
	DLPSQL -tAc "select count(*) from request_updates where request_id = $1 and client_update_id like 'upstream:%'"
}

# 1. A new request goes upstream as a standard submission.
gw_r1=$(gw_new 1 'attribute%5BDEBRIS%5D=Leaves+and+branches&description=Drain+blocked+by+leaves&address_string=4200+Park+Blvd&email=gw-1%40example.org&first_name=Gina&device_id=dev-77')
check "request created ($gw_r1)" test -n "$(printf '%s' "$gw_r1" | grep -E '^[0-9]+$')"
dl_until 10 gw_upid "$gw_r1"
check "the upstream id is stored" test $? -eq 0
gw_u1=$(gw_upid "$gw_r1")
gw_f=".requests[\"$gw_u1\"].form"
check "upstream got service_code ($(gw_upstream "$gw_f.service_code[0]"))" \
    test "$(gw_upstream "$gw_f.service_code[0]")" = STORM_DRAIN
check "upstream got attribute[FLOODING]" test "$(gw_upstream "${gw_f}[\"attribute[FLOODING]\"][0]")" = STREET
check "upstream got attribute[DEBRIS]" test "$(gw_upstream "${gw_f}[\"attribute[DEBRIS]\"][0]")" = "Leaves and branches"
check "upstream got its api_key" test "$(gw_upstream "$gw_f.api_key[0]")" = "$DL_UPSTREAM_KEY"
check "upstream got its jurisdiction_id" test "$(gw_upstream "$gw_f.jurisdiction_id[0]")" = upstream.example.org
check "upstream got the description" test "$(gw_upstream "$gw_f.description[0]")" = "Drain blocked by leaves"
check "upstream got address_string" test "$(gw_upstream "$gw_f.address_string[0]")" = "4200 Park Blvd"
check "upstream got the location ($(gw_upstream "$gw_f.lat[0]") $(gw_upstream "$gw_f.long[0]"))" \
    test "$(gw_upstream "($gw_f.lat[0] | tonumber) == 32.753 and ($gw_f.long[0] | tonumber) == -117.14")" = true
check "upstream got the reporter" test "$(gw_upstream "$gw_f.email[0] + \"|\" + $gw_f.first_name[0]")" = "gw-1@example.org|Gina"
check "the device id stays here" test "$(gw_upstream "$gw_f | has(\"device_id\")")" = false
r=$(DLPSQL -tAc "select event || ':' || state || ':' || attempts from outbox where request_id = $gw_r1 and destination_id = $gw_d order by seq")
check "request.created delivered once ($r)" test "$r" = "request.created:delivered:1"
get "/requests/$gw_r1.json?extensions=true"
expect_json '.[0].status' 'open'

# Local updates are not sent upstream (its own feed is the truth).
post "/admin/requests/$gw_r1/update.json" -H "Authorization: Bearer $gw_off" \
    -d 'expected_datetime=2026-12-24T12:00:00Z'
expect_status 200
dl_until 5 dl_sql_is "select state from outbox where request_id = $gw_r1 and destination_id = $gw_d and seq = 2" skipped
r=$(DLPSQL -tAc "select event || ':' || state from outbox where request_id = $gw_r1 and destination_id = $gw_d and seq = 2")
check "a local update is not sent upstream ($r)" test "$r" = "request.updated:skipped"
n=$(gw_upstream '.requests | length')
check "one upstream request so far ($n)" test "$n" = 1

# 2. Closed upstream: closed here within a few polls, with the notes.
code=$(gw_close "$gw_u1" "Done+upstream")
check "the upstream closed $gw_u1 ($code)" test "$code" = 200
dl_until 10 gw_status_is "$gw_r1" closed
check "closed here within a few polls" test $? -eq 0
get "/requests/$gw_r1.json?extensions=true"
expect_json '.[0].status' 'closed'
expect_json '.[0].status_notes' 'Done upstream'
expect_json '.[0].extended_attributes.detailed_status' 'closed'
expect_jq '[.[0].notes[] | select(.type == "status" and .summary == "closed" and .description == "Done upstream")] | length == 1'
get "/servicerequestupdates.json"
expect_jq "[.[] | select(.service_request_id == \"$gw_r1\" and .status == \"closed\" and .description == \"Done upstream\")] | length == 1"
n=$(gw_pulled "$gw_r1")
check "one update pulled ($n)" test "$n" = 1
sleep 1.5
n=$(gw_pulled "$gw_r1")
check "polling again adds nothing ($n)" test "$n" = 1

# The reporter reopens it here; the upstream still says closed, which
# was already applied: polls do not apply it a second time.
post /servicerequestupdates.json -H "Authorization: Bearer $gw_sub" \
    -d "service_request_id=$gw_r1&status=REOPEN&description=Still+flooding"
expect_status 200
sleep 1.5
n=$(gw_pulled "$gw_r1")
check "the same upstream change is not applied twice ($n)" test "$n" = 1
get "/requests/$gw_r1.json?extensions=true"
expect_json '.[0].status' 'open'
expect_json '.[0].extended_attributes.detailed_status' 'reopen'
# A new change upstream (a later time) is applied.
sleep 1
code=$(gw_close "$gw_u1" "Cleared+again")
dl_until 10 gw_status_is "$gw_r1" closed
check "a new upstream change is applied" test $? -eq 0
get "/requests/$gw_r1.json"
expect_json '.[0].status_notes' 'Cleared again'
n=$(gw_pulled "$gw_r1")
check "two updates pulled in all ($n)" test "$n" = 2

# 3. What is only known here survives the polls: a staff note, and a
# duplicate's link.
gw_r2=$(gw_new 2)
dl_until 10 gw_upid "$gw_r2"
post "/admin/requests/$gw_r2/update.json" -H "Authorization: Bearer $gw_off" \
    -d 'status_notes=Crew+booked+for+Monday'
expect_json '.[0].status_notes' 'Crew booked for Monday'
gw_kid=$(curl -s -H "Authorization: Bearer $gw_sub" \
    -d "service_code=STORM_DRAIN&attribute%5BFLOODING%5D=NO&lat=32.75504&long=-117.1400&email=gw-kid%40example.org" \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
dl_until 10 gw_upid "$gw_kid"
check "the duplicate is forwarded too" test $? -eq 0
sleep 1.5
get "/requests/$gw_r2.json"
expect_json '.[0].status_notes' 'Crew booked for Monday'
get "/requests/$gw_kid.json?extensions=true"
expect_json '.[0].extended_attributes.parent_service_request_id' "$gw_r2"
expect_json '.[0].extended_attributes.detailed_status' 'duplicate'
expect_json '.[0].status_notes' "Duplicate of request $gw_r2"
n=$(gw_pulled "$gw_kid")
check "no update pulled for the duplicate, unchanged upstream ($n)" test "$n" = 0
n=$(gw_pulled "$gw_r2")
check "no update pulled for the noted request, unchanged upstream ($n)" test "$n" = 0
# Closing the parent upstream closes the duplicate with it.
code=$(gw_close "$(gw_upid "$gw_r2")" "Drain+cleared")
dl_until 10 gw_status_is "$gw_kid" closed
check "the duplicate follows its parent closed upstream" test $? -eq 0

# 4. The upstream is down: the request waits, then goes up once.
dl_receiver_stop gw
gw_r3=$(gw_new 3 "description=gw-late-$$")
dl_until 5 dl_sql_is "select attempts >= 2 from outbox where request_id = $gw_r3 and seq = 1" t
r=$(DLPSQL -tAc "select state || ':' || (last_error is not null)::text from outbox where request_id = $gw_r3 and destination_id = $gw_d")
check "the submission waits, with its error ($r)" test "$r" = "pending:true"
n=$(DLPSQL -tAc "select count(*) from requests where id = $gw_r3 and upstream_id is null")
check "no upstream id yet ($n)" test "$n" = 1
dl_receiver_start gw "$gw_rport" "$gw_log"
dl_until 15 gw_upid "$gw_r3"
check "submitted once the upstream is back" test $? -eq 0
sleep 0.5
n=$(gw_upstream "[.requests[] | select(.form.description[0] == \"gw-late-$$\")] | length")
check "submitted upstream exactly once ($n)" test "$n" = 1
n=$(gw_upstream '.requests | length')
check "four requests upstream in all ($n)" test "$n" = 4

# 5. A removed destination is no longer polled.
dl_bin destinations remove "$gw_d" >/dev/null
gw_u3=$(gw_upid "$gw_r3")
code=$(gw_close "$gw_u3" "Too+late")
sleep 1.5
get "/requests/$gw_r3.json"
expect_json '.[0].status' 'open'
n=$(gw_pulled "$gw_r3")
check "nothing pulled through a removed destination ($n)" test "$n" = 0

BASE=$gw_saved
stop_server gateway
dl_receiver_stop gw
fi
