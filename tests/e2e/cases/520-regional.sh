# A regional gateway as generic Open311 clients see it: discovery lists
# each jurisdiction's own endpoint URL, and a client that follows those
# URLs works whether it sends jurisdiction_id or not (JSON and XML);
# every resource under a jurisdiction's URL implies it (reads, POSTs,
# the test endpoint, its own discovery with its own contact); one that
# contradicts it is a 400 and an unknown one a 404; the shared URL works
# as before. A server of its own: the operator's contact and key service
# at the top of discovery, default_jurisdiction, and the default rate
# limits, under which a crawl of every service definition from one
# address is never refused while a burst of database reads still is.

if [ -z "$E2E_EXTERNAL" ]; then
	get /jurisdictions.json
	if ! printf '%s' "$BODY" | jq -e 'length == 3' >/dev/null 2>&1; then
		app/tools/demo.sh "$BIN" all >/dev/null
		check "demo jurisdictions imported" test $? -eq 0
		check "every worker loaded the three jurisdictions" \
		    await_cache catalog
	fi
fi
JURS="chulavistaca.gov sandiego.gov sandiegocounty.gov"

# Discovery: a production and a test endpoint per jurisdiction, each at
# its own URL; the top-level contact is the operator's (here not set: a
# default), not one jurisdiction's.
get /discovery.json
expect_status 200
expect_jq '.endpoints | length == 6'
expect_jq 'all(.endpoints[]; . as $e | .url | endswith((if $e.type == "test" then "/test/" else "/" end) + $e.jurisdiction_id))'
expect_json '.contact' 'Contact the operator of this gateway.'
expect_json '.key_service' 'Ask the operator of this gateway for an API key.'
discovery_json=$BODY
get /discovery.xml
expect_status 200
expect_xml_count '/discovery/endpoints/endpoint' 6
expect_xml '/discovery/contact' 'Contact the operator of this gateway.'
discovery_xml=$BODY

# A discovery-driven client: follows each production endpoint's url, with
# and without jurisdiction_id; what it gets is that jurisdiction's list,
# the same the shared URL gives for it, and each definition it lists.
saved=$BASE
for j in $JURS; do
	url=$(printf '%s' "$discovery_json" | jq -r --arg j "$j" \
	    '.endpoints[] | select(.type == "production" and .jurisdiction_id == $j) | .url')
	check "discovery gives $j a URL of its own ($url)" test "$url" = "$saved/$j"
	BASE=$saved
	get "/services.json?jurisdiction_id=$j"
	shared=$BODY
	BASE=$url
	get /services.json
	expect_status 200
	check "$url/services.json is $j's list" test "$BODY" = "$shared"
	get "/services.json?jurisdiction_id=$j"
	expect_status 200
	check "with jurisdiction_id too" test "$BODY" = "$shared"
	code=$(printf '%s' "$BODY" | jq -r '.[0].service_code')
	get "/services/$code.json"
	expect_status 200
	expect_json '.service_code' "$code"
	get /requests.json
	expect_status 200

	# The same client in XML, reading the URL from discovery.xml.
	BODY=$discovery_xml
	xurl=$(xpath "string(/discovery/endpoints/endpoint[type='production' and jurisdiction_id='$j']/url)")
	check "discovery.xml gives $j the same URL" test "$xurl" = "$url"
	BASE=$saved
	get "/services.xml?jurisdiction_id=$j"
	shared=$BODY
	BASE=$xurl
	get /services.xml
	expect_status 200
	check "$xurl/services.xml is $j's list" test "$BODY" = "$shared"
	get "/services.xml?jurisdiction_id=$j"
	expect_status 200
	get "/services/$code.xml"
	expect_status 200
	expect_xml '/service_definition/service_code' "$code"

	# The test endpoint discovery gives it.
	turl=$(printf '%s' "$discovery_json" | jq -r --arg j "$j" \
	    '.endpoints[] | select(.type == "test" and .jurisdiction_id == $j) | .url')
	check "discovery gives $j a test URL of its own ($turl)" \
	    test "$turl" = "$saved/test/$j"
	BASE=$saved
	get "/test/services.json?jurisdiction_id=$j"
	shared=$BODY
	BASE=$turl
	get /services.json
	expect_status 200
	check "$turl/services.json is $j's list" test "$BODY" = "$shared"
	BASE=$saved
done
BASE=$saved

