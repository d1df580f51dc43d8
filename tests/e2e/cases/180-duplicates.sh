# Duplicate reports: a report of the same service (or duplicate group)
# within the radius and window of an open report becomes its child; the
# reporter is told; the API exposes the link; concurrency yields one
# parent; staff can unlink and relink, recorded in the history.

auth=(-H "Authorization: Bearer $KEY_SUBMIT")
pot='service_code=POTHOLE&attribute%5BDEPTH%5D=5&attribute%5BSIZE%5D=S'
# A spot of its own per run, inside the demo boundary (Balboa Park).
lat=32.7310
lon=-117.1460

post /requests.json "${auth[@]}" -d "$pot&lat=$lat&long=$lon"
expect_status 200
parent=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
expect_json '.[0].service_notice' 'Potholes are usually repaired within 3 business days.'

# 5 m away: a child; the notice names the parent.
post /requests.json "${auth[@]}" -d "$pot&lat=32.73104&long=$lon"
child=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
expect_jq ".[0].service_notice | test(\"already reported as request $parent\")"
get "/requests/$child.json?extensions=true"
expect_json '.[0].extended_attributes.duplicate' 'true'
expect_json '.[0].extended_attributes.parent_service_request_id' "$parent"
expect_json '.[0].extended_attributes.detailed_status' 'duplicate'
expect_json '.[0].status' 'open'
expect_json '.[0].status_notes' "Duplicate of request $parent"
get "/requests/$child.xml?extensions=true"
expect_xml '/service_requests/request/extended_attributes/duplicate' 'true'
expect_xml '/service_requests/request/extended_attributes/parent_service_request_id' "$parent"
# Without extensions the core shape is untouched.
get "/requests/$child.json"
expect_jq '.[0] | has("extended_attributes") | not'

# A related service of the same duplicate group (pavement) matches too.
post /requests.json "${auth[@]}" -d "service_code=SIDEWALK&attribute%5BHAZARD%5D=CRACK&lat=32.73102&long=-117.14601"
expect_jq ".[0].service_notice | test(\"request $parent\")"
get "/requests/$parent.json?extensions=true"
expect_json '.[0].extended_attributes.duplicate' 'false'
expect_json '.[0].extended_attributes.duplicate_count' '2'
expect_jq '.[0].extended_attributes.parent_service_request_id == null'

# Another service, outside the group: its own parent.
post /requests.json "${auth[@]}" -d "service_code=STREETLIGHT&attribute%5BISSUE%5D=OUT&lat=$lat&long=$lon"
sl=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
get "/requests/$sl.json?extensions=true"
expect_json '.[0].extended_attributes.duplicate' 'false'

# Beyond the radius (POTHOLE: 30 m; this is ~60 m north): a new parent.
post /requests.json "${auth[@]}" -d "$pot&lat=32.73155&long=$lon"
far=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
get "/requests/$far.json?extensions=true"
expect_json '.[0].extended_attributes.duplicate' 'false'

# Duplicates off for the service (NOISE): never linked.
for i in 1 2; do
	post /requests.json "${auth[@]}" -d "service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=$lat&long=$lon"
	n=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
	get "/requests/$n.json?extensions=true"
	expect_json '.[0].extended_attributes.duplicate' 'false'
done

# Address-only reports match on the normalised address of the service.
post /requests.json "${auth[@]}" -d 'service_code=GRAFFITI&attribute%5BSURFACE%5D=WALL&address_string=1200+Third+Avenue%2C+San+Diego'
a1=$(printf '%s' "$BODY" | jq -r '.[0].token')
post /requests.json "${auth[@]}" -d 'service_code=GRAFFITI&attribute%5BSURFACE%5D=BOX&address_string=1200+third+ave.+san+diego'
expect_jq '.[0].service_notice | test("already reported")'
post /requests.json "${auth[@]}" -d 'service_code=GRAFFITI&attribute%5BSURFACE%5D=BOX&address_string=1202+Third+Avenue'
expect_jq '.[0].service_notice | test("already reported") | not'

# The test endpoint never links to production reports.
post /test/requests.json "${auth[@]}" -d "$pot&lat=$lat&long=$lon"
expect_jq '.[0].service_notice | test("already reported") | not'

