# GET /services/{code}: the attributes wrapper, all eight scalar fields
# of every attribute, values only on list datatypes, integer order,
# string keys, and 404 for unknown codes.

get /services/POTHOLE.json
expect_status 200
expect_header content-type "application/json; charset=utf-8"
expect_jq 'type == "object"'
expect_json '.service_code' 'POTHOLE'
expect_jq '.attributes | type == "array" and length == 3'
expect_jq '[.attributes[] | has("variable","code","datatype","required","datatype_description","order","description")] | all'
expect_jq '[.attributes[] | .variable | type == "boolean"] | all'
expect_jq '[.attributes[] | .order | type == "number"] | all'
expect_jq '[.attributes[] | .order] == [1,2,3]'
expect_json '.attributes[0].datatype' 'number'
expect_jq '.attributes[0] | has("values") | not'
expect_jq '.attributes[1].values | length == 3'
expect_jq '[.attributes[1].values[] | (.key | type == "string") and (.name | type == "string")] | all'
expect_json '.attributes[2].datatype' 'multivaluelist'
expect_json '.attributes[1].datatype_description' ''

get /services/POTHOLE.xml
expect_status 200
expect_body_has '<?xml version="1.0" encoding="utf-8"?>'
expect_xml '/service_definition/service_code' 'POTHOLE'
expect_xml_count '/service_definition/attributes/attribute' 3
expect_xml_count '/service_definition/attributes/attribute/datatype_description' 3
expect_xml '/service_definition/attributes/attribute[1]/required' 'true'
expect_xml '/service_definition/attributes/attribute[3]/required' 'false'
expect_xml_count '/service_definition/attributes/attribute[2]/values/value' 3
expect_xml '/service_definition/attributes/attribute[2]/values/value[3]/key' 'L'
expect_xml_count '/service_definition/attributes/attribute[1]/values' 0

# Every datatype appears in the demo catalog.
for dt in string number datetime text singlevaluelist multivaluelist; do
	found=0
	for code in POTHOLE DUMPING TRASH_MISSED STREETLIGHT; do
		get "/services/$code.json"
		if printf '%s' "$BODY" | jq -e --arg d "$dt" \
		    '[.attributes[].datatype] | index($d) != null' >/dev/null; then
			found=1
		fi
	done
	check "datatype $dt in the demo catalog" test "$found" = 1
done

# A non-variable (informational) attribute.
get /services/TRASH_MISSED.json
expect_json '.attributes[0].variable' 'false'
expect_json '.attributes[0].required' 'false'

get /services/NOPE.json
expect_error 404 json "NOPE"
get /services/NOPE.xml
expect_error 404 xml "service_code"
get '/services/POTHOLE.json?jurisdiction_id=elsewhere'
expect_error 404 json "elsewhere"
