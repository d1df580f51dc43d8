# Bulk exports: GET /exports/requests.csv and .geojson stream the whole
# public history in id order (keyset pages of 1000), with jurisdiction,
# service and updated-time filters, local x/y in the CSV, never personal
# data or test requests. Chunked for HTTP/1.1, close-delimited for 1.0;
# a slow reader gets everything, a client that leaves does no harm.

auth=(-H "Authorization: Bearer $KEY_SUBMIT")
J=chulavistaca.gov
t0=$(date -u +%Y-%m-%dT%H:%M:%SZ)
post /requests.json "${auth[@]}" -d "jurisdiction_id=$J&service_code=STREETLIGHT&lat=32.6411&long=-117.0411&description=Light+out%2C+says+%22Bob%22&email=private.person%40example.org&phone=6195550100&first_name=Secret&last_name=Reporter"
pid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
post /requests.json "${auth[@]}" -d "jurisdiction_id=$J&service_code=STREETLIGHT&address_string=400+Third+Ave&description=%3DHYPERLINK(%22x%22)"
aid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
post /test/requests.json "${auth[@]}" -d "jurisdiction_id=$J&service_code=STREETLIGHT&lat=32.6412&long=-117.0412&description=a+test+request"
tid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
check "export requests stored" test -n "$pid" -a -n "$aid" -a -n "$tid"

cols='service_request_id,jurisdiction_id,service_code,service_name,status,detailed_status,agency_responsible,requested_datetime,updated_datetime,expected_datetime,closed_datetime,address,zipcode,lat,long,x,y,crs,parent_service_request_id,duplicate_count,channel,description,status_notes,media_url'

