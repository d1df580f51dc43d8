# POST /console/api/requests/{id}/transfer: a Chula Vista sidewalk report
# that is San Diego's moves there with its duplicate: the history's
# public transfer, the request in San Diego on the API, the reporters'
# e-mails queued, Chula Vista's back office told it left and San
# Diego's given it (their outbox rows), the statistics moved, the audit
# row; the duplicate's own history entry and outbox rows, the old
# upstream's id forgotten; the Chula Vista agent loses it, a San Diego
# agent has it. Refusals:
# a duplicate, the same jurisdiction, an unknown one, a service not
# offered, no note, CSRF, out of scope.

t9_run=$(date +%s%N)

# t9_account EMAIL JURISDICTION NAME: signs in to jar NAME; T9_CSRF.
t9_account() {
	console_account "$E2E_TMP/t9-$3.jar" "$1" agent "$2"
	T9_CSRF=$CONSOLE_CSRF
}

if [ -z "$E2E_EXTERNAL" ]; then
t9_account "t9-cv-$t9_run@example.org" chulavistaca.gov cv
t9_cv=$T9_CSRF
t9_account "t9-sd-$t9_run@example.org" sandiego.gov sd
t9_sd=$T9_CSRF

# Back offices that are down: their events wait in the outbox.
t9_dest() {
	OPEN311_ALLOW_PLAIN_HTTP_DESTINATIONS=yes T9_SECRET="t9-$t9_run" \
	    "$BIN" destinations add --jurisdiction "$1" --service SIDEWALK \
	    --webhook http://127.0.0.1:9/hook --secret-env T9_SECRET |
	    sed -n 's/^destination \([0-9]*\):.*/\1/p'
}
t9_dcv=$(t9_dest chulavistaca.gov)
t9_dsd=$(t9_dest sandiego.gov)
check "destinations for both ($t9_dcv $t9_dsd)" test -n "$t9_dcv" -a -n "$t9_dsd"

t9_new() {
	curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
	    -d "jurisdiction_id=chulavistaca.gov&service_code=SIDEWALK&lat=32.6401&long=-117.0801&description=t9+$t9_run&email=$1" \
	    "$BASE/requests.json" | jq -r '.[0].service_request_id'
}
t9_r=$(t9_new "t9-a%40example.org")
t9_d=$(t9_new "t9-b%40example.org")
check "a report and its duplicate ($t9_r $t9_d)" \
    test "$(PSQL -tAc "select parent_id from requests where id = $t9_d")" = "$t9_r"
await_sql() { test "$(PSQL -tAc "$1")" = "$2"; }
t9_stats() {
	PSQL -tAc "select coalesce(sum(opened), 0) from (select opened from stats_daily where jurisdiction_id = '$1' and service_code = 'SIDEWALK' union all select opened from stats_delta where jurisdiction_id = '$1' and service_code = 'SIDEWALK') x"
}
t9_sd0=$(t9_stats sandiego.gov)
t9_cv0=$(t9_stats chulavistaca.gov)

t9_post() {
	post "/console/api/requests/$1/transfer" -b "$E2E_TMP/t9-$2.jar" \
	    -H "x-csrf-token: $3" "${@:4}"
}

# Refusals first: nothing moves.
t9_post "$t9_r" cv "$t9_cv" -d 'jurisdiction_id=sandiego.gov'
expect_error 400 json "status_notes"
t9_post "$t9_r" cv "$t9_cv" -d 'status_notes=x'
expect_error 400 json "jurisdiction_id"
t9_post "$t9_r" cv "$t9_cv" -d 'jurisdiction_id=nowhere.gov&status_notes=x'
expect_error 400 json "not a jurisdiction"
t9_post "$t9_r" cv "$t9_cv" -d 'jurisdiction_id=chulavistaca.gov&status_notes=x'
expect_error 400 json "already"
t9_post "$t9_r" cv "$t9_cv" -d 'jurisdiction_id=sandiego.gov&service_code=NOPE&status_notes=x'
expect_error 400 json "service_code"
t9_post "$t9_r" cv "$t9_cv" -d 'jurisdiction_id=sandiegocounty.gov&status_notes=x'
expect_error 400 json "service_code"
t9_post "$t9_d" cv "$t9_cv" -d 'jurisdiction_id=sandiego.gov&status_notes=x'
expect_error 409 json "duplicate"
t9_post "$t9_r" sd "$t9_sd" -d 'jurisdiction_id=sandiego.gov&status_notes=x'
expect_error 404 json "not found"
t9_post "$t9_r" cv "wrong" -d 'jurisdiction_id=sandiego.gov&status_notes=x'
expect_status 403
r=$(PSQL -tAc "select jurisdiction_id from requests where id = $t9_r")
check "refusals moved nothing ($r)" test "$r" = chulavistaca.gov

# As if Chula Vista's upstream Open311 server had given it its id.
PSQL -qc "update requests set upstream_id = 'cv-$t9_run' where id = $t9_r"
t9_ob=$(PSQL -tAc "select coalesce(max(id), 0) from outbox")
t9_post "$t9_r" cv "$t9_cv" --data-urlencode 'jurisdiction_id=sandiego.gov' \
    --data-urlencode 'status_notes=The sidewalk is on the San Diego side'