if [ -z "$E2E_EXTERNAL" ]; then
	# A closed parent, or one older than the window, is not matched.
	PSQL -c "update requests set status = 'closed' where id = $far" >/dev/null
	post /requests.json "${auth[@]}" -d "$pot&lat=32.73155&long=$lon"
	expect_jq '.[0].service_notice | test("already reported") | not'
	new=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
	PSQL -c "update requests set requested_at = now() - interval '31 days' where id = $new" >/dev/null
	post /requests.json "${auth[@]}" -d "$pot&lat=32.73155&long=$lon"
	expect_jq '.[0].service_notice | test("already reported") | not'

	# The link is in the child's history.
	n=$(PSQL -tAc "select count(*) from request_updates where request_id = $child and kind = 'duplicate'")
	check "child history has the duplicate link ($n)" test "$n" = 1

	# 50 simultaneous reports of one spot: one parent, 49 children.
	spot_lat=32.7401
	spot_lon=-117.1702
	pids=
	for i in $(seq 1 50); do
		curl -s -o /dev/null -H "Authorization: Bearer $KEY_SUBMIT" \
		    -d "$pot&lat=$spot_lat&long=$spot_lon&description=burst-$i" \
		    "$BASE/requests.json" &
		pids="$pids $!"
	done
	# shellcheck disable=SC2086
	wait $pids
	r=$(PSQL -tAc "select count(*) filter (where parent_id is null), count(*) filter (where parent_id is not null), count(distinct coalesce(parent_id, id)) from requests where description like 'burst-%'")
	check "50 concurrent reports: 1 parent, 49 children, one tree ($r)" \
	    test "$r" = "1|49|1"
	c=$(PSQL -tAc "select duplicate_count from requests where description like 'burst-%' and parent_id is null")
	check "the parent counts 49 duplicates ($c)" test "$c" = 49

	# Simultaneous reports far apart or of other services: all parents.
	pids=
	for i in $(seq 1 20); do
		curl -s -o /dev/null -H "Authorization: Bearer $KEY_SUBMIT" \
		    -d "$pot&lat=32.$((7600 + i * 20))&long=-117.$((1200 + i * 20))&description=apart-$i" \
		    "$BASE/requests.json" &
		pids="$pids $!"
	done
	# shellcheck disable=SC2086
	wait $pids
	r=$(PSQL -tAc "select count(*) filter (where parent_id is null) from requests where description like 'apart-%'")
	check "20 reports far apart stay 20 parents ($r)" test "$r" = 20
fi

# Admin API: unlink, relink, history, and the rules.
admin=(-H "Authorization: Bearer $KEY_ADMIN")
post "/admin/requests/$child/unlink.json" "${admin[@]}" -d ''
expect_status 200
expect_json '.[0].extended_attributes.duplicate' 'false'
expect_json '.[0].detailed_status // "open"' 'open'
get "/requests/$parent.json?extensions=true"
expect_json '.[0].extended_attributes.duplicate_count' '1'
post "/admin/requests/$child/unlink.json" "${admin[@]}" -d ''
expect_error 400 json "not linked"
post "/admin/requests/$child/link.json" "${admin[@]}" \
    -H 'Content-Type: application/json' -d "{\"parent_service_request_id\": \"$sl\"}"
expect_status 200
expect_json '.[0].extended_attributes.parent_service_request_id' "$sl"
expect_jq '.[0].extended_attributes.x | type == "number"'
get "/requests/$sl.json?extensions=true"
expect_json '.[0].extended_attributes.duplicate_count' '1'
# Linking under a child goes to that child's parent.
post "/admin/requests/$parent/link.xml" "${admin[@]}" -d "parent_service_request_id=$child"
expect_status 200
expect_xml '/service_requests/request/extended_attributes/parent_service_request_id' "$sl"
post "/admin/requests/$sl/link.json" "${admin[@]}" -d "parent_service_request_id=$parent"
expect_error 400 json "itself"
post "/admin/requests/$child/link.json" "${admin[@]}" -d ''
expect_error 400 json "parent_service_request_id"
post "/admin/requests/$child/link.json" "${admin[@]}" -d 'parent_service_request_id=999999999'
expect_error 404 json "not found"
post "/admin/requests/999999999/unlink.json" "${admin[@]}" -d ''
expect_error 404 json "not found"
post "/admin/requests/$child/unlink.json" "${auth[@]}" -d ''
expect_error 403 json "administer"
post "/admin/requests/$child/unlink.json" -d ''
expect_error 403 json "api_key"
if [ -z "$E2E_EXTERNAL" ]; then
	h=$(PSQL -tAc "select string_agg(kind, ',' order by id) from request_updates where request_id = $child and api_key_id is not null")
	check "unlink and link recorded with the acting key ($h)" \
	    test "$h" = "unlink,link"
	n=$(PSQL -tAc "select count(*) from requests where parent_id = $parent")
	check "children of a relinked parent moved with it ($n)" test "$n" = 0
fi
