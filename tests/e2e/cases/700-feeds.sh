# Open-data feeds on GET /requests: page and page_size (and max_requests),
# updated_after and updated_before (without the default requested-time
# window when they are the only dates), JSONP callback, CORS, and
# conditional GETs: ETag with If-None-Match and Last-Modified with
# If-Modified-Since answered with 304.

auth=(-H "Authorization: Bearer $KEY_SUBMIT")
admin=(-H "Authorization: Bearer $KEY_ADMIN")
J=chulavistaca.gov
t0=$(date -u +%Y-%m-%dT%H:%M:%SZ)
feed=()
for i in 1 2 3 4 5; do
	post /requests.json "${auth[@]}" -d "jurisdiction_id=$J&service_code=SIDEWALK&lat=32.63$i&long=-117.06$i&description=feed+$i"
	feed+=("$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')")
done
check "five feed requests stored" test "${#feed[@]}" = 5 -a -n "${feed[4]}"
q="jurisdiction_id=$J&service_code=SIDEWALK&updated_after=$t0"

# Paging: 1-based, page 0 is page 1, past the end is []. With only
# update-time bounds the answer is a feed of changes, oldest first.
get "/requests.json?$q&page_size=2"
expect_status 200
expect_jq "[.[].service_request_id] == [\"${feed[0]}\",\"${feed[1]}\"]"
get "/requests.json?$q&page_size=2&page=0"
expect_jq "[.[].service_request_id] == [\"${feed[0]}\",\"${feed[1]}\"]"
get "/requests.json?$q&page_size=2&page=2"
expect_jq "[.[].service_request_id] == [\"${feed[2]}\",\"${feed[3]}\"]"
get "/requests.json?$q&page_size=2&page=3"
expect_jq "[.[].service_request_id] == [\"${feed[4]}\"]"
# With a window of requested time: newest first, as the spec's default.
get "/requests.json?jurisdiction_id=$J&service_code=SIDEWALK&start_date=$t0&page_size=2"
expect_jq "[.[].service_request_id] == [\"${feed[4]}\",\"${feed[3]}\"]"
get "/requests.json?jurisdiction_id=$J&service_code=SIDEWALK&start_date=$t0&page_size=2&page=3"
expect_jq "[.[].service_request_id] == [\"${feed[0]}\"]"
get "/requests.json?jurisdiction_id=$J&start_date=$t0&status=open&page_size=2&page=2"
expect_jq "[.[].service_request_id] == [\"${feed[2]}\",\"${feed[1]}\"]"
get "/requests.json?$q&page_size=2&page=4"
expect_status 200
expect_jq 'length == 0'
get "/requests.xml?$q&page_size=2&page=4"
expect_xml_count '/service_requests/request' 0
expect_xml_count '/service_requests' 1
get "/requests.xml?$q&max_requests=3"
expect_xml_count '/service_requests/request' 3
get "/requests.json?$q&page_size=5000"
expect_jq 'length == 5'
get "/requests.json?$q&page_size=1&page=5&extensions=true"
expect_jq "length == 1 and .[0].service_request_id == \"${feed[4]}\" and .[0].extended_attributes.channel == \"mobile_app\""
get "/requests.json?$q&page_size=0"
expect_error 400 json "page_size"
get "/requests.xml?$q&page_size=abc"
expect_error 400 xml "page_size"
get "/requests.json?$q&page=-1"
expect_error 400 json "page must be"
get "/requests.json?$q&page=1e3"
expect_error 400 json "page must be"
get "/requests.json?$q&page=99999999"
expect_error 400 json "page must be"
get "/requests.json?$q&page="
expect_jq 'length == 5'

