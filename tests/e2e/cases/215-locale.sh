# locale on GET /services and GET /services/{code}: the catalog's
# translations (docs/api.md), es-MX falling back to es, an unknown or
# absent language answering the catalog's own texts byte for byte, a
# malformed tag a 400 in the requested format, entity tags per language.

# Without locale: today's answer, kept for the byte comparisons below.
get '/services.json?jurisdiction_id=sandiego.gov'
expect_status 200
plain_list=$BODY
plain_tag=$(header etag)
get '/services/POTHOLE.json?jurisdiction_id=sandiego.gov'
plain_def=$BODY
get '/services.xml?jurisdiction_id=sandiego.gov'
plain_xml=$BODY

# Spanish.
get '/services.json?jurisdiction_id=sandiego.gov&locale=es'
expect_status 200
expect_jq 'length == 14'
expect_json '.[0].service_code' 'POTHOLE'
expect_json '.[0].service_name' 'Bache'
expect_json '.[0].description' 'Un hoyo o hundimiento en la superficie de la calle.'
expect_json '.[0].keywords' 'calle,asfalto,hoyo,bache'
expect_json '.[0].group' 'Streets'
expect_jq '[.[] | keys == (["description","group","keywords","metadata","service_code","service_name","type"])] | all'
es_tag=$(header etag)
check "entity tags differ by locale ($plain_tag, $es_tag)" \
    test -n "$es_tag" -a "$es_tag" != "$plain_tag"
get '/services.json?jurisdiction_id=sandiego.gov&locale=es' -H "If-None-Match: $es_tag"
expect_status 304
get '/services.json?jurisdiction_id=sandiego.gov&locale=es' -H "If-None-Match: $plain_tag"
expect_status 200

get '/services.xml?jurisdiction_id=sandiego.gov&locale=es'
expect_status 200
expect_xml '/services/service[1]/service_name' 'Bache'
expect_xml_count '/services/service' 14

get '/services/POTHOLE.json?jurisdiction_id=sandiego.gov&locale=es'
expect_status 200
expect_json '.service_code' 'POTHOLE'
expect_json '[.attributes[] | select(.code == "DEPTH")][0].description' '¿Qué tan profundo es el hoyo?'
expect_json '[.attributes[] | select(.code == "DEPTH")][0].datatype_description' 'Centímetros, por ejemplo 8'
expect_json '[.attributes[] | select(.code == "SIZE")][0].values[0].key' 'S'
expect_json '[.attributes[] | select(.code == "SIZE")][0].values[0].name' 'Más pequeño que un plato'
get '/services/POTHOLE.xml?jurisdiction_id=sandiego.gov&locale=es'
expect_xml '/service_definition/attributes/attribute[code="SIZE"]/values/value[key="L"]/name' 'Más grande que una llanta de auto'

# A region falls back to its language.
get '/services.json?jurisdiction_id=sandiego.gov&locale=es-MX'
expect_status 200
expect_json '.[0].service_name' 'Bache'
get '/services/POTHOLE.json?jurisdiction_id=sandiego.gov&locale=es-MX'
expect_json '[.attributes[] | select(.code == "SIZE")][0].description' '¿Qué tan grande es?'

# English (not in the catalog's translations) and unknown languages:
# the catalog's own texts, byte for byte, with the same entity tag.
for l in en en-US fr de-DE; do
	get "/services.json?jurisdiction_id=sandiego.gov&locale=$l"
	expect_status 200
	check "locale=$l: the list is unchanged" test "$BODY" = "$plain_list"
	check "locale=$l: the same entity tag" test "$(header etag)" = "$plain_tag"
	get "/services/POTHOLE.json?jurisdiction_id=sandiego.gov&locale=$l"
	check "locale=$l: the definition is unchanged" test "$BODY" = "$plain_def"
done
get '/services.xml?jurisdiction_id=sandiego.gov&locale=fr'
check "locale=fr: the XML list is unchanged" test "$BODY" = "$plain_xml"
get '/services.json?jurisdiction_id=sandiego.gov&locale='
check "an empty locale is no locale" test "$BODY" = "$plain_list"

# Malformed tags: 400 with an Open311 error in the requested format.
for l in ES es_MX spanish e es-mx es-MXX '%3Cb%3E' 'es-MX-x'; do
	get "/services.json?jurisdiction_id=sandiego.gov&locale=$l"
	expect_error 400 json locale
	get "/services.xml?jurisdiction_id=sandiego.gov&locale=$l"
	expect_error 400 xml locale
done
get '/services/POTHOLE.json?jurisdiction_id=sandiego.gov&locale=es_MX'
expect_error 400 json locale
get '/services/POTHOLE.xml?jurisdiction_id=sandiego.gov&locale=xx-'
expect_error 400 xml locale

# The services at a point (the report page's list) take it too.
get '/services.json?lat=32.7158&long=-117.1612&locale=es'
expect_status 200
expect_json '[.[] | select(.service_code == "POTHOLE")][0].service_name' 'Bache'
expect_json '[.[] | select(.service_code == "POTHOLE")][0].jurisdiction_id' 'sandiego.gov'
get '/services.json?lat=32.7158&long=-117.1612&locale=es_MX'
expect_error 400 json locale
