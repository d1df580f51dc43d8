# POST /admin/requests/{id}/update.{json,xml}: the back office's status,
# status_notes, expected_datetime and transfers (agency_responsible), with
# a backoffice key (KEY_OFFICE) or an admin key; non-public updates; the
# rules; the answer is the request with its extended attributes.
#
# TREE_DOWN is used by no other case; spots of its own.

a4_office=(-H "Authorization: Bearer $KEY_OFFICE")
a4_admin=(-H "Authorization: Bearer $KEY_ADMIN")
a4_run=$(date +%s%N)
a4_t0=$(date -u -d '-2 seconds' +%Y-%m-%dT%H:%M:%SZ)

# a4_new N: a TREE_DOWN request at spot N (about 330 m apart), with a
# reporter's e-mail; prints its id.
a4_new() {
	curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
	    -d "service_code=TREE_DOWN&attribute%5BBLOCKING%5D=WALK&lat=32.7$((600 + $1 * 30))&long=-117.1200&email=a4-$1%40example.org" \
	    "$BASE/requests.json" | jq -r '.[0].service_request_id'
}

a4_emails() {
	PSQL -tAc "select count(*) from outbox where request_id = $1 and event = 'email'"
}

a4_r=$(a4_new 1)
a4_s=$(a4_new 2)
check "requests to update were created ($a4_r $a4_s)" \
    test -n "$(printf '%s' "$a4_r$a4_s" | grep -E '^[0-9]+$')"

# Status and notes with the back-office key: the answer is the request.
post "/admin/requests/$a4_r/update.json" "${a4_office[@]}" \
    -d 'status=IN_PROGRESS&status_notes=Crew+assigned'
expect_status 200
expect_header content-type "application/json; charset=utf-8"
expect_jq 'type == "array" and length == 1'
expect_json '.[0].service_request_id' "$a4_r"
expect_json '.[0].status' 'open'
expect_json '.[0].status_notes' 'Crew assigned'
expect_json '.[0].extended_attributes.detailed_status' 'in_progress'
expect_json '.[0].extended_attributes.channel' 'mobile_app'
expect_jq '.[0].extended_attributes | has("duplicate") and has("x") and has("crs")'
# The answer is the request as GET ?extensions=true shows it, history
# included.
a4_ans=$BODY
get "/requests/$a4_r.json?extensions=true"
check "the answer's notes are the request's notes ($(printf '%s' "$a4_ans" | jq -c '.[0].notes') vs $(printf '%s' "$BODY" | jq -c '.[0].notes'))" \
    test "$(printf '%s' "$a4_ans" | jq -c '.[0].notes')" = "$(printf '%s' "$BODY" | jq -c '.[0].notes')"
expect_json '.[0].extended_attributes.detailed_status' 'in_progress'
expect_jq '[.[0].notes[] | select(.type == "status" and .summary == "in_progress")] | length == 1'

# expected_datetime with an offset, in XML, with the admin key.
post "/admin/requests/$a4_r/update.xml" "${a4_admin[@]}" \
    -d 'expected_datetime=2026-12-01T17:00:00-08:00'
expect_status 200
expect_header content-type "text/xml; charset=utf-8"
expect_xml '/service_requests/request/service_request_id' "$a4_r"
expect_xml '/service_requests/request/expected_datetime' '2026-12-02T01:00:00Z'
expect_xml '/service_requests/request/status_notes' 'Crew assigned'
expect_xml '/service_requests/request/extended_attributes/detailed_status' 'in_progress'
expect_xml_count '/service_requests/request/extended_attributes' 1
get "/requests/$a4_r.json"
expect_json '.[0].expected_datetime' '2026-12-02T01:00:00Z'

# Notes alone change status_notes, never the status.
post "/admin/requests/$a4_r/update.json" "${a4_office[@]}" \
    -d 'status_notes=Chainsaw+on+order'
expect_status 200
expect_json '.[0].status_notes' 'Chainsaw on order'
expect_json '.[0].extended_attributes.detailed_status' 'in_progress'

# A transfer to another agency: history kind 'transfer'.
post "/admin/requests/$a4_r/update.json" "${a4_admin[@]}" \
    -d 'agency_responsible=Parks+and+Recreation&status_notes=Park+tree'
expect_status 200
expect_json '.[0].agency_responsible' 'Parks and Recreation'
expect_json '.[0].status_notes' 'Park tree'
expect_json '.[0].status' 'open'
get "/requests/$a4_r.xml?extensions=true"
expect_xml '/service_requests/request/agency_responsible' 'Parks and Recreation'
expect_xml_count "/service_requests/request/notes/note[type='transfer']" 1
# The same agency again is no transfer.
post "/admin/requests/$a4_r/update.json" "${a4_admin[@]}" \
    -d 'agency_responsible=Parks+and+Recreation'
expect_status 200
if [ -z "$E2E_EXTERNAL" ]; then
	h=$(PSQL -tAc "select string_agg(u.kind || ':' || a.name, ',' order by u.id) from request_updates u join api_keys a on a.id = u.api_key_id where u.request_id = $a4_r")
	check "history with the acting keys ($h)" test "$h" = \
	    "status:e2e crm,note:e2e admin,note:e2e crm,transfer:e2e admin,note:e2e admin"
fi

# Closing: status and a description (the note to the reporter).
post "/admin/requests/$a4_r/update.json" "${a4_office[@]}" \
    -d 'status=fixed&description=Tree+removed'
