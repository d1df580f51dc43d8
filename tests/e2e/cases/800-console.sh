# The staff console's API (/console/api/...): accounts made with
# `open311d staff`, the one-time password link, login (a generic refusal,
# throttling per e-mail address and per client address), the session
# cookie's flags, CSRF on every change, jurisdiction scope (a Chula Vista
# agent neither sees nor changes a San Diego request, and the SQL
# functions refuse it too), actions that reach the API's history and the
# outbox, the audit log, idle and absolute timeouts, logout everywhere,
# a disabled account.
#
# SHOPPING_CART is used here at spots of its own (32.79xx, -117.16xx);
# Chula Vista's POTHOLE at 32.63xx, -117.06xx.

c8_run=$(date +%s%N)
c8_pw='correct horse battery staple'
app/tools/demo.sh "$BIN" all >/dev/null
await_cache catalog

# c8_add EMAIL NAME ROLE [JURISDICTIONS]: adds an account; prints the
# token of its password link.
c8_add() {
	"$BIN" staff add "$1" --name "$2" --role "$3" ${4:+--jurisdiction "$4"} |
	    sed -n 's/.*#token=//p'
}

# c8_set TOKEN [PASSWORD]: uses a password link.
c8_set() {
	post /console/api/password -H 'content-type: application/json' \
	    -d "{\"token\":\"$1\",\"password\":\"${2:-$c8_pw}\"}"
}

# c8_login JAR EMAIL [PASSWORD [BASE]]: logs in with cookie jar JAR;
# C8_CSRF is the session's CSRF token.
c8_login() {
	_b=${4:-$BASE}
	LAST_REQ="POST $_b/console/api/login"
	: > "$E2E_TMP/body"
	STATUS=$(curl -sk -o "$E2E_TMP/body" -D "$E2E_TMP/headers" \
	    -w '%{http_code}' -c "$1" -b "$1" -H 'content-type: application/json' \
	    -d "{\"email\":\"$2\",\"password\":\"${3:-$c8_pw}\"}" \
	    "$_b/console/api/login")
	BODY=$(cat "$E2E_TMP/body")
	C8_CSRF=$(printf '%s' "$BODY" | jq -r '.csrf // empty' 2>/dev/null)
}

# c8_new N [EMAIL]: a San Diego SHOPPING_CART request at spot N; its id.
c8_new() {
	curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
	    -d "service_code=SHOPPING_CART&lat=32.79$((10 + $1 * 2))&long=-117.16$((10 + $1 * 2))&email=${2:-c8-$1%40example.org}" \
	    "$BASE/requests.json" | jq -r '.[0].service_request_id'
}

c8_sd_mail="sd-$c8_run@example.org"
c8_cv_mail="cv-$c8_run@example.org"
c8_ad_mail="admin-$c8_run@example.org"
c8_tok_sd=$(c8_add "$c8_sd_mail" "Sam Diego" agent sandiego.gov)
c8_tok_cv=$(c8_add "$c8_cv_mail" "Chula Agent" agent chulavistaca.gov)
c8_tok_ad=$(c8_add "$c8_ad_mail" "Ada Admin" admin)
check "staff add prints a password link" test "${#c8_tok_sd}" -eq 64
check "staff add refuses an unknown jurisdiction" \
    sh -c "! '$BIN' staff add 'x-$c8_run@example.org' --name X --role agent --jurisdiction nowhere.gov"
check "staff add refuses an unknown role" \
    sh -c "! '$BIN' staff add 'y-$c8_run@example.org' --name Y --role boss"
check "staff list shows the account" \
    sh -c "'$BIN' staff list | grep -q '$c8_sd_mail.*agent.*sandiego.gov.*active.*unset'"

# c8_hashes: how many new passwords the server has hashed.
c8_hashes() {
	get /metrics
	printf '%s\n' "$BODY" | awk '$1 == "open311d_password_hashes_total" { print $2 }'
}

# The password link: too short a password, then set, then used up. A
# link that is unknown or used costs no Argon2id hash: it is looked up
# first.
c8_h0=$(c8_hashes)
check "the server counts the passwords it hashes" test -n "$c8_h0"
c8_set "$(printf '%064d' 7)"
expect_error 400 json "not valid, used or expired"
c8_set "$c8_tok_sd" short
expect_error 400 json "12 to 256 characters"
check "an unknown link or a short password hashes nothing" \
    test "$(c8_hashes)" = "$c8_h0"
