# A destination's test-send, from the console and the command line: a
# webhook gets one signed test body (event destination.test, no request)
# and the test is recorded delivered; a webhook that is down is recorded
# dead at once with its error (tried once, not for a day); an upstream
# Open311 server is asked for its service list (its jurisdiction_id
# given) and nothing is posted there; an agent, CSRF, another
# jurisdiction's or a removed destination are refused; audited. Tests
# count in neither the destinations' backlog nor the outbox's dead
# letters.
#
# A gateway and database of their own (see tests/e2e/tools/delivery.sh).

if [ -z "$E2E_EXTERNAL" ]; then
. tests/e2e/tools/delivery.sh

dl_case desttest dt
dt_rport=$(free_port)
dt_log=$E2E_TMP/dt-hook.log
dl_receiver_start dt "$dt_rport" "$dt_log"
check "the receiver is up" test $? -eq 0
DT_SECRET="whsec-$$-$(date +%s%N)"
export DT_SECRET
dl_dest --jurisdiction sandiego.gov --webhook "http://127.0.0.1:$dt_rport/hook" \
    --secret-env DT_SECRET
dt_hook=$DL_DEST
dl_dest --jurisdiction sandiego.gov --webhook "http://127.0.0.1:9/down" \
    --secret-env DT_SECRET
dt_down=$DL_DEST
export DL_UPSTREAM_KEY="upkey-$$"
dl_dest --jurisdiction sandiego.gov --service STORM_DRAIN \
    --open311 "http://127.0.0.1:$dt_rport" --api-key-env DL_UPSTREAM_KEY \
    --upstream-jurisdiction upstream.example.org
dt_up=$DL_DEST
dl_dest --jurisdiction sandiego.gov --webhook "http://127.0.0.1:$dt_rport/old" \
    --secret-env DT_SECRET
dt_gone=$DL_DEST
dl_bin destinations remove "$dt_gone" >/dev/null

dt_port=$(free_port)
start_server desttest "$dt_port" DATABASE_URL="$DL_URL" "$DL_PLAIN" \
    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200
dt_saved=$BASE
BASE=http://127.0.0.1:$dt_port

# Accounts on this database.
dt_account() {
	DATABASE_URL=$DL_URL console_account "$E2E_TMP/dt-$1.jar" \
	    "dt-$1-$$@example.org" "$2" "$3"
}
dt_account admin admin sandiego.gov
dt_csrf=$CONSOLE_CSRF
dt_account agent agent sandiego.gov
dt_agent=$CONSOLE_CSRF
check "signed in" test "${#dt_csrf}${#dt_agent}" = 6464
dt_test() {
	post "/console/api/destinations/$1/test" -b "$E2E_TMP/dt-admin.jar" \
	    -H "x-csrf-token: $dt_csrf" -d ''
}
# dt_last ID: the destination's last test as the console lists it.
dt_last() {
	curl -s -b "$E2E_TMP/dt-admin.jar" "$BASE/console/api/destinations" |
	    jq -c ".destinations[] | select(.id == \"$1\") | .last_test"
}
dt_state_is() {
	test "$(dt_last "$1" | jq -r .state)" = "$2"
}

# Refusals.
post "/console/api/destinations/$dt_hook/test" -b "$E2E_TMP/dt-agent.jar" \
    -H "x-csrf-token: $dt_agent" -d ''
expect_error 403 json "role"
post "/console/api/destinations/$dt_hook/test" -b "$E2E_TMP/dt-admin.jar" -d ''
expect_error 403 json "X-CSRF-Token"
dt_test "$dt_gone"
expect_error 404 json "no destination $dt_gone of yours in use"
dt_test 999999
expect_error 404 json "no destination 999999"
check "no test queued by the refusals" dl_sql_is \
    "select count(*) from outbox where event = 'destination.test'" 0

# A webhook that answers.
dt_test "$dt_hook"
expect_status 202
dt_ev=$(printf '%s' "$BODY" | jq -r .test_event)
check "the test delivered" dl_until 30 dt_state_is "$dt_hook" delivered
check "one signed test body, of no request" test "$(dl_hooks "$dt_log" \
    "$DT_SECRET" "map(select(.event == \"destination.test\" and .signed and .request == null)) | length")" = 1
check "audited" dl_sql_is "select count(*) from audit_log
    where action = 'destination.test' and target = '$dt_hook'
	and (detail->>'event')::bigint = $dt_ev" 1

# A webhook that is down: dead at once, with its error.
dt_test "$dt_down"
expect_status 202
check "the failed test is dead at once" dl_until 30 dt_state_is "$dt_down" dead
dt_error_names() {
	dt_last "$1" | jq -e ".error | test(\"$2\")" >/dev/null
}
check "with its error ($(dt_last "$dt_down"))" dt_error_names "$dt_down" \
    '127.0.0.1 port 9'
check "tried once" dl_sql_is "select attempts from outbox
    where event = 'destination.test' and destination_id = $dt_down" 1

# An upstream Open311 server: its service list, nothing posted.
dt_posts=$(cat "$dt_log" 2>/dev/null | wc -l)
dt_test "$dt_up"
expect_status 202
check "the upstream test delivered" dl_until 30 dt_state_is "$dt_up" delivered
check "a GET of its service list for its jurisdiction" \
    grep -qx '/services.json?jurisdiction_id=upstream.example.org' "$dt_log.services"
check "nothing posted upstream" test "$(cat "$dt_log" | wc -l)" = "$dt_posts"

# The command line queues one too.
out=$(dl_bin destinations test "$dt_hook")
check "destinations test queues a test ($out)" \
    sh -c "case \"\$0\" in *'test of destination $dt_hook queued'*) exit 0;; esac; exit 1" "$out"
dt_tests_are() {
	test "$(dl_hooks "$dt_log" "$DT_SECRET" \
	    'map(select(.event == "destination.test")) | length')" = "$1"
}
check "and the server sends it" dl_until 30 dt_tests_are 2

# Tests are not backlog nor dead letters.
get /console/api/destinations -b "$E2E_TMP/dt-admin.jar"
expect_jq ".destinations[] | select(.id == \"$dt_down\") | .dead == 0 and .pending == 0"
get /console/api/outbox -b "$E2E_TMP/dt-admin.jar"
expect_jq '[.dead[] | select(.event == "destination.test")] | length == 0'

BASE=$dt_saved
fi
