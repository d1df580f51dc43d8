# Times that clients supply are bounded by this server's clock plus a
# small allowance for skew (clock_skew, 300 s by default): an update
# dated further ahead is refused; a reporter's comment or REOPEN is
# ordered at the time it arrives (at the latest), so no client clock can
# freeze a request against the back office's later updates. A start_date
# a little ahead of our clock finds nothing rather than an error.

ct_office=(-H "Authorization: Bearer $KEY_OFFICE")
ct_sub=(-H "Authorization: Bearer $KEY_SUBMIT")
ct_run=$(date +%s%N)
ct_at() {
	date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ
}

post /requests.json "${ct_sub[@]}" \
    -d 'service_code=PARKING&attribute%5BVIOLATION%5D=HYDRANT&lat=32.7650&long=-117.0900&description=Time+bounds'
expect_status 200
ct_r=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
post /servicerequestupdates.json "${ct_office[@]}" \
    -d "service_request_id=$ct_r&update_id=ct-$ct_run-1&status=FIXED&updated_datetime=$(ct_at now)&description=Filled"
expect_status 200

# A back office (or reporter) time beyond the allowance: refused.
post /servicerequestupdates.json "${ct_office[@]}" \
    -d "service_request_id=$ct_r&update_id=ct-$ct_run-2&status=IN_PROGRESS&updated_datetime=$(ct_at '+1 year')"
expect_error 400 json "updated_datetime is ahead of this server's clock"
post /servicerequestupdates.xml "${ct_sub[@]}" \
    -d "service_request_id=$ct_r&status=REOPEN&description=Still+there&updated_datetime=$(ct_at '+1 year')"
expect_error 400 xml "updated_datetime is ahead"
get "/requests/$ct_r.json"
expect_json '.[0].status' 'closed'

# A reporter's REOPEN dated within the allowance reopens it, but the back
# office's next update (on its own clock, now) still applies.
post /servicerequestupdates.json "${ct_sub[@]}" \
    -d "service_request_id=$ct_r&status=REOPEN&description=Came+back&updated_datetime=$(ct_at '+200 seconds')"
expect_status 200
get "/requests/$ct_r.json"
expect_json '.[0].status' 'open'
post /servicerequestupdates.json "${ct_office[@]}" \
    -d "service_request_id=$ct_r&update_id=ct-$ct_run-3&status=FIXED&updated_datetime=$(ct_at '+1 second')&description=Filled+again"
expect_status 200
get "/requests/$ct_r.json?extensions=true"
expect_json '.[0].status' 'closed'
expect_json '.[0].status_notes' 'Filled again'

# start_date a minute ahead of our clock: nothing yet, not an error.
ct_soon=$(ct_at '+1 minute')
get "/requests.json?jurisdiction_id=sandiego.gov&start_date=$ct_soon"
expect_status 200
expect_json 'length' 0
get "/servicerequestupdates.xml?jurisdiction_id=sandiego.gov&start_date=$ct_soon"
expect_status 200
expect_xml_count '/service_request_updates/request_update' 0
# With an end_date before it, still an error.
get "/requests.json?jurisdiction_id=sandiego.gov&start_date=$ct_soon&end_date=$(ct_at now)"
expect_error 400 json "start_date is after end_date"
