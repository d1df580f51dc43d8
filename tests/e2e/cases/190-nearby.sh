# Nearby search on GET /requests: lat, long, radius (metres) and bbox,
# combinable with the other filters; requests without coordinates are
# left out.

auth=(-H "Authorization: Bearer $KEY_SUBMIT")
post /requests.json "${auth[@]}" -d 'service_code=STORM_DRAIN&attribute%5BFLOODING%5D=NO&lat=32.8001&long=-117.2001'
near=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
post /requests.json "${auth[@]}" -d 'service_code=STORM_DRAIN&attribute%5BFLOODING%5D=NO&lat=32.8050&long=-117.2001'
mid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
post /requests.json "${auth[@]}" -d 'service_code=STORM_DRAIN&attribute%5BFLOODING%5D=NO&address_string=Somewhere+without+coordinates'
noloc=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')

get '/requests.json?lat=32.8001&long=-117.2001&radius=100'
expect_jq "[.[].service_request_id] | index(\"$near\") != null"
expect_jq "[.[].service_request_id] | index(\"$mid\") == null"
expect_jq "[.[].service_request_id] | index(\"$noloc\") == null"
get '/requests.json?lat=32.8001&long=-117.2001&radius=1000'
expect_jq "[.[].service_request_id] | (index(\"$near\") != null and index(\"$mid\") != null)"
# Every answer is inside the radius.
expect_jq '[.[] | ((.lat - 32.8001) * 111000 | fabs) < 1000] | all'
get '/requests.xml?lat=32.8001&long=-117.2001&radius=100&service_code=STORM_DRAIN&status=open'
expect_xml_count "/service_requests/request[service_request_id='$near']" 1
get '/requests.json?lat=32.8001&long=-117.2001&radius=100&service_code=POTHOLE'
expect_jq "[.[].service_request_id] | index(\"$near\") == null"
get '/requests.json?lat=32.8001&long=-117.2001&radius=100&status=closed'
expect_jq 'length == 0'
# Without radius: 100 m.
get '/requests.json?lat=32.8001&long=-117.2001'
expect_jq "[.[].service_request_id] | index(\"$near\") != null"

get '/requests.json?bbox=32.79,-117.21,32.803,-117.19'
expect_jq "[.[].service_request_id] | (index(\"$near\") != null and index(\"$mid\") == null)"
get '/requests.json?bbox=32.79,-117.21,32.81,-117.19&lat=32.8050&long=-117.2001&radius=50'
expect_jq "[.[].service_request_id] == [\"$mid\"]"

get '/requests.json?lat=32.8'
expect_error 400 json "together"
get '/requests.json?lat=91&long=0'
expect_error 400 json "lat"
get '/requests.json?lat=32.8&long=-117.2&radius=99999'
expect_error 400 json "radius"
get '/requests.json?lat=32.8&long=-117.2&radius=-1'
expect_error 400 json "radius"
get '/requests.xml?bbox=1,2,3'
expect_error 400 xml "bbox"
get '/requests.json?bbox=32.9,-117.2,32.8,-117.1'
expect_error 400 json "bbox"
get '/requests.json?bbox=a,b,c,d'
expect_error 400 json "bbox"
