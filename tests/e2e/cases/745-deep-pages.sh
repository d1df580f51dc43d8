# Deep pages of GET /requests: a full page carries a Link header
# (rel="next", in JSON and XML alike) whose opaque cursor goes on after
# the page's last row (keyset continuation: no OFFSET work however deep,
# and no row twice when new requests arrive between pages). A cursor
# that was edited, or sent with other filters, page and cursor together,
# and a page that would skip more than max_page_offset rows (10000 by
# default) get 400.

auth=(-H "Authorization: Bearer $KEY_SUBMIT")
J=chulavistaca.gov
if [ -z "$E2E_EXTERNAL" ] && [ "$(PSQL -XAt -c "SELECT count(*) FROM jurisdictions WHERE id = '$J'")" != 1 ]; then
	app/tools/demo.sh "$BIN" all >/dev/null
	check "every worker loaded the catalog" await_cache catalog
fi
dp_t0=$(date -u +%Y-%m-%dT%H:%M:%SZ)
dp=()
for i in 1 2 3 4 5; do
	post /requests.json "${auth[@]}" -d "jurisdiction_id=$J&service_code=STREETLIGHT&lat=32.64$i&long=-117.04$i&description=deep+$i"
	dp+=("$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')")
done
check "five requests stored" test -n "${dp[4]}" -a "${dp[4]}" != null

# next_path: the path and query of the answer's Link rel="next", or "".
next_path() {
	header link | sed -n 's#^<[a-z]*://[^/]*\(/[^>]*\)>; rel="next"$#\1#p'
}

q="jurisdiction_id=$J&service_code=STREETLIGHT&start_date=$dp_t0"
get "/requests.json?$q&page_size=2"
expect_jq "[.[].service_request_id] == [\"${dp[4]}\",\"${dp[3]}\"]"
expect_header_match link '^<http://[^>]*/requests\.json\?jurisdiction_id=[^>]*&cursor=[^>&]+>; rel="next"$'
n1=$(next_path)
# A request that arrives now would shift page 2 of an OFFSET; the cursor
# goes on after the last row seen.
post /requests.json "${auth[@]}" -d "jurisdiction_id=$J&service_code=STREETLIGHT&lat=32.649&long=-117.049&description=deep+late"
dp_late=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
get "$n1"
expect_status 200
expect_jq "[.[].service_request_id] == [\"${dp[2]}\",\"${dp[1]}\"]"
n2=$(next_path)
get "$n2"
expect_jq "[.[].service_request_id] == [\"${dp[0]}\"]"
check "a short page has no next link" test -z "$(next_path)"
get "/requests.json?$q&page_size=2&page=2"
expect_jq "[.[].service_request_id] == [\"${dp[3]}\",\"${dp[2]}\"]"

# XML: the same link, to the XML list.
get "/requests.xml?$q&page_size=3"
expect_xml_count '/service_requests/request' 3
expect_header_match link '^<http://[^>]*/requests\.xml\?[^>]*cursor=[^>]+>; rel="next"$'
get "$(next_path)"
expect_xml "/service_requests/request[1]/service_request_id" "${dp[2]}"
expect_xml_count '/service_requests/request' 3

# The change feed (oldest change first) and nearby search.
get "/requests.json?jurisdiction_id=$J&service_code=STREETLIGHT&updated_after=$dp_t0&page_size=4"
expect_jq "[.[].service_request_id] == [\"${dp[0]}\",\"${dp[1]}\",\"${dp[2]}\",\"${dp[3]}\"]"
get "$(next_path)"
expect_jq "[.[].service_request_id] == [\"${dp[4]}\",\"$dp_late\"]"
get "/requests.json?jurisdiction_id=$J&service_code=STREETLIGHT&start_date=$dp_t0&lat=32.643&long=-117.043&radius=5000&page_size=4"
expect_jq 'length == 4'
get "$(next_path)"
expect_jq "[.[].service_request_id] == [\"${dp[1]}\",\"${dp[0]}\"]"

# Cursors that are not this list's.
get "/requests.json?$q&page_size=2"
c1=$(next_path | sed 's/.*cursor=//')
get "/requests.json?$q&page_size=2&cursor=$(printf '%s' "$c1" | sed 's/\.\([0-9]*\)\./.1\1./')"
expect_error 400 json "cursor is not one of this list"
get "/requests.json?jurisdiction_id=$J&start_date=$dp_t0&page_size=2&cursor=$c1"
expect_error 400 json "cursor is not one of this list"
get "/requests.json?jurisdiction_id=$J&service_code=STREETLIGHT&updated_after=$dp_t0&page_size=2&cursor=$c1"
expect_error 400 json "cursor is not one of this list"
get "/requests.xml?$q&page_size=2&cursor=r1.2.zz"
expect_error 400 xml "cursor is not one of this list"
get "/requests.json?$q&page_size=2&page=2&cursor=$c1"
expect_error 400 json "page and cursor cannot be sent together"

# OFFSET work is capped.
get "/requests.json?jurisdiction_id=$J&page_size=1000&page=11"
expect_status 200
get "/requests.json?jurisdiction_id=$J&page_size=1000&page=12"
expect_error 400 json "more than max_page_offset (10000) allows; follow the next link"
get "/requests.xml?jurisdiction_id=$J&page_size=5&page=2002"
expect_error 400 xml "page 2002 of 5 skips 10005 rows"
get "/servicerequestupdates.json?jurisdiction_id=$J&page_size=1000&page=12"
expect_error 400 json "narrow start_date and end_date instead"
