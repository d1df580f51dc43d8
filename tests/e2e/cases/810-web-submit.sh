# Reports from the web pages, with no secret in the page: a signed form
# token from /web/config.json, the gateway's own origin, a honeypot, a
# minimum fill time and an hourly limit per address; what passes is
# submitted exactly as POST /requests is, as channel "web".

host=${BASE#http://}
origin=(-H "Origin: $BASE" -H "Sec-Fetch-Site: same-origin")
form='service_code=POTHOLE&lat=32.7158&long=-117.1612&attribute%5BDEPTH%5D=3&attribute%5BSIZE%5D=S&description=From+the+web+page'

get /web/config.json
expect_status 200
expect_header cache-control no-store
expect_jq '.token | test("^[0-9]+\\.[0-9a-f]{32}$")'
expect_json '.tile_url' 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
expect_jq '.min_fill >= 0 and .photos_max > 0 and .media_max > 0'
token=$(printf '%s' "$BODY" | jq -r .token)
minfill=$(printf '%s' "$BODY" | jq -r .min_fill)

# Refused: another site, no origin, no token, a forged one, a key.
post /web/requests.json -H "Origin: https://evil.example" -H "X-Web-Token: $token" -d "$form"
expect_error 403 json "own pages"
post /web/requests.json -H "Origin: $BASE" -H "Sec-Fetch-Site: cross-site" -H "X-Web-Token: $token" -d "$form"
expect_error 403 json "own pages"
post /web/requests.json -H "X-Web-Token: $token" -d "$form"
expect_error 403 json "own pages"
post /web/requests.json "${origin[@]}" -d "$form"
expect_error 403 json "reload the page"
post /web/requests.json "${origin[@]}" -H "X-Web-Token: ${token%.*}.0123456789abcdef0123456789abcdef" -d "$form"
expect_error 403 json "reload the page"
post /web/requests.json "${origin[@]}" -H "X-Web-Token: $token" -H "Authorization: Bearer $KEY_SUBMIT" -d "$form"
expect_error 400 json "no api_key"

# Sooner than a person fills a form: 429 with the seconds to wait, then
# accepted once they have passed (polled, bounded).
if [ "$minfill" -gt 0 ]; then
	get /web/config.json
	token=$(printf '%s' "$BODY" | jq -r .token)
	post /web/requests.json "${origin[@]}" -H "X-Web-Token: $token" -d "$form"
	expect_error 429 json "too soon"
	expect_header_match retry-after '^[0-9]+$'
fi
for _ in $(seq 1 60); do
	post /web/requests.json "${origin[@]}" -H "X-Web-Token: $token" -d "$form"
	[ "$STATUS" = 429 ] || break
	sleep 0.25
done
expect_status 200
expect_jq '.[0].service_request_id | test("^[0-9]+$")'
rid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')

# The same submission as the API's: stored, readable, channel "web".
get "/requests/$rid.json"
expect_json '.[0].service_code' 'POTHOLE'
expect_json '.[0].description' 'From the web page'
if [ -z "$E2E_EXTERNAL" ]; then
	row=$(PSQL -tAc "select r.channel || '|' || k.name from requests r join api_keys k on k.id = r.api_key_id where r.id = $rid")
	check "channel web, the built-in key ($row)" test "$row" = "web|open311d web pages"
fi

# The API's own 400s come back for the page to show beside the field.
post /web/requests.json "${origin[@]}" -H "X-Web-Token: $token" \
    -d 'service_code=POTHOLE&lat=32.7158&long=-117.1612&attribute%5BSIZE%5D=S'
expect_error 400 json "DEPTH"

# The honeypot: a field people never see, filled.
post /web/requests.json "${origin[@]}" -H "X-Web-Token: $token" -d "$form&website=http://spam.example"
expect_error 400 json "not sent"

# The body's token field does as the header does; so does public_url.
post /web/requests.json -H "Origin: http://$host" --data-urlencode "web_token=$token" -d "$form"
expect_status 200

# An hourly limit per address, on a server of its own.
if [ -z "$E2E_EXTERNAL" ]; then
	WR_PORT=$(free_port)
	start_server webrate "$WR_PORT" OPEN311_WEB_RATE=2 OPEN311_WEB_MIN_FILL=0
	saved=$BASE
	BASE=http://127.0.0.1:$WR_PORT
	check "its workers know the catalog" await_cache catalog
	check "its workers know the keys" await_cache keys
	get /web/config.json
	t2=$(printf '%s' "$BODY" | jq -r .token)
	o2=(-H "Origin: $BASE" -H "X-Web-Token: $t2")
	post /web/requests.json "${o2[@]}" -d "$form"
	expect_status 200
	post /web/requests.json "${o2[@]}" -d "$form"
	expect_status 200
	post /web/requests.json "${o2[@]}" -d "$form"
	expect_error 429 json "in the last hour"
	expect_header_match retry-after '^[0-9]+$'
	# The API's keyed path is not limited by it.
	post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" -d "$form"
	expect_status 200
	BASE=$saved
	stop_server webrate
fi
