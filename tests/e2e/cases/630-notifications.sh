# Reporter e-mails over SMTP (an aiosmtpd sink): one per status change,
# transfer and closure, none for notes or to reporters who declined;
# duplicates' reporters hear about their parent; List-Unsubscribe with
# one-click unsubscribe; the closure's feedback link and form.
#
# A gateway and database of their own (see tests/e2e/tools/delivery.sh):
# the suite's servers have no smtp_url and leave e-mails pending.

if [ -z "$E2E_EXTERNAL" ]; then
. tests/e2e/tools/delivery.sh

dl_case mail nt
nt_sub=$DL_SUB
nt_off=$DL_OFF
nt_O=(-H "Authorization: Bearer $nt_off")

nt_sport=$(free_port)
nt_dir=$E2E_TMP/nt-mail
dl_smtp_start nt "$nt_sport" "$nt_dir"
check "the SMTP sink is up" test $? -eq 0
nt_port=$(free_port)
start_server mail "$nt_port" DATABASE_URL="$DL_URL" \
    OPEN311_SMTP_URL="smtp://127.0.0.1:$nt_sport" OPEN311_SMTP_STARTTLS=no \
    OPEN311_SMTP_FROM="San Diego 311 <no-reply@311.example.org>" \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200
nt_saved=$BASE
BASE=http://127.0.0.1:$nt_port

nt_mails() {
	dl_mails "$nt_dir" "${1:-}"
}
nt_count() {
	nt_mails "map(select(.to == \"$1\")) | length"
}
nt_count_is() {
	test "$(nt_count "$1")" = "$2"
}
# nt_last ADDR: the newest message to ADDR, into BODY for expect_*.
nt_last() {
	BODY=$(nt_mails "map(select(.to == \"$1\")) | last")
	LAST_REQ="the last e-mail to $1"
	STATUS=-
}
nt_token() {
	DLPSQL -tAc "select token from request_contacts where request_id = $1"
}
nt_emails() {
	DLPSQL -tAc "select count(*) from outbox where event = 'email' and payload->>'to' = '$1'"
}
nt_update() {
	# nt_update ID FIELDS: the back office changes request ID
	curl -s -o /dev/null -w '%{http_code}' "${nt_O[@]}" -d "$2" \
	    "$BASE/admin/requests/$1/update.json"
}
# nt_new N FIELDS: a TREE_DOWN report at spot N (about 550 m apart).
nt_new() {
	curl -s -H "Authorization: Bearer $nt_sub" \
	    -d "service_code=TREE_DOWN&attribute%5BBLOCKING%5D=ROAD&lat=32.7$((300 + $1 * 50))&long=-117.1100&$2" \
	    "$BASE/requests.json" | jq -r '.[0].service_request_id'
}

