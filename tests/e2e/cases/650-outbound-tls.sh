# Outgoing TLS: a webhook over HTTPS to a back office whose certificate
# a city CA signed (outbound_ca_file), refused to one that CA did not
# sign, and reporter e-mails over STARTTLS to a relay that requires it
# (smtp_starttls yes) and over SMTPS, all with real peers (receiver.py,
# aiosmtpd).
#
# A gateway and database of their own (see tests/e2e/tools/delivery.sh).

if [ -z "$E2E_EXTERNAL" ]; then
. tests/e2e/tools/delivery.sh

dl_case tls ot
ot_sub=$DL_SUB
ot_off=$DL_OFF

# A city CA, a back office certificate it signed, and one it did not.
ot_pki=$E2E_TMP/ot-pki
mkdir -p "$ot_pki"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=e2e city CA" \
    -keyout "$ot_pki/ca.key" -out "$ot_pki/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 \
    -keyout "$ot_pki/office.key" -out "$ot_pki/office.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' \
    > "$ot_pki/ext.cnf"
openssl x509 -req -days 2 -in "$ot_pki/office.csr" -CA "$ot_pki/ca.pem" \
    -CAkey "$ot_pki/ca.key" -CAcreateserial -extfile "$ot_pki/ext.cnf" \
    -out "$ot_pki/office.pem" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$ot_pki/rogue.key" -out "$ot_pki/rogue.pem" 2>/dev/null
chmod 644 "$ot_pki"/*
check "certificates made" openssl verify -CAfile "$ot_pki/ca.pem" \
    "$ot_pki/office.pem"

ot_gport=$(free_port)
ot_rport=$(free_port)
ot_glog=$E2E_TMP/ot-good.log
ot_rlog=$E2E_TMP/ot-rogue.log
dl_receiver_start otg "$ot_gport" "$ot_glog" "$ot_pki/office.pem" \
    "$ot_pki/office.key"
check "the HTTPS back office is up" test $? -eq 0
dl_receiver_start otr "$ot_rport" "$ot_rlog" "$ot_pki/rogue.pem" \
    "$ot_pki/rogue.key"
check "the impostor is up" test $? -eq 0
ot_sport=$(free_port)
ot_dir=$E2E_TMP/ot-mail
dl_smtp_start ots "$ot_sport" "$ot_dir" --tlscert "$ot_pki/office.pem" \
    --tlskey "$ot_pki/office.key"
check "the STARTTLS relay is up" test $? -eq 0

OT_SECRET="whsec-$$-$(date +%s%N)"
export OT_SECRET
ot_out=$(dl_bin destinations add --jurisdiction sandiego.gov \
    --service TREE_DOWN --webhook "https://127.0.0.1:$ot_gport/hook" \
    --secret-env OT_SECRET)
check "destination over HTTPS ($ot_out)" test $? -eq 0
ot_out=$(dl_bin destinations add --jurisdiction sandiego.gov \
    --service SHOPPING_CART --webhook "https://127.0.0.1:$ot_rport/hook" \
    --secret-env OT_SECRET)
ot_drogue=$(printf '%s' "$ot_out" | sed -n 's/^destination \([0-9]*\):.*/\1/p')
check "destination at the impostor ($ot_out)" test -n "$ot_drogue"

ot_port=$(free_port)
start_server outtls "$ot_port" DATABASE_URL="$DL_URL" \
    OPEN311_OUTBOUND_CA_FILE="$ot_pki/ca.pem" \
    OPEN311_SMTP_URL="smtp://127.0.0.1:$ot_sport" OPEN311_SMTP_STARTTLS=yes \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200
check "the gateway is up" test $? -eq 0
ot_saved=$BASE
BASE=http://127.0.0.1:$ot_port