# Each jurisdiction's own discovery: its contact, its URLs only.
get /sandiego.gov/discovery.json
expect_status 200
expect_json '.contact' 'Call 619-533-4000 or use the Get It Done app.'
expect_json '.key_service' 'Email open311@example.org for an API key.'
expect_jq '.endpoints | length == 2 and all(.[]; .jurisdiction_id == "sandiego.gov")'
expect_json '.endpoints[0].url' "$BASE/sandiego.gov"
get /chulavistaca.gov/discovery.xml
expect_status 200
expect_xml '/discovery/contact' 'Call 619-691-5000.'
expect_xml '/discovery/endpoints/endpoint[2]/url' "$BASE/test/chulavistaca.gov"

# The shared URL as before: jurisdiction_id required, and it works.
get /services.json
expect_error 400 json "jurisdiction_id is required"
get '/services.xml?jurisdiction_id=sandiegocounty.gov'
expect_status 200

# POSTs under a jurisdiction's URL: it is the request's jurisdiction,
# with no jurisdiction_id (which the shared URL would refuse) and no
# location to choose one.
auth=(-H "Authorization: Bearer $KEY_WEB")
post /chulavistaca.gov/requests.json "${auth[@]}" \
    -d 'service_code=GRAFFITI&address_string=1+Main+St'
expect_status 200
cv=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
post /sandiego.gov/requests.xml "${auth[@]}" \
    -d 'service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=32.7157&long=-117.1611'
expect_status 200
sd=$(xpath 'string(/service_requests/request/service_request_id)')
check "the XML POST gave a request id ($sd)" test -n "$sd"
post /sandiego.gov/requests.json "${auth[@]}" \
    -d 'service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=32.7157&long=-117.1611&jurisdiction_id=sandiego.gov'
expect_status 200
if [ -z "$E2E_EXTERNAL" ]; then
	got=$(PSQL -tAc "select jurisdiction_id from requests where id = $cv")
	check "the POST under /chulavistaca.gov went to it ($got)" \
	    test "$got" = chulavistaca.gov
fi
get "/chulavistaca.gov/requests/$cv.json"
expect_status 200
expect_json '.[0].service_code' GRAFFITI
get "/sandiego.gov/requests/$cv.json"
expect_error 404 json "not found"
get "/sandiego.gov/requests/$sd.xml"
expect_status 200
expect_xml '/service_requests/request/service_code' NOISE

# A deep page's next link stays under the jurisdiction's URL.
get '/sandiego.gov/requests.json?page_size=1'
expect_status 200
expect_header_match link '^<[^>]*/sandiego\.gov/requests\.json\?[^>]*cursor=[^>]+>; rel="next"$'
rg_next=$(header link | sed -n 's#^<[a-z]*://[^/]*\(/[^>]*\)>; rel="next"$#\1#p')
get "$rg_next"
expect_status 200
expect_jq 'length == 1 and .[0].service_request_id != null'

# A jurisdiction_id that contradicts the URL: 400, in the format asked.
get '/sandiego.gov/services.xml?jurisdiction_id=chulavistaca.gov'
expect_error 400 xml "contradicts"
get '/sandiego.gov/requests.json?jurisdiction_id=chulavistaca.gov'
expect_error 400 json "chulavistaca.gov"
post /sandiego.gov/requests.json "${auth[@]}" \
    -d 'service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=32.7157&long=-117.1611&jurisdiction_id=chulavistaca.gov'
expect_error 400 json "contradicts"
post /chulavistaca.gov/requests.xml "${auth[@]}" \
    -d 'service_code=GRAFFITI&address_string=1+Main+St&jurisdiction_id=sandiego.gov'
expect_error 400 xml "contradicts"

# An unknown jurisdiction's URL: 404, in the format asked.
get /nowhere.gov/services.json
expect_error 404 json "no jurisdiction 'nowhere.gov'"
get /nowhere.gov/discovery.xml
expect_error 404 xml "nowhere.gov"
post /nowhere.gov/requests.json "${auth[@]}" -d 'service_code=GRAFFITI'
expect_error 404 json "nowhere.gov"
get /nowhere.gov/no/such/thing.json
expect_error 404 json "no resource"

