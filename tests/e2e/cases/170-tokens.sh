# GET /tokens/{token}: the id once the back office has the request, the
# token alone while pending, 404 for an unknown token.

post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    -d 'service_code=WATER_LEAK&lat=32.75&long=-117.13&attribute%5BSOURCE%5D=MAIN'
expect_status 200
token=$(printf '%s' "$BODY" | jq -r '.[0].token')

get "/tokens/$token.json"
expect_status 200
expect_jq 'type == "array" and length == 1'
expect_json '.[0].token' "$token"
expect_jq '.[0].service_request_id | type == "string"'
id=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
get "/tokens/$token.xml"
expect_xml '/service_requests/request/token' "$token"
expect_xml '/service_requests/request/service_request_id' "$id"
get "/requests/$id.json"
expect_json '.[0].service_code' 'WATER_LEAK'

if [ -z "$E2E_EXTERNAL" ]; then
	PSQL -c "update requests set accepted_at = null where id = $id" >/dev/null
	get "/tokens/$token.json"
	expect_status 200
	expect_jq '.[0] | has("service_request_id") | not'
	expect_json '.[0].token' "$token"
	get "/tokens/$token.xml"
	expect_xml_count '/service_requests/request/service_request_id' 0
	expect_xml '/service_requests/request/token' "$token"
	PSQL -c "update requests set accepted_at = now() where id = $id" >/dev/null
fi

get /tokens/0123456789abcdef0123456789abcdef.json
expect_error 404 json "token"
get /tokens/not-a-token.xml
expect_error 404 xml "token"
get "/tokens/$token.json?jurisdiction_id=elsewhere.gov"
expect_error 404 json