get "/exports/requests.csv?jurisdiction_id=$J&service_code=STREETLIGHT&updated_after=$t0"
expect_status 200
expect_header content-type 'text/csv; charset=utf-8; header=present'
expect_header transfer-encoding 'chunked'
expect_header connection 'close'
expect_header access-control-allow-origin '*'
expect_header_match content-disposition 'attachment; filename="requests.csv"'
csv=$(printf '%s' "$BODY" | python3 -c '
import csv, sys, json
rows = list(csv.reader(sys.stdin.read().splitlines(True)))
print(json.dumps(rows))')
check "CSV header lists the documented columns" \
    test "$(printf '%s' "$csv" | jq -r '.[0] | join(",")')" = "$cols"
check "CSV has the two requests" test "$(printf '%s' "$csv" | jq 'length')" = 3
check "CSV rows in id order" test "$(printf '%s' "$csv" | jq -r '[.[1:][] | .[0]] | join(",")')" = "$pid,$aid"
check "CSV lines end in CRLF" test "$(printf '%s' "$BODY" | head -1 | od -c | grep -c '\\r')" = 1
check "CSV quoting round-trips" test "$(printf '%s' "$csv" | jq -r '.[1][21]')" = 'Light out, says "Bob"'
check "CSV guards formulas" test "$(printf '%s' "$csv" | jq -r '.[2][21]')" = "'=HYPERLINK(\"x\")"
check "CSV has local x/y in EPSG:2230" test "$(printf '%s' "$csv" | jq -r '.[1] | (.[15] | tonumber > 6000000) and (.[16] | tonumber > 1700000) and .[17] == "EPSG:2230"')" = true
check "CSV leaves x/y empty without coordinates" test "$(printf '%s' "$csv" | jq -r '.[2][13:18] | join("|")')" = '||||'
check "CSV lat/long as stored" test "$(printf '%s' "$csv" | jq -r '.[1][13:15] | join(",")')" = '32.641100,-117.041100'
for secret in private.person 6195550100 Secret Reporter; do
	check "no personal data ($secret) in the CSV" test -z "$(printf '%s' "$BODY" | grep -F "$secret")"
done
check "no test request in the CSV" test -z "$(printf '%s' "$csv" | jq -r ".[] | select(.[0] == \"$tid\") | .[0]")"

get "/exports/requests.geojson?jurisdiction_id=$J&service_code=STREETLIGHT&updated_after=$t0"
expect_status 200
expect_header content-type 'application/geo+json; charset=utf-8'
expect_json '.type' 'FeatureCollection'
expect_jq "[.features[].id] == [\"$pid\",\"$aid\"]"
expect_jq '.features[0].geometry == {"type":"Point","coordinates":[-117.0411,32.6411]}'
expect_jq '.features[1].geometry == null'
expect_jq '.features[0].properties | .service_code == "STREETLIGHT" and .duplicate_count == 0 and .channel == "mobile_app" and (has("lat") | not) and (has("email") | not)'
expect_jq '.features[1].properties.description == "=HYPERLINK(\"x\")"'
check "no personal data in GeoJSON" test -z "$(printf '%s' "$BODY" | grep -F private.person)"

# Filters.
get "/exports/requests.csv?jurisdiction_id=sandiego.gov&updated_after=$t0"
check "another jurisdiction's export lacks these" test -z "$(printf '%s' "$BODY" | grep -E "^($pid|$aid),")"
get "/exports/requests.csv?service_code=POTHOLE,SIDEWALK&updated_after=$t0"
check "another service's export lacks these" test -z "$(printf '%s' "$BODY" | grep -E "^($pid|$aid),")"
get "/exports/requests.csv?updated_after=$t0"
check "an export of every jurisdiction has them" test "$(printf '%s' "$BODY" | grep -cE "^($pid|$aid),")" = 2
get "/exports/requests.csv?jurisdiction_id=$J&updated_after=2099-01-01T00:00:00Z"
check "an empty export is the header alone" test "$(printf '%s' "$BODY" | tr -d '\r')" = "$cols"
get "/exports/requests.geojson?updated_after=2099-01-01T00:00:00Z"
expect_jq '.type == "FeatureCollection" and .features == []'
get "/exports/requests.csv?jurisdiction_id=nowhere.gov"
expect_error 404 xml "nowhere.gov"
get "/exports/requests.geojson?updated_after=soon"
expect_error 400 json "updated_after"
get "/exports/requests.json"
expect_error 404 json "format"
post "/exports/requests.csv" -d x=1
expect_status 405
req HEAD "/exports/requests.csv?jurisdiction_id=$J"
expect_status 200
expect_header content-type 'text/csv; charset=utf-8; header=present'
check "HEAD has no body" test -z "$BODY"

# HTTP/1.0: no chunked encoding, the body ends with the connection.
get "/exports/requests.csv?jurisdiction_id=$J&service_code=STREETLIGHT&updated_after=$t0" --http1.0
expect_status 200
check "HTTP/1.0 gets no chunked encoding" test -z "$(header transfer-encoding)"
check "HTTP/1.0 gets the whole export" test "$(printf '%s' "$BODY" | grep -cE "^($pid|$aid),")" = 2
# And over TLS.
if [ -n "$TLS_BASE" ]; then
	n=$(curl -sk "$TLS_BASE/exports/requests.csv?jurisdiction_id=$J&service_code=STREETLIGHT&updated_after=$t0" | grep -cE "^($pid|$aid),")
	check "the export over HTTPS" test "$n" = 2
fi

if [ -z "$E2E_EXTERNAL" ]; then
	# Many pages: 3500 more requests, then every row exactly once, in
	# order, whatever the page boundaries.
	PSQL -c "INSERT INTO requests (jurisdiction_id, service_code, channel,
	    dup_key, description, location)
	    SELECT 'sandiegocounty.gov', 'STRAY_ANIMAL', 'web', 'STRAY_ANIMAL',
	        'bulk ' || g, ST_SetSRID(ST_MakePoint(-116.9 + g * 1e-5,
	        32.9), 4326)::geography
	    FROM generate_series(1, 3500) g" >/dev/null
	want=$(PSQL -At -c "SELECT count(*) FROM request_public WHERE NOT test")
	curl -s -o "$E2E_TMP/all.csv" "$BASE/exports/requests.csv"
	ids=$(python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))[1:]
ids = [int(r[0]) for r in rows]
print(len(ids), len(set(ids)), int(ids == sorted(ids)))' "$E2E_TMP/all.csv")
	check "the full export has every request once ($want: $ids)" \
	    test "$ids" = "$want $want 1"
	curl -s -o "$E2E_TMP/all.geojson" "$BASE/exports/requests.geojson?jurisdiction_id=sandiegocounty.gov&service_code=STRAY_ANIMAL"
	n=$(jq '[.features[] | select(.properties.description | startswith("bulk "))] | length' "$E2E_TMP/all.geojson")
	check "the GeoJSON export across pages ($n)" test "$n" = 3500

	# A slow reader (about 300 kB/s) still gets all of it.
	curl -s --limit-rate 300k -o "$E2E_TMP/slow.csv" "$BASE/exports/requests.csv"
	check "a slow reader gets the whole export" cmp -s "$E2E_TMP/all.csv" "$E2E_TMP/slow.csv"
	# Clients that leave early: the server carries on.
	for _ in 1 2 3; do
		curl -s "$BASE/exports/requests.csv" | head -c 2000 >/dev/null
		curl -s --max-time 0.2 --limit-rate 10k -o /dev/null "$BASE/exports/requests.geojson"
	done
	get /healthz
	expect_status 200
	curl -s -o "$E2E_TMP/again.csv" "$BASE/exports/requests.csv"
	check "exports work after clients left" cmp -s "$E2E_TMP/all.csv" "$E2E_TMP/again.csv"
fi
