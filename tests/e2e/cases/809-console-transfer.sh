# Transfer to another (partner) jurisdiction from the console
# (POST /console/api/requests/{id}/transfer): a Chula Vista request filed
# with the wrong city moves to San Diego with its duplicate; the API shows
# the new jurisdiction and the transfer note, the reporter's e-mail is
# queued, the new jurisdiction's destination gets it as a new request and
# the old one hears it left; the Chula Vista agent loses it, a San Diego
# agent has it; the statistics follow; unknown targets, services not
# offered there, CSRF and another jurisdiction's agent are refused;
# audited with before and after.

t9_run=$(date +%s%N)
t9_pw='correct horse battery staple'

# t9_account EMAIL JURISDICTION JAR: an agent, signed in; T9_CSRF its token.
t9_account() {
	_tok=$("$BIN" staff add "$1" --name "T9 agent" --role agent \
	    --jurisdiction "$2" | sed -n 's/.*#token=//p')
	curl -s -o /dev/null -H 'content-type: application/json' \
	    -d "{\"token\":\"$_tok\",\"password\":\"$t9_pw\"}" \
	    "$BASE/console/api/password"
	T9_CSRF=$(curl -s -c "$3" -H 'content-type: application/json' \
	    -d "{\"email\":\"$1\",\"password\":\"$t9_pw\"}" \
	    "$BASE/console/api/login" | jq -r .csrf)
}

app/tools/demo.sh "$BIN" all >/dev/null
await_cache catalog

t9_jar_cv=$E2E_TMP/t9-cv.jar
t9_jar_sd=$E2E_TMP/t9-sd.jar
t9_account "t9-cv-$t9_run@example.org" chulavistaca.gov "$t9_jar_cv"
t9_csrf_cv=$T9_CSRF
t9_account "t9-sd-$t9_run@example.org" sandiego.gov "$t9_jar_sd"
t9_csrf_sd=$T9_CSRF

# A destination for SIDEWALK in each city (removed at the end).
T9_SECRET="whsec-t9-$t9_run"
export T9_SECRET
t9_dest() {
	"$BIN" destinations add --jurisdiction "$1" --service SIDEWALK \
	    --webhook "https://127.0.0.1:9/t9-$1" --secret-env T9_SECRET |
	    sed -n 's/^destination \([0-9]*\):.*/\1/p'
}
t9_d_cv=$(t9_dest chulavistaca.gov)
t9_d_sd=$(t9_dest sandiego.gov)
check "destinations added ($t9_d_cv, $t9_d_sd)" test -n "$t9_d_cv" -a -n "$t9_d_sd"

# Two reports of the same broken sidewalk in Chula Vista: the second is a
# duplicate of the first.
t9_new() {
	curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
	    -d "jurisdiction_id=chulavistaca.gov&service_code=SIDEWALK&lat=32.6401&long=-117.0611&email=$1&description=Broken+slab" \
	    "$BASE/requests.json" | jq -r '.[0].service_request_id'
}
t9_req=$(t9_new "t9-a-$t9_run%40example.org")
t9_dup=$(t9_new "t9-b-$t9_run%40example.org")
check "a Chula Vista request ($t9_req) and its duplicate ($t9_dup)" test \
    "$(PSQL -tAc "select parent_id from requests where id = $t9_dup")" = "$t9_req"
t9_stats() {
	PSQL -tAc "select coalesce(sum(opened), 0) from (select opened from stats_daily where jurisdiction_id = '$1' and service_code = 'SIDEWALK' union all select opened from stats_delta where jurisdiction_id = '$1' and service_code = 'SIDEWALK') s"
}
t9_cv_before=$(t9_stats chulavistaca.gov)
t9_sd_before=$(t9_stats sandiego.gov)

t9_post() {
	post "/console/api/requests/$t9_req/transfer" "$@"
}

# Refusals: no CSRF token, the other jurisdiction's agent, fields.
t9_post -b "$t9_jar_cv" -d 'jurisdiction_id=sandiego.gov&status_notes=x'
expect_error 403 json "X-CSRF-Token"
t9_post -b "$t9_jar_sd" -H "x-csrf-token: $t9_csrf_sd" \
    -d 'jurisdiction_id=sandiego.gov&status_notes=Mine+now'
expect_error 404 json "not found"
t9_post -b "$t9_jar_cv" -H "x-csrf-token: $t9_csrf_cv" \
    -d 'jurisdiction_id=nowhere.gov&status_notes=Wrong+city'
expect_error 400 json "jurisdiction_id"
t9_county=$(PSQL -tAc "select id from jurisdictions where id <> 'sandiego.gov' and id <> 'chulavistaca.gov' and id in (select jurisdiction_id from services where code = 'VECTOR') limit 1")
t9_post -b "$t9_jar_cv" -H "x-csrf-token: $t9_csrf_cv" \
    -d "jurisdiction_id=$t9_county&status_notes=Wrong+city"
expect_error 400 json "service_code"
t9_post -b "$t9_jar_cv" -H "x-csrf-token: $t9_csrf_cv" \
    -d 'jurisdiction_id=sandiego.gov&service_code=NO_SUCH&status_notes=x'
