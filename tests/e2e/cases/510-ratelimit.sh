# Rate limits: per client address for anonymous reads, per key (its own
# rate or the default) for keyed reads and submissions, one count for all
# workers, 429 with Retry-After and an Open311 error body, then accepted
# again after Retry-After; the address a trusted proxy adds to
# X-Forwarded-For (not one the client wrote), IPv6 by /64; a POST over
# the limit is refused before its body is read. A server of its own with
# small limits, and every request weighing one (cached reads weigh less
# by default: 520-regional tests that).

if [ -z "$E2E_EXTERNAL" ]; then
	RL_PORT=$(free_port)
	start_server ratelimit "$RL_PORT" OPEN311_RATE_ANONYMOUS=6 \
	    OPEN311_RATE_KEY=30 OPEN311_RATE_SUBMIT=3 \
	    OPEN311_TRUST_FORWARDED_FOR=yes OPEN311_RATE_COST_CACHED=100
	saved=$BASE
	BASE=http://127.0.0.1:$RL_PORT
	check "its workers know the catalog" await_cache catalog
	check "its workers know the keys" await_cache keys

	# 12 anonymous reads from one address, each on a new connection (so
	# both workers serve them): exactly 6 get through. (The next one is
	# allowed 10 s later, far more than the reads take.)
	n=0
	for i in $(seq 1 12); do
		code=$(curl -s -o /dev/null -w '%{http_code}' \
		    -H 'X-Forwarded-For: 198.51.100.7' \
		    "$BASE/services.json?jurisdiction_id=sandiego.gov")
		[ "$code" = 200 ] && n=$((n + 1))
	done
	check "6 of 12 reads pass, counted across workers ($n)" test "$n" = 6

	get '/services.json?jurisdiction_id=sandiego.gov' -H 'X-Forwarded-For: 198.51.100.7'
	expect_error 429 json "rate limit of 6 requests a minute"
	expect_header_match retry-after '^[1-9][0-9]*$'
	get '/discovery.xml' -H 'X-Forwarded-For: 198.51.100.7'
	expect_error 429 xml "exceeded"
	wait_s=$(header retry-after)

	# Another address has its own bucket; a key has its own too.
	get '/discovery.json' -H 'X-Forwarded-For: 203.0.113.9'
	expect_status 200
	get '/discovery.json' -H 'X-Forwarded-For: 198.51.100.7' \
	    -H "Authorization: Bearer $KEY_WEB"
	expect_status 200

	# A client cannot choose its address: the entry the trusted proxy
	# added (the last) counts, not one the client sent before it.
	get '/discovery.json' -H 'X-Forwarded-For: 6.6.6.6, 198.51.100.7'
	expect_error 429 json "exceeded"
	# IPv6 clients count by their /64, the block one subscriber gets.
	for i in $(seq 1 6); do
		curl -s -o /dev/null -H "X-Forwarded-For: 2001:db8:1:2::$i" \
		    "$BASE/discovery.json"
	done
	get '/discovery.json' -H 'X-Forwarded-For: [2001:db8:1:2::99]:4433'
	expect_error 429 json "exceeded"
	get '/discovery.json' -H 'X-Forwarded-For: 2001:db8:1:3::1'
	expect_status 200

	# A key's own rate wins over the default.
	slow=$("$BIN" keys create --name "e2e slow" --scopes submit --rate 4 | tail -1)
	check "the new key is known" await_cache keys
	for i in 1 2 3 4; do
		post /requests.json -H "Authorization: Bearer $slow" -d 'service_code=NOPE'
		expect_status 400
	done
	post /requests.json -H "Authorization: Bearer $slow" -d 'service_code=NOPE'
	expect_error 429 json "rate limit of 4 requests a minute"

	# Submissions: rate_submit per key.
	for i in 1 2 3; do
		post /requests.json -H "Authorization: Bearer $KEY_WEB" \
		    -d 'service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=32.7157&long=-117.1611'
		expect_status 200
	done
	post /requests.xml -H "Authorization: Bearer $KEY_WEB" \
	    -d 'service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=32.7157&long=-117.1611'
	expect_error 429 xml "rate limit of 3"
	submit_wait=$(header retry-after)

	# After Retry-After, accepted again.
	sleep "$wait_s"
	get '/discovery.json' -H 'X-Forwarded-For: 198.51.100.7'
	expect_status 200
	[ "$submit_wait" -gt "$wait_s" ] && sleep $((submit_wait - wait_s))
	post /requests.json -H "Authorization: Bearer $KEY_WEB" \
	    -d 'service_code=NOISE&attribute%5BSOURCE%5D=PARTY&lat=32.7157&long=-117.1611'
	expect_status 200

	# Health checks are never limited.
	for i in $(seq 1 25); do
		curl -s -o /dev/null -H 'X-Forwarded-For: 198.51.100.8' "$BASE/healthz"
	done
	get /healthz -H 'X-Forwarded-For: 198.51.100.8'
	expect_status 200

	# Over the limit, a POST is refused before its body is read: the
	# client announces a megabyte and sends none, and still gets its
	# 429 (the server would otherwise wait for the body).
	for i in $(seq 1 6); do
		curl -s -o /dev/null "$BASE/requests.json" -d 'service_code=NOPE'
	done
	s=$(python3 tests/e2e/tools/early.py "$BASE" /requests.json \
	    "$E2E_TMP/early.out" --declare 1000000)
	check "an anonymous POST over the limit is answered before its body ($s)" \
	    test "$s" = 429
	check "with an Open311 error" \
	    grep -q 'rate limit of 6 requests a minute exceeded' "$E2E_TMP/early.out"
	tiny=$("$BIN" keys create --name "e2e tiny" --scopes submit --rate 2 | tail -1)
	check "the tiny key is known" await_cache keys
	for i in 1 2; do
		post /requests.json -H "Authorization: Bearer $tiny" -d 'service_code=NOPE'
		expect_status 400
	done
	s=$(python3 tests/e2e/tools/early.py "$BASE" /requests.json \
	    "$E2E_TMP/early.out" --declare 1000000 --auth "$tiny")
	check "a keyed POST over its key's limit is answered before its body ($s)" \
	    test "$s" = 429
	# Unknown paths and methods too.
	s=$(python3 tests/e2e/tools/early.py "$BASE" /nothing.json \
	    "$E2E_TMP/early.out" --declare 1000000)
	check "a POST to no resource is answered before its body ($s)" \
	    test "$s" = 404

	BASE=$saved
	stop_server ratelimit
fi
