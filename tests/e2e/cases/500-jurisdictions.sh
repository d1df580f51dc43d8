# Several jurisdictions on one gateway: the adjacent City of Chula Vista
# and the County of San Diego around both. jurisdiction_id rules, the
# boundary resource, services by location, routing by boundary (inside,
# outside, border, overlap) and keys scoped to jurisdictions. From here on
# the suite runs with three jurisdictions.

if [ -z "$E2E_EXTERNAL" ]; then
	app/tools/demo.sh "$BIN" all >/dev/null
	check "demo jurisdictions imported" test $? -eq 0
	check "every worker loaded the three jurisdictions" await_cache catalog
fi

get /jurisdictions.json
expect_status 200
expect_header content-type "application/json; charset=utf-8"
expect_jq '[.[].jurisdiction_id] == ["chulavistaca.gov","sandiego.gov","sandiegocounty.gov"]'
expect_jq 'all(.[]; .boundary.type == "MultiPolygon" and .crs == "EPSG:2230")'
expect_json '.[1].name' 'City of San Diego'
# The county was given in state plane feet and is stored in WGS 84.
expect_jq '.[2].boundary.coordinates[0][0] | all(.[0] >= -117.36 and .[0] <= -116.79 and .[1] >= 32.49 and .[1] <= 33.21)'
expect_jq '.[2].area_km2 > .[1].area_km2 and .[1].area_km2 > .[0].area_km2'
get /jurisdictions.geojson
expect_status 200
expect_header content-type "application/geo+json; charset=utf-8"
expect_json '.type' 'FeatureCollection'
expect_jq '.features | length == 3 and all(.[]; .type == "Feature" and .geometry.type == "MultiPolygon")'
expect_json '.features[0].properties.name' 'City of Chula Vista'
get /jurisdictions.xml
expect_error 404 xml "format"

# Discovery: a production and a test endpoint per jurisdiction.
get /discovery.json
expect_jq '.endpoints | length == 6'
expect_jq '[.endpoints[].jurisdiction_id] | unique == ["chulavistaca.gov","sandiego.gov","sandiegocounty.gov"]'
get /discovery.xml
expect_xml_count '/discovery/endpoints/endpoint/jurisdiction_id' 6

# jurisdiction_id: required now, unless a location chooses.
get /services.json
expect_error 400 json "jurisdiction_id is required"
get /services.xml
expect_error 400 xml "several jurisdictions"
get '/services.json?jurisdiction_id=chulavistaca.gov'
expect_jq 'length == 4 and all(.[]; has("jurisdiction_id") | not)'
get '/services.json?jurisdiction_id=nowhere.gov'
expect_error 404 json "nowhere.gov"
get '/services/VECTOR.json?jurisdiction_id=sandiegocounty.gov'
expect_status 200
get '/services/VECTOR.json?jurisdiction_id=sandiego.gov'
expect_error 404 json VECTOR
get /services/POTHOLE.json
expect_error 400 json "jurisdiction_id is required"
get /requests.json
expect_error 400 json "jurisdiction_id is required"
get '/requests.json?jurisdiction_id=sandiego.gov'
expect_status 200

# Services at a point: each with its jurisdiction; for a code offered by
# several, the most local one's.
get '/services.json?lat=32.7157&long=-117.1611'
expect_jq 'length == 17'
expect_jq 'all(.[]; has("jurisdiction_id"))'
expect_json '[.[] | select(.service_code == "POTHOLE")] | length' '1'
expect_json '.[] | select(.service_code == "POTHOLE") | .jurisdiction_id' 'sandiego.gov'
expect_json '.[] | select(.service_code == "VECTOR") | .jurisdiction_id' 'sandiegocounty.gov'
get '/services.xml?lat=32.62&long=-117.05'
expect_xml_count '/services/service' 7
expect_xml "/services/service[service_code='POTHOLE']/jurisdiction_id" 'chulavistaca.gov'
get '/services.json?lat=33.15&long=-116.85'
expect_jq '[.[].jurisdiction_id] | unique == ["sandiegocounty.gov"]'
get '/services.json?lat=35&long=-110'
expect_status 200
expect_jq 'length == 0'
get '/services.json?lat=32.7'
expect_error 400 json "lat and long"

