# Discovery in both formats: prolog, Content-Type without charset (the
# validators compare it exactly), every field, a production and a test
# endpoint, ISO 8601 UTC changesets, URLs without a trailing slash.

get /discovery.xml
expect_status 200
expect_header content-type "text/xml"
expect_body_has '<?xml version="1.0" encoding="utf-8"?>'
expect_xml_count '/discovery/endpoints/endpoint' 2
expect_xml '/discovery/endpoints/endpoint[1]/specification' 'http://wiki.open311.org/GeoReport_v2'
expect_xml '/discovery/endpoints/endpoint[1]/type' 'production'
expect_xml '/discovery/endpoints/endpoint[2]/type' 'test'
expect_xml_count '/discovery/endpoints/endpoint[1]/formats/format' 2
expect_xml '/discovery/endpoints/endpoint[1]/formats/format[1]' 'text/xml'
expect_xml '/discovery/endpoints/endpoint[1]/formats/format[2]' 'application/json'
expect_xml '/discovery/contact' 'Call 619-533-4000 or use the Get It Done app.'
expect_xml '/discovery/key_service' 'Email open311@example.org for an API key.'
changeset=$(xpath 'string(/discovery/changeset)')
check "changeset is ISO 8601 UTC" \
    test -n "$(printf '%s' "$changeset" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$')"

get /discovery.json
expect_status 200
expect_header content-type "application/json"
expect_jq 'type == "object"'
expect_jq '.endpoints | type == "array" and length == 2'
expect_jq '[.endpoints[].formats | type == "array"] | all'
expect_json '.endpoints[0].specification' 'http://wiki.open311.org/GeoReport_v2'
expect_jq '.endpoints[0].url | test("/$") | not'
expect_jq '.endpoints[1].url | endswith("/test")'
expect_jq '.changeset | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")'
expect_jq '.endpoints[0].changeset == .changeset'
expect_jq 'has("contact") and has("key_service")'

# The test endpoint serves the same resources.
get /test/discovery.json
expect_status 200
get /test/services.xml
expect_status 200
expect_xml_count '/services/service' 14
