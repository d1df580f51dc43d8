# Services a city marks private in its catalog ("private": true; the
# county's WELFARE_CHECK in the demo data): their requests are in no
# public list, feed, export, map, nearby search or statistic, and
# request_public itself leaves them out; the reporter (by the token of
# the submission or of the e-mails) and back-office keys of the
# jurisdiction still read them by id.

auth=(-H "Authorization: Bearer $KEY_SUBMIT")
C=sandiegocounty.gov
ps_t0=$(date -u +%Y-%m-%dT%H:%M:%SZ)
if [ -z "$E2E_EXTERNAL" ]; then
	app/tools/demo.sh "$BIN" all >/dev/null
	check "demo data with a private service imported" test $? -eq 0
	check "every worker loaded the catalog" await_cache catalog
	KEY_COUNTY=$("$BIN" keys create --name "e2e county crm" \
	    --scopes backoffice --jurisdiction "$C" | tail -1)
	check "every worker knows the county's key" await_cache keys
fi
county=(-H "Authorization: Bearer ${KEY_COUNTY:-}")

# A public report, then a private one at the same place.
post /requests.json "${auth[@]}" -d "jurisdiction_id=$C&service_code=STRAY_ANIMAL&lat=33.1501&long=-116.8501&description=Loose+dog"
ps_pub=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
post /requests.json "${auth[@]}" -d "jurisdiction_id=$C&service_code=WELFARE_CHECK&lat=33.1502&long=-116.8502&description=My+neighbour+Ann+has+not+eaten+for+days&email=worried%40example.org"
expect_status 200
ps_id=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
ps_tok=$(printf '%s' "$BODY" | jq -r '.[0].token')
check "both requests stored" test -n "$ps_pub" -a -n "$ps_id" -a "$ps_id" != null

# By id: not for the public, for its reporter and its back office.
get "/requests/$ps_id.json"
expect_error 404 json "not found"
get "/requests/$ps_id.xml"
expect_error 404 xml "not found"
get "/requests/$ps_id.json?t=0123456789abcdef0123456789abcdef"
expect_error 404 json "not found"
get "/requests/$ps_id.json?t=$ps_tok"
expect_status 200
expect_json '.[0].service_request_id' "$ps_id"
expect_json '.[0].description' 'My neighbour Ann has not eaten for days'
get "/requests/$ps_id.json" -H "Authorization: Bearer $KEY_OFFICE"
expect_error 404 json "not found"
get "/requests/$ps_id.json" -H "Authorization: Bearer $KEY_ADMIN"
expect_json '.[0].service_request_id' "$ps_id"
get "/requests/$ps_pub.json"
expect_json '.[0].service_request_id' "$ps_pub"

# Lists, nearby, box, the change feed and service_request_id.
get "/requests.json?jurisdiction_id=$C&start_date=$ps_t0"
expect_jq "[.[].service_request_id] | index(\"$ps_id\") == null and index(\"$ps_pub\") != null"
# The newest public request fills a page of one: the private one is left
# out before the page is cut, not after.
get "/requests.json?jurisdiction_id=$C&start_date=$ps_t0&page_size=1"
expect_jq "[.[].service_request_id] == [\"$ps_pub\"]"
get "/requests.json?jurisdiction_id=$C&service_code=WELFARE_CHECK"
expect_jq 'length == 0'
get "/requests.xml?jurisdiction_id=$C&service_code=WELFARE_CHECK,STRAY_ANIMAL&start_date=$ps_t0"
expect_xml_count "/service_requests/request[service_request_id='$ps_id']" 0
expect_xml_count "/service_requests/request[service_request_id='$ps_pub']" 1
get "/requests.json?jurisdiction_id=$C&lat=33.1502&long=-116.8502&radius=50&page_size=1"
expect_jq "[.[].service_request_id] == [\"$ps_pub\"]"
get "/requests.json?jurisdiction_id=$C&bbox=33.15,-116.851,33.151,-116.85&page_size=1"
expect_jq "[.[].service_request_id] == [\"$ps_pub\"]"
get "/requests.json?jurisdiction_id=$C&updated_after=$ps_t0"
expect_jq "[.[].service_request_id] | index(\"$ps_id\") == null"
get "/requests.json?jurisdiction_id=$C&service_request_id=$ps_id,$ps_pub"
expect_jq "[.[].service_request_id] == [\"$ps_pub\"]"
get "/requests.json?jurisdiction_id=$C&service_request_id=$ps_id,$ps_pub" "${county[@]}"
expect_jq "[.[].service_request_id] == [\"$ps_id\",\"$ps_pub\"]"
expect_json '.[0].contact.email' 'worried@example.org'

