# Password links e-mailed (an aiosmtpd sink): `staff add` with smtp_url
# set queues the link in the outbox and the server sends it; the link in
# the mail sets the password and the account logs in; `staff link`
# makes a new one and the earlier stops working; an admin's
# POST /console/api/staff/{id}/link e-mails one without showing it
# (agents refused, CSRF needed, audited); without smtp_url it is 409.
# The token is never in the server's log (access log included) and
# leaves the outbox once sent.
#
# A gateway and database of their own (see tests/e2e/tools/delivery.sh).

if [ -z "$E2E_EXTERNAL" ]; then
. tests/e2e/tools/delivery.sh

sm_pw='correct horse battery staple'
dl_case staffmail sm
sm_sport=$(free_port)
sm_dir=$E2E_TMP/sm-mail
dl_smtp_start sm "$sm_sport" "$sm_dir"
check "the SMTP sink is up" test $? -eq 0
sm_port=$(free_port)
sm_saved=$BASE
BASE=http://127.0.0.1:$sm_port
sm_env=(DATABASE_URL="$DL_URL" OPEN311_PUBLIC_URL="$BASE"
    OPEN311_SMTP_URL="smtp://127.0.0.1:$sm_sport" OPEN311_SMTP_STARTTLS=no
    OPEN311_SMTP_FROM="San Diego 311 <no-reply@311.example.org>")
start_server staffmail "$sm_port" "${sm_env[@]}" \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200
sm_log=$E2E_TMP/staffmail.log
dl_until 10 curl -sf -o /dev/null "$BASE/healthz"
check "the gateway with SMTP is up" test $? -eq 0

# sm_bin ARGS: the command line with the server's settings (smtp_url).
sm_bin() {
	env "${sm_env[@]}" "$BIN" "$@"
}
sm_count() {
	dl_mails "$sm_dir" "map(select(.to == \"$1\")) | length"
}
sm_count_is() {
	test "$(sm_count "$1")" = "$2"
}
# sm_last ADDR: the newest message to ADDR into BODY; its link's token
# into SM_TOK.
sm_last() {
	BODY=$(dl_mails "$sm_dir" "map(select(.to == \"$1\")) | last")
	LAST_REQ="the last e-mail to $1"
	STATUS=-
	SM_TOK=$(printf '%s' "$BODY" | jq -r '.body' |
	    sed -n 's/^.*\/console\/password#token=\([0-9a-f]*\)$/\1/p')
}
sm_set() {
	post /console/api/password -H 'content-type: application/json' \
	    -d "{\"token\":\"$1\",\"password\":\"${2:-$sm_pw}\"}"
}
# sm_login JAR EMAIL [PASSWORD]: SM_CSRF is the session's CSRF token.
sm_login() {
	LAST_REQ="POST $BASE/console/api/login"
	: > "$E2E_TMP/body"
	STATUS=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' -c "$1" -b "$1" \
	    -H 'content-type: application/json' \
	    -d "{\"email\":\"$2\",\"password\":\"${3:-$sm_pw}\"}" \
	    "$BASE/console/api/login")
	BODY=$(cat "$E2E_TMP/body")
	SM_CSRF=$(printf '%s' "$BODY" | jq -r '.csrf // empty' 2>/dev/null)
}
sm_tokens=()

# 1. staff add: the link printed and e-mailed (the same link).
sm_ag="agent-$$@example.org"
sm_ad="admin-$$@example.org"
sm_out=$(sm_bin staff add "$sm_ag" --name "Ana López" --role agent \
    --jurisdiction sandiego.gov)
check "staff add says it e-mailed the link ($sm_out)" \
    sh -c "printf '%s' '$sm_out' | grep -q 'e-mailed to $sm_ag'"
sm_t1=$(printf '%s\n' "$sm_out" | sed -n 's/.*#token=//p')
check "staff add still prints the link" test "${#sm_t1}" -eq 64
sm_tokens+=("$sm_t1")
dl_until 10 sm_count_is "$sm_ag" 1
check "the sink received the password mail" test $? -eq 0
sm_last "$sm_ag"
expect_json '.subject' 'Your password link for the staff console'
expect_json '.from' 'San Diego 311 <no-reply@311.example.org>'
expect_json '.rcpt_to' "$sm_ag"
expect_jq '.body | startswith("Hello Ana López,\n")'
expect_jq ".body | contains(\"\n$BASE/console/password#token=$sm_t1\n\")"
expect_jq '.body | contains("The link works once, for 72 hours.")'
expect_jq '.list_unsubscribe == null'
check "the mail's link is the printed one ($SM_TOK)" test "$SM_TOK" = "$sm_t1"
dl_until 5 dl_sql_is "select state || '|' || (payload ? 'token') from outbox where event = 'staff.password' and payload->>'to' = '$sm_ag'" "delivered|false"
check "sent, the outbox event no longer holds the token" test $? -eq 0
r=$(DLPSQL -tAc "select count(*) filter (where hash = sha256('$sm_t1'::bytea)) || '|' || count(*) filter (where encode(hash, 'hex') = '$sm_t1') from staff_password_tokens")
check "the link's hash is stored, not the token ($r)" test "$r" = "1|0"

# 2. The mail's link sets the password; login works.
sm_set "$SM_TOK"
expect_status 200
sm_login "$E2E_TMP/sm-ag.jar" "$sm_ag"
expect_status 200
check "the agent has a CSRF token" test "${#SM_CSRF}" -eq 64
sm_ag_csrf=$SM_CSRF
sm_ag_id=$(DLPSQL -tAc "select id from staff where email = '$sm_ag'")