c8_set "$c8_tok_sd"
expect_status 200
check "a good link hashes the password once" \
    test "$(c8_hashes)" = "$((c8_h0 + 1))"
c8_set "$c8_tok_sd"
expect_error 400 json "not valid, used or expired"
check "a used link hashes nothing" test "$(c8_hashes)" = "$((c8_h0 + 1))"
c8_set "$c8_tok_cv"
expect_status 200
c8_set "$c8_tok_ad"
expect_status 200
check "the stored password is an Argon2id hash" test "$(PSQL -tAc \
    "select password like '\$argon2id\$v=19\$m=19456,t=2,p=1\$%' from staff where email = '$c8_sd_mail'")" = t

# Login: right, wrong password, unknown account (the same refusal).
c8_jar_sd=$E2E_TMP/c8-sd.jar
c8_login "$c8_jar_sd" "$c8_sd_mail"
expect_status 200
expect_json '.account.email' "$c8_sd_mail"
expect_json '.account.role' agent
expect_jq '.account.jurisdictions == ["sandiego.gov"]'
expect_jq '.csrf | test("^[0-9a-f]{64}$")'
expect_header_match set-cookie '^open311d_session=[0-9a-f]{64}; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict$'
c8_csrf_sd=$C8_CSRF
c8_login "$E2E_TMP/c8-x.jar" "$c8_sd_mail" 'wrong password here'
expect_error 401 json "wrong e-mail address or password"
c8_wrong=$BODY
c8_login "$E2E_TMP/c8-x.jar" "nobody-$c8_run@example.org"
expect_error 401 json "wrong e-mail address or password"
check "an unknown account gets the same answer as a wrong password" \
    test "$BODY" = "$c8_wrong"
check "no password or e-mail address in the server log" \
    sh -c "! grep -q -e 'correct horse' -e 'wrong password here' $E2E_TMP/http.log"

# Over TLS the cookie is Secure and __Host- prefixed.
if [ -n "${TLS_BASE:-}" ]; then
	c8_login "$E2E_TMP/c8-tls.jar" "$c8_sd_mail" "$c8_pw" "$TLS_BASE"
	expect_status 200
	expect_header_match set-cookie '^__Host-open311d_session=[0-9a-f]{64}; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure$'
fi

# Session fixation: a planted cookie is never the session's.
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\topen311d_session\t%064d\n' 7 \
    > "$E2E_TMP/c8-fix.jar"
c8_login "$E2E_TMP/c8-fix.jar" "$c8_sd_mail"
expect_status 200
check "login replaces a planted session cookie" \
    sh -c "! grep -q '0000000000000007' '$E2E_TMP/c8-fix.jar'"

# No session: 401; the API answers JSON and is never cached.
get /console/api/me
expect_error 401 json "sign in"
get /console/api/me -b "$c8_jar_sd"
expect_status 200
expect_json '.account.name' 'Sam Diego'
expect_json '.csrf' "$c8_csrf_sd"
expect_header cache-control no-store
# Never JSONP: a script tag of another page of the site would read it.
get '/console/api/me?callback=steal' -b "$c8_jar_sd"
expect_status 200
expect_json '.account.name' 'Sam Diego'
check "a console answer is never wrapped in a callback" \
    sh -c "! printf '%s' \"\$1\" | grep -q '^steal('" _ "$BODY"

c8_jar_cv=$E2E_TMP/c8-cv.jar
c8_login "$c8_jar_cv" "$c8_cv_mail"
expect_status 200
c8_csrf_cv=$C8_CSRF
c8_jar_ad=$E2E_TMP/c8-ad.jar
c8_login "$c8_jar_ad" "$c8_ad_mail"
expect_status 200
c8_csrf_ad=$C8_CSRF

