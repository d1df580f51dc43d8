# POST /servicerequestupdates: FixMyStreet-shaped status updates from the
# back office (idempotent on update_id, older updates recorded without
# overwriting, duplicates follow their parent), reporters' comments and
# REOPEN; GET /servicerequestupdates: the public feed in order, by
# window, in pages; notes[] with extensions=true. Both formats.
#
# Its own service (PARKING, used by no other case) and spots of its own,
# so other cases' requests are neither parents nor children of these.

u6_office=(-H "Authorization: Bearer $KEY_OFFICE")
u6_sub=(-H "Authorization: Bearer $KEY_SUBMIT")
u6_run=$(date +%s%N)
u6_t0=$(date -u -d '-2 seconds' +%Y-%m-%dT%H:%M:%SZ)

u6_now() {
	date -u +%Y-%m-%dT%H:%M:%SZ
}

# u6_new N [FIELDS]: a PARKING request at spot N (about 200 m apart);
# prints its id.
u6_new() {
	curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
	    -d "service_code=PARKING&attribute%5BVIOLATION%5D=HYDRANT&lat=32.74$((10 + $1 * 2))&long=-117.1300${2:+&$2}" \
	    "$BASE/requests.json" | jq -r '.[0].service_request_id'
}

u6_a=$(u6_new 1 'email=u6-a@example.org')
u6_b=$(u6_new 2)
u6_c=$(u6_new 3)
u6_d=$(u6_new 4)
check "requests for the updates were created ($u6_a $u6_b $u6_c $u6_d)" \
    test -n "$(printf '%s' "$u6_a$u6_b$u6_c$u6_d" | grep -E '^[0-9]+$')"

# The back office's status update, as FixMyStreet sends it (its extra
# contact fields are ignored): XML answer with the update's id.
u6_w1=$(u6_now)
post /servicerequestupdates.xml "${u6_office[@]}" \
    -d "jurisdiction_id=sandiego.gov&service_request_id=$u6_a&update_id=fms-$u6_run-1&status=IN_PROGRESS&updated_datetime=$u6_w1&description=Crew+on+the+way&media_url=https%3A%2F%2Fimg.example.org%2F1.jpg&media_url=https%3A%2F%2Fimg.example.org%2F2.jpg&external_status_code=CREW&first_name=Fred&last_name=Staff&email=fred%40example.org&account_id=77"
expect_status 200
expect_header content-type "text/xml; charset=utf-8"
expect_xml_count '/service_request_updates/request_update' 1
expect_xml_count '/service_request_updates/request_update/update_id' 1
u6_u1=$(xpath 'string(/service_request_updates/request_update/update_id)')
check "update_id is an id ($u6_u1)" test -n "$(printf '%s' "$u6_u1" | grep -E '^[0-9]+$')"
get "/requests/$u6_a.json?extensions=true"
expect_json '.[0].status' 'open'
expect_json '.[0].status_notes' 'Crew on the way'
expect_json '.[0].extended_attributes.detailed_status' 'in_progress'

# The same update again (a retry), in JSON: the same answer, marked
# replayed, one history row.
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_a&update_id=fms-$u6_run-1&status=IN_PROGRESS&updated_datetime=$u6_w1&description=Crew+on+the+way"
expect_status 200
expect_header content-type "application/json; charset=utf-8"
expect_jq 'type == "array" and length == 1'
expect_json '.[0].update_id' "$u6_u1"
expect_header idempotent-replayed true
post /servicerequestupdates.xml "${u6_office[@]}" \
    -d "service_request_id=$u6_a&update_id=fms-$u6_run-1&status=IN_PROGRESS&updated_datetime=$u6_w1"
expect_xml '/service_request_updates/request_update/update_id' "$u6_u1"
expect_header idempotent-replayed true
if [ -z "$E2E_EXTERNAL" ]; then
	n=$(PSQL -tAc "select count(*) from request_updates where client_update_id = 'fms-$u6_run-1'")
	check "a replayed update is stored once ($n)" test "$n" = 1
	m=$(PSQL -tAc "select array_to_string(media_urls, ' ') || '|' || external_status_code from request_updates where id = $u6_u1")
	check "every media_url and the external code are kept ($m)" test \
	    "$m" = "https://img.example.org/1.jpg https://img.example.org/2.jpg|CREW"
