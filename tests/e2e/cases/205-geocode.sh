# The address gazetteer: `open311d addresses import` (CSV and GeoJSON,
# every bad line named by its number and nothing changed, points outside
# every boundary named and left out, replace and --add, `addresses
# count`) and GET /web/geocode.json (a typo still finds the address, the
# closest first, at most eight, q of 3 to 200 characters or a 400 Open311
# JSON error, no match an empty list, cached publicly). Points are in San
# Diego, so the case runs before 500-jurisdictions as well as after it.
# The demo gazetteer is restored at the end. Against a running gateway
# (--url) only the checks of q run.

geocode() {
	get /web/geocode.json --get --data-urlencode "q=$1"
}

if [ -z "$E2E_EXTERNAL" ]; then
	cat > "$E2E_TMP/addr.csv" <<'CSV'
label,lat,long,zip
"1010 Second Avenue, San Diego",32.715,-117.16,92101
"1012 Second Avenue, San Diego",32.7152,-117.1601,92101
"4500 Mission Gorge Road, San Diego",32.80,-117.08,92120
"2 Second Street, San Diego",32.75,-117.20,92110
"1 Nowhere Lane, Null Island",0,0,

CSV
	out=$("$BIN" addresses import "$E2E_TMP/addr.csv" 2>&1)
	check "import succeeds: $out" test $? -eq 0
	case "$out" in
	*"addr.csv:6: outside every jurisdiction's boundary"*"imported 4 addresses"*"1 outside"*) pass ;;
	*) fail "the point outside every boundary is not named by its line: $out" ;;
	esac
	out=$("$BIN" addresses count 2>&1)
	case "$out" in
	*"sandiego.gov "*" 4"*"4 addresses"*) pass ;;
	*) fail "count: $out" ;;
	esac

	# A bad file: each bad line named, nothing changed.
	cat > "$E2E_TMP/bad.csv" <<'CSV'
label,lat,long
"9 Fine Street, San Diego",32.72,-117.15
"8 Far North Street",95,-117.15
"7 Good Street",32.72,-117.15
"6 Open Quote Street,32.72,-117.15
,32.72,-117.15
CSV
	out=$("$BIN" addresses import "$E2E_TMP/bad.csv" 2>&1)
	check "a bad file exits non-zero" test $? -ne 0
	case "$out" in
	*"bad.csv:3: lat '95'"*"bad.csv:5: "*"past the end of the line"*"bad.csv:6: the label is empty"*"3 lines refused"*) pass ;;
	*) fail "bad lines not named by number: $out" ;;
	esac
	printf 'name,lat,long\nx,1,2\n' > "$E2E_TMP/nohead.csv"
	out=$("$BIN" addresses import "$E2E_TMP/nohead.csv" 2>&1)
	check "a file without the label column exits non-zero" test $? -ne 0
	case "$out" in
	*"nohead.csv:1: the header must name"*) pass ;;
	*) fail "header error: $out" ;;
	esac
	out=$("$BIN" addresses count 2>&1)
	case "$out" in
	*"4 addresses"*) pass ;;
	*) fail "a refused file changed the gazetteer: $out" ;;
	esac

	# GeoJSON, added to what is there.
	cat > "$E2E_TMP/addr.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-117.15, 32.74]},
  "properties": {"address": "3700 Park Boulevard, San Diego"}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-117.16, 32.7151]},
  "properties": {"label": "1010 Second Avenue, San Diego"}}
]}
JSON
	out=$("$BIN" addresses import "$E2E_TMP/addr.geojson" --add 2>&1)
	check "GeoJSON --add succeeds: $out" test $? -eq 0
	out=$("$BIN" addresses count 2>&1)
	case "$out" in
	*"5 addresses"*) pass ;;
	*) fail "--add did not add one and move one: $out" ;;
	esac
	printf '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{"label":"x"}}]}' > "$E2E_TMP/line.geojson"
	out=$("$BIN" addresses import "$E2E_TMP/line.geojson" 2>&1)
	check "a LineString feature exits non-zero" test $? -ne 0
	case "$out" in
	*"line.geojson:1: features[0]: the geometry must be a Point"*) pass ;;
	*) fail "GeoJSON error: $out" ;;
	esac

	# Search: a typo, the closest first, what each result carries.
	geocode "1010 secnod avenue"
	expect_status 200
	expect_header content-type "application/json; charset=utf-8"
	expect_header cache-control "public, max-age=300"
	expect_json '.[0].label' '1010 Second Avenue, San Diego'
	expect_jq '.[0] | .lat == 32.7151 and .long == -117.16 and .jurisdiction_id == "sandiego.gov"'
	expect_jq 'length <= 8 and all(.[]; (keys | sort) == ["jurisdiction_id","label","lat","long"])'
	# Ranking: the number typed chooses between two on the same street.
	geocode "1012 second ave"
	expect_json '.[0].label' '1012 Second Avenue, San Diego'
	expect_json '.[1].label' '1010 Second Avenue, San Diego'
	# A word's beginning, spelled out or abbreviated alike.
	geocode "Mission Gorge Rd"
	expect_json '.[0].label' '4500 Mission Gorge Road, San Diego'
	geocode "park blvd"
	expect_json '.[0].label' '3700 Park Boulevard, San Diego'
	# No match: an empty list.
	geocode "zzzqqqxxx"
	expect_status 200
	expect_json '. | tostring' '[]'
	# Replace (no --add): the demo gazetteer again for the cases after.
	out=$("$BIN" addresses import assets/demo/addresses.csv 2>&1)
	check "the demo gazetteer is restored: $out" test $? -eq 0
	geocode "1010 Second"
	expect_json '.[0].label' '1010 Second Avenue, San Diego, CA 92101'
	geocode "4500 Mission Gorge Road"
	expect_jq 'all(.[]; .label != "4500 Mission Gorge Road, San Diego")'
	# Ninety addresses say San Diego: eight are answered.
	geocode "san diego"
	expect_jq 'length == 8 and all(.[]; .label | test("San Diego"))'
fi

# What q may be (any gateway, --url too).
# q: required, 3 to 200 characters, some of them letters or digits.
get /web/geocode.json
expect_error 400 json "q"
geocode "ab"
expect_error 400 json "3 to 200"
geocode "$(printf 'a%.0s' $(seq 1 201))"
expect_error 400 json "3 to 200"
geocode "-- ,,"
expect_error 400 json "letters or digits"
geocode "$(printf 'x\001y')"
expect_error 400 json "control"
