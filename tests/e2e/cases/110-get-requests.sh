# GET /requests and /requests/{id}: every field present in both formats,
# dates in UTC 'Z', ids as strings, filters (comma lists, status case,
# date windows with offsets and fractions), newest first, 404s.

post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    -d 'service_code=STREETLIGHT&lat=32.72&long=-117.15&attribute%5BISSUE%5D=OUT&description=Light+out+%26+dark&zipcode=92101'
a=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    -d 'service_code=SIGNAL&lat=32.73&long=-117.16&attribute%5BPROBLEM%5D=DARK&attribute%5BINTERSECTION%5D=5th+%26+B'
b=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')

get "/requests/$a.json"
expect_status 200
expect_jq 'type == "array" and length == 1'
expect_jq '.[0] | keys == (["address","address_id","agency_responsible","description","expected_datetime","lat","long","media_url","requested_datetime","service_code","service_name","service_notice","service_request_id","status","status_notes","updated_datetime","zipcode"])'
expect_json '.[0].service_request_id' "$a"
expect_jq '.[0].service_request_id | type == "string"'
expect_jq '.[0].lat | type == "number"'
expect_json '.[0].lat' '32.72'
expect_json '.[0].zipcode' '92101'
expect_json '.[0].description' 'Light out & dark'
expect_jq '.[0].requested_datetime | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")'
expect_jq '.[0].updated_datetime | test("Z$")'
expect_jq '.[0].status_notes == null'
expect_jq '.[0] | has("contact") | not'

get "/requests/$a.xml"
expect_status 200
expect_body_has '<?xml version="1.0" encoding="utf-8"?>'
expect_xml_count '/service_requests/request' 1
for f in service_request_id status status_notes service_name service_code \
    description agency_responsible service_notice requested_datetime \
    updated_datetime expected_datetime address address_id zipcode lat long \
    media_url; do
	expect_xml_count "/service_requests/request/$f" 1
done
expect_xml '/service_requests/request/description' 'Light out & dark'
expect_xml '/service_requests/request/status' 'open'

# Unknown and malformed ids.
get /requests/999999999.json
expect_error 404 json "999999999"
get /requests/abc.xml
expect_error 404 xml "abc"
get "/requests/$a.json?jurisdiction_id=elsewhere.gov"
expect_error 404 json
get "/requests/$a.json?jurisdiction_id=sandiego.gov"
expect_status 200

# The list: newest first, filters.
get /requests.json
expect_status 200
expect_jq 'type == "array" and length >= 2'
expect_jq '[.[].requested_datetime] == ([.[].requested_datetime] | sort | reverse)'
get "/requests.json?service_request_id=$a,$b"
expect_jq 'length == 2'
get "/requests.json?service_request_id=$a,%20$b&service_code=NOISE&status=closed"
expect_jq 'length == 2'
get "/requests.json?service_request_id=$b"
expect_jq 'length == 1'
expect_json '.[0].service_code' 'SIGNAL'
get "/requests.json?service_request_id=x1"
expect_error 400 json "service_request_id"
get '/requests.json?service_code=STREETLIGHT,SIGNAL'
expect_jq 'length >= 2 and ([.[].service_code] | unique | sort) == ["SIGNAL","STREETLIGHT"]'
get '/requests.json?service_code=NOPE'
expect_status 200
expect_jq 'length == 0'
get '/requests.xml?service_code=NOPE'
expect_status 200
expect_xml_count '/service_requests/request' 0
get '/requests.json?status=OPEN'
expect_jq 'length >= 2 and all(.[]; .status == "open")'
get '/requests.json?status=closed'
expect_jq 'length == 0'
get '/requests.json?status=open,Closed'
expect_jq 'length >= 2'
get '/requests.json?status=pending'
expect_error 400 json "status"
get '/requests.json?status=&service_code=&start_date=&foo=bar'
expect_status 200
expect_jq 'length >= 2'

# Date windows: Z, offsets, fractions, and a '+' decoded to a space; each
# starts a minute before b was made, so b is in it, whatever the hour.
get "/requests/$b.json"
bt=$(printf '%s' "$BODY" | jq -r '.[0].requested_datetime')
for since in "$(date -u -d "$bt - 60 sec" +%Y-%m-%dT%H:%M:%SZ)" \
    "$(TZ=Etc/GMT+8 date -d "$bt - 60 sec" +%Y-%m-%dT%H:%M:%S.123-08:00)" \
    "$(date -u -d "$bt - 60 sec" +%Y-%m-%dT%H:%M:%S+00:00)"; do
	get "/requests.json?start_date=$since&service_code=SIGNAL"
	expect_status 200
	expect_jq "[.[].service_request_id] | index(\"$b\") != null"
done
# A minute after b was made, it is outside.
get "/requests.json?start_date=$(TZ=Etc/GMT+8 date -d "$bt + 60 sec" +%Y-%m-%dT%H:%M:%S-08:00)&end_date=$(date -u -d "$bt + 120 sec" +%Y-%m-%dT%H:%M:%SZ)&service_code=SIGNAL"
expect_status 200
expect_jq "[.[].service_request_id] | index(\"$b\") == null"
get "/requests.json?end_date=2020-01-01T00:00:00Z"
expect_jq 'length == 0'
get "/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z"
expect_jq 'length == 0'
get "/requests.json?start_date=yesterday"
expect_error 400 json "start_date"
get "/requests.xml?end_date=2026-13-01T00:00:00Z"
expect_error 400 xml "end_date"
get "/requests.json?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"
expect_error 400 json "after"
# A span over 90 days is clamped to its newest 90 days, not refused.
get "/requests.json?start_date=2000-01-01T00:00:00Z&service_code=SIGNAL"
expect_status 200
expect_jq 'length >= 1'

# Requests older than the default window are not listed by default.
if [ -z "$E2E_EXTERNAL" ]; then
	PSQL -c "update requests set requested_at = now() - interval '120 days' where id = $a" >/dev/null
	get '/requests.json?service_code=STREETLIGHT'
	expect_jq "all(.[]; .service_request_id != \"$a\")"
	get "/requests.json?service_request_id=$a"
	expect_jq 'length == 1'
	get "/requests.json?start_date=$(date -u -d '-130 days' +%Y-%m-%dT%H:%M:%SZ)&end_date=$(date -u -d '-100 days' +%Y-%m-%dT%H:%M:%SZ)"
	expect_jq "any(.[]; .service_request_id == \"$a\")"
fi