# Routing a POST by boundary.
auth=(-H "Authorization: Bearer $KEY_SUBMIT")
route_to() {
	# route_to EXPECTED-JURISDICTION BODY
	want=$1
	post /requests.json "${auth[@]}" -d "$2"
	if [ "$STATUS" != 200 ]; then
		fail "routing to $want: status $STATUS"
		return
	fi
	rid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
	if [ -z "$E2E_EXTERNAL" ]; then
		got=$(PSQL -tAc "select jurisdiction_id from requests where id = $rid")
		check "routed to $want (got $got)" test "$got" = "$want"
	fi
}
route_to sandiego.gov 'service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=32.7157&long=-117.1611'
route_to sandiegocounty.gov 'service_code=VECTOR&attribute%5BPEST%5D=RAT&lat=32.7157&long=-117.1611'
route_to chulavistaca.gov 'service_code=POTHOLE&attribute%5BSIZE%5D=S&lat=32.62&long=-117.05'
route_to sandiegocounty.gov 'service_code=POTHOLE&lat=33.15&long=-116.85'
# On the shared edge of the two cities the smaller one (Chula Vista) wins.
route_to chulavistaca.gov 'service_code=STREETLIGHT&lat=32.66&long=-117.05'
route_to sandiego.gov 'service_code=STREETLIGHT&attribute%5BISSUE%5D=OUT&lat=32.6601&long=-117.05'

post /requests.json "${auth[@]}" -d 'service_code=POTHOLE&lat=35&long=-110'
expect_error 400 json "outside every jurisdiction"
post /requests.xml "${auth[@]}" -d 'service_code=NOPE&lat=32.7157&long=-117.1611'
expect_error 404 xml "not offered"
post /requests.json "${auth[@]}" -d 'service_code=POTHOLE&attribute%5BSIZE%5D=S&lat=32.7157&long=-117.1611&jurisdiction_id=chulavistaca.gov'
expect_error 400 json "outside the boundary of chulavistaca.gov"
post /requests.json "${auth[@]}" -d 'service_code=GRAFFITI&address_string=1+Main+St'
expect_error 400 json "jurisdiction_id is required"
post /requests.json "${auth[@]}" -d 'service_code=GRAFFITI&address_string=1+Main+St&jurisdiction_id=chulavistaca.gov'
expect_status 200
post /requests.json "${auth[@]}" -d 'service_code=GRAFFITI&address_string=1+Main+St&jurisdiction_id=nowhere.gov'
expect_error 404 json "nowhere.gov"

# Keys scoped to a jurisdiction.
post /requests.json -H "Authorization: Bearer $KEY_OFFICE" -d 'service_code=POTHOLE&attribute%5BSIZE%5D=S&lat=32.62&long=-117.05'
expect_error 403 json "not valid for jurisdiction chulavistaca.gov"
post /requests.json -H "Authorization: Bearer $KEY_OFFICE" \
    -d 'service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=32.7157&long=-117.1611&email=sd%40example.org'
sd=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
post /requests.json "${auth[@]}" -d 'service_code=POTHOLE&attribute%5BSIZE%5D=L&lat=32.6201&long=-117.0501&email=cv%40example.org'
cv=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
get "/requests/$sd.json" -H "Authorization: Bearer $KEY_OFFICE"
expect_json '.[0].contact.email' 'sd@example.org'
get "/requests/$cv.json" -H "Authorization: Bearer $KEY_OFFICE"
expect_jq '.[0] | has("contact") | not'
if [ -z "$E2E_EXTERNAL" ]; then
	KEY_CV=$("$BIN" keys create --name "e2e cv crm" --scopes backoffice,admin \
	    --jurisdiction chulavistaca.gov | tail -1)
	export KEY_CV
	check "every worker knows Chula Vista's key" await_cache keys
	get "/requests/$cv.json" -H "Authorization: Bearer $KEY_CV"
	expect_json '.[0].contact.email' cv@example.org
	get "/requests/$sd.json" -H "Authorization: Bearer $KEY_CV"
	expect_jq '.[0] | has("contact") | not'
	post "/admin/requests/$sd/unlink.json" -H "Authorization: Bearer $KEY_CV" -d ''
	expect_error 403 json "not valid for the jurisdiction"
	post "/admin/requests/$cv/link.json" -H "Authorization: Bearer $KEY_CV" \
	    -d "parent_service_request_id=$sd"
	expect_error 403 json "not valid for the jurisdiction"
fi
