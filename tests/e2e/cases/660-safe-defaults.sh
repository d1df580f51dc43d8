# Defaults that keep personal data off the wire in clear: e-mails only
# over STARTTLS (smtp_starttls yes) or SMTPS, and no http:// webhook or
# upstream unless allow_plain_http_destinations says so; the opt-outs
# are logged when the gateway starts.
#
# A gateway and database of their own (see tests/e2e/tools/delivery.sh).

if [ -z "$E2E_EXTERNAL" ]; then
. tests/e2e/tools/delivery.sh

dl_case safe sd
sd_rport=$(free_port)
sd_log=$E2E_TMP/sd-hook.log
dl_receiver_start sd "$sd_rport" "$sd_log"
check "the plain-HTTP back office is up" test $? -eq 0
sd_sport=$(free_port)
sd_dir=$E2E_TMP/sd-mail
dl_smtp_start sds "$sd_sport" "$sd_dir"
check "the SMTP relay without STARTTLS is up" test $? -eq 0
SD_SECRET="whsec-$$-$(date +%s%N)"
export SD_SECRET

# 1. The tool refuses an http:// destination unless told otherwise.
sd_add() {
	"$@" destinations add --jurisdiction sandiego.gov \
	    --service TREE_DOWN --webhook "http://127.0.0.1:$sd_rport/hook" \
	    --secret-env SD_SECRET 2>&1
}
out=$(sd_add env DATABASE_URL="$DL_URL" "$BIN")
rc=$?
check "http:// destination refused by default ($rc: $out)" test "$rc" = 2
check "the refusal names the opt-out" \
    test -n "$(printf '%s' "$out" | grep allow_plain_http_destinations)"
n=$(DLPSQL -tAc "select count(*) from destinations")
check "nothing added ($n)" test "$n" = 0
out=$(sd_add dl_bin)
sd_d=$(printf '%s' "$out" | sed -n 's/^destination \([0-9]*\):.*/\1/p')
check "added with allow_plain_http_destinations yes ($out)" test -n "$sd_d"

# 2. A gateway with the defaults never sends in clear: neither to that
# destination nor to a relay that offers no STARTTLS. Both wait, with
# the reason.
sd_port=$(free_port)
start_server safe "$sd_port" DATABASE_URL="$DL_URL" \
    OPEN311_SMTP_URL="smtp://127.0.0.1:$sd_sport" \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200
sd_base=http://127.0.0.1:$sd_port
sd_r=$(curl -s -H "Authorization: Bearer $DL_SUB" \
    -d 'service_code=TREE_DOWN&attribute%5BBLOCKING%5D=ROAD&lat=32.7301&long=-117.1300&email=sal%40example.org&description=Hydrant+leaking' \
    "$sd_base/requests.json" | jq -r '.[0].service_request_id')
check "request created ($sd_r)" test -n "$(printf '%s' "$sd_r" | grep -E '^[0-9]+$')"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $DL_OFF" \
    -d 'status=in_progress&description=Crew+on+the+way' \
    "$sd_base/admin/requests/$sd_r/update.json")
check "status change accepted ($code)" test "$code" = 200
dl_until 10 dl_sql_is "select attempts >= 2 from outbox where request_id = $sd_r and destination_id = $sd_d and seq = 1" t
check "the webhook event was tried" test $? -eq 0
r=$(DLPSQL -tAc "select state || ': ' || last_error from outbox where request_id = $sd_r and destination_id = $sd_d and seq = 1")
case "$r" in
"pending: "*allow_plain_http_destinations*) pass ;;
*) fail "the webhook event waits, naming the opt-out: $r" ;;
esac
n=$(dl_hooks "$sd_log" "$SD_SECRET" length)
check "nothing reached the plain-HTTP back office ($n)" test "$n" = 0
dl_until 10 dl_sql_is "select attempts >= 2 from outbox where event = 'email' and payload->>'to' = 'sal@example.org'" t
check "the e-mail was tried" test $? -eq 0
r=$(DLPSQL -tAc "select state || ': ' || coalesce(last_error, '') from outbox where event = 'email' and payload->>'to' = 'sal@example.org'")
check "the e-mail waits, with the reason ($r)" \
    test -n "$(printf '%s' "$r" | grep -i '^pending: .*tls')"
n=$(dl_mails "$sd_dir" length)
check "no e-mail went out in clear ($n)" test "$n" = 0
n=$(grep -c 'parent.*in clear' "$E2E_TMP/safe.log")
check "no opt-out logged ($n)" test "$n" = 0
stop_server safe

# 3. The opt-outs, explicit: logged at start, then both are sent.
start_server safe "$sd_port" DATABASE_URL="$DL_URL" \
    OPEN311_SMTP_URL="smtp://127.0.0.1:$sd_sport" OPEN311_SMTP_STARTTLS=try \
    OPEN311_ALLOW_PLAIN_HTTP_DESTINATIONS=yes \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200
check "opt-out allow_plain_http_destinations logged at start" \
    await grep -q 'allow_plain_http_destinations yes: .*in clear' "$E2E_TMP/safe.log"
check "opt-out smtp_starttls try logged at start" \
    await grep -q 'smtp_starttls try: .*in clear' "$E2E_TMP/safe.log"
sd_hooked() {
	test "$(dl_hooks "$sd_log" "$SD_SECRET" "map(select(.request == \"$sd_r\")) | length")" -ge 1
}
dl_until 15 sd_hooked
check "sent to the plain-HTTP back office once allowed" test $? -eq 0
sd_mailed() {
	test "$(dl_mails "$sd_dir" length)" -ge 1
}
dl_until 15 sd_mailed
check "the e-mail went out once allowed" test $? -eq 0

stop_server safe
dl_receiver_stop sd
dl_smtp_stop sds
fi
