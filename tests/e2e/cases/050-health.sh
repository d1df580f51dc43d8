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
	sleep 0.2
	check "access log has method, path, status, duration" \
	    grep -Eq 'access 127\.0\.0\.1 GET /services\.json\?probe=access-log 200 [0-9]+ [0-9]+\.[0-9]{3}ms' "$E2E_TMP/http.log"
fi