# 3. staff link: a new link, e-mailed; the next one makes it stop working.
sm_out=$(sm_bin staff link "$sm_ag")
sm_t2=$(printf '%s\n' "$sm_out" | sed -n 's/.*#token=//p')
check "staff link prints a new link" test "${#sm_t2}" -eq 64
sm_tokens+=("$sm_t2")
dl_until 10 sm_count_is "$sm_ag" 2
check "staff link e-mails it" test $? -eq 0
sm_last "$sm_ag"
check "the mail has the new link" test "$SM_TOK" = "$sm_t2"
sm_out=$(sm_bin staff link "$sm_ag")
sm_t3=$(printf '%s\n' "$sm_out" | sed -n 's/.*#token=//p')
sm_tokens+=("$sm_t3")
dl_until 10 sm_count_is "$sm_ag" 3
check "a third link e-mailed" test $? -eq 0
sm_set "$sm_t2" 'another long password 2'
expect_error 400 json "not valid, used or expired"

# 4. The console: an admin e-mails a link; the token is not in the answer.
sm_out=$(sm_bin staff add "$sm_ad" --name "Ada Admin" --role admin)
sm_tokens+=("$(printf '%s\n' "$sm_out" | sed -n 's/.*#token=//p')")
dl_until 10 sm_count_is "$sm_ad" 1
check "the admin's mail" test $? -eq 0
sm_last "$sm_ad"
sm_set "$SM_TOK"
expect_status 200
sm_login "$E2E_TMP/sm-ad.jar" "$sm_ad"
expect_status 200
sm_ad_csrf=$SM_CSRF
post "/console/api/staff/$sm_ag_id/link" -d "" -b "$E2E_TMP/sm-ad.jar" \
    -H "X-CSRF-Token: $sm_ad_csrf"
expect_status 200
expect_json '.emailed_to' "$sm_ag"
expect_jq '[.. | strings | select(test("^[0-9a-f]{64}$"))] | length == 0'
dl_until 10 sm_count_is "$sm_ag" 4
check "the console's link is e-mailed" test $? -eq 0
sm_last "$sm_ag"
sm_tokens+=("$SM_TOK")
sm_t4=$SM_TOK
check "a new link ($sm_t4)" test "${#sm_t4}" -eq 64 -a "$sm_t4" != "$sm_t3"
sm_set "$sm_t3" 'another long password 3'
expect_error 400 json "not valid, used or expired"
r=$(DLPSQL -tAc "select count(*) from audit_log a join staff s on s.id = a.staff_id where a.action = 'staff.password_link' and s.email = '$sm_ad' and a.target = '$sm_ag' and a.detail->>'emailed' = 'true' and a.address is not null")
check "the console's link is audited ($r)" test "$r" = 1
sm_set "$sm_t4" 'the new password from the console'
expect_status 200
sm_login "$E2E_TMP/sm-ag2.jar" "$sm_ag" 'the new password from the console'
expect_status 200

# 5. Refused: without the CSRF token, to an agent, an unknown account.
post "/console/api/staff/$sm_ag_id/link" -d "" -b "$E2E_TMP/sm-ad.jar"
expect_status 403
post "/console/api/staff/$sm_ag_id/link" -d "" -b "$E2E_TMP/sm-ag2.jar" \
    -H "X-CSRF-Token: $SM_CSRF"
expect_status 403
post "/console/api/staff/999999/link" -d "" -b "$E2E_TMP/sm-ad.jar" \
    -H "X-CSRF-Token: $sm_ad_csrf"
expect_status 404
sleep 0.5
check "no mail for the refused calls ($(sm_count "$sm_ag"))" sm_count_is "$sm_ag" 4

# 6. The tokens never reach the server's log nor stay in the outbox.
for t in "${sm_tokens[@]}"; do
	check "token ${t:0:8}... is not in the server log" \
	    sh -c "! grep -q '$t' '$sm_log'"
done
check "the server log has the access log lines" \
    grep -q "/console/api/staff/$sm_ag_id/link" "$sm_log"
dl_until 5 dl_sql_is "select count(*) from outbox where payload ? 'token' and event = 'staff.password'" 0
check "no token left in the outbox" test $? -eq 0

BASE=$sm_saved
stop_server staffmail
dl_smtp_stop sm

# 7. Without smtp_url (the suite's server): the console answers 409, the
# command line prints the link and says nothing of e-mail.
sm_out=$("$BIN" staff add "nosmtp-$$@example.org" --name "No Mail" --role admin)
check "no e-mail without smtp_url" \
    sh -c "! printf '%s' '$sm_out' | grep -q 'e-mailed'"
sm_t5=$(printf '%s\n' "$sm_out" | sed -n 's/.*#token=//p')
sm_set "$sm_t5"
expect_status 200
sm_login "$E2E_TMP/sm-ns.jar" "nosmtp-$$@example.org"
expect_status 200
sm_ns_id=$(PSQL -XAtc "select id from staff where email = 'nosmtp-$$@example.org'")
post "/console/api/staff/$sm_ns_id/link" -d "" -b "$E2E_TMP/sm-ns.jar" \
    -H "X-CSRF-Token: $SM_CSRF"
expect_error 409 json "smtp_url is not set"
r=$(PSQL -XAtc "select count(*) from outbox where event = 'staff.password'")
check "nothing queued without smtp_url ($r)" test "$r" = 0
fi
