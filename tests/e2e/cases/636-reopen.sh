# POST /requests/{id}/reopen: "it is not fixed" from the reporter's e-mail
# link (the Baltimore rule). The token proves the reporter; a closed
# report reopens as a reporter's REOPEN does on the API (escalated,
# counted, the reporter and destinations told); a duplicate's reporter
# reopens the report it joined; an open report is a 409; the survey page
# offers it only when closed. JSON, XML and the HTML page.
#
# PARKING at spots of its own (600 uses the others).

if [ -z "$E2E_EXTERNAL" ]; then
ro_run=$(date +%s%N)

# ro_new N [FIELDS]: a PARKING request at spot N; prints its id.
ro_new() {
	curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
	    -d "service_code=PARKING&attribute%5BVIOLATION%5D=HYDRANT&lat=32.77$((10 + $1 * 2))&long=-117.1500${2:+&$2}" \
	    "$BASE/requests.json" | jq -r '.[0].service_request_id'
}

# ro_close ID N: the back office fixes it (update N).
ro_close() {
	curl -s -o /dev/null -w '%{http_code}' \
	    -H "Authorization: Bearer $KEY_OFFICE" \
	    -d "service_request_id=$1&update_id=ro-$ro_run-$2&status=FIXED&description=Painted+over" \
	    "$BASE/servicerequestupdates.json"
}

ro_state() {
	PSQL -tAc "select status || '|' || detailed_status || '|' || escalated || '|' || reopen_count from requests where id = $1"
}

ro_a=$(ro_new 1 'email=ro-a%40example.org')
ro_dup=$(ro_new 1 'email=ro-dup%40example.org')
ro_b=$(ro_new 3 'email=ro-b%40example.org')
check "requests created ($ro_a $ro_dup $ro_b)" \
    test -n "$(printf '%s' "$ro_a$ro_dup$ro_b" | grep -E '^[0-9]+$')"
r=$(PSQL -tAc "select parent_id from requests where id = $ro_dup")
check "the second report at spot 1 is a duplicate of the first ($r)" \
    test "$r" = "$ro_a"
ro_ta=$(PSQL -tAc "select token from request_contacts where request_id = $ro_a")
ro_td=$(PSQL -tAc "select token from request_contacts where request_id = $ro_dup")
ro_tb=$(PSQL -tAc "select token from request_contacts where request_id = $ro_b")

# Open: nothing to reopen, and the survey page does not offer it.
post "/requests/$ro_a/reopen.json?t=$ro_ta" -d 'comment=Still+there'
expect_error 409 json "not closed"
get "/requests/$ro_a/feedback?t=$ro_ta"
expect_status 200
check "an open report's survey page offers no reopening" \
    sh -c '! printf "%s" "$1" | grep -q "/reopen"' _ "$BODY"

code=$(ro_close "$ro_a" 1)
check "closed by the back office ($code)" test "$code" = 200
r=$(ro_state "$ro_a")
check "closed as fixed ($r)" test "$r" = "closed|fixed|false|0"
get "/requests/$ro_a/feedback?t=$ro_ta"
expect_body_has "<form method=\"post\" action=\"/requests/$ro_a/reopen?t=$ro_ta\">"
expect_body_has 'It is not fixed'

# Wrong links and comments change nothing.
post "/requests/$ro_a/reopen.json?t=0123456789abcdef0123456789abcdef" -d ''
expect_error 404 json "not valid"
post "/requests/$ro_a/reopen.xml?t=short" -d ''
expect_error 404 xml "not valid"
post "/requests/$ro_b/reopen.json?t=$ro_ta" -d ''
expect_error 404 json "not valid"
post "/requests/$ro_a/reopen.json" -d ''
expect_error 404 json "not valid"
post "/requests/$ro_a/reopen.json?t=$ro_ta" \
    --data-urlencode "comment=$(printf 'x%.0s' $(seq 1 2001))"
expect_error 400 json "2000"
r=$(ro_state "$ro_a")
check "refused attempts leave it closed ($r)" test "$r" = "closed|fixed|false|0"

# The duplicate's reporter says it is not fixed: the report it joined
# reopens, escalated, and its reporter is told.
ro_mails=$(PSQL -tAc "select count(*) from outbox where event = 'email' and payload->>'kind' = 'reopen' and request_id = $ro_a")
post "/requests/$ro_dup/reopen.json?t=$ro_td" --data-urlencode 'comment=The paint is back'
expect_status 200
expect_json '.[0].service_request_id' "$ro_dup"
expect_json '.[0].status' 'open'
r=$(ro_state "$ro_a")
check "the parent is open again, escalated, counted ($r)" \
    test "$r" = "open|reopen|true|1"
r=$(PSQL -tAc "select status from requests where id = $ro_dup")
check "its duplicate follows ($r)" test "$r" = open
r=$(PSQL -tAc "select kind || '|' || public || '|' || description from request_updates where request_id = $ro_a order by id desc limit 1")
check "the history has the reporter's reopening ($r)" \
    test "$r" = "reopen|true|The paint is back"
r=$(PSQL -tAc "select count(*) from outbox where event = 'email' and payload->>'kind' = 'reopen' and request_id = $ro_a")
check "the reporter's e-mail about the reopening is queued ($ro_mails -> $r)" \
    test "$r" -gt "${ro_mails:-0}"
get "/requests/$ro_a.json?extensions=true"
expect_json '.[0].status' 'open'
post "/requests/$ro_a/reopen.json?t=$ro_ta" -d ''
expect_error 409 json "not closed"

# XML, and the survey page's form (an HTML answer).
code=$(ro_close "$ro_b" 2)
check "the third closed ($code)" test "$code" = 200
post "/requests/$ro_b/reopen.xml?t=$ro_tb" -d ''
expect_status 200
expect_xml '/service_requests/request/status' 'open'
code=$(ro_close "$ro_b" 3)
check "closed again ($code)" test "$code" = 200
post "/requests/$ro_b/reopen?t=$ro_tb" -d 'comment='
expect_status 200
expect_header content-type "text/html; charset=utf-8"
expect_body_has 'open again'
r=$(ro_state "$ro_b")
check "reopened twice, counted twice ($r)" test "$r" = "open|reopen|true|2"
fi