# Updated-time filters. An update moves one request past t1.
sleep 1.1
t1=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sleep 1.1
post /servicerequestupdates.json "${admin[@]}" -d "service_request_id=${feed[0]}&status=IN_PROGRESS&updated_datetime=$(date -u +%Y-%m-%dT%H:%M:%SZ)&update_id=feed-$RANDOM$RANDOM&description=crew+assigned"
expect_status 200
get "/requests.json?jurisdiction_id=$J&service_code=SIDEWALK&updated_after=$t1"
expect_jq "[.[].service_request_id] == [\"${feed[0]}\"]"
get "/requests.json?jurisdiction_id=$J&service_code=SIDEWALK&updated_after=$t0&updated_before=$t1"
expect_jq "[.[].service_request_id] == [\"${feed[1]}\",\"${feed[2]}\",\"${feed[3]}\",\"${feed[4]}\"]"
# The changed request moved to the end of the feed.
get "/requests.json?$q"
expect_jq "[.[].service_request_id] == [\"${feed[1]}\",\"${feed[2]}\",\"${feed[3]}\",\"${feed[4]}\",\"${feed[0]}\"]"
get "/requests.xml?jurisdiction_id=$J&updated_after=$t1&updated_before=$t0"
expect_error 400 xml "updated_after is after updated_before"
get "/requests.json?jurisdiction_id=$J&updated_after=yesterday"
expect_error 400 json "updated_after"
get "/requests.json?jurisdiction_id=$J&updated_before=2026-13-01"
expect_error 400 json "updated_before"
# With start_date too, both windows apply.
get "/requests.json?jurisdiction_id=$J&service_code=SIDEWALK&updated_after=$t1&start_date=2000-01-01T00:00:00Z&end_date=2000-02-01T00:00:00Z"
expect_jq 'length == 0'

if [ -z "$E2E_EXTERNAL" ]; then
	# A request made 200 days ago but updated now: outside the default
	# 90-day window, inside an updated_after feed.
	PSQL -c "UPDATE requests SET requested_at = now() - interval '200 days' WHERE id = ${feed[0]}" >/dev/null
	get "/requests.json?jurisdiction_id=$J&service_code=SIDEWALK"
	expect_jq "[.[].service_request_id] | index(\"${feed[0]}\") == null"
	get "/requests.json?jurisdiction_id=$J&service_code=SIDEWALK&updated_after=$t1"
	expect_jq "[.[].service_request_id] == [\"${feed[0]}\"]"
fi

# JSONP: a validated callback wraps the JSON; XML ignores it.
get "/requests.json?$q&page_size=2"
plain=$BODY
get "/requests.json?$q&page_size=2&callback=app.show_requests"
expect_status 200
expect_header content-type "application/javascript; charset=utf-8"
check "JSONP wraps the same document" test "$BODY" = "/**/app.show_requests($plain);"
get "/requests/${feed[1]}.json?callback=cb_1"
expect_body_has "/**/cb_1([{"
get "/services.json?jurisdiction_id=$J&callback=\$jq"
expect_header content-type "application/javascript; charset=utf-8"
get "/requests.json?$q&callback=alert(1)"
expect_error 400 json "callback"
get "/requests.json?$q&callback=a..b"
expect_error 400 json "callback"
get "/requests.json?$q&callback=$(printf 'x%.0s' $(seq 1 129))"
expect_error 400 json "callback"
get "/requests.xml?$q&callback=alert(1)"
expect_status 200
expect_header content-type "text/xml; charset=utf-8"
get "/requests.json?$q&callback="
expect_header content-type "application/json; charset=utf-8"
# An error under a valid callback is wrapped too, with its status.
get "/requests.json?jurisdiction_id=nowhere.gov&callback=cb"
expect_status 404
expect_body_has '/**/cb([{"code":404'

# CORS: any origin may read; preflight names methods and headers.
get "/requests.json?$q" -H 'Origin: https://app.example'
expect_header access-control-allow-origin '*'
expect_header_match access-control-expose-headers 'etag'
get "/requests.json?jurisdiction_id=nowhere.gov" -H 'Origin: https://app.example'
expect_header access-control-allow-origin '*'
req OPTIONS /requests.json -H 'Origin: https://app.example' \
    -H 'Access-Control-Request-Method: POST' \
    -H 'Access-Control-Request-Headers: authorization, content-type'
expect_status 204
expect_header access-control-allow-origin '*'
expect_header_match access-control-allow-methods 'GET.*POST'
expect_header_match access-control-allow-headers 'authorization.*content-type.*idempotency-key'
expect_header_match access-control-max-age '^[0-9]+$'

