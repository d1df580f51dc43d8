# The transactional outbox to a webhook back office (receiver.py): one
# signed event per creation and update, in per-request order, with an
# idempotency key; a batch token resolves once the back office has the
# request; retries with backoff while the receiver is down, across a
# gateway restart; dead letters after dead_after, held-back later events,
# the admin API's retry; destinations added and removed.
#
# A gateway and database of their own (see tests/e2e/tools/delivery.sh);
# its destinations are service-scoped and removed at the end.

if [ -z "$E2E_EXTERNAL" ]; then
. tests/e2e/tools/delivery.sh

dl_case outbox ob
ob_sub=$DL_SUB
ob_off=$DL_OFF
ob_adm=$(dl_bin keys create --name "ob admin" --scopes admin,backoffice | tail -1)
ob_jadm=$(dl_bin keys create --name "ob city admin" --scopes admin --jurisdiction sandiego.gov | tail -1)
ob_A=(-H "Authorization: Bearer $ob_adm")

ob_rport=$(free_port)
ob_log=$E2E_TMP/ob-hook.log
dl_receiver_start ob "$ob_rport" "$ob_log"
check "the receiver is up" test $? -eq 0
OB_SECRET="whsec-$$-$(date +%s%N)"
export OB_SECRET
ob_out=$(dl_bin destinations add --jurisdiction sandiego.gov --service WATER_LEAK \
    --webhook "http://127.0.0.1:$ob_rport/hook" --secret-env OB_SECRET)
ob_d1=$(printf '%s' "$ob_out" | sed -n 's/^destination \([0-9]*\):.*/\1/p')
check "destination added ($ob_out)" test -n "$ob_d1"

ob_port=$(free_port)
start_server outbox "$ob_port" DATABASE_URL="$DL_URL" "$DL_PLAIN" \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200
ob_saved=$BASE
BASE=http://127.0.0.1:$ob_port