expect_status 200
expect_json '.id' "$t9_r"
t9_u=$(printf '%s' "$BODY" | jq -r .update_id)

r=$(PSQL -tAc "select string_agg(jurisdiction_id || '/' || service_code, ' ' order by id) from requests where id in ($t9_r, $t9_d)")
check "both moved, as SIDEWALK ($r)" test "$r" = "sandiego.gov/SIDEWALK sandiego.gov/SIDEWALK"
get "/requests/$t9_r.json?extensions=true"
expect_status 200
expect_json '.[0].status_notes' 'The sidewalk is on the San Diego side'
get "/servicerequestupdates.json?jurisdiction_id=sandiego.gov&start_date=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)"
expect_jq "map(select(.service_request_id == \"$t9_r\" and (.description | startswith(\"Transferred from City of Chula Vista to City of San Diego: The sidewalk\")))) | length == 1"
r=$(PSQL -tAc "select string_agg(coalesce(destination_id::text, 'mail') || ':' || event, ' ' order by id) from outbox where id > $t9_ob and request_id = $t9_r")
check "Chula Vista told it left, San Diego given it, its reporter told ($r)" \
    test "$r" = "$t9_dcv:request.updated $t9_dsd:request.created mail:email"
r=$(PSQL -tAc "select count(*) from outbox where id > $t9_ob and request_id = $t9_d and event = 'email' and payload->>'kind' = 'transfer'")
check "the duplicate's reporter told too ($r)" test "$r" = 1
t9_ag=$(PSQL -tAc "select agency from services where jurisdiction_id = 'sandiego.gov' and code = 'SIDEWALK'")
r=$(PSQL -tAc "select payload->>'jurisdiction' || ' > ' || (payload->>'agency') from outbox where id > $t9_ob and request_id = $t9_r and event = 'email'")
check "the e-mail: Chula Vista passed it to San Diego ($r)" \
    test "$r" = "City of Chula Vista > City of San Diego ($t9_ag)"
r=$(PSQL -tAc "select string_agg(coalesce(destination_id::text, 'mail') || ':' || event, ' ' order by id) from outbox where id > $t9_ob and request_id = $t9_d")
check "the duplicate's back offices told as its parent's ($r)" \
    test "$r" = "$t9_dcv:request.updated $t9_dsd:request.created mail:email"
r=$(PSQL -tAc "select count(*) from request_updates where request_id = $t9_d and kind = 'transfer' and public and staff_id is not null and description = 'Transferred from City of Chula Vista to City of San Diego with request $t9_r'")
check "the duplicate's own public transfer entry ($r)" test "$r" = 1
r=$(PSQL -tAc "select count(*) from requests where id = $t9_r and upstream_id is null")
check "the old upstream's id forgotten ($r)" test "$r" = 1
r=$(PSQL -tAc "select string_agg(request_id || ':' || (payload->'request'->>'jurisdiction_id'), ' ' order by request_id) from outbox where id > $t9_ob and destination_id = $t9_dcv")
check "the old back office learns where they went ($r)" test "$r" = "$t9_r:sandiego.gov $t9_d:sandiego.gov"
r=$(PSQL -tAc "select staff_id is not null and public from request_updates where id = $t9_u")
check "the transfer is the staff member's, public ($r)" test "$r" = t
r=$(PSQL -tAc "select detail->'before'->>'jurisdiction_id' || '>' || (detail->'after'->>'jurisdiction_id') from audit_log where action = 'request.transfer' and request_id = $t9_r")
check "audited with before and after ($r)" test "$r" = "chulavistaca.gov>sandiego.gov"
r=$(( $(t9_stats sandiego.gov) - t9_sd0 ))/$(( $(t9_stats chulavistaca.gov) - t9_cv0 ))
check "the statistics moved: San Diego +2, Chula Vista -2 ($r)" test "$r" = "2/-2"

get "/console/api/requests/$t9_r" -b "$E2E_TMP/t9-cv.jar"
expect_error 404 json "not found"
get "/console/api/requests/$t9_r" -b "$E2E_TMP/t9-sd.jar"
expect_status 200
expect_json '.jurisdiction_id' 'sandiego.gov'
expect_jq "[.duplicates[].id] == [\"$t9_d\"]"

# Moved to a private service: it gets the token its reporter reads it with.
t9_p=$(curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
    -d "jurisdiction_id=chulavistaca.gov&service_code=POTHOLE&attribute%5BSIZE%5D=L&lat=32.6371&long=-117.0751&description=t9+private+$t9_run" \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
r=$(PSQL -tAc "select count(*) from requests where id = $t9_p and token is null")
check "a Chula Vista pothole without a token ($t9_p: $r)" test "$r" = 1
t9_post "$t9_p" cv "$t9_cv" -d 'jurisdiction_id=sandiegocounty.gov&service_code=WELFARE_CHECK' \
    --data-urlencode 'status_notes=A welfare check for the County'
expect_status 200
r=$(PSQL -tAc "select count(*) from requests where id = $t9_p and jurisdiction_id = 'sandiegocounty.gov' and length(token) = 32")
check "moved to the County's private service, with a token ($r)" test "$r" = 1

for d in $t9_dcv $t9_dsd; do "$BIN" destinations remove "$d" >/dev/null; done
fi