# ETag and If-None-Match.
get "/requests.json?$q"
expect_header_match etag '^"[0-9a-f]{16}"$'
expect_header cache-control 'no-cache'
etag=$(header etag)
get "/requests.json?$q" -H "If-None-Match: $etag"
expect_status 304
check "304 has no body" test -z "$BODY"
expect_header etag "$etag"
check "304 has no content-length" test -z "$(header content-length)"
get "/requests.json?$q" -H "If-None-Match: \"0000000000000000\", W/$etag"
expect_status 304
get "/requests.json?$q" -H 'If-None-Match: *'
expect_status 304
get "/requests.json?$q" -H 'If-None-Match: "0000000000000000"'
expect_status 200
get "/requests.xml?$q" -H "If-None-Match: $etag"
expect_status 200
req HEAD "/requests.json?$q"
expect_header etag "$etag"
req HEAD "/requests.json?$q" -H "If-None-Match: $etag"
expect_status 304
get "/services.json?jurisdiction_id=$J"
setag=$(header etag)
get "/services.json?jurisdiction_id=$J" -H "If-None-Match: $setag"
expect_status 304
# A change gives a new tag.
post /servicerequestupdates.json "${admin[@]}" -d "service_request_id=${feed[2]}&status=INVESTIGATING&updated_datetime=$(date -u +%Y-%m-%dT%H:%M:%SZ)&update_id=feed-$RANDOM$RANDOM"
get "/requests.json?$q" -H "If-None-Match: $etag"
expect_status 200
check "a change gives a new entity tag" test "$(header etag)" != "$etag"
# A key may see more: private.
get "/requests.json?$q" "${admin[@]}"
expect_header cache-control 'private, no-cache'

# Last-Modified: only once it has settled (a few seconds), and only
# where nothing but an update can change the answer.
sleep 3.2
get "/requests/${feed[2]}.json"
upd=$(printf '%s' "$BODY" | jq -r '.[0].updated_datetime')
lm=$(header last-modified)
check "Last-Modified of a request is its updated_datetime ($lm, $upd)" \
    test "$(date -u -d "$lm" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null)" = "$upd"
get "/requests/${feed[2]}.json" -H "If-Modified-Since: $lm"
expect_status 304
get "/requests/${feed[2]}.json" -H "If-Modified-Since: $(date -u -d "$upd - 1 second" '+%a, %d %b %Y %H:%M:%S GMT')"
expect_status 200
# RFC 850 and asctime forms are accepted too.
get "/requests/${feed[2]}.json" -H "If-Modified-Since: $(date -u -d "$upd" '+%A, %d-%b-%y %H:%M:%S GMT')"
expect_status 304
get "/requests/${feed[2]}.json" -H "If-Modified-Since: $(date -u -d "$upd" '+%a %b %e %H:%M:%S %Y')"
expect_status 304
get "/requests/${feed[2]}.json" -H "If-Modified-Since: not a date"
expect_status 200
# If-None-Match decides when both are sent.
get "/requests/${feed[2]}.json" -H "If-Modified-Since: $lm" -H 'If-None-Match: "0000000000000000"'
expect_status 200
# A feed of changes has the jurisdiction's latest change.
get "/requests.json?$q"
flm=$(header last-modified)
check "an updated_after feed has Last-Modified" test -n "$flm"
get "/requests.json?$q" -H "If-Modified-Since: $flm"
expect_status 304
# The default window slides with time: no Last-Modified there.
get "/requests.json?jurisdiction_id=$J&service_code=SIDEWALK"
check "the default window has no Last-Modified" test -z "$(header last-modified)"
# A later change anywhere in the jurisdiction invalidates the feed.
post /servicerequestupdates.json "${admin[@]}" -d "service_request_id=${feed[3]}&status=CLOSED&updated_datetime=$(date -u +%Y-%m-%dT%H:%M:%SZ)&update_id=feed-$RANDOM$RANDOM"
sleep 3.2
get "/requests.json?$q&status=open" -H "If-Modified-Since: $flm"
expect_status 200
expect_jq "[.[].service_request_id] | index(\"${feed[3]}\") == null"
