# GET /stats.json: CitiStat figures for the requests opened in a window
# of whole days, overall and by jurisdiction, service, agency and
# channel, from the rollup (migrations/0005_stats_rollup.sql). Known
# requests in the county, moved to a day of their own with their closing
# times set in the database, give figures that can be computed by hand,
# before and after the rollup folds them; the totals over the last 30
# days agree with a count of the table.

auth=(-H "Authorization: Bearer $KEY_SUBMIT")
admin=(-H "Authorization: Bearer $KEY_ADMIN")
C=sandiegocounty.gov
sleep 1.1
animals=()
for i in 1 2 3 4; do
	post /requests.json "${auth[@]}" -d "jurisdiction_id=$C&service_code=STRAY_ANIMAL&lat=33.0$i&long=-116.95&description=dog+$i&email=owner$i%40example.org"
	animals+=("$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')")
done
post /requests.json "${auth[@]}" -d "jurisdiction_id=$C&service_code=POTHOLE&lat=33.1&long=-116.9"
hole=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
post /requests.json "${auth[@]}" -d "jurisdiction_id=$C&service_code=POTHOLE&lat=33.1&long=-116.9"
child=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
check "stats requests stored" test -n "${animals[3]}" -a -n "$child"

upd() {
	post /servicerequestupdates.json "${admin[@]}" -d "service_request_id=$1&status=$2&updated_datetime=$(date -u +%Y-%m-%dT%H:%M:%SZ)&update_id=stats-$RANDOM$RANDOM"
	expect_status 200
}
upd "${animals[0]}" CLOSED
upd "${animals[1]}" FIXED
sleep 1.1
upd "${animals[1]}" REOPEN
sleep 1.1
upd "${animals[1]}" FIXED

