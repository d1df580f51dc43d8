# /healthz and /readyz, and the access log line for every request.

get /healthz
expect_status 200
expect_json '.status' 'ok'
get /readyz
expect_status 200
expect_json '.status' 'ready'
expect_jq '.schema >= 1'
expect_jq '.catalog >= 1'

if [ -z "$E2E_EXTERNAL" ]; then
	get '/services.json?probe=access-log'
	# Written before the answer leaves; a slow machine may flush later.
	al_seen() {
		grep -Eq 'access 127\.0\.0\.1 GET /services\.json\?probe=- 200 [0-9]+ [0-9]+\.[0-9]{3}ms' "$E2E_TMP/http.log"
	}
	for _ in $(seq 1 50); do al_seen && break; sleep 0.1; done
	check "access log has method, path, status, duration" al_seen
fi

# The database drops every connection (a restart, a failover, an
# administrator): each worker notices on its idle connections at once and
# the next requests are answered on new ones, none refused.
if [ -z "$E2E_EXTERNAL" ]; then
	for _ in 1 2 3 4 5 6 7 8; do get "/requests/1.json"; done
	n=$(PSQL -tAc "select count(pg_terminate_backend(pid))
	    from pg_stat_activity where backend_type = 'client backend'
	    and datname = current_database() and pid <> pg_backend_pid()")
	check "the database dropped the gateway's connections ($n)" \
	    test "$n" -gt 0
	# Once they are gone, at once (before the workers' next catalog
	# refresh would stumble on them).
	for _ in $(seq 1 100); do
		[ "$(PSQL -tAc "select count(*) from pg_stat_activity
		    where backend_type = 'client backend' and
		    datname = current_database() and
		    pid <> pg_backend_pid()")" = 0 ] && break
		sleep 0.01
	done
	bad=0
	for _ in $(seq 1 20); do
		get "/services.json?jurisdiction_id=sandiego.gov"
		get "/requests.json?jurisdiction_id=sandiego.gov&page_size=1"
		[ "$STATUS" = 200 ] || bad=$((bad + 1))
	done
	check "every request after the drop is answered ($bad refused)" \
	    test "$bad" = 0
	get /readyz
	expect_status 200
	# The workers' own polling survived it: a key made now is known
	# within seconds (a refresh query lost with its connection once
	# stopped a worker's refreshes for good).
	hk=$("$BIN" keys create --name "after the drop" --scopes submit \
	    --channel web | tail -1)
	check "every worker loads the keys made after the drop" \
	    await_cache keys
	# Known: past the key check to the missing service.
	post /requests.json -H "Authorization: Bearer $hk" \
	    -d jurisdiction_id=sandiego.gov
	expect_error 400 json service_code
fi
