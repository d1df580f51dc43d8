# The outbox lease: an event is leased for longer than its delivery may
# take (delivery_timeout and a margin), so a slow back office never gets
# it twice; the lease names its owner (host:pid:start), a stopping
# worker gives back every lease it holds, and a worker whose lease was
# taken over never changes the event when its late attempt ends.
#
# A gateway and database of their own (see tests/e2e/tools/delivery.sh);
# the back office is a listener that never answers.

if [ -z "$E2E_EXTERNAL" ]; then
. tests/e2e/tools/delivery.sh

dl_case lease ls
ls_hport=$(free_port)
dl_hole_start lsh "$ls_hport"
check "the silent back office is up" test $? -eq 0
export LS_SECRET="whsec-$$"
dl_dest --jurisdiction sandiego.gov --service TREE_DOWN \
    --webhook "http://127.0.0.1:$ls_hport/hook" --secret-env LS_SECRET
ls_d=$DL_DEST

ls_port=$(free_port)
start_server lease "$ls_port" DATABASE_URL="$DL_URL" "$DL_PLAIN" \
    OPEN311_DELIVERY_TIMEOUT=600 OPEN311_OUTBOX_POLL_MS=100
ls_base=http://127.0.0.1:$ls_port
# ls_new N: a TREE_DOWN report at spot N with a reporter; prints its id
ls_new() {
	curl -s -H "Authorization: Bearer $DL_SUB" \
	    -d "service_code=TREE_DOWN&attribute%5BBLOCKING%5D=ROAD&lat=32.7$((300 + $1 * 50))&long=-117.1100&email=lee$1%40example.org" \
	    "$ls_base/requests.json" | jq -r '.[0].service_request_id'
}
ls_event() {
	printf '%s' "select id from outbox where request_id = $1 and destination_id = $ls_d"
}

# 1. Under way to a back office that takes its time: leased for the
# whole delivery_timeout (600 s), by this node.
ls_r1=$(ls_new 1)
dl_until 10 dl_sql_is "select attempts from outbox where id = ($(ls_event "$ls_r1"))" 1
check "the event is under way" test $? -eq 0
r=$(DLPSQL -tAc "select lease_until > now() + interval '600 seconds' from outbox where id = ($(ls_event "$ls_r1"))")
check "leased beyond delivery_timeout ($r)" test "$r" = t
ls_owner=$(DLPSQL -tAc "select lease_owner from outbox where id = ($(ls_event "$ls_r1"))")
check "the lease names its owner ($ls_owner)" \
    test -n "$(printf '%s' "$ls_owner" | grep -E '^[^:]+:[0-9]+:[0-9]+$')"

# 2. Stopping gives back every lease the worker holds, also one it took
# but had not started (here: an e-mail this node never sends, leased in
# its name by hand).
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $DL_OFF" \
    -d 'status=in_progress' "$ls_base/admin/requests/$ls_r1/update.json")
check "status change ($code)" test "$code" = 200
n=$(DLPSQL -tAc "update outbox set lease_owner = '$ls_owner', lease_until = now() + interval '1 hour' where request_id = $ls_r1 and event = 'email' returning id" | grep -c .)
check "an e-mail leased in the worker's name ($n)" test "$n" = 1
stop_server lease
r=$(DLPSQL -tAc "select count(*) from outbox where request_id = $ls_r1 and (lease_until is not null or lease_owner is not null)")
check "every lease given back at stop ($r left)" test "$r" = 0

# 3. A lease taken over while a slow attempt runs: the late attempt's
# end changes nothing (neither the new lease nor the attempt count).
start_server lease "$ls_port" DATABASE_URL="$DL_URL" "$DL_PLAIN" \
    OPEN311_DELIVERY_TIMEOUT=2 OPEN311_OUTBOX_POLL_MS=100 \
    OPEN311_OUTBOX_RETRY_MS=3600000
ls_r2=$(ls_new 2)
dl_until 10 dl_sql_is "select attempts from outbox where id = ($(ls_event "$ls_r2"))" 1
check "the second event is under way" test $? -eq 0
ls_e2=$(DLPSQL -tAc "$(ls_event "$ls_r2")")
DLPSQL -tAc "update outbox set lease_owner = 'other-node:1:1', lease_until = now() + interval '1 hour' where id = $ls_e2" >/dev/null
ls_reported() {
	grep -q "outbox event $ls_e2 (request.created to webhook): failed" \
	    "$E2E_TMP/lease.log"
}
dl_until 15 ls_reported
check "the late attempt ended (timed out)" test $? -eq 0
r=$(DLPSQL -tAc "select lease_owner || ' ' || (lease_until > now() + interval '50 minutes')::text || ' ' || attempts from outbox where id = $ls_e2")
check "the new owner's lease stands ($r)" test "$r" = "other-node:1:1 true 1"

stop_server lease
dl_receiver_stop lsh
fi