# The back office's update is in no public updates feed.
post /servicerequestupdates.json "${county[@]}" -d "service_request_id=$ps_id&update_id=ps-$RANDOM$RANDOM&status=IN_PROGRESS&description=Visit+booked&updated_datetime=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
expect_status 200
get "/servicerequestupdates.json?jurisdiction_id=$C&start_date=$ps_t0"
expect_status 200
expect_jq "[.[].service_request_id] | index(\"$ps_id\") == null"
get "/requests/$ps_id.json?t=$ps_tok"
expect_json '.[0].status_notes' 'Visit booked'

# Exports (CSV and the GeoJSON map layer).
get "/exports/requests.csv?jurisdiction_id=$C&updated_after=$ps_t0"
expect_status 200
check "the CSV export has the public request" grep -q "^$ps_pub," "$E2E_TMP/body"
check "the CSV export leaves the private one out" test "$(grep -c "^$ps_id," "$E2E_TMP/body")" = 0
get "/exports/requests.geojson?jurisdiction_id=$C&service_code=WELFARE_CHECK"
expect_jq '.features | length == 0'

if [ -z "$E2E_EXTERNAL" ]; then
	# The reporter's e-mail link carries the token that opens it.
	ps_ctok=$(PSQL -XAt -c "SELECT token FROM request_contacts WHERE request_id = $ps_id")
	get "/requests/$ps_id.json?t=$ps_ctok"
	expect_json '.[0].service_request_id' "$ps_id"

	# Enforced by the database's view, not only by the gateway.
	check "request_public leaves private services out" test "$(PSQL -XAt -c "SELECT count(*) FROM request_public WHERE id IN ($ps_id, $ps_pub)")" = 1

	# Statistics: counted nowhere, not even in the totals.
	PSQL -c "SELECT stats_fold()" >/dev/null
	ps_day=$(date -u +%Y-%m-%d)
	get "/stats.json?jurisdiction_id=$C&start_date=${ps_day}T00:00:00Z&end_date=${ps_day}T23:59:59Z"
	expect_status 200
	expect_jq '[.by_service[].service_code] | index("WELFARE_CHECK") == null'
	ps_want=$(PSQL -XAt -c "SELECT count(*) FROM request_public WHERE jurisdiction_id = '$C' AND NOT test AND requested_at >= '$ps_day' AND requested_at < date '$ps_day' + 1")
	expect_json '.total.opened' "$ps_want"
fi

# A private report's photo: served by its random URL, but no shared cache
# may keep it (a public one's is immutable: 120).
mkdir -p "$E2E_TMP/photos"
/usr/bin/python3 tests/e2e/tools/photos.py make "$E2E_TMP/photos"
post /requests.json "${auth[@]}" -F "jurisdiction_id=$C" \
    -F service_code=WELFARE_CHECK -F lat=33.1503 -F long=-116.8503 \
    -F "media=@$E2E_TMP/photos/plain.png;type=image/png"
expect_status 200
ps_mid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
ps_mtok=$(printf '%s' "$BODY" | jq -r '.[0].token')
get "/requests/$ps_mid.json?t=$ps_mtok"
expect_status 200
ps_murl=$(printf '%s' "$BODY" | jq -r '.[0].media_url')
check "the private report has its photo ($ps_murl)" \
    test -n "$(printf '%s' "$ps_murl" | grep -E '/media/[0-9a-f]{32}$')"
get "/${ps_murl#*://*/}"
expect_status 200
expect_header cache-control 'private, no-store'