expect_status 200
expect_json '.[0].status' 'closed'
expect_json '.[0].status_notes' 'Tree removed'
expect_json '.[0].extended_attributes.detailed_status' 'fixed'
if [ -z "$E2E_EXTERNAL" ]; then
	n=$(PSQL -tAc "select closed_at is not null from requests where id = $a4_r")
	check "closed_at is set ($n)" test "$n" = t
	# The reporter is told of the status change, the transfer and the
	# closure; never of notes or a new expected time.
	n=$(a4_emails "$a4_r")
	check "three e-mails queued for $a4_r ($n)" test "$n" = 3
	n=$(PSQL -tAc "select string_agg(payload->>'kind', ',' order by id) from outbox where request_id = $a4_r and event = 'email'")
	check "e-mails for status, transfer, status ($n)" test "$n" = "status,transfer,status"
fi

# Idempotent with an update_id.
post "/admin/requests/$a4_s/update.json" "${a4_office[@]}" \
    -d "update_id=a4-$a4_run&status=investigating"
expect_status 200
expect_header idempotent-replayed ''
post "/admin/requests/$a4_s/update.json" "${a4_office[@]}" \
    -d "update_id=a4-$a4_run&status=investigating"
expect_status 200
expect_header idempotent-replayed true
expect_json '.[0].extended_attributes.detailed_status' 'investigating'
if [ -z "$E2E_EXTERNAL" ]; then
	n=$(PSQL -tAc "select count(*) from request_updates where client_update_id = 'a4-$a4_run'")
	check "one row for a replayed admin update ($n)" test "$n" = 1
fi

# Non-public: recorded, but in no feed and no notes, and the reporter is
# not told; its text stays private.
post "/admin/requests/$a4_s/update.json" "${a4_admin[@]}" \
    -d "public=false&description=a4-private-note-$a4_run"
expect_status 200
post "/admin/requests/$a4_s/update.json" "${a4_admin[@]}" \
    -d "public=false&status=action_scheduled&description=a4-private-status-$a4_run"
expect_status 200
expect_json '.[0].extended_attributes.detailed_status' 'action_scheduled'
get "/requests/$a4_s.json?extensions=true"
expect_jq "[.[0].notes[] | select(.description != null and (.description | startswith(\"a4-private\")))] | length == 0"
expect_jq "[.[0].notes[] | select(.summary == \"action_scheduled\")] | length == 0"
expect_jq "(.[0].status_notes // \"\") | contains(\"a4-private\") | not"
get "/servicerequestupdates.json?jurisdiction_id=sandiego.gov&start_date=$a4_t0"
expect_status 200
expect_jq "[.[] | select(.service_request_id == \"$a4_s\")] | length == 1"
expect_jq "[.[] | select(.description | startswith(\"a4-private\"))] | length == 0"
get "/servicerequestupdates.xml?jurisdiction_id=sandiego.gov&start_date=$a4_t0"
expect_xml_count "/service_request_updates/request_update[service_request_id='$a4_s']" 1
if [ -z "$E2E_EXTERNAL" ]; then
	n=$(PSQL -tAc "select count(*) from request_updates where request_id = $a4_s and not public")
	check "two non-public updates stored ($n)" test "$n" = 2
	n=$(a4_emails "$a4_s")
	check "only the public status change is e-mailed ($n)" test "$n" = 1
fi

# The rules.
post "/admin/requests/$a4_s/update.json" "${a4_office[@]}" -d 'public=true'
expect_error 400 json "nothing to change"
post "/admin/requests/$a4_s/update.xml" "${a4_office[@]}" -d 'update_id=x'
expect_error 400 xml "nothing to change"
post "/admin/requests/$a4_s/update.json" "${a4_office[@]}" -d 'expected_datetime=next+week'
expect_error 400 json "expected_datetime"
post "/admin/requests/$a4_s/update.xml" "${a4_office[@]}" -d 'expected_datetime=2026-13-40T99:00:00Z'
expect_error 400 xml "expected_datetime"
post "/admin/requests/$a4_s/update.json" "${a4_office[@]}" -d 'status=fixed&public=maybe'
expect_error 400 json "public"
post "/admin/requests/$a4_s/update.json" "${a4_office[@]}" -d 'status=mended'
expect_error 400 json "FIXED"
post "/admin/requests/$a4_s/update.json" -H "Authorization: Bearer $KEY_SUBMIT" -d 'status=fixed'
expect_error 403 json "back office"
post "/admin/requests/$a4_s/update.xml" -H "Authorization: Bearer $KEY_WEB" -d 'status=fixed'
expect_error 403 xml "back office"
post "/admin/requests/$a4_s/update.json" -d 'status=fixed'
expect_error 403 json "api_key"
post "/admin/requests/999999999/update.json" "${a4_office[@]}" -d 'status=fixed'
expect_error 404 json "999999999"
post "/admin/requests/999999999/update.xml" "${a4_admin[@]}" -d 'status=fixed'
expect_error 404 xml "not found"
post "/admin/requests/abc/update.json" "${a4_admin[@]}" -d 'status=fixed'
expect_error 404 json "not found"
get "/requests/$a4_s.json"
expect_json '.[0].status' 'open'
expect_json '.[0].extended_attributes' 'null'

if [ -z "$E2E_EXTERNAL" ]; then
	a4_other=$(PSQL -tAc "select id from jurisdictions where id <> 'sandiego.gov' order by id limit 1")
	if [ -n "$a4_other" ]; then
		a4_key=$("$BIN" keys create --name "a4 other office" --scopes backoffice --jurisdiction "$a4_other" | tail -1)
		check "every worker knows the key of $a4_other" await_cache keys
		post "/admin/requests/$a4_s/update.json" -H "Authorization: Bearer $a4_key" -d 'status=fixed'
		expect_error 403 json "jurisdiction"
	fi
fi
