# Exports are heavy: at most export_concurrency (2 by default) stream on
# one server at once. One more gets 429 with Retry-After and an error in
# the format it asked for (XML for CSV, JSON for GeoJSON); the places
# come back when the exports end or their clients leave, and nothing
# else is held up meanwhile.

if [ -z "$E2E_EXTERNAL" ]; then
	# Megabytes of export: far more than the sockets between a client
	# that reads nothing and the server can hold.
	if [ "$(PSQL -XAt -c "SELECT count(*) FROM requests WHERE description LIKE 'export load %'")" = 0 ]; then
		PSQL -c "INSERT INTO requests (jurisdiction_id, service_code,
		    channel, dup_key, description, location, requested_at,
		    updated_at)
		    SELECT 'sandiego.gov', 'GRAFFITI', 'web', 'GRAFFITI',
			'export load ' || g || ' ' || repeat('x', 1500),
			ST_SetSRID(ST_MakePoint(-117.1 + g * 1e-6, 32.8),
			4326)::geography, timestamptz '2001-02-03 04:05Z',
			timestamptz '2001-02-03 04:05Z'
		    FROM generate_series(1, 4000) g" >/dev/null
	fi
	el_pids=()
	for i in 1 2; do
		python3 tests/e2e/tools/stall.py "$BASE" \
		    /exports/requests.csv "$E2E_TMP/stall$i" &
		el_pids+=("$!")
	done
	el_started() {
		grep -q ' 200' "$E2E_TMP/stall1" 2>/dev/null &&
		    grep -q ' 200' "$E2E_TMP/stall2" 2>/dev/null
	}
	for _ in $(seq 1 100); do
		el_started && break
		sleep 0.1
	done
	check "two exports are streaming" el_started

	get /exports/requests.csv
	expect_error 429 xml "2 exports are already running on this server (export_concurrency)"
	expect_header retry-after 10
	get /exports/requests.geojson
	expect_error 429 json "retry after 10 seconds"
	expect_header retry-after 10
	# Everything else goes on.
	get /requests.json?jurisdiction_id=sandiego.gov
	expect_status 200
	# A refused filter is still a 400, not a 429.
	get "/exports/requests.csv?updated_after=yesterday"
	expect_error 400 xml "updated_after"

	for p in "${el_pids[@]}"; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	el_free() {
		curl -s -o /dev/null -w '%{http_code}' \
		    "$BASE/exports/requests.geojson?service_code=NONE" | grep -q 200
	}
	for _ in $(seq 1 100); do
		el_free && break
		sleep 0.1
	done
	check "the places come back when the clients leave" el_free
	get /exports/requests.csv
	expect_status 200
	check "a full export after them" test "$(grep -c '^[0-9]*,sandiego.gov,GRAFFITI,.*export load ' "$E2E_TMP/body")" = 4000
fi
