# GET /metrics: Prometheus text from the counters every worker shares:
# requests by route, method and status, latency histograms, database
# queries and pool waits, duplicate hits, rate-limit refusals, exported
# rows, and the outbox backlog read at scrape time. Open on the loopback
# interface; elsewhere only to admin keys.

metric() {
	# metric NAME{LABELS}: its value in the last scrape (0 when absent)
	v=$(printf '%s\n' "$BODY" | awk -v n="$1" '$1 == n { print $2; exit }')
	echo "${v:-0}"
}

get /metrics
expect_status 200
expect_header content-type 'text/plain; version=0.0.4; charset=utf-8'
expect_header cache-control 'no-store'
# Every line is a comment or "name{labels} value", and every family has
# a TYPE.
bad=$(printf '%s\n' "$BODY" | grep -vE '^# (HELP|TYPE) open311d_[a-z_]+ .+$' |
    grep -vE '^open311d_[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9]+(\.[0-9]+)?$' | head -3)
check "every line is valid exposition text ($bad)" test -z "$bad"
for fam in http_requests_total http_request_duration_seconds db_queries_total \
    db_pool_waits_total db_pool_wait_seconds_total duplicates_total \
    requests_submitted_total rate_limited_total export_rows_total \
    outbox_delivered_total outbox_pending outbox_dead workers; do
	check "family open311d_$fam has a TYPE" sh -c \
	    "printf '%s\n' \"\$0\" | grep -q '^# TYPE open311d_$fam '" "$BODY"
done
expect_body_has 'open311d_http_request_duration_seconds_bucket{route="services",method="GET",le="+Inf"}'
expect_body_has 'open311d_workers 2'
expect_body_has 'open311d_outbox_pending{kind="email"}'

# Counts are exact across workers: three reads of services (new
# connections, so any worker) add exactly three.
svc='open311d_http_requests_total{route="services",method="GET",code="200"}'
inf='open311d_http_request_duration_seconds_count{route="services",method="GET"}'
before=$(metric "$svc")
binf=$(metric "$inf")
bq=$(metric open311d_db_queries_total)
for _ in 1 2 3; do
	curl -s -o /dev/null "$BASE/services.json?jurisdiction_id=sandiego.gov"
done
curl -s -o /dev/null "$BASE/services/NOPE.json?jurisdiction_id=sandiego.gov"
get /metrics
check "three services reads counted ($before -> $(metric "$svc"))" \
    test "$(metric "$svc")" = $((before + 3))
check "the histogram counts them too" test "$(metric "$inf")" = $((binf + 3))
expect_body_has 'open311d_http_requests_total{route="service_definition",method="GET",code="404"}'

# A route near the end of the table has its own slot too (the metrics
# once held only the first 40 route names; the server now refuses to
# start with more names than slots).
curl -s -o /dev/null -X POST -d '' "$BASE/console/api/staff/1/link"
get /metrics
expect_body_has 'open311d_http_requests_total{route="console_staff_link",method="POST",code="401"}'

# A duplicate submission and a POST show up; database queries grow.
auth=(-H "Authorization: Bearer $KEY_SUBMIT")
dup=$(metric open311d_duplicates_total)
sub=$(metric open311d_requests_submitted_total)
post='open311d_http_requests_total{route="requests",method="POST",code="200"}'
bpost=$(metric "$post")
for _ in 1 2; do
	post /requests.json "${auth[@]}" -d 'jurisdiction_id=sandiego.gov&service_code=SHOPPING_CART&lat=32.7402&long=-117.1302'
done
get /metrics
check "one duplicate counted" test "$(metric open311d_duplicates_total)" = $((dup + 1))
check "two submissions counted" test "$(metric open311d_requests_submitted_total)" = $((sub + 2))
check "two POSTs counted" test "$(metric "$post")" = $((bpost + 2))
check "database queries counted" test "$(metric open311d_db_queries_total)" -gt "$bq"

# Exported rows.
rows=$(metric open311d_export_rows_total)
curl -s -o "$E2E_TMP/m.csv" "$BASE/exports/requests.csv?jurisdiction_id=sandiego.gov"
n=$(python3 -c 'import csv, sys
print(len(list(csv.reader(open(sys.argv[1], newline="")))) - 1)' "$E2E_TMP/m.csv")
get /metrics
check "exported rows counted ($n)" test "$(metric open311d_export_rows_total)" = $((rows + n))

# Requests Kore refuses before routing are counted as unrouted.
u='open311d_http_requests_total{route="unrouted",method="GET",code="414"}'
bu=$(metric "$u")
curl -s -o /dev/null "$BASE/services.json?x=$(head -c 9000 /dev/zero | tr '\0' a)"
get /metrics
check "a refused request counted as unrouted" test "$(metric "$u")" = $((bu + 1))

if [ -z "$E2E_EXTERNAL" ]; then
	# The outbox gauges follow the table.
	PSQL -c "UPDATE outbox SET state = 'dead' WHERE id IN
	    (SELECT id FROM outbox WHERE state = 'pending' AND destination_id IS NULL LIMIT 1)" >/dev/null
	want=$(PSQL -At -c "SELECT count(*) FROM outbox WHERE state = 'dead'")
	get /metrics
	check "dead letters as in the table ($want)" test "$(metric open311d_outbox_dead)" = "$want"

	# From another address than loopback: admin keys only.
	ip=$(ip -4 route get 192.0.2.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')
	if [ -n "$ip" ] && [ "${ip#127.}" = "$ip" ]; then
		MX_PORT=$(free_port)
		start_server metrics "$MX_PORT" OPEN311_LISTEN="0.0.0.0:$MX_PORT"
		saved=$BASE
		BASE=http://$ip:$MX_PORT
		get /metrics
		expect_error 403 xml "api_key is required"
		get /metrics -H "Authorization: Bearer $KEY_SUBMIT"
		expect_error 403 xml "admin"
		get /metrics -H "Authorization: Bearer $KEY_ADMIN"
		expect_status 200
		expect_body_has 'open311d_workers 2'
		BASE=$saved
		stop_server metrics
	fi
fi
