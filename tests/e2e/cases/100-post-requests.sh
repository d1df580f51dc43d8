# POST /requests: realtime, batch and the answer shapes in both formats;
# API key rules; service, location and attribute rules; SLA, agency,
# channel and idempotent retries.

pothole='service_code=POTHOLE&lat=32.7157&long=-117.1611&attribute%5BDEPTH%5D=12&attribute%5BSIZE%5D=M'

# Realtime: id, notice, account_id; JSON is an array of one.
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    -d "$pothole&description=Deep+hole&account_id=acct-42&attribute%5BLANES%5D%5B%5D=N&attribute%5BLANES%5D%5B%5D=S"
expect_status 200
expect_header content-type "application/json; charset=utf-8"
expect_jq 'type == "array" and length == 1'
expect_jq '.[0].service_request_id | type == "string" and test("^[0-9]+$")'
expect_jq '.[0] | has("token") | not'
expect_json '.[0].service_notice' 'Potholes are usually repaired within 3 business days.'
expect_json '.[0].account_id' 'acct-42'
rid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')

# What was stored: agency, SLA, channel from the key, attributes.
get "/requests/$rid.json"
expect_json '.[0].agency_responsible' 'Transportation Department'
expect_json '.[0].status' 'open'
req_at=$(printf '%s' "$BODY" | jq -r '.[0].requested_datetime')
exp_at=$(printf '%s' "$BODY" | jq -r '.[0].expected_datetime')
check "expected_datetime is requested + 72 h SLA" test \
    "$(( $(date -d "$exp_at" +%s) - $(date -d "$req_at" +%s) ))" = 259200
if [ -z "$E2E_EXTERNAL" ]; then
	row=$(PSQL -tAc "select channel, attributes::text from requests where id = $rid")
	check "channel recorded from the key ($row)" test "${row%%|*}" = mobile_app
	check "attributes stored typed ($row)" test "${row#*|}" = \
	    '{"SIZE": "M", "DEPTH": 12, "LANES": ["N", "S"]}'
fi

# XML answer; the key as a body parameter; keys sent percent-encoded.
post /requests.xml -d "api_key=$KEY_SUBMIT&$pothole"
expect_status 200
expect_header content-type "text/xml; charset=utf-8"
expect_xml_count '/service_requests/request' 1
expect_xml_count '/service_requests/request/service_request_id' 1
expect_xml_count '/service_requests/request/token' 0
expect_xml_count '/service_requests/request/account_id' 1

# Unencoded brackets and repeated keys for a multivaluelist.
post /requests.json -d "api_key=$KEY_SUBMIT&service_code=POTHOLE&address_string=5th+Ave+%26+Broadway&attribute[DEPTH]=3.5&attribute[SIZE]=S&attribute[LANES]=E&attribute[LANES]=W"
expect_status 200

# Batch: a token, never an id.
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    -d 'service_code=GRAFFITI&address_string=123+Main+St&attribute%5BSURFACE%5D=WALL'
expect_status 200
expect_jq '.[0] | has("service_request_id") | not'
expect_jq '.[0].token | test("^[0-9a-f]{32}$")'
post /requests.xml -H "Authorization: Bearer $KEY_SUBMIT" \
    -d 'service_code=GRAFFITI&address_id=APN-123&attribute%5BSURFACE%5D=BOX'
expect_xml_count '/service_requests/request/token' 1
expect_xml_count '/service_requests/request/service_request_id' 0

# API keys: missing, unknown, and a key without the submit scope.
post /requests.json -d "$pothole"
expect_error 403 json "api_key"
post /requests.xml -d "$pothole"
expect_error 403 xml "api_key"
post /requests.json -d "api_key=o311_nope&$pothole"
expect_error 403 json "Invalid api_key"
post /requests.json -H "Authorization: Bearer o311_nope" -d "$pothole"
expect_error 403 json "Invalid api_key"
post /requests.json -H "Authorization: Bearer $KEY_ADMIN" -d "$pothole"
expect_error 403 json "may not submit"

# Services and locations.
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'lat=32.7&long=-117.1'
expect_error 400 json "service_code"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=NOPE&lat=32.7&long=-117.1'
expect_error 404 json "NOPE"
post /requests.xml -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=NOPE&lat=32.7&long=-117.1'
expect_error 404 xml "service_code"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=NOISE&attribute%5BSOURCE%5D=PARTY'
expect_error 400 json "location"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=NOISE&lat=32.7&attribute%5BSOURCE%5D=PARTY'
expect_error 400 json "together"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=NOISE&lat=91&long=0&attribute%5BSOURCE%5D=PARTY'
expect_error 400 json "lat"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=NOISE&lat=0&long=-180.5&attribute%5BSOURCE%5D=PARTY'
expect_error 400 json "long"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=NOISE&address_id=APN-1&attribute%5BSOURCE%5D=PARTY'
expect_status 200
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=NOISE&lat=32.7&long=-117.1&attribute%5BSOURCE%5D=PARTY&jurisdiction_id=elsewhere'
expect_error 404 json "elsewhere"

