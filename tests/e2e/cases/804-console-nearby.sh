# The console's request (GET /console/api/requests/{id}) with its photos
# and the requests within 300 m (open, or closed in the last 7 days,
# nearest first, in the staff member's jurisdictions), and merging from
# there: a nearby request linked as a duplicate, and a group (a request
# with its own duplicate) merged into this one's.

n4_run=$(date +%s%N)
console_account "$E2E_TMP/n4.jar" "n4-agent-$n4_run@example.org" agent \
    sandiego.gov
n4_csrf=$CONSOLE_CSRF
check "signed in ($n4_csrf)" test ${#n4_csrf} -gt 10

mkdir -p "$E2E_TMP/n4"
/usr/bin/python3 tests/e2e/tools/photos.py make "$E2E_TMP/n4"

# n4_new LAT LONG [CURL ARGS]: a SHOPPING_CART request; prints its id.
n4_new() {
	curl -s -H "Authorization: Bearer $KEY_SUBMIT" -F service_code=SHOPPING_CART \
	    -F "lat=$1" -F "long=$2" -F "description=n4 $n4_run" "${@:3}" \
	    "$BASE/requests.json" | jq -r '.[0].service_request_id'
}

n4_a=$(n4_new 32.82000 -117.15000 -F "media=@$E2E_TMP/n4/plain.jpg")
n4_b=$(n4_new 32.82090 -117.15000)
n4_c=$(n4_new 32.83800 -117.15000)
n4_d=$(n4_new 32.81850 -117.15000)
n4_e=$(n4_new 32.81850 -117.15000)
check "requests created ($n4_a $n4_b $n4_c $n4_d $n4_e)" \
    test -n "$(printf '%s' "$n4_a$n4_b$n4_c$n4_d$n4_e" | grep -E '^[0-9]+$')"
r=$(PSQL -tAc "select coalesce(parent_id::text, '-') from requests where id in ($n4_a, $n4_b, $n4_d, $n4_e) order by id")
check "the fifth is a duplicate of the fourth, no other ($r)" \
    test "$(echo $r)" = "- - - $n4_d"

get "/console/api/requests/$n4_a" -b "$E2E_TMP/n4.jar"
expect_status 200
expect_jq '.media_ids | length == 1'
n4_m=$(printf '%s' "$BODY" | jq -r '.media_ids[0]')
expect_jq "[.nearby[].id] | index(\"$n4_b\") != null"
expect_jq "[.nearby[].id] | index(\"$n4_d\") != null"
expect_jq "[.nearby[].id] | index(\"$n4_c\") == null"
expect_jq "[.nearby[].id] | index(\"$n4_a\") == null"
expect_jq "(.nearby[] | select(.id == \"$n4_b\") | .distance_m) as \$x | \$x >= 90 and \$x <= 110"
expect_jq '[.nearby[].distance_m] | . == sort'
expect_jq "(.nearby[] | select(.id == \"$n4_e\") | .parent_id) == \"$n4_d\""
expect_jq "(.nearby[] | select(.id == \"$n4_b\")) | (.lat == 32.8209 and .long == -117.15 and .service_name == \"Abandoned shopping cart\" and .status == \"open\")"
get "/media/$n4_m"
expect_status 200
expect_header content-type image/jpeg

# A closed one nearby stays a week; older ones drop out.
PSQL -c "update requests set status = 'closed', closed_at = now() - interval '8 days' where id = $n4_b" >/dev/null
get "/console/api/requests/$n4_a" -b "$E2E_TMP/n4.jar"
expect_jq "[.nearby[].id] | index(\"$n4_b\") == null"
PSQL -c "update requests set status = 'open', closed_at = null where id = $n4_b" >/dev/null

# Merging: B becomes a duplicate of A; then D's group joins A's.
post "/console/api/requests/$n4_b/link" -b "$E2E_TMP/n4.jar" \
    -H "x-csrf-token: $n4_csrf" -d "parent_service_request_id=$n4_a"
expect_status 200
post "/console/api/requests/$n4_d/link" -b "$E2E_TMP/n4.jar" \
    -H "x-csrf-token: $n4_csrf" -d "parent_service_request_id=$n4_a"
expect_status 200
get "/console/api/requests/$n4_a" -b "$E2E_TMP/n4.jar"
expect_jq "[.duplicates[].id] | sort == ([\"$n4_b\", \"$n4_d\", \"$n4_e\"] | sort)"
expect_jq "[.nearby[] | select(.parent_id == \"$n4_a\")] | length == 3"
