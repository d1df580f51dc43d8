# Destinations from the console (admins): a webhook added to one of my
# jurisdictions (its signing secret made by the gateway and shown once,
# never listed, not in the audit log), at once in use (a new request
# queues an event for it), removed (its undelivered events skipped);
# the command line's checks (plain http:// refused, https:// or the
# setting); refused: an agent, another jurisdiction, a service not
# offered, a bad kind, an open311 destination without its key, CSRF.

e7_run=$(date +%s%N)

# e7_account EMAIL ROLE JURISDICTION NAME: signs in to jar NAME; E7_CSRF.
e7_account() {
	console_account "$E2E_TMP/e7-$4.jar" "$1" "$2" "$3"
	E7_CSRF=$CONSOLE_CSRF
}

if [ -z "$E2E_EXTERNAL" ]; then
e7_account "e7-admin-$e7_run@example.org" admin sandiego.gov admin
e7_admin=$E7_CSRF
e7_account "e7-agent-$e7_run@example.org" agent sandiego.gov agent
e7_agent=$E7_CSRF

e7_add() {
	post /console/api/destinations -b "$E2E_TMP/e7-admin.jar" \
	    -H "x-csrf-token: $e7_admin" "$@"
}

get /console/api/destinations -b "$E2E_TMP/e7-agent.jar"
expect_error 403 json "role"
post /console/api/destinations -b "$E2E_TMP/e7-agent.jar" \
    -H "x-csrf-token: $e7_agent" \
    -d 'jurisdiction_id=sandiego.gov&kind=webhook&url=https://crm.example.org/hook'
expect_error 403 json "role"

# Refusals.
e7_add -d 'jurisdiction_id=sandiego.gov&kind=webhook&url=http://crm.example.org/hook'
expect_error 400 json "plain http:// is refused"
e7_add -d 'jurisdiction_id=sandiego.gov&kind=webhook&url=ftp://crm.example.org/hook'
expect_error 400 json "url"
e7_add -d 'jurisdiction_id=sandiego.gov&kind=email&url=https://crm.example.org/hook'
expect_error 400 json "kind"
e7_add -d 'kind=webhook&url=https://crm.example.org/hook'
expect_error 400 json "jurisdiction_id"
e7_add -d 'jurisdiction_id=chulavistaca.gov&kind=webhook&url=https://crm.example.org/hook'
expect_error 400 json "of yours"
e7_add -d 'jurisdiction_id=sandiego.gov&service_code=NOPE&kind=webhook&url=https://crm.example.org/hook'
expect_error 400 json "service"
e7_add -d 'jurisdiction_id=sandiego.gov&kind=open311&url=https://up.example.org/open311'
expect_error 400 json "api_key"
e7_add -d 'jurisdiction_id=sandiego.gov&kind=webhook&url=https://crm.example.org/hook&dead_after=soon'
expect_error 400 json "dead_after"
post /console/api/destinations -b "$E2E_TMP/e7-admin.jar" \
    -d 'jurisdiction_id=sandiego.gov&kind=webhook&url=https://crm.example.org/hook'
expect_status 403
r=$(PSQL -tAc "select count(*) from destinations where url like '%crm.example.org%'")
check "refusals added nothing ($r)" test "$r" = 0

# A webhook for San Diego's streetlights, at a host name that never
# resolves.
e7_add --data-urlencode "url=https://crm.example.invalid/hook/$e7_run" \
    -d 'jurisdiction_id=sandiego.gov&service_code=STREETLIGHT&kind=webhook&dead_after=3600'
expect_status 201
expect_jq '.secret | test("^[0-9a-f]{64}$")'
e7_id=$(printf '%s' "$BODY" | jq -r .id)
e7_secret=$(printf '%s' "$BODY" | jq -r .secret)
r=$(PSQL -tAc "select secret = '$e7_secret' and kind = 'webhook' and dead_after = interval '1 hour' and service_code = 'STREETLIGHT' from destinations where id = $e7_id")
check "stored as given, with the secret shown ($r)" test "$r" = t
get /console/api/destinations -b "$E2E_TMP/e7-admin.jar"
expect_status 200
expect_jq ".destinations | map(select(.id == \"$e7_id\")) | .[0] | .url == \"https://crm.example.invalid/hook/$e7_run\" and .active and .pending == 0"
expect_jq "[.. | strings | select(. == \"$e7_secret\")] | length == 0"
expect_jq '[.destinations[].jurisdiction_id] | all(. == "sandiego.gov")'
r=$(PSQL -tAc "select count(*) from audit_log where action = 'destination.add' and target = '$e7_id' and detail::text not like '%$e7_secret%'")
check "audited without the secret ($r)" test "$r" = 1

# In use at once: a San Diego streetlight request queues an event for it.
e7_req=$(curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
    -d 'service_code=STREETLIGHT&attribute%5BISSUE%5D=OUT&lat=32.7301&long=-117.1451' \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
r=$(PSQL -tAc "select count(*) from outbox where destination_id = $e7_id and request_id = '$e7_req' and event = 'request.created'")
check "a new request is queued for it ($e7_req: $r)" test "$r" = 1
# A worker tries it: resolving the host name (libcurl's resolver thread,
# which the sandbox must allow; the server logs are checked for worker
# deaths) fails, as .invalid never resolves, and is retried.
e7_tried() {
	test "$(PSQL -tAc "select attempts >= 1 and last_error like '%resolve%' from outbox where destination_id = $e7_id and request_id = '$e7_req'")" = t
}
check "a worker resolved its host name and lived" await e7_tried

# Removed: its events skipped, audited; once only.
post "/console/api/destinations/$e7_id/remove" -b "$E2E_TMP/e7-admin.jar" \
    -H "x-csrf-token: $e7_admin" -d ''
expect_status 200
expect_json '.removed' true
expect_jq '.skipped >= 1'
r=$(PSQL -tAc "select string_agg(distinct state, ',') from outbox where destination_id = $e7_id")
check "its undelivered events are skipped ($r)" test "$r" = skipped
get /console/api/destinations -b "$E2E_TMP/e7-admin.jar"
expect_jq ".destinations | map(select(.id == \"$e7_id\")) | .[0].active == false"
post "/console/api/destinations/$e7_id/remove" -b "$E2E_TMP/e7-admin.jar" \
    -H "x-csrf-token: $e7_admin" -d ''
expect_error 404 json "no destination"
r=$(PSQL -tAc "select count(*) from audit_log where action = 'destination.remove' and target = '$e7_id'")
check "the removal audited ($r)" test "$r" = 1

# An upstream Open311 server: its key stored, never shown.
e7_add -d 'jurisdiction_id=sandiego.gov&service_code=SIGNAL&kind=open311&url=https://up.example.org/open311&api_key=up-key-e7&upstream_jurisdiction=up.example.org'
expect_status 201
expect_jq 'has("secret") | not'
e7_up=$(printf '%s' "$BODY" | jq -r .id)
get /console/api/destinations -b "$E2E_TMP/e7-admin.jar"
expect_jq '[.. | strings | select(. == "up-key-e7")] | length == 0'
expect_jq ".destinations | map(select(.id == \"$e7_up\")) | .[0].upstream_jurisdiction == \"up.example.org\""
post "/console/api/destinations/$e7_up/remove" -b "$E2E_TMP/e7-admin.jar" \
    -H "x-csrf-token: $e7_admin" -d ''
expect_status 200
fi
