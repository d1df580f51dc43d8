# Authorisation on every console endpoint, as a table: for each route of
# app/routes/table.c under /console/api (the table must name them all),
# without a session (401), for a Chula Vista agent, supervisor and admin
# (403 "role" where the role may not; 403 "X-CSRF-Token" for a change
# without the token), and what a Chula Vista account that may call it
# gets when it names San Diego's request, destination, key, account or
# jurisdiction (never San Diego's data: 404, or a 400 for a body checked
# before anything is looked up). SQL decides the scope; the route line
# decides the role.

z5_run=$(date +%s%N)
app/tools/demo.sh "$BIN" all >/dev/null
await_cache catalog

# Accounts and San Diego's objects.
for z5_r in agent supervisor admin; do
	console_account "$E2E_TMP/z5-$z5_r.jar" "z5-$z5_r-$z5_run@example.org" \
	    "$z5_r" chulavistaca.gov
	printf -v "Z5_CSRF_$z5_r" '%s' "$CONSOLE_CSRF"
done
console_account "$E2E_TMP/z5-sd.jar" "z5-sd-$z5_run@example.org" admin \
    sandiego.gov
z5_sd_csrf=$CONSOLE_CSRF
check "the accounts signed in" \
    test "${#Z5_CSRF_agent}${#Z5_CSRF_supervisor}${#Z5_CSRF_admin}${#z5_sd_csrf}" = 64646464
z5_req=$(curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
    -d 'service_code=SHOPPING_CART&lat=32.7901&long=-117.2301&email=z5%40example.org' \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
z5_dest=$(curl -s -b "$E2E_TMP/z5-sd.jar" -H "x-csrf-token: $z5_sd_csrf" \
    -d 'jurisdiction_id=sandiego.gov&kind=webhook&url=https://z5.example.org/hook' \
    "$BASE/console/api/destinations" | jq -r .id)
z5_key=$(curl -s -b "$E2E_TMP/z5-sd.jar" -H "x-csrf-token: $z5_sd_csrf" \
    -d 'name=z5&scopes=submit&jurisdiction=sandiego.gov' \
    "$BASE/console/api/keys" | jq -r .id)
z5_staff=$(PSQL -XAtc "select id from staff where email = 'z5-sd-$z5_run@example.org'")
z5_dead=$(PSQL -XAtc "insert into outbox (request_id, seq, event, payload,
    state) values ($z5_req, 99, 'email', '{}', 'dead') returning id" | head -1)
check "San Diego's objects ($z5_req $z5_dest $z5_key $z5_staff $z5_dead)" \
    test -n "$(printf '%s' "$z5_req$z5_dest$z5_key$z5_staff$z5_dead" | grep -E '^[0-9]+$')"

# METHOD PATH ROLES (a: agent, s: supervisor, d: admin; -: none, the
# route is public) CROSS (the status a Chula Vista account that may call
# it gets naming San Diego's objects; -: not tried, it would end the
# session). The path's {req}, {dest}, {key}, {staff}, {ev} are San
# Diego's; {jur} is sandiego.gov.
z5_table='
POST login - 400
POST password - 400
GET me asd 200
POST logout asd -
POST logout-all asd -
GET queue?jurisdiction_id={jur} asd 200
GET requests/{req} asd 404
POST requests/{req}/update asd 404
POST requests/{req}/transfer asd 404
POST requests/{req}/link asd 404
POST requests/{req}/unlink asd 404
GET audit?request_id={req} d 200
GET outbox d 200
POST outbox/{ev}/retry d 404
GET health d 200
GET dashboard sd 200
GET stats?jurisdiction_id={jur} sd 200
GET destinations d 200
POST destinations d 400
POST destinations/{dest}/remove d 404
POST destinations/{dest}/test d 404
GET keys d 200
POST keys d 400
POST keys/{key}/revoke d 404
GET jurisdictions d 200
POST jurisdictions/{jur}/catalog d 400
POST jurisdictions/{jur}/boundary d 400
GET staff d 200
POST staff d 400
POST staff/{staff}/disable d 404
POST staff/{staff}/link d 409
'
# The bodies sent with a change: a request's San Diego values where a
# field names one.
z5_body() {
	case $1 in
	*/update) echo 'status=CLOSED&description=z5' ;;
	*/transfer) echo 'jurisdiction_id=sandiego.gov&service_code=SHOPPING_CART&status_notes=z5' ;;
	*/link) echo "parent_service_request_id=$z5_req" ;;
	destinations) echo 'jurisdiction_id=sandiego.gov&kind=webhook&url=https://z5.example.org/x' ;;
	keys) echo 'name=z5x&scopes=submit&jurisdiction=sandiego.gov' ;;
	staff) echo "email=z5-x-$z5_run@example.org&name=X&role=agent&jurisdiction=sandiego.gov" ;;
	*/revoke) echo 'message=z5' ;;
	login|password) echo 'email=nobody' ;;
	*) echo 'z5=1' ;;
	esac
}