if [ -z "$E2E_EXTERNAL" ]; then
	# Moved to a day of their own (the statistics count by the day a
	# request was opened, in UTC): closed 10 h after opening (inside the
	# 24 h SLA) and 30 h after (outside it); one reporter rated the
	# service 4 of 5. Moving them goes through the rollup's trigger.
	ids=$(IFS=,; echo "${animals[*]},$hole,$child")
	PSQL -c "UPDATE requests SET (requested_at, expected_at) = (SELECT t, expected_at + (t - requested_at) FROM (SELECT timestamptz '2003-03-03 08:00Z' + (id % 7) * interval '1 minute' AS t) s) WHERE id IN ($ids);
	    UPDATE requests SET closed_at = requested_at + interval '10 hours' WHERE id = ${animals[0]};
	    UPDATE requests SET closed_at = requested_at + interval '30 hours' WHERE id = ${animals[1]}" >/dev/null
	tok=$(PSQL -At -c "SELECT token FROM request_contacts WHERE request_id = ${animals[0]}")
	post "/requests/${animals[0]}/feedback.json" -d "t=$tok&rating=4&comment=quick"
	expect_status 200

	for fold in before after; do
		[ $fold = after ] && PSQL -c "SELECT stats_fold()" >/dev/null
		get "/stats.json?jurisdiction_id=$C&start_date=2003-03-03T12:00:00Z&end_date=2003-03-03T23:00:00-08:00"
		expect_status 200
		expect_header content-type 'application/json; charset=utf-8'
		expect_json '.start_date' 2003-03-03T00:00:00Z
		expect_json '.end_date' 2003-03-05T00:00:00Z
		expect_json '.jurisdiction_id' "$C"
		expect_jq '.total | .opened == 6 and .closed == 2'
		expect_jq '.by_jurisdiction == [.by_jurisdiction[0]] and .by_jurisdiction[0].jurisdiction_id == "sandiegocounty.gov" and .by_jurisdiction[0].opened == 6'
		expect_jq '.by_service | map(.service_code) == ["POTHOLE","STRAY_ANIMAL"]'
		s='.by_service[] | select(.service_code == "STRAY_ANIMAL")'
		expect_jq "$s | .opened == 4 and .closed == 2 and .service_name == \"Stray or injured animal\" and .jurisdiction_id == \"$C\""
		# Exactly 20 and 28; read off a histogram, within 5.6 %.
		expect_jq "$s | (.median_hours_to_close - 20 | fabs) < 1.12 and (.p90_hours_to_close - 28 | fabs) < 1.57"
		expect_jq "$s | .closed_within_sla_share == 0.5 and .reopened_share == 0.5 and .duplicate_share == 0"
		expect_jq "$s | .feedback_count == 1 and .feedback_mean_rating == 4"
		p='.by_service[] | select(.service_code == "POTHOLE")'
		expect_jq "$p | .opened == 2 and .closed == 0 and .duplicate_share == 0.5 and .median_hours_to_close == null and .closed_within_sla_share == null and .reopened_share == null"
		expect_jq '.by_agency | map(.agency_responsible) == ["County Department of Animal Services","County Department of Public Works"]'
		expect_jq '.by_agency[0].opened == 4 and .by_agency[1].opened == 2'
		expect_jq '.by_channel == [.by_channel[0]] and .by_channel[0].channel == "mobile_app" and .by_channel[0].opened == 6'
		expect_jq '.by_day == [{"day": "2003-03-03", "channel": "mobile_app", "opened": 6, "closed": 2}]'
		check "no personal data in the statistics ($fold the fold)" \
		    test -z "$(printf '%s' "$BODY" | grep -F example.org)"
	done

	# A transfer moves a request's figures to its new agency.
	PSQL -c "UPDATE requests SET agency = 'County Parks' WHERE id = ${animals[2]}" >/dev/null
	get "/stats.json?jurisdiction_id=$C&start_date=2003-03-03T00:00:00Z&end_date=2003-03-03T23:59:59Z"
	expect_json '.end_date' 2003-03-04T00:00:00Z
	expect_jq '.by_agency | map(.agency_responsible) == ["County Department of Animal Services","County Department of Public Works","County Parks"]'
	expect_jq '.by_agency[0].opened == 3 and .by_agency[2].opened == 1 and .total.opened == 6'

	# The rollup agrees with the requests themselves, for every
	# jurisdiction over the last 30 days.
	get "/stats.json"
	want=$(PSQL -At -F ' ' -c "SELECT count(*), count(*) FILTER (WHERE status = 'closed'), count(*) FILTER (WHERE parent_id IS NOT NULL) FROM request_public WHERE NOT test AND requested_at >= to_timestamp($(printf '%s' "$BODY" | jq -r '.start_date | fromdateiso8601')) AND requested_at < to_timestamp($(printf '%s' "$BODY" | jq -r '.end_date | fromdateiso8601'))")
	got=$(printf '%s' "$BODY" | jq -r '"\(.total.opened) \(.total.closed) \(([.by_service[] | .opened * .duplicate_share] | add // 0) | round)"')
	check "the 30 days' totals are the table's ($want)" test "$got" = "$want"
	check "there is something to count" test "${want%% *}" -gt 10
	expect_jq '(.end_date | fromdateiso8601) - (.start_date | fromdateiso8601) == 2592000'
	expect_jq '(.end_date | fromdateiso8601) > now and (.end_date | fromdateiso8601) - now <= 86400'
	expect_jq '.total.opened == ([.by_jurisdiction[].opened] | add) and .total.opened == ([.by_channel[].opened] | add) and .total.opened == ([.by_service[].opened] | add)'
	# Day by day, the same requests: each day within the window, in order,
	# and each day's count the table's.
	expect_jq '.total.opened == ([.by_day[].opened] | add) and .total.closed == ([.by_day[].closed] | add)'
	expect_jq '[.by_day[] | [.day, .channel]] | . == sort'
	expect_jq '(.start_date[:10]) as $a | (.end_date[:10]) as $b | all(.by_day[]; .day >= $a and .day < $b)'
	sd_day=$(printf '%s' "$BODY" | jq -r '[.by_day[] | select(.channel == "mobile_app")] | max_by(.opened) | .day')
	sd_want=$(PSQL -At -c "SELECT count(*) FROM request_public WHERE NOT test AND channel = 'mobile_app' AND requested_at >= date '$sd_day' AND requested_at < date '$sd_day' + 1")
	expect_jq "[.by_day[] | select(.day == \"$sd_day\" and .channel == \"mobile_app\")][0].opened == $sd_want"

	# A window with nothing in it.
	get "/stats.json?jurisdiction_id=$C&start_date=2000-01-01T00:00:00Z&end_date=2000-02-01T00:00:00Z"
	expect_status 200
	expect_jq '.total.opened == 0 and .total.closed == 0 and .total.median_hours_to_close == null and .total.duplicate_share == null and .by_service == [] and .by_agency == [] and .by_channel == [] and .by_day == []'
fi

# At most stats_max_days (366) at once.
get "/stats.json?start_date=2020-01-01T00:00:00Z&end_date=2021-01-01T00:00:00Z"
expect_status 200
get "/stats.json?start_date=2020-01-01T00:00:00Z&end_date=2021-01-02T00:00:00Z"
expect_error 400 json "at most 366 days"
get "/stats.json?start_date=tomorrow"
expect_error 400 json "start_date"
get "/stats.json?end_date=2026-02-30T00:00:00Z"
expect_error 400 json "end_date"
get "/stats.json?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"
expect_error 400 json "before end_date"
get "/stats.json?jurisdiction_id=nowhere.gov"
expect_error 404 json "nowhere.gov"
get "/stats.xml"
expect_error 404 xml "format"
