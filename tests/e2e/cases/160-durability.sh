# Durability under load: 1000 submissions from 64 concurrent clients
# (tests/e2e/tools/burst.py; POTHOLE with attributes and NOISE, JSON and
# XML, keep-alive and new connections), each with a unique description.
# Every one must be answered 200 with an id (a 503 would be tolerated as
# load shedding but is reported; any other 5xx or a dropped connection
# fails), and every id answered must then be readable through
# GET /requests.json?service_request_id=... with its description, and be
# exactly one row of the requests table.

DUR_N=${DUR_N:-1000}
DUR_THREADS=${DUR_THREADS:-64}
DUR_TAG=$$-$(date +%s)
DUR_OUT=$E2E_TMP/burst.jsonl

t0=$(date +%s%N)
python3 tests/e2e/tools/burst.py "$BASE" "$KEY_SUBMIT" "$DUR_N" \
    "$DUR_THREADS" "$DUR_TAG" > "$DUR_OUT" 2> "$E2E_TMP/burst.err"
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
LAST_REQ="burst.py: $DUR_N POST /requests from $DUR_THREADS clients"
STATUS=-
BODY=$(head -c 400 "$E2E_TMP/burst.err")
check "burst.py ran (exit $rc)" test $rc = 0
check "one result per submission" test "$(wc -l < "$DUR_OUT")" = "$DUR_N"
# A time, reported only: speed is for make bench, not for tests.
echo "# $CASE: $DUR_N submissions from $DUR_THREADS clients in $ms ms"

# The answers: all 200; a 503 is reported, any other 5xx or a dropped
# connection fails.
n200=$(jq -s '[.[] | select(.status == 200)] | length' "$DUR_OUT")
BODY=$(jq -r 'select(.status != 200) |
    "#\(.i) \(.service).\(.format): \(.status) \(.error)"' "$DUR_OUT" |
    head -5)
check "all $DUR_N submissions answered 200 ($n200)" test "$n200" = "$DUR_N"
nbad=$(jq -s '[.[] | select(.status != 200 and (.status < 400 or
    (.status >= 500 and .status != 503)))] | length' "$DUR_OUT")
check "no 5xx but 503, no dropped connection ($nbad)" test "$nbad" = 0
n503=$(jq -s '[.[] | select(.status == 503)] | length' "$DUR_OUT")
if [ "$n503" -gt 0 ]; then
	echo "# $CASE: $n503 of $DUR_N submissions were shed with 503"
fi
check "every 200 carries a numeric id, all different" jq -se \
    '[.[] | select(.status == 200) | .id] | length == (unique | length)
    and all(type == "string" and test("^[0-9]+$"))' "$DUR_OUT"

# Every id answered is readable, with its description and service.
jq -c 'select(.status == 200) | {id, description, service}' "$DUR_OUT" |
    jq -s 'map({key: .id, value: {description, service}}) | from_entries' \
    > "$E2E_TMP/burst-expected.json"