# Every console route of the route table has a row.
z5_routes=$(/usr/bin/python3 -c '
import re
s = open("app/routes/table.c").read()
for m in re.finditer(r"\{ \"\w+\", (GET|POST),\s*\"console/api/([^\"]*)\"", s):
    print(m.group(1), re.sub(r":", "X", m.group(2)))' | sort)
z5_rows=$(printf '%s\n' "$z5_table" | awk 'NF { p = $2; sub(/\?.*/, "", p);
    gsub(/\{[a-z]+\}/, "X", p); print $1, p }' | sort)
check "the table names every console route" test "$z5_routes" = "$z5_rows"

while read -r z5_m z5_p z5_roles z5_cross; do
	[ -n "$z5_m" ] || continue
	z5_path=/console/api/$(printf '%s' "$z5_p" | sed -e "s/{req}/$z5_req/g" \
	    -e "s/{dest}/$z5_dest/g" -e "s/{key}/$z5_key/g" \
	    -e "s/{staff}/$z5_staff/g" -e "s/{ev}/$z5_dead/g" \
	    -e "s/{jur}/sandiego.gov/g")
	z5_b=$(z5_body "${z5_p%%\?*}")
	if [ "$z5_roles" = - ]; then
		post "$z5_path" -d "$z5_b"
		check "$z5_m $z5_p is public: $z5_cross (got $STATUS)" \
		    test "$STATUS" = "$z5_cross"
		continue
	fi
	# No session.
	if [ "$z5_m" = GET ]; then get "$z5_path"; else post "$z5_path" -d "$z5_b"; fi
	expect_error 401 json "sign in to the console"
	for z5_r in agent supervisor admin; do
		z5_c="Z5_CSRF_$z5_r"
		z5_may=0
		case "$z5_r:$z5_roles" in
		agent:*a*|supervisor:*s*|admin:*d*) z5_may=1 ;;
		esac
		if [ "$z5_m" = POST ]; then
			post "$z5_path" -b "$E2E_TMP/z5-$z5_r.jar" -d "$z5_b"
			if [ $z5_may = 1 ]; then
				expect_error 403 json "X-CSRF-Token"
			else
				expect_error 403 json "role"
			fi
		fi
		[ "$z5_cross" = - ] && continue
		if [ "$z5_m" = GET ]; then
			get "$z5_path" -b "$E2E_TMP/z5-$z5_r.jar"
		else
			post "$z5_path" -b "$E2E_TMP/z5-$z5_r.jar" \
			    -H "x-csrf-token: ${!z5_c}" -d "$z5_b"
		fi
		if [ $z5_may = 0 ]; then
			expect_error 403 json "role"
		else
			check "$z5_r: $z5_m $z5_p answers $z5_cross (got $STATUS)" \
			    test "$STATUS" = "$z5_cross"
			check "$z5_r: $z5_m $z5_p shows none of San Diego's" \
			    sh -c "! grep -q -e 'z5@example.org' -e 'z5-sd-' \
				-e 'z5.example.org' '$E2E_TMP/body'"
		fi
	done
done <<EOF2
$z5_table
EOF2

# Nothing of San Diego's changed.
check "San Diego's request untouched" test "$(PSQL -XAtc "select status ||
    '|' || jurisdiction_id || '|' || coalesce(parent_id::text, '-') from
    requests where id = $z5_req")" = "open|sandiego.gov|-"
check "San Diego's destination, key and account untouched" test "$(PSQL -XAtc \
    "select (select active from destinations where id = $z5_dest)::text ||
	(select revoked_at is null from api_keys where id = $z5_key)::text ||
	(select active from staff where id = $z5_staff)::text")" = truetruetrue
check "San Diego's dead letter still dead" test "$(PSQL -XAtc \
    "select state from outbox where id = $z5_dead")" = dead
PSQL -XAtc "delete from outbox where id = $z5_dead" >/dev/null