# Attributes against the definition.
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=POTHOLE&lat=32.7&long=-117.1&attribute%5BSIZE%5D=M'
expect_error 400 json "DEPTH required: send attribute[DEPTH] (About how deep is the hole?)"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=POTHOLE&lat=32.7&long=-117.1&attribute%5BDEPTH%5D=deep&attribute%5BSIZE%5D=M'
expect_error 400 json "attribute[DEPTH] must be a number"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=POTHOLE&lat=32.7&long=-117.1&attribute%5BDEPTH%5D=3&attribute%5BSIZE%5D=XL'
expect_error 400 json "attribute[SIZE]"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=POTHOLE&lat=32.7&long=-117.1&attribute%5BDEPTH%5D=3&attribute%5BSIZE%5D=S&attribute%5BLANES%5D%5B%5D=UP'
expect_error 400 json "attribute[LANES]"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=POTHOLE&lat=32.7&long=-117.1&attribute%5BDEPTH%5D=3&attribute%5BSIZE%5D=S&attribute%5BSIZE%5D=M'
expect_error 400 json "attribute[SIZE] takes one value"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=TRASH_MISSED&lat=32.7&long=-117.1&attribute%5BBIN%5D=TRASH&attribute%5BPICKUP_DATE%5D=yesterday'
expect_error 400 json "attribute[PICKUP_DATE]"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=TRASH_MISSED&lat=32.7&long=-117.1&attribute%5BBIN%5D=TRASH&attribute%5BPICKUP_DATE%5D=2026-11-23'
expect_status 200
# An empty value for an optional list attribute is "none" (FMS sends it).
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=GRAFFITI&lat=32.7&long=-117.1&attribute%5BSURFACE%5D=SIGN&attribute%5BOFFENSIVE%5D='
expect_status 200
# Codes the definition does not know are kept (FMS sends attribute[uprn]).
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d 'service_code=NOISE&lat=32.7&long=-117.1&attribute%5BSOURCE%5D=PARTY&attribute%5Buprn%5D=1234&deviceid=abc'
expect_status 200

# description: 4000 characters (not bytes) accepted, 4001 refused.
long=$(python3 -c 'print("é" * 4000, end="")')
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    --data-urlencode "description=$long" -d 'service_code=NOISE&lat=32.7&long=-117.1&attribute%5BSOURCE%5D=PARTY'
expect_status 200
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    --data-urlencode "description=${long}x" -d 'service_code=NOISE&lat=32.7&long=-117.1&attribute%5BSOURCE%5D=PARTY'
expect_error 400 json "description is longer than 4000"

# Idempotent retries: the same answer, one request created.
idem="retry-$(date +%s%N)"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -H "Idempotency-Key: $idem" -d "$pothole"
expect_status 200
first=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
post /requests.xml -H "Authorization: Bearer $KEY_SUBMIT" -H "Idempotency-Key: $idem" -d "$pothole"
expect_status 200
expect_xml '/service_requests/request/service_request_id' "$first"
expect_header idempotent-replayed true
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d "$pothole&client_request_id=$idem"
expect_json '.[0].service_request_id' "$first"
# Another key's identical Idempotency-Key is a different request.
post /requests.json -H "Authorization: Bearer $KEY_WEB" -H "Idempotency-Key: $idem" -d "$pothole"
expect_jq ".[0].service_request_id != \"$first\""
if [ -z "$E2E_EXTERNAL" ]; then
	n=$(PSQL -tAc "select count(*) from idempotency_keys where key = '$idem'")
	check "one idempotency row per key ($n)" test "$n" = 2
fi

# Concurrent retries with one key create one request.
idem="race-$(date +%s%N)"
pids=
for i in 1 2 3 4 5 6 7 8; do
	curl -s -o "$E2E_TMP/race.$i" -H "Authorization: Bearer $KEY_SUBMIT" \
	    -H "Idempotency-Key: $idem" -d "$pothole" "$BASE/requests.json" &
	pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids
ids=$(cat "$E2E_TMP"/race.* | jq -r '.[0].service_request_id' | sort -u | wc -l)
check "8 concurrent retries share one id" test "$ids" = 1

# The test endpoint keeps its requests apart from production.
post /test/requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d "$pothole&description=sandbox"
expect_status 200
tid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
get "/test/requests/$tid.json"
expect_json '.[0].description' 'sandbox'
get "/requests/$tid.json"
expect_error 404 json "$tid"