fi
# The same update_id for another request is a conflict.
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_b&update_id=fms-$u6_run-1&status=FIXED"
expect_error 400 json "already used"
post /servicerequestupdates.xml "${u6_office[@]}" \
    -d "service_request_id=$u6_b&update_id=fms-$u6_run-1&status=FIXED"
expect_error 400 xml "fms-$u6_run-1"
get "/requests/$u6_b.json"
expect_json '.[0].status' 'open'

# A fresh update id without a new answer header.
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_b&update_id=fms-$u6_run-b1&status=ACTION_SCHEDULED&description=Booked"
expect_status 200
expect_header idempotent-replayed ''
get "/requests/$u6_b.json?extensions=true"
expect_json '.[0].status' 'open'
expect_json '.[0].extended_attributes.detailed_status' 'action_scheduled'

# FIXED closes; the description becomes status_notes.
u6_w2=$(u6_now)
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_a&update_id=fms-$u6_run-2&status=FIXED&updated_datetime=$u6_w2&description=Car+towed&external_status_code=DONE"
expect_status 200
expect_jq '.[0].update_id | type == "string" and test("^[0-9]+$")'
u6_u2=$(printf '%s' "$BODY" | jq -r '.[0].update_id')
check "a new update gets a new id ($u6_u1 $u6_u2)" test "$u6_u2" != "$u6_u1"
get "/requests/$u6_a.json?extensions=true"
expect_json '.[0].status' 'closed'
expect_json '.[0].status_notes' 'Car towed'
expect_json '.[0].extended_attributes.detailed_status' 'fixed'
get "/requests/$u6_a.xml?extensions=true"
expect_xml '/service_requests/request/status' 'closed'
expect_xml '/service_requests/request/extended_attributes/detailed_status' 'fixed'

# An update older than the current state is recorded (feed, notes) but
# changes nothing.
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_c&update_id=fms-$u6_run-c1&status=IN_PROGRESS&updated_datetime=$(u6_now)&description=Looking"
expect_status 200
u6_old=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_c&update_id=fms-$u6_run-c2&status=FIXED&updated_datetime=$u6_old&description=Stale+fix"
expect_status 200
u6_uc2=$(printf '%s' "$BODY" | jq -r '.[0].update_id')
get "/requests/$u6_c.json?extensions=true"
expect_json '.[0].status' 'open'
expect_json '.[0].status_notes' 'Looking'
expect_json '.[0].extended_attributes.detailed_status' 'in_progress'
expect_jq "[.[0].notes[] | select(.description == \"Stale fix\")] | length == 1 and .[0].summary == \"fixed\" and .[0].datetime == \"$u6_old\""
# A NOT_COUNCILS_RESPONSIBILITY update closes; a time zone offset is fine.
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_c&update_id=fms-$u6_run-c3&status=NOT_COUNCILS_RESPONSIBILITY&updated_datetime=$(date -d '+1 second' +%Y-%m-%dT%H:%M:%S%:z)&description=Private+land"
expect_status 200
get "/requests/$u6_c.json?extensions=true"
expect_json '.[0].status' 'closed'
expect_json '.[0].extended_attributes.detailed_status' 'not_councils_responsibility'
expect_json '.[0].status_notes' 'Private land'

# The rules.
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_b&status=FIXED"
expect_error 400 json "update_id"
post /servicerequestupdates.xml "${u6_office[@]}" \
    -d "service_request_id=$u6_b&update_id=fms-$u6_run-x1"
expect_error 400 xml "status"
post /servicerequestupdates.xml "${u6_office[@]}" \
    -d "service_request_id=$u6_b&update_id=fms-$u6_run-x2&status=DONE_AND_DUSTED"
