# GET /services in both formats: Spark JSON (top-level array, real
# booleans, string codes), XML element names, every element present,
# Content-Type with charset, jurisdiction_id rules.

get /services.json
expect_status 200
expect_header content-type "application/json; charset=utf-8"
expect_jq 'type == "array" and length == 14'
expect_jq '[.[] | keys == (["description","group","keywords","metadata","service_code","service_name","type"])] | all'
expect_jq '[.[] | .metadata | type == "boolean"] | all'
expect_jq '[.[] | .service_code | type == "string"] | all'
expect_jq '[.[] | .keywords | type == "string"] | all'
expect_jq '[.[] | .type | IN("realtime","batch","blackbox")] | all'
expect_json '.[0].service_code' 'POTHOLE'
expect_json '.[0].keywords' 'road,street,asphalt,hole'
expect_json '.[0].group' 'Streets'
expect_json '[.[] | select(.service_code == "GRAFFITI")][0].type' 'batch'

get /services.xml
expect_status 200
expect_header content-type "text/xml; charset=utf-8"
expect_body_has '<?xml version="1.0" encoding="utf-8"?>'
expect_xml_count '/services/service' 14
expect_xml '/services/service[1]/service_code' 'POTHOLE'
expect_xml '/services/service[1]/metadata' 'true'
expect_xml '/services/service[4]/group' 'Neighborhood Services'
expect_xml_count '/services/service/keywords' 14
expect_xml_count '/services/service/group' 14
expect_xml_count '/services/service/description' 14
expect_xml_count '/services/service[@*]' 0
# Ampersands are escaped: "Trash & Recycling".
expect_body_has '<group>Trash &amp; Recycling</group>'

# jurisdiction_id: optional with one jurisdiction, must match if given.
get '/services.json?jurisdiction_id=sandiego.gov'
expect_status 200
expect_jq 'length == 14'
get '/services.json?jurisdiction_id='
expect_status 200
get '/services.json?jurisdiction_id=nowhere.gov'
expect_error 404 json "nowhere.gov"
get '/services.xml?jurisdiction_id=nowhere.gov'
expect_error 404 xml "jurisdiction_id"

# api_key and unknown parameters on GET are ignored.
get '/services.json?api_key=whatever&deviceid=abc&locale=en'
expect_status 200
expect_jq 'length == 14'

# HEAD answers like GET, without a body.
req HEAD /services.json -I
expect_status 200

# OPTIONS lists the methods.
req OPTIONS /services.json
expect_status 204
expect_header_match allow 'GET'
