# A back office that works by mailbox (a destination of kind mailto):
# a new request becomes one plain-text e-mail to that address through
# smtp_url, with its service, description, place, the console's link and
# the reporter's contact; a hostile description adds no header and no
# recipient; an update is skipped (a mailbox gets new requests only); a
# test-send from the console is a test e-mail; the contact never reaches
# the log. The checks refuse a mailto URL that is not one address.
#
# A gateway and database of their own (see tests/e2e/tools/delivery.sh).

if [ -z "$E2E_EXTERNAL" ]; then
. tests/e2e/tools/delivery.sh

dl_case destmail dm
dm_sport=$(free_port)
dm_dir=$E2E_TMP/dm-mail
dl_smtp_start dm "$dm_sport" "$dm_dir"
check "the SMTP sink is up" test $? -eq 0
dm_box="works-$$@city.example"
dl_dest --jurisdiction sandiego.gov --service TREE_DOWN --mailto "mailto:$dm_box"
dm_dest=$DL_DEST
out=$(dl_bin destinations add --jurisdiction sandiego.gov \
    --mailto 'mailto:a@city.example,b@evil.example' 2>&1)
check "the command line refuses two addresses ($out)" \
    sh -c "case \"\$0\" in *'url: a mailbox is mailto:name@domain'*) exit 0;; esac; exit 1" "$out"

dm_port=$(free_port)
dm_saved=$BASE
BASE=http://127.0.0.1:$dm_port
start_server destmail "$dm_port" DATABASE_URL="$DL_URL" \
    OPEN311_PUBLIC_URL="$BASE" \
    OPEN311_SMTP_URL="smtp://127.0.0.1:$dm_sport" OPEN311_SMTP_STARTTLS=no \
    OPEN311_SMTP_FROM="San Diego 311 <no-reply@311.example.org>" \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200
dm_log=$E2E_TMP/destmail.log

dm_count_is() {
	test "$(dl_mails "$dm_dir" "map(select(.rcpt_to == \"$dm_box\")) | length")" = "$1"
}

# A new request, its description hostile.
dm_desc='Tree on the road%0D%0ABcc: evil@example.org%0D%0A.%0D%0AMAIL FROM:<x@evil.example>'
dm_sr=$(curl -s -H "Authorization: Bearer $DL_SUB" \
    -d "service_code=TREE_DOWN&attribute%5BBLOCKING%5D=ROAD&lat=32.7300&long=-117.1100&address_string=1%20Main%20St&email=rita-$$%40example.org&phone=555-0100&first_name=Rita&last_name=Reporter&description=$dm_desc" \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
check "a request made ($dm_sr)" test -n "$dm_sr" -a "$dm_sr" != null
dm_id=$dm_sr
check "one e-mail to the mailbox" dl_until 10 dm_count_is 1
check "recorded delivered" dl_sql_is "select state from outbox
    where destination_id = $dm_dest and event = 'request.created'" delivered
BODY=$(dl_mails "$dm_dir" "map(select(.rcpt_to == \"$dm_box\")) | last")
LAST_REQ="the e-mail to $dm_box"
STATUS=-
expect_jq ".to == \"$dm_box\" and (.subject | startswith(\"New request $dm_sr: \"))"
expect_jq ".content_type | test(\"text/plain\")"
expect_jq ".body | contains(\"$BASE/console/requests/$dm_id\\n\")"
expect_jq ".body | contains(\"E-mail: rita-$$@example.org\") and contains(\"Phone: 555-0100\") and contains(\"Name: Rita Reporter\")"
expect_jq ".body | contains(\"Address: 1 Main St\") and contains(\"32.730000, -117.110000\")"
expect_jq '.body | contains("Tree on the road")'
dm_file=$(dl_mails "$dm_dir" "map(select(.rcpt_to == \"$dm_box\")) | last | .file" | jq -r .)
dm_headers() {
	sed '/^\r\{0,1\}$/q' "$dm_dir/new/$dm_file"
}
check "no header from the description" \
    test "$(dm_headers | grep -ci '^bcc:')" = 0
check "no lone dot line" test "$(grep -c $'^\\.\r\\{0,1\\}$' "$dm_dir/new/$dm_file")" = 0
check "one recipient" test "$(dl_mails "$dm_dir" "map(select(.rcpt_to | test(\"evil\"))) | length")" = 0
check "the contact is not in the log" test "$(grep -c "rita-$$" "$dm_log")" = 0

# An update: skipped.
curl -s -o /dev/null -H "Authorization: Bearer $DL_OFF" \
    -d 'status=closed&description=done' "$BASE/admin/requests/$dm_sr/update.json"
check "the update is skipped" dl_until 10 dl_sql_is "select state || ':' || coalesce(last_error, '')
    from outbox where destination_id = $dm_dest and event = 'request.updated'" \
    'skipped:a mailbox gets new requests only'
check "still one e-mail" dm_count_is 1

# A test-send from the console.
DATABASE_URL=$DL_URL console_account "$E2E_TMP/dm-admin.jar" \
    "dm-admin-$$@example.org" admin sandiego.gov
post "/console/api/destinations/$dm_dest/test" -b "$E2E_TMP/dm-admin.jar" \
    -H "x-csrf-token: $CONSOLE_CSRF" -d ''
expect_status 202
dm_tested() {
	test "$(curl -s -b "$E2E_TMP/dm-admin.jar" "$BASE/console/api/destinations" |
	    jq -r ".destinations[] | select(.id == \"$dm_dest\") | .last_test.state")" = delivered
}
check "the test delivered" dl_until 10 dm_tested
check "a test e-mail" test "$(dl_mails "$dm_dir" "map(select(.rcpt_to == \"$dm_box\" and .subject == \"Test from the Open311 gateway\")) | length")" = 1
get /console/api/destinations -b "$E2E_TMP/dm-admin.jar"
expect_jq ".destinations[] | select(.id == \"$dm_dest\") | .kind == \"mailto\" and .url == \"mailto:$dm_box\""

# The console's and the admin API's checks.
post /console/api/destinations -b "$E2E_TMP/dm-admin.jar" \
    -H "x-csrf-token: $CONSOLE_CSRF" \
    --data-urlencode 'url=mailto:a@city.example>%0D%0ABcc: b@evil.example' \
    -d 'jurisdiction_id=sandiego.gov&kind=mailto'
expect_error 400 json "url: a mailbox is mailto:name@domain"
post /console/api/destinations -b "$E2E_TMP/dm-admin.jar" \
    -H "x-csrf-token: $CONSOLE_CSRF" \
    -d "jurisdiction_id=sandiego.gov&kind=mailto&url=mailto:roads-$$@city.example"
expect_status 201
expect_jq '.secret == null'

BASE=$dm_saved
fi
