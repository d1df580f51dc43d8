# The supervisor's dashboard (GET /console/api/dashboard): backlog and
# reopen rate by agency, the oldest open request, breaches this week, of
# the supervisor's jurisdictions only; agents may not.

d8_run=$(date +%s%N)
d8_crew="D8 crew $d8_run"

# d8_account EMAIL ROLE JURISDICTIONS: signs in; D8_CSRF its token.
d8_account() {
	console_account "$E2E_TMP/d8-$2.jar" "$@"
	D8_CSRF=$CONSOLE_CSRF
}

app/tools/demo.sh "$BIN" all >/dev/null
await_cache catalog
d8_account "d8-sup-$d8_run@example.org" supervisor chulavistaca.gov
d8_csrf=$D8_CSRF
d8_account "d8-agent-$d8_run@example.org" agent chulavistaca.gov

get /console/api/dashboard -b "$E2E_TMP/d8-agent.jar"
expect_error 403 json "role"

d8_req=$(curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
    -d "jurisdiction_id=chulavistaca.gov&service_code=POTHOLE&attribute%5BSIZE%5D=L&lat=32.6331&long=-117.0681" \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
check "a Chula Vista request ($d8_req)" test -n "$(printf '%s' "$d8_req" | grep -E '^[0-9]+$')"
d8_upd() {
	post "/console/api/requests/$d8_req/update" -b "$E2E_TMP/d8-supervisor.jar" \
	    -H "x-csrf-token: $d8_csrf" "$@"
	expect_status 200
}
d8_upd --data-urlencode "agency_responsible=$d8_crew"

get /console/api/dashboard -b "$E2E_TMP/d8-supervisor.jar"
expect_status 200
expect_jq ".backlog_by_agency[\"$d8_crew\"] == 1"
expect_jq '.oldest_open.id | test("^[0-9]+$")'
expect_jq '.breaches_this_week | type == "number"'
expect_jq '[.backlog_by_agency | keys[] | select(test("Environmental Services|Transportation"))] | length == 0'

d8_upd -d 'status=FIXED&description=Filled'
get /console/api/dashboard -b "$E2E_TMP/d8-supervisor.jar"
expect_jq ".backlog_by_agency[\"$d8_crew\"] == null"
expect_jq ".reopen_rate_by_agency[\"$d8_crew\"] == 0"
d8_upd -d 'status=REOPEN&description=Sank+again'
get /console/api/dashboard -b "$E2E_TMP/d8-supervisor.jar"
expect_jq ".backlog_by_agency[\"$d8_crew\"] == 1"
expect_jq ".reopen_rate_by_agency[\"$d8_crew\"] == 1"

# The statistics of my jurisdictions (GET /console/api/stats): Chula
# Vista's only, with its reopened request; San Diego's count nothing.
get /console/api/stats -b "$E2E_TMP/d8-agent.jar"
expect_error 403 json "role"
get /console/api/stats -b "$E2E_TMP/d8-supervisor.jar"
expect_status 200
expect_header cache-control no-store
expect_jq '[.by_jurisdiction[].jurisdiction_id] == ["chulavistaca.gov"]'
expect_jq ".by_agency | map(select(.agency_responsible == \"$d8_crew\")) | .[0].reopened_share == 1"
expect_jq '.by_day | length >= 1'
get "/console/api/stats?jurisdiction_id=sandiego.gov" -b "$E2E_TMP/d8-supervisor.jar"
expect_jq '.total.opened == 0 and (.by_service | length == 0)'
get "/console/api/stats?start_date=2026-01-02&end_date=2026-01-01" -b "$E2E_TMP/d8-supervisor.jar"
expect_error 400 json "start_date"

# A private service counts on the county's dashboard, not in public
# (the Chula Vista supervisor's figures were above; the jar is the
# county supervisor's from here).
d8_county=$(curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
    -d "jurisdiction_id=sandiegocounty.gov&service_code=WELFARE_CHECK&lat=33.1602&long=-116.8602&description=d8+$d8_run" \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
check "a private county request ($d8_county)" test -n "$(printf '%s' "$d8_county" | grep -E '^[0-9]+$')"
d8_pub=$(curl -s "$BASE/stats.json?jurisdiction_id=sandiegocounty.gov" | jq '[.by_service[] | select(.service_code == "WELFARE_CHECK")] | length')
check "no WELFARE_CHECK in the public figures ($d8_pub)" test "$d8_pub" = 0
d8_account "d8-county-$d8_run@example.org" supervisor sandiegocounty.gov
get /console/api/stats -b "$E2E_TMP/d8-supervisor.jar"
expect_jq '[.by_service[] | select(.service_code == "WELFARE_CHECK") | .opened] | .[0] >= 1'
expect_jq '[.by_jurisdiction[].jurisdiction_id] == ["sandiegocounty.gov"]'
