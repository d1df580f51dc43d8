# Retention: the reporters' personal data of requests closed longer than
# retention_days is erased by a timer (one worker), recorded in the
# request's history without the data, and taken out of finished outbox
# events too; `open311d purge --dry-run` lists what would go. Three
# reports: closed 40 days ago, closed 10 days ago, open. The main servers
# keep everything (retention_days 0 in conf/test.conf); a server of this
# case's own erases after 30 days.

if [ -z "$E2E_EXTERNAL" ]; then
	rt_ids=()
	for i in 1 2 3; do
		post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
		    -d "service_code=NOISE&lat=32.71&long=-117.15&attribute%5BSOURCE%5D=PARTY&email=keep$i%40example.org&phone=%2B1+619+555+010$i&first_name=Rae$i&last_name=Lin&device_id=dev-r$i"
		expect_status 200
		rt_ids+=("$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')")
	done
	for i in 0 1; do
		post /servicerequestupdates.json \
		    -H "Authorization: Bearer $KEY_OFFICE" \
		    -d "service_request_id=${rt_ids[$i]}&status=closed&description=Done&updated_datetime=$(date -u +%Y-%m-%dT%H:%M:%SZ)&update_id=rt-$i-$RANDOM$RANDOM"
		expect_status 200
	done
	PSQL -c "UPDATE requests SET closed_at = now() - interval '40 days' WHERE id = ${rt_ids[0]};
	    UPDATE requests SET closed_at = now() - interval '10 days' WHERE id = ${rt_ids[1]}" >/dev/null
	check "the reporter's e-mail is in an outbox event of the first" \
	    test "$(PSQL -At -c "SELECT count(*) FROM outbox WHERE request_id = ${rt_ids[0]} AND payload::text LIKE '%keep1@example.org%'")" -ge 1

	# What would go, without touching anything.
	out=$("$BIN" purge --dry-run --days 30 2>&1)
	check "dry run lists the request closed 40 days ago" \
	    grep -q "^request ${rt_ids[0]}, closed .*: would be erased$" <<<"$out"
	check "dry run leaves the one closed 10 days ago" \
	    sh -c "! grep -q '^request ${rt_ids[1]},' <<EOF
$out
EOF"
	check "dry run changes nothing" test "$(PSQL -At -c "SELECT count(*) FROM request_contacts WHERE request_id = ${rt_ids[0]} AND email IS NOT NULL")" = 1
	"$BIN" purge --days 0 >/dev/null 2>&1
	check "purge refuses 0 days" test $? = 2

	# The timer of a server with retention_days 30.
	RT_PORT=$(free_port)
	start_server retention "$RT_PORT" OPEN311_RETENTION_DAYS=30 \
	    OPEN311_RETENTION_CHECK_MS=200
	rt_erased() {
		test "$(PSQL -At -c "SELECT count(*) FROM request_contacts WHERE request_id = ${rt_ids[0]} AND erased_at IS NOT NULL")" = 1
	}
	for _ in $(seq 1 200); do
		rt_erased && break
		sleep 0.1
	done
	check "the timer erased the request closed 40 days ago" rt_erased
	check "every contact field of it is gone" test "$(PSQL -At -c "SELECT count(*) FROM request_contacts WHERE request_id = ${rt_ids[0]} AND email IS NULL AND phone IS NULL AND first_name IS NULL AND last_name IS NULL AND device_id IS NULL AND NOT notify")" = 1
	check "the one closed 10 days ago is kept" test "$(PSQL -At -c "SELECT email FROM request_contacts WHERE request_id = ${rt_ids[1]}")" = keep2@example.org
	check "the open one is kept" test "$(PSQL -At -c "SELECT email FROM request_contacts WHERE request_id = ${rt_ids[2]}")" = keep3@example.org
	check "the erasure is in the history, internal, without the data" test "$(PSQL -At -c "SELECT count(*) FROM request_updates WHERE request_id = ${rt_ids[0]} AND kind = 'erasure' AND NOT public AND description LIKE '%30 days after%' AND description NOT LIKE '%keep1%'")" = 1
	check "no outbox event holds the address any more" test "$(PSQL -At -c "SELECT count(*) FROM outbox WHERE request_id = ${rt_ids[0]} AND payload::text LIKE '%keep1@example.org%'")" = 0
	check "the timer logged what it did" await grep -q "retention: personal data erased from closed requests: 1" "$E2E_TMP/retention.log"
	stop_server retention

	# The back office sees no contact any more; the public nothing new.
	get "/requests/${rt_ids[0]}.json" -H "Authorization: Bearer $KEY_OFFICE"
	expect_jq '.[0].contact == null or (.[0].contact | [.[]] | all(. == null))'
	get "/servicerequestupdates.json?service_request_id=${rt_ids[0]}&jurisdiction_id=sandiego.gov"
	check "the erasure is not in the public updates" \
	    sh -c "! printf '%s' '$BODY' | grep -q 'erased'"

	# By hand: what is left after 5 days.
	out=$("$BIN" purge --days 5 2>&1)
	check "purge erases the one closed 10 days ago" \
	    grep -q "^request ${rt_ids[1]}, closed .*: erased$" <<<"$out"
	check "purge says how many" \
	    grep -q "^erased the reporters' personal data of 1 request closed more than 5 days ago$" <<<"$out"
	check "the open one is still kept" test "$(PSQL -At -c "SELECT email FROM request_contacts WHERE request_id = ${rt_ids[2]}")" = keep3@example.org
fi