# Requests: two in San Diego (one to be a duplicate), one in Chula Vista.
c8_sd1=$(c8_new 1 "reporter-$c8_run%40example.org")
c8_sd2=$(c8_new 2)
c8_cv=$(curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
    -d "jurisdiction_id=chulavistaca.gov&service_code=POTHOLE&attribute%5BSIZE%5D=S&lat=32.6301&long=-117.0651" \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
check "requests were created ($c8_sd1 $c8_sd2 $c8_cv)" \
    test -n "$(printf '%s' "$c8_sd1$c8_sd2$c8_cv" | grep -E '^[0-9]+$')"

# The queue: my jurisdictions only, counts, keyset paging.
get '/console/api/queue?service_code=SHOPPING_CART&page_size=1' -b "$c8_jar_sd"
expect_status 200
expect_jq '.requests | length == 1'
expect_jq '.total >= 2 and .by_status.open >= 2'
expect_jq '[.requests[].jurisdiction_id] | unique == ["sandiego.gov"]'
expect_jq '.next | test("^[0-9]+$")'
c8_next=$(printf '%s' "$BODY" | jq -r .next)
get "/console/api/queue?service_code=SHOPPING_CART&page_size=1&after=$c8_next" \
    -b "$c8_jar_sd"
expect_jq ".requests[0].id | tonumber > $c8_next"
get '/console/api/queue?page_size=500' -b "$c8_jar_cv"
expect_status 200
expect_jq "[.requests[].id] | index(\"$c8_sd1\") == null"
expect_jq "[.requests[].id] | index(\"$c8_cv\") != null"
expect_jq '[.requests[].jurisdiction_id] | unique == ["chulavistaca.gov"]'
get '/console/api/queue?jurisdiction_id=sandiego.gov' -b "$c8_jar_cv"
expect_status 200
expect_json '.total' 0
get '/console/api/queue?status=maybe' -b "$c8_jar_sd"
expect_error 400 json "status must be open, closed or any"

# A request: history, contact, audited.
c8_views=$(PSQL -tAc "select count(*) from audit_log where action = 'request.view' and request_id = $c8_sd1")
get "/console/api/requests/$c8_sd1" -b "$c8_jar_sd"
expect_status 200
expect_json '.id' "$c8_sd1"
expect_json '.contact.email' "reporter-$c8_run@example.org"
expect_jq '(.history | type == "array") and .requested != null'
check "viewing personal data is audited" test "$(PSQL -tAc \
    "select count(*) from audit_log a join staff s on s.id = a.staff_id
     where a.action = 'request.view' and a.request_id = $c8_sd1
	and s.email = '$c8_sd_mail'")" -gt "$c8_views"

# Scope: Chula Vista's agent cannot see or change a San Diego request.
get "/console/api/requests/$c8_sd1" -b "$c8_jar_cv"
expect_error 404 json "not found"
post "/console/api/requests/$c8_sd1/update" -b "$c8_jar_cv" \
    -H "x-csrf-token: $c8_csrf_cv" -d 'status=CLOSED'
expect_error 404 json "not found"
post "/console/api/requests/$c8_sd2/link" -b "$c8_jar_cv" \
    -H "x-csrf-token: $c8_csrf_cv" -d "parent_service_request_id=$c8_cv"
expect_error 404 json "not found"
check "the request is unchanged" test "$(PSQL -tAc \
    "select status from requests where id = $c8_sd1")" = open
c8_cv_id=$(PSQL -tAc "select id from staff where email = '$c8_cv_mail'")
c8_sd_id=$(PSQL -tAc "select id from staff where email = '$c8_sd_mail'")
check "SQL refuses it too: console_update" test "$(PSQL -tAc \
    "select outcome from console_update($c8_sd1, $c8_cv_id, NULL, 'closed',
	NULL, NULL, NULL, now(), true, NULL, NULL, NULL, NULL, NULL)")" = not_found
check "SQL refuses it too: console_link" test "$(PSQL -tAc \
    "select outcome from console_link($c8_cv_id, $c8_sd2, $c8_sd1, NULL)")" = not_found
check "SQL refuses it too: console_sees" test "$(PSQL -tAc \
    "select console_sees($c8_cv_id, $c8_sd1)")" = f

# CSRF: missing or wrong is 403, and nothing changes.
post "/console/api/requests/$c8_sd1/update" -b "$c8_jar_sd" -d 'status=CLOSED'
expect_error 403 json "X-CSRF-Token"
post "/console/api/requests/$c8_sd1/update" -b "$c8_jar_sd" \
    -H "x-csrf-token: $c8_csrf_cv" -d 'status=CLOSED'
expect_error 403 json "X-CSRF-Token"
check "a refused change changes nothing" test "$(PSQL -tAc \
    "select status from requests where id = $c8_sd1")" = open

# A status change with a public note: the API's history, the outbox
# (the reporter's e-mail), the audit log with before and after.
c8_mails=$(PSQL -tAc "select count(*) from outbox where request_id = $c8_sd1 and event = 'email'")
post "/console/api/requests/$c8_sd1/update" -b "$c8_jar_sd" \
    -H "x-csrf-token: $c8_csrf_sd" \
    -d 'status=IN_PROGRESS&description=Crew+on+the+way'
expect_status 200
expect_json '.id' "$c8_sd1"
expect_json '.applied' true
get "/requests/$c8_sd1.json?extensions=true"
expect_json '.[0].extended_attributes.detailed_status' in_progress
expect_jq '[.[0].notes[] | select(.description == "Crew on the way")] | length == 1'
check "the reporter's e-mail is in the outbox" test "$(PSQL -tAc \
    "select count(*) from outbox where request_id = $c8_sd1 and event = 'email'")" -gt "$c8_mails"
check "the update names the staff member" test "$(PSQL -tAc \
    "select count(*) from request_updates where request_id = $c8_sd1
	and staff_id = $c8_sd_id and description = 'Crew on the way'")" = 1
check "the change is audited with before and after" test "$(PSQL -tAc \
    "select detail->'before'->>'detailed_status' || '>' ||
	(detail->'after'->>'detailed_status')
     from audit_log where action = 'request.update'
	and request_id = $c8_sd1 and staff_id = $c8_sd_id order by id desc limit 1")" = 'open>in_progress'

# An internal note: in the console's history, not the API's; no e-mail.
c8_mails=$(PSQL -tAc "select count(*) from outbox where request_id = $c8_sd1 and event = 'email'")
post "/console/api/requests/$c8_sd1/update" -b "$c8_jar_sd" \
    -H "x-csrf-token: $c8_csrf_sd" \
    -d 'description=Caller+sounded+upset&public=false'
expect_status 200
get "/requests/$c8_sd1.json?extensions=true"
expect_jq '[.[0].notes[] | select(.description == "Caller sounded upset")] | length == 0'
get "/console/api/requests/$c8_sd1" -b "$c8_jar_sd"
expect_jq '[.history[] | select(.description == "Caller sounded upset" and .public == false and .by == "Sam Diego")] | length == 1'
check "an internal note e-mails nobody" test "$(PSQL -tAc \
    "select count(*) from outbox where request_id = $c8_sd1 and event = 'email'")" = "$c8_mails"

# Transfer and expected date.
post "/console/api/requests/$c8_sd1/update" -b "$c8_jar_sd" \
    -H "x-csrf-token: $c8_csrf_sd" \
    -d 'agency_responsible=Public+Utilities+Field+Crew&expected_datetime=2030-01-02T03:04:05Z'
expect_status 200
get "/requests/$c8_sd1.json"
expect_json '.[0].agency_responsible' 'Public Utilities Field Crew'
expect_json '.[0].expected_datetime' '2030-01-02T03:04:05Z'

# Duplicates: link, then unlink, by the same functions as the admin API.
post "/console/api/requests/$c8_sd2/link" -b "$c8_jar_sd" \
    -H "x-csrf-token: $c8_csrf_sd" -d "parent_service_request_id=$c8_sd1"
expect_status 200
expect_json '.parent_id' "$c8_sd1"
get "/requests/$c8_sd2.json?extensions=true"
expect_json '.[0].extended_attributes.parent_service_request_id' "$c8_sd1"
post "/console/api/requests/$c8_sd2/unlink" -b "$c8_jar_sd" \
    -H "x-csrf-token: $c8_csrf_sd" -d ''
expect_status 200
check "link and unlink name the staff member" test "$(PSQL -tAc \
    "select count(*) from request_updates where request_id = $c8_sd2
	and staff_id = $c8_sd_id and kind in ('link', 'unlink')")" = 2

# Close, then reopen.
post "/console/api/requests/$c8_sd1/update" -b "$c8_jar_sd" \
    -H "x-csrf-token: $c8_csrf_sd" -d 'status=FIXED&description=Repaired'
expect_status 200
post "/console/api/requests/$c8_sd1/update" -b "$c8_jar_sd" \
    -H "x-csrf-token: $c8_csrf_sd" -d 'status=REOPEN&description=Still+leaking'
expect_status 200
get "/requests/$c8_sd1.json"
expect_json '.[0].status' open

# Admin pages: an agent may not; the admin reads the audit log.
get /console/api/audit -b "$c8_jar_sd"
expect_error 403 json "role"
get "/console/api/audit?request_id=$c8_sd1" -b "$c8_jar_ad"
expect_status 200
expect_jq '[.entries[] | select(.action == "request.update" and .staff == "'"$c8_sd_mail"'")] | length >= 4'
expect_jq '[.entries[] | select(.action == "request.view")] | length >= 1'
get /console/api/outbox -b "$c8_jar_ad"
expect_status 200
expect_jq '(.backlog | type == "array") and (.dead | type == "array")'
get /console/api/health -b "$c8_jar_ad"
expect_status 200
expect_jq '.schema_version >= 9'
# The server's figures at a glance, from the metrics every worker shares.
expect_jq '.workers >= 1 and .requests > 0 and .client_errors > 0 and (.latency_p95_ms | type == "number") and .db_queries > 0'
c8_req=$(printf '%s' "$BODY" | jq .requests)
get /metrics
c8_met=$(printf '%s\n' "$BODY" | awk '/^open311d_http_requests_total/ { n += $2 } END { print n }')
check "the figures are the metrics' ($c8_req <= $c8_met)" test "$c8_req" -le "$c8_met"
post /console/api/outbox/999999999/retry -b "$c8_jar_ad" \
    -H "x-csrf-token: $c8_csrf_ad" -d ''
expect_error 404 json "no dead event"

# Throttling per e-mail address: after 5 failures even the right
# password is refused, with the same kind of answer for any address.
c8_tok_th=$(c8_add "th-$c8_run@example.org" "Throttled" agent sandiego.gov)
c8_set "$c8_tok_th"
expect_status 200
for _ in 1 2 3 4 5; do
	c8_login "$E2E_TMP/c8-th.jar" "th-$c8_run@example.org" 'not the password'
done
expect_error 401 json "wrong e-mail address or password"
c8_login "$E2E_TMP/c8-th.jar" "th-$c8_run@example.org"
expect_error 429 json "too many failed sign-ins"
check "a throttled login is audited" test "$(PSQL -tAc \
    "select count(*) from audit_log where action = 'login.throttled'
	and target = 'th-$c8_run@example.org'")" -ge 1

# Logout everywhere: a second session of the account ends too.
c8_jar_sd2=$E2E_TMP/c8-sd2.jar
c8_login "$c8_jar_sd2" "$c8_sd_mail"
expect_status 200
post /console/api/logout-all -b "$c8_jar_sd" -c "$c8_jar_sd" -d ''
expect_error 403 json "X-CSRF-Token"
post /console/api/logout-all -b "$c8_jar_sd" -c "$c8_jar_sd" \
    -H "x-csrf-token: $c8_csrf_sd" -d ''
expect_status 200
expect_jq '.sessions_ended >= 2'
expect_header_match set-cookie '^open311d_session=; Path=/; Max-Age=0;'
get /console/api/me -b "$c8_jar_sd2"
expect_error 401 json "sign in"

# The absolute lifetime: a session older than console_lifetime is over.
c8_login "$c8_jar_sd" "$c8_sd_mail"
expect_status 200
PSQL -qc "update staff_sessions set created_at = now() - interval '13 hours'
    where staff_id = $c8_sd_id" >/dev/null
get /console/api/me -b "$c8_jar_sd"
expect_error 401 json "sign in"

# A disabled account's sessions end at once.
c8_login "$c8_jar_cv" "$c8_cv_mail"
expect_status 200
check "staff disable" "$BIN" staff disable "$c8_cv_mail"
get /console/api/me -b "$c8_jar_cv"
expect_error 401 json "sign in"
c8_login "$c8_jar_cv" "$c8_cv_mail"
expect_error 401 json "wrong e-mail address or password"

# A server of its own: an idle timeout of 2 s, throttling per client
# address (X-Forwarded-For trusted) after 3 failures.
c8_port=$(free_port)
if start_server console "$c8_port" OPEN311_CONSOLE_IDLE=2 \
    OPEN311_CONSOLE_LOGIN_ADDRESS_MAX=3 OPEN311_TRUST_FORWARDED_FOR=yes; then
	c8_b=http://127.0.0.1:$c8_port
	# Its own client address: 127.0.0.1 has failed often by now.
	LAST_REQ="POST $c8_b/console/api/login"
	STATUS=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' \
	    -c "$c8_jar_ad" -H "x-forwarded-for: 198.51.100.6" \
	    -H 'content-type: application/json' \
	    -d "{\"email\":\"$c8_ad_mail\",\"password\":\"$c8_pw\"}" \
	    "$c8_b/console/api/login")
	BODY=$(cat "$E2E_TMP/body")
	expect_status 200
	get /console/api/me -b "$c8_jar_ad"
	expect_status 200
	# Wait until the session has been idle for 2 s, without using it.
	for _ in $(seq 1 300); do
		[ "$(PSQL -tAc "select bool_and(last_seen < now() - interval '2.5 seconds')
		    from staff_sessions s join staff t on t.id = s.staff_id
		    where t.email = '$c8_ad_mail'")" = t ] && break
		sleep 0.1
	done
	LAST_REQ="GET $c8_b/console/api/me (idle)"
	STATUS=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' -b "$c8_jar_ad" \
	    "$c8_b/console/api/me")
	BODY=$(cat "$E2E_TMP/body")
	expect_error 401 json "sign in"

	c8_xff=203.0.113.$((c8_run % 200 + 1))
	for n in 1 2 3; do
		curl -s -o /dev/null -H "x-forwarded-for: $c8_xff" \
		    -H 'content-type: application/json' \
		    -d "{\"email\":\"nobody$n-$c8_run@example.org\",\"password\":\"x\"}" \
		    "$c8_b/console/api/login"
	done
	LAST_REQ="POST $c8_b/console/api/login (address throttled)"
	STATUS=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' \
	    -H "x-forwarded-for: $c8_xff" -H 'content-type: application/json' \
	    -d "{\"email\":\"$c8_ad_mail\",\"password\":\"$c8_pw\"}" \
	    "$c8_b/console/api/login")
	BODY=$(cat "$E2E_TMP/body")
	expect_error 429 json "too many failed sign-ins"
	STATUS=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' \
	    -H "x-forwarded-for: 198.51.100.7" -H 'content-type: application/json' \
	    -d "{\"email\":\"$c8_ad_mail\",\"password\":\"$c8_pw\"}" \
	    "$c8_b/console/api/login")
	BODY=$(cat "$E2E_TMP/body")
	expect_status 200
	stop_server console
else
	fail "the console server with a short idle timeout did not start"
fi

# The pages: embedded, the pages' security headers, no inline script,
# their modules served, and data put in the DOM as text only.
for p in /console/ /console/requests/1 /console/admin /console/password; do
	get "$p" -H 'accept: text/html'
	expect_status 200
	expect_header content-type "text/html; charset=utf-8"
	expect_header_match content-security-policy "script-src 'self';"
	expect_header x-frame-options DENY
	check "no inline script on $p" \
	    sh -c "! grep -Eq '<script>|<script [^>]*>[^<]|style=' '$E2E_TMP/body'"
done
get /console/ -H 'accept: text/html'
c8_js=$(printf '%s' "$BODY" | grep -o '/assets/[0-9a-f]*/console/js/queue.js' | head -1)
check "the console page names its module" test -n "$c8_js"
get "$c8_js"
expect_status 200
expect_header_match content-type "javascript"
for f in "${c8_js%queue.js}api.js" "${c8_js%queue.js}request.js" \
    "${c8_js%queue.js}admin.js" "${c8_js%queue.js}password.js"; do
	get "$f"
	expect_status 200
	check "no innerHTML in $(basename "$f")" \
	    sh -c "! grep -q -e innerHTML -e outerHTML -e insertAdjacentHTML -e document.write '$E2E_TMP/body'"
done
