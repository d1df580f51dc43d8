# The supervisor's dashboard (GET /console/api/dashboard): backlog and
# reopen rate by agency, the oldest open request, breaches this week, of
# the supervisor's jurisdictions only; agents may not.

d8_run=$(date +%s%N)
d8_pw='correct horse battery staple'
d8_crew="D8 crew $d8_run"

# d8_account EMAIL ROLE JURISDICTIONS: signs in; D8_CSRF its token.
d8_account() {
	_tok=$("$BIN" staff add "$1" --name "D $2" --role "$2" \
	    --jurisdiction "$3" | sed -n 's/.*#token=//p')
	curl -s -o /dev/null -H 'content-type: application/json' \
	    -d "{\"token\":\"$_tok\",\"password\":\"$d8_pw\"}" \
	    "$BASE/console/api/password"
	D8_CSRF=$(curl -s -c "$E2E_TMP/d8-$2.jar" \
	    -H 'content-type: application/json' \
	    -d "{\"email\":\"$1\",\"password\":\"$d8_pw\"}" \
	    "$BASE/console/api/login" | jq -r .csrf)
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