if [ -z "$E2E_EXTERNAL" ]; then
	# The operator's settings, a default jurisdiction, and the rate
	# limits' defaults (the suite's configuration lifts them).
	RG_PORT=$(free_port)
	start_server regional "$RG_PORT" OPEN311_RATE_ANONYMOUS=300 \
	    OPEN311_RATE_KEY=1200 OPEN311_RATE_SUBMIT=60 \
	    OPEN311_CONTACT="Email ops@311.example.org" \
	    OPEN311_KEY_SERVICE="Keys at https://311.example.org/keys" \
	    OPEN311_DEFAULT_JURISDICTION=sandiego.gov \
	    OPEN311_TRUST_FORWARDED_FOR=yes
	BASE=http://127.0.0.1:$RG_PORT
	check "its workers know the catalog" await_cache catalog

	get /discovery.json
	expect_json '.contact' 'Email ops@311.example.org'
	expect_json '.key_service' 'Keys at https://311.example.org/keys'
	get /discovery.xml
	expect_xml '/discovery/contact' 'Email ops@311.example.org'
	# A jurisdiction's own wins on its endpoint; the operator's fills in.
	get /chulavistaca.gov/discovery.json
	expect_json '.contact' 'Call 619-691-5000.'
	expect_json '.key_service' 'Keys at https://311.example.org/keys'

	# default_jurisdiction: the shared URL without jurisdiction_id.
	get '/services.json?jurisdiction_id=sandiego.gov'
	shared=$BODY
	get /services.json
	expect_status 200
	check "without jurisdiction_id, the default jurisdiction's list" \
	    test "$BODY" = "$shared"
	get /chulavistaca.gov/services.json
	expect_jq 'map(.service_code) | index("GRAFFITI") != null'

	# bursts FILE PATH...: GETs of each path from one client address
	# (the proxy's X-Forwarded-For) on one connection, as fast as the
	# server answers; the statuses, one a line, into FILE.
	bursts() {
		out=$1
		shift
		: > "$E2E_TMP/burst.cfg"
		for p in "$@"; do
			printf 'url = "%s%s"\noutput = "/dev/null"\n' "$BASE" \
			    "$p" >> "$E2E_TMP/burst.cfg"
		done
		curl -s -H 'X-Forwarded-For: 198.51.100.20' \
		    -K "$E2E_TMP/burst.cfg" -w '%{http_code}\n' > "$out"
	}

	# The catalog crawl a validator makes: discovery, then each
	# jurisdiction's list and every definition (by its own URL and by
	# the shared one), again and again: 360 GETs.
	round=(/discovery.json /discovery.xml)
	for j in $JURS; do
		round+=("/$j/discovery.json" "/$j/services.json")
		for c in $(curl -s "$BASE/$j/services.json" | jq -r '.[].service_code'); do
			round+=("/$j/services/$c.json" "/services/$c.xml?jurisdiction_id=$j")
		done
	done
	paths=()
	while [ ${#paths[@]} -lt 360 ]; do
		paths+=("${round[@]}")
	done
	paths=("${paths[@]:0:360}")
	t0=$(date +%s.%N)
	bursts "$E2E_TMP/crawl" "${paths[@]}"
	t1=$(date +%s.%N)
	n200=$(grep -c '^200$' "$E2E_TMP/crawl")
	n429=$(grep -c '^429$' "$E2E_TMP/crawl")
	echo "# 520: a crawl of ${#paths[@]} GETs in $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }") s: $n200 200, $n429 429"
	check "a crawl of 360 cached reads from one address: all 200 ($n200), none 429 ($n429)" \
	    test "$n200" = 360
	# It cost 36 of the 300 a minute: 264 database reads are left (plus
	# what refills meanwhile, 5 a second; all 300 if the crawl took
	# longer than its 7.2 s), then 429.
	db=()
	for i in $(seq 1 600); do
		db+=("/requests.json?jurisdiction_id=sandiego.gov&page_size=1")
	done
	t0=$(date +%s)
	bursts "$E2E_TMP/db" "${db[@]}"
	t1=$(date +%s)
	n200=$(grep -c '^200$' "$E2E_TMP/db")
	first=$(grep -n -m1 '^429$' "$E2E_TMP/db" | cut -d: -f1)
	most=$((300 + 5 * (t1 - t0 + 1)))
	echo "# 520: 600 database reads in $((t1 - t0)) s after the crawl: $n200 200, first 429 at ${first:-none}"
	check "database reads are still limited: the first 429 after 264 or more ($first)" \
	    test -n "$first" -a "${first:-0}" -gt 264
	check "no more than the allowance and its refill pass ($n200 <= $most)" \
	    test "$n200" -le "$most"
	check "and the burst ends refused" test "$(tail -1 "$E2E_TMP/db")" = 429

	BASE=$saved
	stop_server regional
fi