expect_error 400 xml "NOT_COUNCILS_RESPONSIBILITY"
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_b&update_id=fms-$u6_run-x3&status=DONE_AND_DUSTED"
expect_error 400 json "IN_PROGRESS"
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "update_id=fms-$u6_run-x4&status=FIXED"
expect_error 400 json "service_request_id"
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=abc&update_id=fms-$u6_run-x5&status=FIXED"
expect_error 400 json "service_request_id"
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=999999999&update_id=fms-$u6_run-x6&status=FIXED"
expect_error 404 json "999999999"
post /servicerequestupdates.xml "${u6_office[@]}" \
    -d "service_request_id=999999999&update_id=fms-$u6_run-x7&status=FIXED"
expect_error 404 xml "not found"
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_b&update_id=fms-$u6_run-x8&status=FIXED&updated_datetime=yesterday"
expect_error 400 json "updated_datetime"
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_b&update_id=fms-$u6_run-x9&status=FIXED&media_url=ftp%3A%2F%2Fx%2Fa.jpg"
expect_error 400 json "media_url must be an http or https URL"
post /servicerequestupdates.xml "${u6_office[@]}" \
    -d "service_request_id=$u6_b&update_id=fms-$u6_run-x11&status=FIXED$(printf '&media_url=https%%3A%%2F%%2Fimg.example.org%%2F%d.jpg' $(seq 1 11))"
expect_error 400 xml "at most 10 media_url links"
post /servicerequestupdates.json -d "service_request_id=$u6_b&update_id=fms-$u6_run-x10&status=FIXED"
expect_error 403 json "api_key"
get "/requests/$u6_b.json"
expect_json '.[0].status' 'open'

if [ -z "$E2E_EXTERNAL" ]; then
	# A key with neither scope; a back-office key of another
	# jurisdiction, when there is one (500-jurisdictions.sh loads them).
	u6_adm=$("$BIN" keys create --name "u6 admin only" --scopes admin | tail -1)
	check "every worker knows the admin-only key" await_cache keys
	post /servicerequestupdates.json -H "Authorization: Bearer $u6_adm" \
	    -d "service_request_id=$u6_b&update_id=fms-$u6_run-y1&status=FIXED"
	expect_error 403 json "neither"
	u6_other=$(PSQL -tAc "select id from jurisdictions where id <> 'sandiego.gov' order by id limit 1")
	if [ -n "$u6_other" ]; then
		u6_ok_key=$("$BIN" keys create --name "u6 other office" --scopes backoffice --jurisdiction "$u6_other" | tail -1)
		check "every worker knows the key of $u6_other" await_cache keys
		post /servicerequestupdates.json -H "Authorization: Bearer $u6_ok_key" \
		    -d "service_request_id=$u6_b&update_id=fms-$u6_run-y2&status=FIXED"
		expect_error 403 json "jurisdiction"
		get "/requests/$u6_b.json"
		expect_json '.[0].status' 'open'
		# A jurisdiction_id names the request's own jurisdiction: the
		# key must cover it (the office key covers San Diego only), and
		# the request must be in it (the submit key covers all).
		post /servicerequestupdates.json -H "Authorization: Bearer $u6_ok_key" \
		    -d "jurisdiction_id=sandiego.gov&service_request_id=$u6_b&update_id=fms-$u6_run-y3&status=FIXED"
		expect_error 403 json "not valid for jurisdiction sandiego.gov"
		post /servicerequestupdates.xml "${u6_office[@]}" \
		    -d "jurisdiction_id=$u6_other&service_request_id=$u6_b&update_id=fms-$u6_run-y4&status=FIXED"
		expect_error 403 xml "not valid for jurisdiction $u6_other"
		post /servicerequestupdates.json "${u6_sub[@]}" \
		    -d "jurisdiction_id=$u6_other&service_request_id=$u6_b&update_id=fms-$u6_run-y4&description=Wrong+city"
		expect_error 404 json "request $u6_b is not a request of jurisdiction $u6_other"
		get "/requests/$u6_b.json?extensions=true"
		expect_json '.[0].status' 'open'
		expect_jq '[.[0].notes[] | select(.description == "Wrong city")] | length == 0'
		n=$(PSQL -tAc "select count(*) from request_updates where request_id = $u6_b and client_update_id = 'fms-$u6_run-y4'")
		check "nothing recorded for the wrong jurisdiction ($n)" test "$n" = 0
	fi
