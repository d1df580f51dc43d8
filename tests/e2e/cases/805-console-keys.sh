# API keys from the console: an admin creates one (shown once, stored as
# a hash) that works at once on every worker, lists it, and revokes it
# with a message its clients get; an agent may not; an admin scoped to a
# jurisdiction may only make keys of it; CSRF on both changes; audited.

k8_run=$(date +%s%N)

# k8_account EMAIL ROLE [JURISDICTIONS]: console_account; its jar
# is $E2E_TMP/k8-EMAIL.jar and K8_CSRF its CSRF token.
k8_account() {
	console_account "$E2E_TMP/k8-$1.jar" "$@"
	K8_CSRF=$CONSOLE_CSRF
}

k8_admin="k8-admin-$k8_run@example.org"
k8_scoped="k8-scoped-$k8_run@example.org"
k8_agent="k8-agent-$k8_run@example.org"
k8_account "$k8_admin" admin
k8_csrf_admin=$K8_CSRF
k8_account "$k8_scoped" admin sandiego.gov
k8_csrf_scoped=$K8_CSRF
k8_account "$k8_agent" agent sandiego.gov
k8_csrf_agent=$K8_CSRF
check "the accounts signed in" test "${#k8_csrf_admin}${#k8_csrf_scoped}${#k8_csrf_agent}" = 646464

post /console/api/keys -b "$E2E_TMP/k8-$k8_admin.jar" \
    -d "name=k8+app&scopes=submit&channel=mobile_app"
expect_error 403 json "X-CSRF-Token"
post /console/api/keys -b "$E2E_TMP/k8-$k8_agent.jar" \
    -H "x-csrf-token: $k8_csrf_agent" -d "name=k8+app&scopes=submit"
expect_error 403 json "role"
post /console/api/keys -b "$E2E_TMP/k8-$k8_admin.jar" \
    -H "x-csrf-token: $k8_csrf_admin" -d "name=k8+app&scopes=root"
expect_error 400 json "scopes"

post /console/api/keys -b "$E2E_TMP/k8-$k8_admin.jar" \
    -H "x-csrf-token: $k8_csrf_admin" \
    -d "name=k8+app+$k8_run&scopes=submit&channel=mobile_app"
expect_status 201
expect_jq '.key | test("^o311_[0-9a-f]{48}$")'
k8_key=$(printf '%s' "$BODY" | jq -r .key)
k8_id=$(printf '%s' "$BODY" | jq -r .id)
check "only the key's hash is stored" test "$(PSQL -tAc \
    "select count(*) from api_keys where id = $k8_id
	and hash = sha256('$k8_key'::bytea)")" = 1
await_cache keys
post /requests.json -H "Authorization: Bearer $k8_key" \
    -d 'service_code=SHOPPING_CART&lat=32.8101&long=-117.1801'
expect_status 200
expect_jq '.[0].service_request_id | test("^[0-9]+$")'

get /console/api/keys -b "$E2E_TMP/k8-$k8_admin.jar"
expect_status 200
expect_jq "[.keys[] | select(.id == \"$k8_id\")] | length == 1"
check "the list never holds a key" sh -c "! grep -q '$k8_key' '$E2E_TMP/body'"

# A scoped admin: not a key of every jurisdiction, nor of another's.
post /console/api/keys -b "$E2E_TMP/k8-$k8_scoped.jar" \
    -H "x-csrf-token: $k8_csrf_scoped" -d "name=k8+all&scopes=submit"
expect_error 400 json "jurisdiction"
post /console/api/keys -b "$E2E_TMP/k8-$k8_scoped.jar" \
    -H "x-csrf-token: $k8_csrf_scoped" \
    -d "name=k8+cv&scopes=submit&jurisdiction=chulavistaca.gov"
expect_error 400 json "jurisdiction"
post /console/api/keys -b "$E2E_TMP/k8-$k8_scoped.jar" \
    -H "x-csrf-token: $k8_csrf_scoped" \
    -d "name=k8+sd&scopes=submit,backoffice&jurisdiction=sandiego.gov"
expect_status 201
post "/console/api/keys/$k8_id/revoke" -b "$E2E_TMP/k8-$k8_scoped.jar" \
    -H "x-csrf-token: $k8_csrf_scoped" -d 'message=not+yours'
expect_error 404 json "no key"

# Revoked: its clients get the message.
post "/console/api/keys/$k8_id/revoke" -b "$E2E_TMP/k8-$k8_admin.jar" \
    -d 'message=Rotated'
expect_error 403 json "X-CSRF-Token"
post "/console/api/keys/$k8_id/revoke" -b "$E2E_TMP/k8-$k8_admin.jar" \
    -H "x-csrf-token: $k8_csrf_admin" -d 'message=Rotated+on+request'
expect_status 200
await_cache keys
post /requests.json -H "Authorization: Bearer $k8_key" \
    -d 'service_code=SHOPPING_CART&lat=32.8103&long=-117.1803'
expect_error 403 json "Rotated on request"
check "key changes are audited" test "$(PSQL -tAc \
    "select count(*) from audit_log where target = '$k8_id'
	and action in ('key.create', 'key.revoke')")" = 2

# An admin of every jurisdiction sees and changes any request (its scope
# is all, not none).
k8_req=$(curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
    -d 'service_code=SHOPPING_CART&lat=32.8121&long=-117.1821' \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
get "/console/api/requests/$k8_req" -b "$E2E_TMP/k8-$k8_admin.jar"
expect_status 200
post "/console/api/requests/$k8_req/update" -b "$E2E_TMP/k8-$k8_admin.jar" \
    -H "x-csrf-token: $k8_csrf_admin" -d 'status=IN_PROGRESS'
expect_status 200
get "/console/api/queue?jurisdiction_id=chulavistaca.gov&status=any" \
    -b "$E2E_TMP/k8-$k8_admin.jar"
expect_status 200
check "an unscoped admin's scope is every jurisdiction" test "$(PSQL -tAc \
    "select console_scope(id) is null from staff where email = '$k8_admin'")" = t
