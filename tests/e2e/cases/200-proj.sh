# PROJ: x/y in the jurisdiction's local CRS (EPSG:2230, California zone 6,
# US survey feet) under extended_attributes; x, y and crs accepted on POST
# instead of lat/long; points outside the CRS's area of use or the
# boundary refused with a 400 that says so.

auth=(-H "Authorization: Bearer $KEY_SUBMIT")
noise='service_code=NOISE&attribute%5BSOURCE%5D=BUSINESS'

# San Diego City Hall: 32.7157, -117.1611 is x 6281427.14, y 1841409.64.
post /requests.json "${auth[@]}" -d "$noise&lat=32.7157&long=-117.1611"
id=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
get "/requests/$id.json?extensions=true"
expect_json '.[0].extended_attributes.crs' 'EPSG:2230'
expect_jq '(.[0].extended_attributes.x - 6281427.14 | fabs) < 0.1'
expect_jq '(.[0].extended_attributes.y - 1841409.64 | fabs) < 0.1'
get "/requests/$id.xml?extensions=true"
expect_xml '/service_requests/request/extended_attributes/crs' 'EPSG:2230'
xv=$(xpath 'string(/service_requests/request/extended_attributes/x)')
check "XML x is the same number ($xv)" test "${xv%%.*}" = 6281427

# And back: x/y from a partner system in state plane feet.
for crs in EPSG:2230 epsg:2230 urn:ogc:def:crs:EPSG::2230; do
	post /requests.json "${auth[@]}" -d "$noise&x=6281427.14&y=1841409.64&crs=$crs"
	expect_status 200
	pid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
	get "/requests/$pid.json"
	expect_jq '(.[0].lat - 32.7157 | fabs) < 0.000001'
	expect_jq '(.[0].long + 117.1611 | fabs) < 0.000001'
done

post /requests.json "${auth[@]}" -d "$noise&x=6281427.14&y=1841409.64"
expect_error 400 json "x, y and crs"
post /requests.json "${auth[@]}" -d "$noise&x=6281427.14&y=1841409.64&crs=EPSG:3857"
expect_error 400 json "EPSG:2230"
post /requests.json "${auth[@]}" -d "$noise&x=6281427.14&y=1841409.64&crs=Mars"
expect_error 400 json "crs"
post /requests.xml "${auth[@]}" -d "$noise&x=10&y=10&crs=EPSG:2230"
expect_error 400 xml "outside the area of use of EPSG:2230"
post /requests.json "${auth[@]}" -d "$noise&x=abc&y=1841409.64&crs=EPSG:2230"
expect_error 400 json "numbers"
post /requests.json "${auth[@]}" -d "$noise&x=6281427.14&y=1841409.64&crs=EPSG:2230&lat=32.7&long=-117.1"
expect_error 400 json "not both"

# lat/long far away: outside the area of use; near but outside the city:
# outside the boundary.
post /requests.json "${auth[@]}" -d "$noise&lat=40.7128&long=-74.0060"
expect_error 400 json "outside sandiego.gov"
post /requests.json "${auth[@]}" -d "$noise&lat=32.62&long=-117.05"
expect_error 400 json "outside the boundary of sandiego.gov"