fi

# A reporter's comment (submit key): a description is required; a status
# in it changes nothing.
post /servicerequestupdates.json "${u6_sub[@]}" \
    -d "service_request_id=$u6_d&status=FIXED&description=Still+parked+there"
expect_status 200
u6_cm=$(printf '%s' "$BODY" | jq -r '.[0].update_id')
get "/requests/$u6_d.json?extensions=true"
expect_json '.[0].status' 'open'
expect_json '.[0].extended_attributes.detailed_status' 'open'
expect_jq '[.[0].notes[] | select(.type == "comment" and .description == "Still parked there")] | length == 1'
post /servicerequestupdates.xml "${u6_sub[@]}" -d "service_request_id=$u6_d"
expect_error 400 xml "description"
# A comment without REOPEN on a closed request leaves it closed.
post /servicerequestupdates.json "${u6_sub[@]}" \
    -d "service_request_id=$u6_a&description=Thanks"
expect_status 200
get "/requests/$u6_a.json"
expect_json '.[0].status' 'closed'
# REOPEN on a closed request reopens it and escalates it.
post /servicerequestupdates.xml "${u6_sub[@]}" \
    -d "service_request_id=$u6_a&status=REOPEN&description=The+car+is+back"
expect_status 200
expect_xml_count '/service_request_updates/request_update/update_id' 1
get "/requests/$u6_a.json?extensions=true"
expect_json '.[0].status' 'open'
expect_json '.[0].extended_attributes.detailed_status' 'reopen'
expect_jq '[.[0].notes[] | select(.type == "reopen")] | length == 1'
expect_jq '.[0].extended_attributes | has("escalated") | not'
# The back office sees the escalation (beside the contact), in both formats.
get "/requests/$u6_a.json?extensions=true" "${u6_office[@]}"
expect_json '.[0].extended_attributes.escalated' 'true'
expect_json '.[0].contact.email' 'u6-a@example.org'
# u6_d's reporter gave no contact data: the object is there, empty.
get "/requests/$u6_d.xml?extensions=true" "${u6_office[@]}"
expect_xml '/service_requests/request/extended_attributes/escalated' 'false'
expect_xml_count '/service_requests/request/contact/email' 1
if [ -z "$E2E_EXTERNAL" ]; then
	e=$(PSQL -tAc "select escalated from requests where id = $u6_a")
	check "a reopened request is escalated ($e)" test "$e" = t
	e=$(PSQL -tAc "select escalated from requests where id = $u6_d")
	check "a comment does not escalate ($e)" test "$e" = f
fi

