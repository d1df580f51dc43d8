# Statement timeouts per class of query: public reads run on their own
# connections with statement_timeout_public_ms, writes and the back
# office with statement_timeout_ms, both set as the connection starts
# (no round trip per query). A public read that runs out of time gets
# 503 with Retry-After in its format and its connection is free again at
# once; a submission that takes as long is not cut short. A server of
# its own with a short public timeout; a second's sleep put into the SQL
# functions a list and a submission call stands in for heavy work.

if [ -z "$E2E_EXTERNAL" ]; then
	ST_PORT=$(free_port)
	start_server timeouts "$ST_PORT" \
	    OPEN311_STATEMENT_TIMEOUT_PUBLIC_MS=400 \
	    OPEN311_STATEMENT_TIMEOUT_MS=30000
	st_saved=$BASE
	BASE=http://127.0.0.1:$ST_PORT
	check "its workers know the catalog" await_cache catalog
	check "its workers know the keys" await_cache keys
	st_auth=(-H "Authorization: Bearer $KEY_SUBMIT")
	post /requests.json "${st_auth[@]}" -d "jurisdiction_id=sandiego.gov&service_code=SHOPPING_CART&address_string=1+Timeout+St"
	expect_status 200
	get "/requests.json?jurisdiction_id=sandiego.gov"
	expect_status 200

	# st_fn NAME: the definition of function NAME in migration 0010.
	st_fn() {
		sed -n "/^CREATE FUNCTION $1(/,/^\\\$\\\$;/p" \
		    migrations/0010_private_services.sql |
		    sed 's/^CREATE FUNCTION/CREATE OR REPLACE FUNCTION/'
	}
	PSQL -c "CREATE OR REPLACE FUNCTION o311_private_codes(p_jur text)
	    RETURNS text[] LANGUAGE sql STABLE AS \$\$
		SELECT (SELECT coalesce(array_agg(code), '{}') FROM services
		    WHERE jurisdiction_id = p_jur AND private)
		FROM pg_sleep(1)
	    \$\$;
	    CREATE OR REPLACE FUNCTION o311_private_token() RETURNS trigger
	    LANGUAGE plpgsql AS \$\$
	    BEGIN
		PERFORM pg_sleep(1);
		RETURN NEW;
	    END
	    \$\$" >/dev/null

	# More public reads at once than both workers have connections: each
	# gets 503 at once, not after its second of work.
	st_pids=()
	for i in $(seq 1 12); do
		curl -s -o "$E2E_TMP/st_$i" -D "$E2E_TMP/st_h$i" \
		    -w '%{http_code} %{time_total}\n' \
		    "$BASE/requests.json?jurisdiction_id=sandiego.gov&page_size=$i" \
		    > "$E2E_TMP/st_code$i" &
		st_pids+=("$!")
	done
	for p in "${st_pids[@]}"; do
		wait "$p"
	done
	st_ok=0
	for i in $(seq 1 12); do
		read -r code secs < "$E2E_TMP/st_code$i"
		if [ "$code" = 503 ] &&
		    grep -qi '^retry-after: 5' "$E2E_TMP/st_h$i" &&
		    jq -e '.[0].code == 503 and (.[0].description | contains("took longer than this server allows"))' "$E2E_TMP/st_$i" >/dev/null; then
			st_ok=$((st_ok + 1))
		fi
	done
	check "12 public reads got 503 ($st_ok)" test "$st_ok" = 12
	get "/requests.xml?jurisdiction_id=sandiego.gov&status=open"
	expect_error 503 xml "took longer than this server allows"
	expect_header retry-after 5
	# Cut short by PostgreSQL's statement timeout (SQLSTATE 57014): a
	# state, not a time. One more cancellation in its log.
	st_log=$E2E_TMP/pg/postgres.log
	st_n=$(grep -c 'canceling statement due to statement timeout' "$st_log")
	get "/requests.json?jurisdiction_id=sandiego.gov"
	expect_status 503
	check "the read was cancelled by the statement timeout" \
	    await test "$(grep -c 'canceling statement due to statement timeout' "$st_log")" -gt "$st_n"
	# A submission that takes a second is a write: stored.
	post /requests.json "${st_auth[@]}" -d "jurisdiction_id=sandiego.gov&service_code=SHOPPING_CART&address_string=2+Timeout+St"
	expect_status 200
	expect_jq '.[0].service_request_id | test("^[0-9]+$")'

	{ st_fn o311_private_codes; st_fn o311_private_token; } |
	    PSQL >/dev/null
	check "the functions are back" test "$(PSQL -XAt -c "SELECT count(*) FROM pg_proc WHERE proname IN ('o311_private_codes', 'o311_private_token') AND prosrc LIKE '%pg_sleep%'")" = 0
	# Every connection is free again.
	for i in 1 2 3 4 5 6 7 8 9 10; do
		get "/requests.json?jurisdiction_id=sandiego.gov&page_size=$i"
		expect_status 200
	done

	BASE=$st_saved
	stop_server timeouts
fi