mapfile -t ids < <(jq -r 'select(.status == 200) | .id' "$DUR_OUT")
: > "$E2E_TMP/burst-got.json"
# Batches of at most 1000 ids, and short enough for Kore's 2000-byte
# request line (HTTP_URI_LEN).
k=0
while [ $k -lt ${#ids[@]} ]; do
	list=${ids[k]}
	n=1
	while [ $((k + n)) -lt ${#ids[@]} ] && [ $n -lt 1000 ] &&
	    [ $((${#list} + ${#ids[k + n]})) -lt 1800 ]; do
		list+=,${ids[k + n]}
		n=$((n + 1))
	done
	get "/requests.json?service_request_id=$list"
	LAST_REQ="GET /requests.json?service_request_id=($n ids from ${ids[k]})"
	expect_status 200
	expect_jq "type == \"array\" and length == $n"
	printf '%s\n' "$BODY" >> "$E2E_TMP/burst-got.json"
	k=$((k + n))
done
LAST_REQ="GET /requests.json?service_request_id=... (all batches)"
BODY=$(jq -s --slurpfile want "$E2E_TMP/burst-expected.json" '
    (add // []) | map({key: .service_request_id, value:
    {description, service: .service_code}}) | from_entries |
    to_entries - ($want[0] | to_entries) | .[:3]' "$E2E_TMP/burst-got.json" 2>&1)
check "every id read back with its own description and service" \
    jq -se --slurpfile want "$E2E_TMP/burst-expected.json" '
    (add // []) | map({key: .service_request_id, value:
    {description, service: .service_code}}) | from_entries == $want[0]' \
    "$E2E_TMP/burst-got.json"

# The XML list of a batch has as many requests and the same text.
if [ ${#ids[@]} -gt 0 ]; then
	batch=("${ids[@]:0:100}")
	list=$(IFS=,; printf '%s' "${batch[*]}")
	get "/requests.xml?service_request_id=$list"
	expect_status 200
	expect_xml_count '/service_requests/request' "${#batch[@]}"
	want=$(jq -r --arg id "${ids[0]}" '.[$id].description' \
	    "$E2E_TMP/burst-expected.json")
	expect_xml "/service_requests/request[service_request_id='${ids[0]}']/description" "$want"

	# The list takes up to 1000 ids (IDS_MAX in requests_get.c): one
	# request with 1000 of them.
	batch=("${ids[@]:0:1000}")
	list=$(IFS=,; printf '%s' "${batch[*]}")
	get "/requests.json?service_request_id=$list"
	LAST_REQ="GET /requests.json?service_request_id=(${#batch[@]} ids, ${#list} bytes)"
	expect_status 200
	[ "$STATUS" = 200 ] &&
	    expect_jq "type == \"array\" and length == ${#batch[@]}"
fi

# The database holds exactly those rows: one per answered id, with the
# description sent, the attributes and location of its service.
if [ -z "$E2E_EXTERNAL" ]; then
	like="durability $DUR_TAG #%"
	LAST_REQ="psql: requests WHERE description LIKE '$like'"
	STATUS=-
	jq -r 'select(.status == 200) | "\(.id)\t\(.description)"' "$DUR_OUT" |
	    LC_ALL=C sort > "$E2E_TMP/burst-want.tsv"
	PSQL -At -F "$(printf '\t')" -c "SELECT id, description FROM requests
	    WHERE description LIKE '$like'" | LC_ALL=C sort \
	    > "$E2E_TMP/burst-db.tsv"
	BODY=$(diff "$E2E_TMP/burst-want.tsv" "$E2E_TMP/burst-db.tsv" | head -5)
	check "the requests table has exactly the ids answered, with their descriptions" \
	    cmp -s "$E2E_TMP/burst-want.tsv" "$E2E_TMP/burst-db.tsv"
	BODY=$(PSQL -At -c "SELECT count(*) FILTER (WHERE service_code = 'POTHOLE'
	    AND location IS NOT NULL AND jsonb_typeof(attributes->'DEPTH') = 'number'
	    AND attributes->>'SIZE' IN ('S', 'M', 'L')
	    AND jsonb_array_length(attributes->'LANES') = 2) || '/' ||
	    count(*) FILTER (WHERE service_code = 'NOISE' AND address IS NOT NULL
	    AND attributes ? 'SOURCE' AND attributes->>'STARTED' LIKE '2026-11-20T%Z')
	    || '/' || count(*) FILTER (WHERE channel = 'mobile_app' AND status = 'open')
	    FROM requests WHERE description LIKE '$like'")
	npot=$(jq -s '[.[] | select(.status == 200 and .service == "POTHOLE")] |
	    length' "$DUR_OUT")
	check "each row has its service's attributes, location and channel ($BODY)" \
	    test "$BODY" = "$npot/$((n200 - npot))/$n200"
fi

# And the server is still healthy.
get /healthz
expect_status 200
get /readyz
expect_status 200