# ob_hooks [FILTER]: the deliveries so far as one JSON array (hooklog.py),
# optionally filtered with jq, e.g. 'map(select(.request == "3"))'.
ob_hooks() {
	dl_hooks "$ob_log" "$OB_SECRET" "${1:-}"
}
ob_nhooks() {
	ob_hooks "map(select(.request == \"$1\" and .path == \"${3:-/hook}\")) | length" |
	    grep -qx "$2"
}
ob_token_id() {
	curl -s "$BASE/tokens/$1.json" | jq -er '.[0].service_request_id | strings'
}
ob_state() {
	DLPSQL -tAc "select string_agg(state, ',' order by seq) from outbox where request_id = $1 and destination_id = $2"
}
ob_state_is() {
	test "$(ob_state "$1" "$2")" = "$3"
}
ob_leak() {
	# ob_leak SOURCE [FIELDS]: a WATER_LEAK report; prints its token.
	curl -s -H "Authorization: Bearer $ob_sub" \
	    -d "service_code=WATER_LEAK&attribute%5BSOURCE%5D=$1&address_string=${RANDOM}+Harbor+Dr${2:+&$2}" \
	    "$BASE/requests.json" | jq -r '.[0].token'
}
ob_attempts_ge() {
	# ob_attempts_ge REQUEST N: the first event to the webhook was tried N times or more
	test "$(DLPSQL -tAc "select attempts from outbox where request_id = $1 and destination_id = $ob_d1 and seq = 1")" -ge "$2"
}
ob_fails_gt() {
	test "$(ob_hooks "map(select(.request == \"$1\" and .path == \"/hook-fail\")) | length")" -gt "$2"
}
ob_id_of() {
	DLPSQL -tAc "select id from requests where token = '$1'"
}
ob_update() {
	# ob_update REQUEST UPDATE_ID STATUS [FIELDS]: prints the update's id
	curl -s -H "Authorization: Bearer $ob_off" \
	    -d "service_request_id=$1&update_id=$2&status=$3${4:+&$4}" \
	    "$BASE/servicerequestupdates.json" | jq -r '.[0].update_id'
}

# 1. Created, then updated: request.created seq 1, request.updated 2, 3.
ob_t1=$(ob_leak MAIN 'email=ob-1%40example.org&first_name=Olga&last_name=Bern&phone=619-555-0100&description=Water+in+the+street')
check "a batch request answers a token ($ob_t1)" test ${#ob_t1} = 32
dl_until 10 ob_token_id "$ob_t1"
check "the token resolves once the back office has the request" test $? -eq 0
ob_r1=$(ob_token_id "$ob_t1")
get "/tokens/$ob_t1.xml"
expect_xml '/service_requests/request/service_request_id' "$ob_r1"
BODY=$(ob_hooks "map(select(.request == \"$ob_r1\"))")
LAST_REQ="receiver log for $ob_r1"
expect_jq 'length == 1'
expect_jq '.[0] | .path == "/hook" and .event == "request.created" and .body_event == "request.created" and .seq == 1 and .body_seq == 1'
expect_jq '.[0].key_matches_body and (.[0].key | test("^[0-9a-f]{32}$"))'
expect_jq '.[0].signed == true and .[0].sig_age < 60 and .[0].sig_age > -5'
expect_jq '.[0].content_type == "application/json"'
expect_jq '.[0].delivery | test("^[0-9]+$")'
ob_first=$(jq -c 'select(.path == "/hook")' "$ob_log" | head -1)
BODY=$(printf '%s' "$ob_first" | jq -r .body)
expect_json '.request.service_request_id' "$ob_r1"
expect_json '.request.service_code' 'WATER_LEAK'
expect_json '.request.attributes.SOURCE' 'MAIN'
expect_json '.request.description' 'Water in the street'
expect_json '.request.contact.email' 'ob-1@example.org'
expect_json '.request.contact.first_name' 'Olga'
expect_json '.request.contact.last_name' 'Bern'
expect_json '.request.contact.phone' '619-555-0100'
expect_json '.request.jurisdiction_id' 'sandiego.gov'
expect_json '.update' 'null'
# The signature covers the body: another secret, or another body, fails.
ob_sig=$(printf '%s' "$ob_first" | jq -r '.headers["x-open311-signature"]')
ob_raw=$(printf '%s' "$ob_first" | jq -r .body)
ob_ts=${ob_sig#t=}
ob_ts=${ob_ts%%,*}
ob_mac=$(printf '%s.%s' "$ob_ts" "$ob_raw" | openssl dgst -sha256 -hmac "$OB_SECRET" -r | cut -d' ' -f1)
check "openssl agrees with X-Open311-Signature ($ob_sig)" test "t=$ob_ts,v1=$ob_mac" = "$ob_sig"
ob_mac=$(printf '%s.%s ' "$ob_ts" "$ob_raw" | openssl dgst -sha256 -hmac "$OB_SECRET" -r | cut -d' ' -f1)
check "a changed body does not verify" test "t=$ob_ts,v1=$ob_mac" != "$ob_sig"
ob_mac=$(printf '%s.%s' "$ob_ts" "$ob_raw" | openssl dgst -sha256 -hmac "not-$OB_SECRET" -r | cut -d' ' -f1)
check "another secret does not verify" test "t=$ob_ts,v1=$ob_mac" != "$ob_sig"

ob_u1=$(ob_update "$ob_r1" "ob-$$-1" IN_PROGRESS 'description=Crew+sent&external_status_code=C1')
ob_u2=$(ob_update "$ob_r1" "ob-$$-2" FIXED 'description=Valve+closed&media_url=https%3A%2F%2Fimg.example.org%2Fvalve.jpg')
dl_until 10 ob_nhooks "$ob_r1" 3
check "two updates are delivered" test $? -eq 0
BODY=$(ob_hooks "map(select(.request == \"$ob_r1\")) | sort_by(.time)")
LAST_REQ="receiver log for $ob_r1"
expect_jq 'map(.seq) == [1, 2, 3] and map(.body_seq) == [1, 2, 3]'
expect_jq 'map(.event) == ["request.created", "request.updated", "request.updated"]'
expect_jq "map(.update_id) == [null, \"$ob_u1\", \"$ob_u2\"]"
expect_jq 'map(.signed) | all'
expect_jq 'map(.key_matches_body) | all'
expect_jq 'map(.key) | unique | length == 3'
expect_jq 'map(.delivery) | unique | length == 3'
expect_jq 'map(.status) == ["open", "open", "closed"] and map(.detailed_status) == ["open", "in_progress", "fixed"]'
BODY=$(jq -r 'select(.path == "/hook") | .body' "$ob_log" | jq -s "map(select(.request.service_request_id == \"$ob_r1\" and .sequence == 3)) | .[0]")
expect_json '.update.status' 'closed'
expect_json '.update.detailed_status' 'fixed'
expect_json '.update.description' 'Valve closed'
expect_json '.update.media_urls[0]' 'https://img.example.org/valve.jpg'
expect_json '.update.kind' 'status'
expect_jq '.update.updated_datetime | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")'
expect_json '.request.status_notes' 'Valve closed'
expect_json '.request.contact.email' 'ob-1@example.org'
dl_until 5 dl_sql_is "select count(*) from outbox where request_id = $ob_r1 and destination_id = $ob_d1 and state = 'delivered' and attempts = 1 and delivered_at is not null" 3
check "three events delivered at the first attempt" test $? -eq 0

# Simultaneous updates of one request: each its own sequence number,
# delivered in that order.
ob_t8=$(ob_leak METER)
ob_r8=$(ob_id_of "$ob_t8")
ob_pids=
for i in 1 2 3 4 5 6 7 8; do
	if [ $((i % 2)) = 1 ]; then ob_st=IN_PROGRESS; else ob_st=INVESTIGATING; fi
	curl -s -o "$E2E_TMP/ob-par.$i" -w '%{http_code}\n' -H "Authorization: Bearer $ob_off" \
	    -d "service_request_id=$ob_r8&update_id=ob-$$-par-$i&status=$ob_st&description=par-$i" \
	    "$BASE/servicerequestupdates.json" >"$E2E_TMP/ob-par.$i.code" &
	ob_pids="$ob_pids $!"
done
# shellcheck disable=SC2086
wait $ob_pids
n=$(cat "$E2E_TMP"/ob-par.*.code | grep -c '^200$')
check "8 simultaneous updates accepted ($n)" test "$n" = 8
dl_until 15 ob_nhooks "$ob_r8" 9
check "all 9 events of the request delivered" test $? -eq 0
r=$(DLPSQL -tAc "select string_agg(seq::text, ',' order by seq) from outbox where request_id = $ob_r8 and destination_id = $ob_d1")
check "sequence numbers 1..9 without gaps ($r)" test "$r" = "1,2,3,4,5,6,7,8,9"
BODY=$(ob_hooks "map(select(.request == \"$ob_r8\")) | sort_by(.time)")
LAST_REQ="receiver log for $ob_r8"
expect_jq 'map(.seq) == [1, 2, 3, 4, 5, 6, 7, 8, 9]'
expect_jq 'map(.key) | unique | length == 9'
# Each event carries the update it announces, in the order applied.
r=$(DLPSQL -tAc "select string_agg(update_id::text, ',' order by seq) from outbox where request_id = $ob_r8 and destination_id = $ob_d1 and seq > 1")
r2=$(DLPSQL -tAc "select string_agg(id::text, ',' order by id) from request_updates where request_id = $ob_r8")
check "events follow the order the updates were applied ($r / $r2)" test "$r" = "$r2"

# Other services, and the test endpoint, are not handed over: their
# tokens resolve at once.
post /requests.json -H "Authorization: Bearer $ob_sub" \
    -d 'service_code=GRAFFITI&attribute%5BSURFACE%5D=WALL&address_string=9+Graffiti+Way'
ob_tg=$(printf '%s' "$BODY" | jq -r '.[0].token')
get "/tokens/$ob_tg.json"
expect_jq '.[0].service_request_id | test("^[0-9]+$")'
post /test/requests.json -H "Authorization: Bearer $ob_sub" \
    -d 'service_code=WATER_LEAK&attribute%5BSOURCE%5D=METER&address_string=1+Test+St'
ob_tt=$(printf '%s' "$BODY" | jq -r '.[0].token')
get "/test/tokens/$ob_tt.json"
expect_jq '.[0].service_request_id | test("^[0-9]+$")'
n=$(DLPSQL -tAc "select count(*) from outbox o join requests r on r.id = o.request_id where r.token in ('$ob_tg', '$ob_tt')")
check "no events for other services or /test requests ($n)" test "$n" = 0

# 2. The receiver goes down: a request and three updates wait, retried
# with growing attempts; the token stays pending.
dl_receiver_stop ob
ob_t2=$(ob_leak HYDRANT 'email=ob-2%40example.org')
ob_r2=$(ob_id_of "$ob_t2")
dl_until 5 ob_attempts_ge "$ob_r2" 2
ob_a1=$(DLPSQL -tAc "select attempts from outbox where request_id = $ob_r2 and destination_id = $ob_d1 and seq = 1")
get "/tokens/$ob_t2.json"
expect_status 200
expect_jq '.[0] | has("service_request_id") | not'
expect_json '.[0].token' "$ob_t2"
# (The back office's own updates below mark the request taken too.)
ob_update "$ob_r2" "ob-$$-21" INVESTIGATING >/dev/null
ob_update "$ob_r2" "ob-$$-22" ACTION_SCHEDULED 'description=Tomorrow' >/dev/null
ob_update "$ob_r2" "ob-$$-23" FIXED 'description=Done' >/dev/null
dl_until 10 ob_attempts_ge "$ob_r2" $((ob_a1 + 1))
check "attempts grow while the receiver is down (from $ob_a1)" test $? -eq 0 -a "$ob_a1" -ge 1
r=$(DLPSQL -tAc "select string_agg(state || ':' || (attempts > 0)::text || ':' || (last_error is not null)::text, ',' order by seq) from outbox where request_id = $ob_r2 and destination_id = $ob_d1")
check "the first event is retried, the later ones wait behind it ($r)" \
    test "$r" = "pending:true:true,pending:false:false,pending:false:false,pending:false:false"
get '/admin/outbox.json?state=pending&limit=1000' "${ob_A[@]}"
expect_status 200
expect_header content-type "application/json; charset=utf-8"
# (This gateway has no smtp_url: e-mails wait for a node that has one.)
expect_jq "[.events[] | select(.request_id == \"$ob_r2\" and .destination == null)] | all(.event == \"email\" and .state == \"pending\" and .attempts == 0)"
expect_jq "[.events[] | select(.request_id == \"$ob_r2\" and .destination != null)] | length == 4"
expect_jq "[.events[] | select(.request_id == \"$ob_r2\" and .destination != null)] | all(.state == \"pending\" and .destination == \"$ob_d1\")"
expect_jq "[.events[] | select(.request_id == \"$ob_r2\" and .destination != null)] | sort_by(.sequence) | map(.sequence) == [1, 2, 3, 4] and map(.event) == [\"request.created\", \"request.updated\", \"request.updated\", \"request.updated\"]"
expect_jq "[.events[] | select(.request_id == \"$ob_r2\" and .destination != null and .sequence == 1)][0] | .attempts >= 2 and (.last_error | type == \"string\" and length > 0) and .delivered == null"
expect_jq "[.backlog[] | select(.destination == \"$ob_d1\" and .state == \"pending\")][0] | .count >= 4 and .oldest_pending_seconds >= 1"
expect_jq '[.events[] | select(.state != "pending")] | length == 0'
get '/admin/outbox.json?state=lost' "${ob_A[@]}"
expect_error 400 json "state"
get '/admin/outbox.json' -H "Authorization: Bearer $ob_off"
expect_error 403 json "admin"
get '/admin/outbox.json' -H "Authorization: Bearer $ob_sub"
expect_error 403 json "admin"
get '/admin/outbox.json' -H "Authorization: Bearer $ob_jadm"
expect_error 403 json "every jurisdiction"
get '/admin/outbox.json'
expect_error 403 json "api_key"

# The receiver is back: every event delivered once, in order.
dl_receiver_start ob "$ob_rport" "$ob_log"
dl_until 30 ob_nhooks "$ob_r2" 4
check "all four delivered once the receiver is back" test $? -eq 0
BODY=$(ob_hooks "map(select(.request == \"$ob_r2\")) | sort_by(.time)")
LAST_REQ="receiver log for $ob_r2"
expect_jq 'map(.seq) == [1, 2, 3, 4]'
expect_jq 'map(.key) | unique | length == 4'
expect_jq 'map(.signed and .key_matches_body) | all'
expect_jq 'map(.detailed_status) == ["open", "investigating", "action_scheduled", "fixed"]'
dl_until 5 ob_token_id "$ob_t2"
check "the token resolves after the delivery" test $? -eq 0
dl_until 5 ob_state_is "$ob_r2" "$ob_d1" "delivered,delivered,delivered,delivered"
check "all delivered in the outbox ($(ob_state "$ob_r2" "$ob_d1"))" \
    test $? -eq 0
n=$(DLPSQL -tAc "select count(*) from outbox where request_id = $ob_r2 and destination_id = $ob_d1 and last_error is not null")
check "no error left on delivered events ($n)" test "$n" = 0

# 3. A gateway restart while events wait: none lost, none sent again
# under another key. The back office hangs, so the first event is under
# way when the gateway stops: the stop gives its lease back, and the
# restarted gateway sends it at once, not when the lease (60 s) ends.
dl_receiver_stop ob
dl_hole_start obh "$ob_rport"
check "the hanging back office is up" test $? -eq 0
ob_t3=$(ob_leak METER)
ob_r3=$(ob_id_of "$ob_t3")
ob_update "$ob_r3" "ob-$$-31" IN_PROGRESS >/dev/null
ob_update "$ob_r3" "ob-$$-32" CLOSED 'description=Meter+replaced' >/dev/null
dl_until 10 dl_sql_is "select lease_until > now() from outbox where request_id = $ob_r3 and destination_id = $ob_d1 and seq = 1" t
check "the first event is under way" test $? -eq 0
stop_server outbox
n=$(DLPSQL -tAc "select count(*) from outbox where request_id = $ob_r3 and lease_until is not null")
check "the stop gave back the lease of the event under way ($n)" test "$n" = 0
dl_receiver_stop obh
ob_keys=$(DLPSQL -tAc "select string_agg(idempotency_key, ',' order by seq) from outbox where request_id = $ob_r3")
r=$(DLPSQL -tAc "select string_agg(state, ',' order by seq) from outbox where request_id = $ob_r3")
check "the events wait while the gateway is down ($r)" test "$r" = "pending,pending,pending"
start_server outbox "$ob_port" DATABASE_URL="$DL_URL" "$DL_PLAIN" \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200
check "the gateway is back" test $? -eq 0
dl_receiver_start ob "$ob_rport" "$ob_log"
dl_until 15 ob_nhooks "$ob_r3" 3
check "all three delivered after the restart" test $? -eq 0
dl_until 5 ob_state_is "$ob_r3" "$ob_d1" "delivered,delivered,delivered"
check "delivered ($(ob_state "$ob_r3" "$ob_d1"))" test $? -eq 0
BODY=$(ob_hooks "map(select(.request == \"$ob_r3\")) | sort_by(.time)")
LAST_REQ="receiver log for $ob_r3"
expect_jq 'map(.seq) == [1, 2, 3]'
expect_jq 'group_by(.seq) | all(map(.key) | unique | length == 1)'
expect_jq "map(.key) | unique == (\"$ob_keys\" | split(\",\") | unique)"

# Across the whole case so far: one key per event, never two; each key
# delivered once (but around the restart, where the same key twice would
# be allowed).
BODY=$(ob_hooks 'map(select(.path == "/hook"))')
LAST_REQ="receiver log"
expect_jq 'group_by(.request + ":" + (.seq | tostring)) | all(map(.key) | unique | length == 1)'
expect_jq "map(select(.request != \"$ob_r3\")) | group_by(.key) | all(length == 1)"

# 4. Dead letters: a destination that is down (a port nobody listens
# on), and one that answers 500, both dead after 2 s.
ob_rport2=$(free_port)
ob_log2=$E2E_TMP/ob-hook2.log
ob_out=$(dl_bin destinations add --jurisdiction sandiego.gov --service ABANDONED_VEHICLE \
    --webhook "http://127.0.0.1:$ob_rport2/hook" --secret-env OB_SECRET --dead-after 2)
ob_d2=$(printf '%s' "$ob_out" | sed -n 's/^destination \([0-9]*\):.*/\1/p')
ob_out=$(dl_bin destinations add --jurisdiction sandiego.gov --service SHOPPING_CART \
    --webhook "http://127.0.0.1:$ob_rport/hook-fail" --secret-env OB_SECRET --dead-after 2)
ob_d3=$(printf '%s' "$ob_out" | sed -n 's/^destination \([0-9]*\):.*/\1/p')
check "dead-letter destinations added ($ob_d2 $ob_d3)" test -n "$ob_d2" -a -n "$ob_d3"

post /requests.json -H "Authorization: Bearer $ob_sub" \
    -d 'service_code=ABANDONED_VEHICLE&attribute%5BPLATE%5D=7ABC123&address_string=77+Dead+Letter+Ln'
ob_t4=$(printf '%s' "$BODY" | jq -r '.[0].token')
ob_r4=$(ob_id_of "$ob_t4")
# A reporter's comment: a second event, which leaves the token pending.
post /servicerequestupdates.json -H "Authorization: Bearer $ob_sub" \
    -d "service_request_id=$ob_r4&description=Flat+tyres+now"
expect_status 200
post /requests.json -H "Authorization: Bearer $ob_sub" \
    -d 'service_code=SHOPPING_CART&attribute%5BSTORE%5D=Vons&lat=32.7801&long=-117.1301'
ob_r5=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
ob_update "$ob_r5" "ob-$$-51" IN_PROGRESS >/dev/null

dl_until 10 ob_state_is "$ob_r4" "$ob_d2" "dead,pending"
check "an unreachable destination's event is dead after dead_after ($(ob_state "$ob_r4" "$ob_d2"))" test $? -eq 0
dl_until 10 ob_state_is "$ob_r5" "$ob_d3" "dead,pending"
check "a failing destination's event is dead after dead_after ($(ob_state "$ob_r5" "$ob_d3"))" test $? -eq 0
r=$(DLPSQL -tAc "select attempts from outbox where request_id = $ob_r4 and seq = 2")
check "the later event waits behind the dead one, never tried ($r)" test "$r" = 0
ob_fails=$(ob_hooks "map(select(.request == \"$ob_r5\" and .path == \"/hook-fail\")) | length")
check "the failing destination was tried more than once ($ob_fails)" test "$ob_fails" -ge 2
BODY=$(ob_hooks "map(select(.request == \"$ob_r5\" and .path == \"/hook-fail\"))")
LAST_REQ="receiver log for $ob_r5"
expect_jq 'map(.seq) | unique == [1]'
expect_jq 'map(.key) | unique | length == 1'
get "/tokens/$ob_t4.json"
expect_jq '.[0] | has("service_request_id") | not'

get '/admin/outbox.json?state=dead' "${ob_A[@]}"
expect_status 200
expect_jq "[.events[] | select(.request_id == \"$ob_r4\")] | length == 1 and .[0].sequence == 1 and .[0].destination == \"$ob_d2\" and .[0].state == \"dead\""
expect_jq "[.events[] | select(.request_id == \"$ob_r5\")][0] | .attempts >= 2 and (.last_error | test(\"500\"))"
expect_jq "[.backlog[] | select(.destination == \"$ob_d2\")] | map(.state + \":\" + (.count | tostring)) | sort == [\"dead:1\", \"pending:1\"]"
ob_e4=$(printf '%s' "$BODY" | jq -r "[.events[] | select(.request_id == \"$ob_r4\")][0].id")
ob_e5=$(printf '%s' "$BODY" | jq -r "[.events[] | select(.request_id == \"$ob_r5\")][0].id")
get /admin/destinations.json "${ob_A[@]}"
expect_status 200
expect_jq "[.[] | select(.id == \"$ob_d2\")][0] | .kind == \"webhook\" and .service_code == \"ABANDONED_VEHICLE\" and .dead_after_seconds == 2 and .dead == 1 and .pending == 1 and .active"
expect_jq "[.[] | select(.id == \"$ob_d1\")][0] | .dead_after_seconds == 86400 and .url == \"http://127.0.0.1:$ob_rport/hook\""
expect_jq '[.. | objects | has("secret")] | any | not'
expect_jq "tostring | contains(\"$OB_SECRET\") | not"

# Dead events stay dead, also once the destination is back...
dl_receiver_start ob2 "$ob_rport2" "$ob_log2"
sleep 1
n=$(/usr/bin/python3 tests/e2e/tools/hooklog.py "$ob_log2" | wc -l)
check "nothing is sent to a dead event's destination by itself ($n)" test "$n" = 0
# ... until an admin retries: the dead event, then the one behind it.
post "/admin/outbox/$ob_e4/retry.json" -H "Authorization: Bearer $ob_off" -d ''
expect_error 403 json "admin"
post "/admin/outbox/$ob_e4/retry.json" "${ob_A[@]}" -d ''
expect_status 200
expect_json '.requeued | join(",")' "$ob_e4"
dl_until 10 ob_state_is "$ob_r4" "$ob_d2" "delivered,delivered"
check "the retried event and the one behind it are delivered ($(ob_state "$ob_r4" "$ob_d2"))" test $? -eq 0
BODY=$(dl_hooks "$ob_log2" "$OB_SECRET" 'sort_by(.time)')
LAST_REQ="receiver 2 log"
expect_jq "map(.request) | unique == [\"$ob_r4\"]"
expect_jq 'map(.seq) == [1, 2] and map(.signed) == [true, true]'
dl_until 5 ob_token_id "$ob_t4"
check "the token resolves after the retried delivery" test $? -eq 0
post "/admin/outbox/$ob_e4/retry.json" "${ob_A[@]}" -d ''
expect_error 404 json "$ob_e4"
post '/admin/outbox/999999999/retry.json' "${ob_A[@]}" -d ''
expect_error 404 json "999999999"
post '/admin/outbox/abc/retry.json' "${ob_A[@]}" -d ''
expect_error 404 json "abc"
# A retry to a destination still failing: tried again, dead again.
post "/admin/outbox/$ob_e5/retry.json" "${ob_A[@]}" -d ''
expect_status 200
expect_json '.requeued | join(",")' "$ob_e5"
dl_until 10 ob_fails_gt "$ob_r5" "$ob_fails"
check "the retried event is sent again" test $? -eq 0
dl_until 15 ob_state_is "$ob_r5" "$ob_d3" "dead,pending"
check "and is dead again ($(ob_state "$ob_r5" "$ob_d3"))" test $? -eq 0
BODY=$(ob_hooks "map(select(.request == \"$ob_r5\" and .path == \"/hook-fail\"))")
LAST_REQ="receiver log for $ob_r5"
expect_jq 'map(.key) | unique | length == 1'

# 5. Destinations through the admin API; a removed destination gets
# nothing more, not even what was waiting for it.
post /admin/destinations.json "${ob_A[@]}" \
    -d "jurisdiction_id=sandiego.gov&service_code=PARKING&kind=webhook&url=http%3A%2F%2F127.0.0.1%3A$ob_rport%2Fhook&secret=api-secret&dead_after_seconds=60"
expect_status 201
expect_jq '.id | test("^[0-9]+$")'
ob_d4=$(printf '%s' "$BODY" | jq -r .id)
post /admin/destinations.json "${ob_A[@]}" \
    -d "jurisdiction_id=sandiego.gov&service_code=NOPE&kind=webhook&url=http%3A%2F%2F127.0.0.1%2Fhook&secret=x"
expect_error 400 json "does not exist"
post /admin/destinations.json "${ob_A[@]}" \
    -d "jurisdiction_id=sandiego.gov&kind=carrier-pigeon&url=http%3A%2F%2F127.0.0.1%2Fhook"
expect_error 400 json "kind"
post /admin/destinations.json "${ob_A[@]}" \
    -d "jurisdiction_id=sandiego.gov&kind=webhook&url=ftp%3A%2F%2F127.0.0.1%2Fhook"
expect_error 400 json "url"
post /admin/destinations.json "${ob_A[@]}" -d "kind=webhook"
expect_error 400 json "required"
post /admin/destinations.json "${ob_A[@]}" \
    -d "jurisdiction_id=sandiego.gov&kind=webhook&url=http%3A%2F%2F127.0.0.1%2Fhook"
expect_error 400 json "signing secret"
post /admin/destinations.json "${ob_A[@]}" \
    -d "jurisdiction_id=sandiego.gov&kind=webhook&url=http%3A%2F%2F127.0.0.1%2Fhook&secret=x&dead_after_seconds=0"
expect_error 400 json "dead_after_seconds"
post /admin/destinations.json -H "Authorization: Bearer $ob_off" \
    -d "jurisdiction_id=sandiego.gov&kind=webhook&url=http%3A%2F%2F127.0.0.1%2Fhook"
expect_error 403 json "admin"
get /admin/destinations.json -H "Authorization: Bearer $ob_sub"
expect_error 403 json "admin"
get /admin/destinations.json "${ob_A[@]}"
expect_jq "[.[] | select(.id == \"$ob_d4\")][0] | .service_code == \"PARKING\" and .dead_after_seconds == 60 and .active"
post "/admin/destinations/$ob_d4/remove.json" "${ob_A[@]}" -d ''
expect_status 200
expect_json '.id' "$ob_d4"
post "/admin/destinations/$ob_d4/remove.json" "${ob_A[@]}" -d ''
expect_error 404 json "$ob_d4"
get /admin/destinations.json "${ob_A[@]}"
expect_jq "[.[] | select(.id == \"$ob_d4\")][0].active == false"

dl_receiver_stop ob
ob_t6=$(ob_leak UNKNOWN)
ob_r6=$(ob_id_of "$ob_t6")
dl_until 5 ob_attempts_ge "$ob_r6" 1
ob_out=$(dl_bin destinations remove "$ob_d1")
check "destinations remove ($ob_out)" test "$ob_out" = "destination $ob_d1 removed"
ob_out=$(dl_bin destinations list)
case "$ob_out" in
*"/hook (removed)"*) pass ;;
*) fail "destinations list does not show the removal: $ob_out" ;;
esac
dl_receiver_start ob "$ob_rport" "$ob_log"
sleep 2
n=$(ob_hooks "map(select(.request == \"$ob_r6\")) | length")
LAST_REQ="receiver log for $ob_r6, queued for destination $ob_d1 before its removal"
BODY=$(ob_hooks "map(select(.request == \"$ob_r6\"))" | jq -c .)
STATUS=-
check "a removed destination is not sent the events that waited for it ($n deliveries)" test "$n" = 0
# New requests of the service have no destination any more: accepted at
# once, no events.
ob_t7=$(ob_leak MAIN)
get "/tokens/$ob_t7.json"
expect_jq '.[0].service_request_id | test("^[0-9]+$")'
n=$(DLPSQL -tAc "select count(*) from outbox o join requests r on r.id = o.request_id where r.token = '$ob_t7'")
check "no events for a service whose destination was removed ($n)" test "$n" = 0

# Clean up: this case's destinations, gateway and receivers.
for ob_d in "$ob_d2" "$ob_d3"; do
	dl_bin destinations remove "$ob_d" >/dev/null
done
n=$(DLPSQL -tAc "select count(*) from destinations where active")
check "no destination left active ($n)" test "$n" = 0
BASE=$ob_saved
stop_server outbox
dl_receiver_stop ob
dl_receiver_stop ob2
fi