expect_error 400 json "service_code"
t9_post -b "$t9_jar_cv" -H "x-csrf-token: $t9_csrf_cv" \
    -d 'jurisdiction_id=sandiego.gov'
expect_error 400 json "status_notes"
t9_post -b "$t9_jar_cv" -H "x-csrf-token: $t9_csrf_cv" \
    -d 'jurisdiction_id=chulavistaca.gov&status_notes=Here'
expect_error 400 json "already"
check "refused transfers change nothing" test "$(PSQL -tAc \
    "select count(*) from requests where id in ($t9_req, $t9_dup) and jurisdiction_id = 'chulavistaca.gov'")" = 2
check "nor does SQL called with another jurisdiction's agent" test "$(PSQL -tAc \
    "select outcome from console_transfer((select id from staff where email = 't9-sd-$t9_run@example.org'), $t9_req, 'sandiego.gov', NULL, 'x', NULL)")" = not_found

# The transfer.
t9_post -b "$t9_jar_cv" -H "x-csrf-token: $t9_csrf_cv" \
    --data-urlencode 'status_notes=This street is in San Diego: passed to the City of San Diego' \
    -d 'jurisdiction_id=sandiego.gov'
expect_status 200
expect_json '.id' "$t9_req"
expect_json '.jurisdiction_id' sandiego.gov
expect_json '.service_code' SIDEWALK
expect_json '.moved' 2

get "/requests/$t9_req.json?extensions=true"
expect_status 200
expect_jq '.[0].service_code == "SIDEWALK"'
expect_jq '[.[0].notes[] | select(.description | test("passed to the City of San Diego"))] | length == 1'
t9_agency=$(PSQL -tAc "select agency from services where jurisdiction_id = 'sandiego.gov' and code = 'SIDEWALK'")
expect_jq ".[0].agency_responsible == \"$t9_agency\""
check "the API names the new jurisdiction" test "$(PSQL -tAc \
    "select jurisdiction_id from request_public where id = $t9_req")" = sandiego.gov
get "/requests/$t9_req.json?jurisdiction_id=sandiego.gov"
expect_status 200
expect_jq ".[0].service_request_id == \"$t9_req\""
check "the duplicate followed" test "$(PSQL -tAc \
    "select jurisdiction_id || ' ' || parent_id from requests where id = $t9_dup")" = "sandiego.gov $t9_req"
check "a public transfer entry on each" test "$(PSQL -tAc \
    "select count(*) from request_updates where request_id in ($t9_req, $t9_dup) and kind = 'transfer' and public and staff_id is not null")" = 2
check "the reporters' e-mails are queued (kind transfer)" test "$(PSQL -tAc \
    "select count(*) from outbox where request_id in ($t9_req, $t9_dup) and event = 'email' and payload->>'kind' = 'transfer'")" = 2
check "the e-mail says Chula Vista passed it to San Diego" test "$(PSQL -tAc \
    "select count(*) from outbox where request_id = $t9_req and event = 'email' and payload->>'kind' = 'transfer' and payload->>'jurisdiction' = 'City of Chula Vista' and payload->>'agency' = 'City of San Diego ($t9_agency)' and payload->>'note' like '%passed to the City of San Diego'")" = 1
check "the new jurisdiction's destination gets them as new requests" test "$(PSQL -tAc \
    "select count(*) from outbox where request_id in ($t9_req, $t9_dup) and destination_id = $t9_d_sd and event = 'request.created' and payload->'request'->>'jurisdiction_id' = 'sandiego.gov'")" = 2
check "the old one hears they left" test "$(PSQL -tAc \
    "select count(*) from outbox where request_id in ($t9_req, $t9_dup) and destination_id = $t9_d_cv and event = 'request.updated' and payload->'update'->>'kind' = 'transfer'")" = 2
check "the statistics moved (Chula Vista -2)" test "$(t9_stats chulavistaca.gov)" -eq $((t9_cv_before - 2))
check "the statistics moved (San Diego +2)" test "$(t9_stats sandiego.gov)" -eq $((t9_sd_before + 2))

# Who sees it now.
get "/console/api/requests/$t9_req" -b "$t9_jar_cv"
expect_error 404 json "not found"
get "/console/api/requests/$t9_req" -b "$t9_jar_sd"
expect_status 200
expect_jq '[.history[] | select(.kind == "transfer")] | length == 1'
t9_post -b "$t9_jar_cv" -H "x-csrf-token: $t9_csrf_cv" \
    -d 'jurisdiction_id=chulavistaca.gov&status_notes=Back'
expect_error 404 json "not found"

# Audited with before and after.
check "the audit log has the transfer with before and after" test "$(PSQL -tAc \
    "select detail->'before'->>'jurisdiction_id' || ' ' || (detail->'after'->>'jurisdiction_id') || ' ' || target from audit_log where action = 'request.transfer' and request_id = $t9_req")" = "chulavistaca.gov sandiego.gov sandiego.gov"

"$BIN" destinations remove "$t9_d_cv" >/dev/null
"$BIN" destinations remove "$t9_d_sd" >/dev/null