# Duplicates follow their parent: a parent, a child 5 m away, the parent
# closed by the back office.
u6_par=$(u6_new 5)
u6_kid=$(curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
    -d "service_code=PARKING&attribute%5BVIOLATION%5D=RED&lat=32.74204&long=-117.1300" \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
get "/requests/$u6_kid.json?extensions=true"
expect_json '.[0].extended_attributes.parent_service_request_id' "$u6_par"
post /servicerequestupdates.json "${u6_office[@]}" \
    -d "service_request_id=$u6_par&update_id=fms-$u6_run-p1&status=NO_FURTHER_ACTION&description=Vehicle+gone"
expect_status 200
get "/requests/$u6_par.json"
expect_json '.[0].status' 'closed'
get "/requests/$u6_kid.json?extensions=true"
expect_json '.[0].status' 'closed'
expect_json '.[0].extended_attributes.duplicate' 'true'
expect_jq "[.[0].notes[] | select(.type == \"status\" and .summary == \"duplicate\" and (.description | startswith(\"Update on request $u6_par\")))] | length == 1"
if [ -z "$E2E_EXTERNAL" ]; then
	h=$(PSQL -tAc "select kind || '|' || status || '|' || description from request_updates where request_id = $u6_kid and kind = 'status'")
	check "the child's history has the parent's closure ($h)" \
	    test "$h" = "status|closed|Update on request $u6_par: Vehicle gone"
fi

# A non-public update (admin API) is in no feed and no notes.
post "/admin/requests/$u6_b/update.json" "${u6_office[@]}" \
    -d "public=false&description=internal-u6-$u6_run"
expect_status 200
u6_t1=$(date -u -d '+2 seconds' +%Y-%m-%dT%H:%M:%SZ)

# GET /servicerequestupdates: the updates of the window, oldest first.
get "/servicerequestupdates.json?jurisdiction_id=sandiego.gov&start_date=$u6_t0&end_date=$u6_t1"
expect_status 200
expect_header content-type "application/json; charset=utf-8"
u6_mine="[.[] | select(.service_request_id == \"$u6_a\" or .service_request_id == \"$u6_b\" or .service_request_id == \"$u6_c\" or .service_request_id == \"$u6_d\" or .service_request_id == \"$u6_kid\")]"
expect_jq "[.[] | .update_id | tonumber] as \$i | \$i == (\$i | sort)"
expect_jq "$u6_mine | map(select(.service_request_id == \"$u6_a\")) | length == 4"
expect_jq ".[] | select(.update_id == \"$u6_u1\") | .service_request_id == \"$u6_a\" and .status == \"in_progress\" and .updated_datetime == \"$u6_w1\" and .description == \"Crew on the way\" and .media_url == \"https://img.example.org/1.jpg\" and .external_status_code == \"CREW\""
expect_jq ".[] | select(.update_id == \"$u6_u2\") | .status == \"fixed\" and .updated_datetime == \"$u6_w2\" and .description == \"Car towed\" and .external_status_code == \"DONE\""
expect_jq ".[] | select(.update_id == \"$u6_uc2\") | .status == \"fixed\" and .updated_datetime == \"$u6_old\" and .description == \"Stale fix\""
expect_jq ".[] | select(.update_id == \"$u6_cm\") | .service_request_id == \"$u6_d\" and .description == \"Still parked there\""
expect_jq "$u6_mine | map(select(.service_request_id == \"$u6_kid\" and .status == \"duplicate\")) | length >= 1"
expect_jq "[.[] | select(.description == \"internal-u6-$u6_run\")] | length == 0"
expect_jq "[.[] | select(.service_request_id == \"$u6_b\")] | map(.status) == [\"action_scheduled\"]"
expect_jq "[.[] | keys] | all(. == ([\"update_id\", \"service_request_id\", \"status\", \"updated_datetime\", \"description\", \"media_url\", \"external_status_code\"] | sort))"
get "/servicerequestupdates.xml?jurisdiction_id=sandiego.gov&start_date=$u6_t0&end_date=$u6_t1"
expect_status 200
expect_header content-type "text/xml; charset=utf-8"
expect_xml "/service_request_updates/request_update[update_id='$u6_u1']/service_request_id" "$u6_a"
expect_xml "/service_request_updates/request_update[update_id='$u6_u1']/status" 'in_progress'
expect_xml "/service_request_updates/request_update[update_id='$u6_u1']/updated_datetime" "$u6_w1"
expect_xml "/service_request_updates/request_update[update_id='$u6_u1']/description" 'Crew on the way'
expect_xml "/service_request_updates/request_update[update_id='$u6_u1']/media_url" 'https://img.example.org/1.jpg'
expect_xml "/service_request_updates/request_update[update_id='$u6_u1']/external_status_code" 'CREW'
expect_xml "/service_request_updates/request_update[update_id='$u6_u2']/status" 'fixed'
expect_xml_count "/service_request_updates/request_update[service_request_id='$u6_a']" 4
expect_xml_count "/service_request_updates/request_update[description='internal-u6-$u6_run']" 0

# Pages of the same window: page 2 of size 2 is the third and fourth
# update of the whole list; a page past the end is empty; a page that
# would skip more than max_page_offset rows is refused.
u6_win="jurisdiction_id=sandiego.gov&start_date=$u6_t0&end_date=$u6_t1"
get "/servicerequestupdates.json?$u6_win"
u6_ids=$(printf '%s' "$BODY" | jq -c '[.[].update_id]')
check "the window holds more than four updates ($u6_ids)" \
    test "$(printf '%s' "$u6_ids" | jq length)" -gt 4
get "/servicerequestupdates.json?$u6_win&page_size=2&page=2"
expect_jq "[.[].update_id] == ($u6_ids | .[2:4])"
get "/servicerequestupdates.xml?$u6_win&page_size=2&page=0"
expect_xml_count '/service_request_updates/request_update' 2
expect_xml "/service_request_updates/request_update[1]/update_id" "$(printf '%s' "$u6_ids" | jq -r '.[0]')"
get "/servicerequestupdates.json?$u6_win&page_size=2&page=5000"
expect_status 200
expect_jq 'length == 0'
get "/servicerequestupdates.json?$u6_win&page_size=2&page=100000"
expect_error 400 json "more than max_page_offset (10000) allows; narrow start_date"
get "/servicerequestupdates.json?$u6_win&page_size=0"
expect_error 400 json "page_size must be a number from 1 to 1000"
get "/servicerequestupdates.xml?$u6_win&page=last"
expect_error 400 xml "page must be a number"

# Windows: before the case, or after it, hold none of these updates.
get "/servicerequestupdates.json?jurisdiction_id=sandiego.gov&start_date=$(date -u -d '-2 hours' +%Y-%m-%dT%H:%M:%SZ)&end_date=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)"
expect_status 200
expect_jq "[.[] | select(.service_request_id == \"$u6_a\")] | length == 0"
get "/servicerequestupdates.xml?jurisdiction_id=sandiego.gov&start_date=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)&end_date=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)"
expect_status 200
expect_xml_count '/service_request_updates/request_update' 0
get "/servicerequestupdates.json?jurisdiction_id=sandiego.gov&start_date=$u6_t1&end_date=$u6_t0"
expect_error 400 json "start_date"
get "/servicerequestupdates.xml?jurisdiction_id=sandiego.gov&start_date=soon"
expect_error 400 xml "start_date"
# Another jurisdiction's feed (when there is one) has none of these.
if [ -n "${u6_other:-}" ]; then
	get "/servicerequestupdates.json?jurisdiction_id=$u6_other&start_date=$u6_t0"
	expect_status 200
	expect_jq "[.[] | select(.service_request_id == \"$u6_a\" or .service_request_id == \"$u6_b\")] | length == 0"
fi

# notes[] with extensions=true: the public history, each with datetime,
# type, summary and description.
get "/requests/$u6_a.json?extensions=true"
expect_jq '.[0].notes | length == 4'
expect_jq '.[0].notes | all(keys == ["datetime", "description", "summary", "type"])'
expect_jq '.[0].notes | map(.type) == ["status", "status", "comment", "reopen"]'
expect_jq ".[0].notes[0] | .datetime == \"$u6_w1\" and .summary == \"in_progress\" and .description == \"Crew on the way\""
get "/requests/$u6_a.xml?extensions=true"
expect_xml_count '/service_requests/request/notes/note' 4
expect_xml '/service_requests/request/notes/note[2]/summary' 'fixed'
expect_xml '/service_requests/request/notes/note[2]/description' 'Car towed'
expect_xml '/service_requests/request/notes/note[4]/type' 'reopen'
get "/requests/$u6_b.json?extensions=true"
expect_jq "[.[0].notes[] | select(.description == \"internal-u6-$u6_run\")] | length == 0"
# Without extensions, no notes.
get "/requests/$u6_a.json"
expect_jq '.[0] | has("notes") | not'
if [ -z "$E2E_EXTERNAL" ]; then
	n=$(PSQL -tAc "select count(*) from request_updates where request_id = $u6_b and description = 'internal-u6-$u6_run' and not public")
	check "the non-public update is stored ($n)" test "$n" = 1
fi