nt_r=$(nt_new 1 'email=rita%40example.org&first_name=Rita&last_name=Reporter')
nt_n=$(nt_new 2 'email=nobody%40example.org&first_name=Ned&email_alerts_requested=FALSE')
check "requests created ($nt_r $nt_n)" test -n "$(printf '%s' "$nt_r$nt_n" | grep -E '^[0-9]+$')"
nt_tr=$(nt_token "$nt_r")
check "a reporter token ($nt_tr)" test ${#nt_tr} = 32

# 1. A status change: one e-mail.
code=$(nt_update "$nt_r" 'status=in_progress&description=Crew+on+the+way')
check "status change accepted ($code)" test "$code" = 200
dl_until 10 nt_count_is rita@example.org 1
check "one e-mail for the status change" test $? -eq 0
nt_last rita@example.org
expect_json '.from' 'San Diego 311 <no-reply@311.example.org>'
expect_json '.mail_from' 'no-reply@311.example.org'
expect_json '.rcpt_to' 'rita@example.org'
expect_json '.subject' "Your report $nt_r (Fallen tree or limb): in progress"
expect_jq '.content_type | startswith("text/plain") and contains("utf-8")'
expect_json '.auto_submitted' 'auto-generated'
expect_json '.list_unsubscribe' "<$BASE/unsubscribe?t=$nt_tr>"
expect_json '.list_unsubscribe_post' 'List-Unsubscribe=One-Click'
expect_jq '.message_id | test("^<[0-9a-f]{32}@open311d>$")'
expect_jq '.body | startswith("Hello Rita,\n")'
expect_jq ".body | contains(\"Your report $nt_r (Fallen tree or limb) to City of San Diego is now in progress.\")"
expect_jq '.body | contains("Note from the team:\nCrew on the way\n")'
expect_jq ".body | contains(\"Follow it at $BASE/requests/$nt_r?t=$nt_tr\n\")"
expect_jq '.body | contains("Not fixed?") | not'
expect_jq ".body | contains(\"To stop e-mails about this report: $BASE/unsubscribe?t=$nt_tr\")"
expect_jq '.body | contains("feedback") | not'
nt_mid=$(printf '%s' "$BODY" | jq -r '.message_id')
dl_until 5 dl_sql_is "select count(*) from outbox where event = 'email' and '<' || idempotency_key || '@open311d>' = '$nt_mid' and state = 'delivered'" 1
check "Message-ID is the outbox event's idempotency key ($nt_mid)" test $? -eq 0

# 2. Notes send nothing: status_notes alone, a description alone, a new
# expected time.
nt_before=$(nt_emails rita@example.org)
code=$(nt_update "$nt_r" 'status_notes=Waiting+for+a+chainsaw')
check "a note accepted ($code)" test "$code" = 200
code=$(nt_update "$nt_r" 'description=Called+the+contractor')
check "a description accepted ($code)" test "$code" = 200
code=$(nt_update "$nt_r" 'expected_datetime=2026-12-24T12:00:00Z')
check "an expected time accepted ($code)" test "$code" = 200
post /servicerequestupdates.json "${nt_O[@]}" \
    -d "service_request_id=$nt_r&update_id=nt-$$-same&status=IN_PROGRESS&description=Same+status"
expect_status 200
sleep 1
n=$(nt_emails rita@example.org)
check "no e-mail queued for notes or an unchanged status ($nt_before then $n)" test "$n" = "$nt_before"
check "no e-mail sent for notes ($(nt_count rita@example.org))" nt_count_is rita@example.org 1

# 3. A transfer: one e-mail naming the new agency.
code=$(nt_update "$nt_r" 'agency_responsible=Parks+and+Recreation')
check "transfer accepted ($code)" test "$code" = 200
dl_until 10 nt_count_is rita@example.org 2
check "one e-mail for the transfer" test $? -eq 0
nt_last rita@example.org
expect_json '.subject' "Your report $nt_r (Fallen tree or limb): passed to another team"
expect_jq ".body | contains(\"City of San Diego passed your report $nt_r (Fallen tree or limb) to Parks and Recreation, who will handle it from now on.\")"
expect_json '.list_unsubscribe' "<$BASE/unsubscribe?t=$nt_tr>"

# 4. A duplicate: its reporter hears about the parent.
nt_k=$(curl -s -H "Authorization: Bearer $nt_sub" \
    -d "service_code=TREE_DOWN&attribute%5BBLOCKING%5D=WALK&lat=32.73504&long=-117.1100&email=kim%40example.org&first_name=Kim" \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
get "/requests/$nt_k.json?extensions=true"
expect_json '.[0].extended_attributes.parent_service_request_id' "$nt_r"
nt_tk=$(nt_token "$nt_k")
code=$(nt_update "$nt_r" 'status=action_scheduled')
check "parent scheduled ($code)" test "$code" = 200
dl_until 10 nt_count_is kim@example.org 1
check "the duplicate's reporter is told of the parent's change" test $? -eq 0
dl_until 10 nt_count_is rita@example.org 3
nt_last kim@example.org
expect_json '.list_unsubscribe' "<$BASE/unsubscribe?t=$nt_tk>"
expect_jq ".body | contains(\"Your report $nt_k (Fallen tree or limb) was the same problem as report $nt_r\")"
# The parent was scheduled, not closed; the duplicate is open too.
expect_jq '.body | contains("scheduled")'
expect_jq '(.subject + .body) | contains("closed") | not'

# 5. The closure: one e-mail each, with the feedback link.
code=$(nt_update "$nt_r" 'status=fixed&description=Tree+removed')
check "closure accepted ($code)" test "$code" = 200
dl_until 10 nt_count_is rita@example.org 4
check "one e-mail for the closure" test $? -eq 0
dl_until 10 nt_count_is kim@example.org 2
check "the duplicate's reporter gets the closure too" test $? -eq 0
nt_last rita@example.org
expect_json '.subject' "Your report $nt_r (Fallen tree or limb): fixed"
expect_jq ".body | contains(\"Your report $nt_r (Fallen tree or limb) to City of San Diego is now fixed.\")"
expect_jq '.body | contains("Note from the team:\nTree removed\n")'
expect_jq ".body | contains(\"How did we do? Tell us in a minute: $BASE/requests/$nt_r/feedback?t=$nt_tr\")"
expect_jq '.body | contains("\nNot fixed? Say so on that page and the report opens again.\n")'
nt_fb=$(printf '%s' "$BODY" | jq -r '.body' | grep -o "$BASE/requests/[0-9]*/feedback?t=[0-9a-f]*")
nt_last kim@example.org
expect_jq ".body | contains(\"$BASE/requests/$nt_k/feedback?t=$nt_tk\")"
expect_jq ".body | contains(\"was the same problem as report $nt_r, which is now fixed.\")"
expect_jq '.body | contains("Tree removed")'
BODY=$(nt_mails)
LAST_REQ="all e-mails"
expect_jq 'map(.message_id) | unique | length == length'
expect_jq 'map(select(.to == "rita@example.org")) | length == 4'

# Whoever declined e-mails gets none.
code=$(nt_update "$nt_n" 'status=fixed&description=Done')
check "closure of the declined one ($code)" test "$code" = 200
sleep 1
check "no e-mail to a reporter who declined ($(nt_count nobody@example.org))" nt_count_is nobody@example.org 0
n=$(nt_emails nobody@example.org)
check "none queued either ($n)" test "$n" = 0

# 6. Feedback from the closure e-mail's link.
nt_fbp=${nt_fb#"$BASE"}
check "a feedback link ($nt_fb)" test -n "$nt_fbp"
get "$nt_fbp"
expect_status 200
expect_header content-type "text/html; charset=utf-8"
expect_body_has '<form method="post"'
expect_body_has 'name="rating" value="4"'
expect_body_has '<textarea name="comment"'
expect_body_has "report $nt_r (Fallen tree or limb)"
post "$nt_fbp" --data-urlencode 'comment=Quick work, thanks!' -d 'rating=4'
expect_status 200
expect_header content-type "text/html; charset=utf-8"
expect_body_has 'Thank you'
r=$(DLPSQL -tAc "select rating || '|' || comment from feedback where request_id = $nt_r")
check "feedback stored ($r)" test "$r" = "4|Quick work, thanks!"
# As JSON and XML; a second answer replaces the first.
post "/requests/$nt_r/feedback.json?t=$nt_tr" -d 'rating=5'
expect_status 200
expect_json '.[0].service_request_id' "$nt_r"
expect_json '.[0].rating' '5'
post "/requests/$nt_r/feedback.xml?t=$nt_tr" -d 'rating=3&comment=Took+a+while'
expect_status 200
expect_xml '/feedback/answer/rating' '3'
r=$(DLPSQL -tAc "select count(*) || '|' || max(rating) || '|' || max(comment) from feedback where request_id = $nt_r")
check "one answer per request, the latest ($r)" test "$r" = "1|3|Took a while"
# Wrong tokens and ratings.
get "/requests/$nt_r/feedback?t=0123456789abcdef0123456789abcdef"
expect_status 404
expect_header content-type "text/html; charset=utf-8"
post "/requests/$nt_r/feedback?t=0123456789abcdef0123456789abcdef" -d 'rating=4'
expect_status 404
post "/requests/$nt_r/feedback.json?t=$nt_tk" -d 'rating=4'
expect_error 404 json "not valid"
post "/requests/$nt_r/feedback.json?t=short" -d 'rating=4'
expect_error 404 json "not valid"
get "/requests/$nt_r/feedback"
expect_status 404
post "/requests/$nt_r/feedback.json?t=$nt_tr" -d 'rating=9'
expect_error 400 json "rating"
post "$nt_fbp" -d 'rating=9'
expect_status 400
post "/requests/$nt_r/feedback.json?t=$nt_tr" -d 'rating=0'
expect_error 400 json "1 to 5"
post "/requests/$nt_r/feedback.json?t=$nt_tr" -d 'comment=no+rating'
expect_error 400 json "rating"
r=$(DLPSQL -tAc "select rating from feedback where request_id = $nt_r")
check "refused answers change nothing ($r)" test "$r" = 3

# 7. Unsubscribe: GET asks and changes nothing; POST (one-click)
# unsubscribes.
nt_unsub=$(nt_mails 'map(select(.to == "rita@example.org")) | last | .list_unsubscribe' | jq -r . | tr -d '<>')
nt_unsubp=${nt_unsub#"$BASE"}
check "an unsubscribe link ($nt_unsub)" test "$nt_unsubp" = "/unsubscribe?t=$nt_tr"
get "$nt_unsubp"
expect_status 200
expect_header content-type "text/html; charset=utf-8"
expect_body_has "<form method=\"post\" action=\"/unsubscribe?t=$nt_tr\">"
r=$(DLPSQL -tAc "select notify || '|' || (unsubscribed_at is null) from request_contacts where request_id = $nt_r")
check "GET changes nothing ($r)" test "$r" = "true|true"
post "$nt_unsubp" -d 'List-Unsubscribe=One-Click'
expect_status 200
expect_header content-type "text/html; charset=utf-8"
expect_body_has 'Unsubscribed'
r=$(DLPSQL -tAc "select unsubscribed_at is not null from request_contacts where request_id = $nt_r")
check "unsubscribed_at is set ($r)" test "$r" = t
nt_at=$(DLPSQL -tAc "select unsubscribed_at from request_contacts where request_id = $nt_r")
post "$nt_unsubp" -d 'List-Unsubscribe=One-Click'
expect_status 200
r=$(DLPSQL -tAc "select unsubscribed_at from request_contacts where request_id = $nt_r")
check "unsubscribing twice keeps the first time" test "$r" = "$nt_at"
get '/unsubscribe?t=0123456789abcdef0123456789abcdef'
expect_status 404
post '/unsubscribe?t=nope' -d 'List-Unsubscribe=One-Click'
expect_status 404
# The next change reaches the duplicate's reporter only.
code=$(nt_update "$nt_r" 'status=open&description=Another+branch+fell')
check "reopened by staff ($code)" test "$code" = 200
dl_until 10 nt_count_is kim@example.org 3
check "the subscribed reporter is still told" test $? -eq 0
sleep 0.5
check "nothing to the unsubscribed reporter ($(nt_count rita@example.org))" nt_count_is rita@example.org 4

# Unsubscribing drops what is still queued: the sink down, a change
# queued, then the one-click POST.
dl_smtp_stop nt
code=$(nt_update "$nt_r" 'status=in_progress')
check "another change ($code)" test "$code" = 200
dl_until 5 dl_sql_is "select count(*) from outbox where event = 'email' and payload->>'to' = 'kim@example.org' and state = 'pending' and attempts >= 1" 1
r=$(DLPSQL -tAc "select count(*) from outbox where event = 'email' and payload->>'to' = 'kim@example.org' and state = 'pending'")
check "the e-mail waits while the sink is down ($r)" test "$r" = 1
post "/unsubscribe?t=$nt_tk" -d 'List-Unsubscribe=One-Click'
expect_status 200
r=$(DLPSQL -tAc "select state || '|' || last_error from outbox where event = 'email' and payload->>'to' = 'kim@example.org' order by id desc limit 1")
check "the queued e-mail is dropped ($r)" test "$r" = "skipped|the reporter unsubscribed"
# An attempt under way at the unsubscribe that fails afterwards reports
# through outbox_done: the e-mail stays dropped, not queued again.
nt_eid=$(DLPSQL -tAc "select id from outbox where event = 'email' and payload->>'to' = 'kim@example.org' order by id desc limit 1")
DLPSQL -q -v ON_ERROR_STOP=1 \
    -c "UPDATE outbox SET lease_owner = 'nt-worker' WHERE id = $nt_eid" \
    -c "PREPARE nt_done(bigint, text, text, text, integer, integer, text) AS $(grep -v '^--' sql/outbox_done.sql)" \
    -c "EXECUTE nt_done($nt_eid, 'failed', 'connection refused', NULL, 200, 3600, 'nt-worker')" >/dev/null
check "the late attempt's report ran" test $? = 0
r=$(DLPSQL -tAc "select state || '|' || last_error from outbox where id = $nt_eid")
check "a late failed attempt leaves it dropped ($r)" test "$r" = "skipped|the reporter unsubscribed"
dl_smtp_start nt "$nt_sport" "$nt_dir"
sleep 1
check "nothing more to the duplicate's reporter ($(nt_count kim@example.org))" nt_count_is kim@example.org 3

# A report made in Spanish on the web pages (locale=es, the page's
# language): its e-mails are in Spanish, with the catalog's Spanish name.
get /web/config.json
nt_wt=$(printf '%s' "$BODY" | jq -r .token)
for _ in $(seq 1 60); do
	post /web/requests.json -H "Origin: $BASE" -H "Sec-Fetch-Site: same-origin" \
	    -H "X-Web-Token: $nt_wt" -d 'service_code=POTHOLE&lat=32.7158&long=-117.1612&attribute%5BDEPTH%5D=3&attribute%5BSIZE%5D=S&email=lola%40example.org&first_name=Lola&locale=es'
	[ "$STATUS" = 429 ] || break
	sleep 0.25
done
expect_status 200
nt_es=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
r=$(DLPSQL -tAc "select locale from request_contacts where request_id = $nt_es")
check "the report's language is stored ($r)" test "$r" = es
code=$(nt_update "$nt_es" 'status=in_progress&description=Cuadrilla+en+camino')
check "status change of the Spanish report ($code)" test "$code" = 200
dl_until 10 nt_count_is lola@example.org 1
check "one e-mail to the Spanish reporter" test $? -eq 0
nt_last lola@example.org
expect_json '.subject' "Su reporte $nt_es (Bache): en curso"
expect_jq '.body | startswith("Hola Lola,\n")'
expect_jq ".body | contains(\"Su reporte $nt_es (Bache) a City of San Diego ahora está en curso.\")"
expect_jq '.body | contains("Nota del equipo:\nCuadrilla en camino\n")'
expect_jq ".body | contains(\"Para dejar de recibir correos sobre este reporte:\")"
post /web/requests.json -H "Origin: $BASE" -H "Sec-Fetch-Site: same-origin" \
    -H "X-Web-Token: $nt_wt" -d 'service_code=POTHOLE&lat=32.7158&long=-117.1612&attribute%5BDEPTH%5D=3&attribute%5BSIZE%5D=S&locale=es_MX'
expect_error 400 json locale

BASE=$nt_saved
stop_server mail
dl_smtp_stop nt
fi