ot_hook_for() {
	test "$(dl_hooks "$ot_glog" "$OT_SECRET" "map(select(.request == \"$1\")) | length")" -ge 1
}
ot_mails_to() {
	test "$(dl_mails "$ot_dir" "map(select(.to == \"$1\")) | length")" = "$2"
}

# 1. The city CA signed the back office's certificate: delivered, signed.
post /requests.json -H "Authorization: Bearer $ot_sub" \
    -d 'service_code=TREE_DOWN&attribute%5BBLOCKING%5D=ROAD&lat=32.7301&long=-117.1200&email=tess%40example.org'
expect_status 200
ot_r=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
dl_until 10 ot_hook_for "$ot_r"
check "delivered over HTTPS to the CA-signed back office" test $? -eq 0
BODY=$(dl_hooks "$ot_glog" "$OT_SECRET" "map(select(.request == \"$ot_r\"))[0]")
LAST_REQ="receiver log for $ot_r"
expect_jq '.event == "request.created" and .signed == true'

# 2. A certificate the CA did not sign: never sent, the error says why.
post /requests.json -H "Authorization: Bearer $ot_sub" \
    -d 'lat=32.7302&long=-117.1210&service_code=SHOPPING_CART'
expect_status 200
ot_c=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
dl_until 10 dl_sql_is "select attempts >= 1 and state = 'pending' and last_error is not null from outbox where request_id = $ot_c and destination_id = $ot_drogue" t
check "the impostor's event waits, retried" test $? -eq 0
r=$(DLPSQL -tAc "select last_error from outbox where request_id = $ot_c and destination_id = $ot_drogue")
case "$r" in
*certificate*) pass ;;
*) fail "the event's error names the certificate: $r" ;;
esac
n=$(dl_hooks "$ot_rlog" "$OT_SECRET" length)
check "nothing reached the impostor ($n)" test "$n" = 0

# 3. E-mail over STARTTLS: the relay refuses mail before it, so the
# message arriving shows the session was encrypted (and the relay's
# certificate checked against the city CA).
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ot_off" \
    -d 'status=in_progress&description=Crew+on+the+way' \
    "$BASE/admin/requests/$ot_r/update.json")
check "status change accepted ($code)" test "$code" = 200
dl_until 10 ot_mails_to tess@example.org 1
check "the e-mail arrived over STARTTLS" test $? -eq 0
dl_until 5 dl_sql_is "select count(*) from outbox where event = 'email' and payload->>'to' = 'tess@example.org' and state = 'delivered'" 1
check "the e-mail event is delivered" test $? -eq 0

# 4. E-mail over SMTPS (smtps://, TLS from the first byte): the gateway
# restarted for a relay that speaks nothing else.
ot_s2port=$(free_port)
ot_dir2=$E2E_TMP/ot-mail-smtps
dl_smtp_start ots2 "$ot_s2port" "$ot_dir2" --smtpscert "$ot_pki/office.pem" \
    --smtpskey "$ot_pki/office.key"
check "the SMTPS relay is up" test $? -eq 0
stop_server outtls
start_server outtls "$ot_port" DATABASE_URL="$DL_URL" \
    OPEN311_OUTBOUND_CA_FILE="$ot_pki/ca.pem" \
    OPEN311_SMTP_URL="smtps://127.0.0.1:$ot_s2port" \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200
check "the gateway is up again, with smtps" test $? -eq 0
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ot_off" \
    -d 'status=closed&description=Tree+removed' \
    "$BASE/admin/requests/$ot_r/update.json")
check "closure accepted ($code)" test "$code" = 200
ot_smtps_to() {
	test "$(dl_mails "$ot_dir2" "map(select(.to == \"$1\")) | length")" = "$2"
}
dl_until 10 ot_smtps_to tess@example.org 1
check "the closure e-mail arrived over SMTPS" test $? -eq 0
check "and nothing more over STARTTLS" ot_mails_to tess@example.org 1

BASE=$ot_saved
stop_server outtls
dl_receiver_stop otg
dl_receiver_stop otr
dl_smtp_stop ots
dl_smtp_stop ots2
fi
