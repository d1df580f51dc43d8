# Staff accounts from the console (admins): the list an admin may manage
# (a scoped admin sees only the accounts scoped within its
# jurisdictions), a new account (checked like `open311d staff add`, a
# scoped admin only within its own jurisdictions, an address taken is
# 409), a disabled account (its sessions end at once, it can no longer
# sign in, never the admin's own); agents refused, CSRF needed, every
# change audited. The outbox view shows the password mails of the
# accounts an admin may manage, their dead letters included.

s3_run=$(date +%s%N)

# s3_account NAME ROLE [JURISDICTIONS]: signs in s3-NAME-RUN@example.org
# to jar NAME; S3_CSRF_NAME is its CSRF token.
s3_account() {
	console_account "$E2E_TMP/s3-$1.jar" "s3-$1-$s3_run@example.org" \
	    "$2" "${3:-}"
	printf -v "S3_CSRF_$1" '%s' "$CONSOLE_CSRF"
}
s3_account admin admin
s3_account sdadmin admin sandiego.gov
s3_account agent agent sandiego.gov
s3_account cv agent chulavistaca.gov
check "the accounts signed in" \
    test "${#S3_CSRF_admin}${#S3_CSRF_sdadmin}${#S3_CSRF_agent}${#S3_CSRF_cv}" = 64646464
s3_id() {
	PSQL -XAtc "select id from staff where email = 's3-$1-$s3_run@example.org'"
}

# s3 NAME METHOD PATH [CURL ARGS]: a console call as account NAME.
s3() {
	_n=$1 _m=$2 _p=$3
	shift 3
	_c="S3_CSRF_$_n"
	if [ "$_m" = GET ]; then
		get "$_p" -b "$E2E_TMP/s3-$_n.jar" "$@"
	else
		post "$_p" -b "$E2E_TMP/s3-$_n.jar" -H "x-csrf-token: ${!_c}" "$@"
	fi
}

# The list.
s3 agent GET /console/api/staff
expect_error 403 json "role"
s3 admin GET /console/api/staff
expect_status 200
expect_jq "[.staff[] | select(.email | endswith(\"-$s3_run@example.org\"))] | length == 4"
expect_jq "[.staff[] | select(.me)] | .[0].email == \"s3-admin-$s3_run@example.org\""
expect_jq "[.staff[] | select(.email == \"s3-cv-$s3_run@example.org\")][0] | .role == \"agent\" and .jurisdictions == [\"chulavistaca.gov\"] and .password_set and .active and .sessions == 1"
check "the list holds no password nor hash" sh -c "! grep -q 'argon2' '$E2E_TMP/body'"
s3 sdadmin GET /console/api/staff
expect_status 200
expect_jq "[.staff[] | select(.email | endswith(\"-$s3_run@example.org\")) | .email | split(\"-\")[1]] | sort == [\"agent\", \"sdadmin\"]"

# A new account.
post /console/api/staff -b "$E2E_TMP/s3-admin.jar" \
    -d "email=s3-new-$s3_run@example.org&name=New&role=agent"
expect_error 403 json "X-CSRF-Token"
s3 agent POST /console/api/staff -d "email=s3-x-$s3_run@example.org&name=X&role=agent"
expect_error 403 json "role"
s3 admin POST /console/api/staff -d "email=not-an-address&name=X&role=agent"
expect_error 400 json "email"
s3 admin POST /console/api/staff -d "email=s3-x-$s3_run@example.org&name=X&role=boss"
expect_error 400 json "role"
s3 admin POST /console/api/staff -d "email=s3-x-$s3_run@example.org&role=agent"
expect_error 400 json "name"
s3 admin POST /console/api/staff -d "email=s3-x-$s3_run@example.org&name=&role=agent"
expect_error 400 json "name"
s3 admin POST /console/api/staff -d "email=s3-x-$s3_run@example.org&name=$(printf 'n%.0s' $(seq 1 201))&role=agent"
expect_error 400 json "name"
s3 admin POST /console/api/staff -d "email=s3-x-$s3_run@example.org&name=X&role=agent&jurisdiction=sandiego.gov,,x"
expect_error 400 json "jurisdiction"
s3 admin POST /console/api/staff --data-urlencode "name=$(printf 'a\001b')" \
    -d "email=s3-x-$s3_run@example.org&role=agent"
expect_error 400 json "name"
s3 admin POST /console/api/staff -d "email=s3-x-$s3_run@example.org&name=X&role=agent&jurisdiction=nowhere.gov"
expect_error 400 json "jurisdiction"
s3 sdadmin POST /console/api/staff -d "email=s3-x-$s3_run@example.org&name=X&role=agent"
expect_error 400 json "jurisdiction"
s3 sdadmin POST /console/api/staff -d "email=s3-x-$s3_run@example.org&name=X&role=agent&jurisdiction=sandiego.gov,chulavistaca.gov"
expect_error 400 json "jurisdiction"
check "nothing was added" test "$(s3_id x)" = ""
s3 sdadmin POST /console/api/staff \
    -d "email=S3-New-$s3_run@Example.org&name=Nia+Nuevo&role=supervisor&jurisdiction=sandiego.gov"
expect_status 201
expect_json '.email' "s3-new-$s3_run@example.org"
s3_new=$(printf '%s' "$BODY" | jq -r .id)
check "the new account ($s3_new) is the CLI's kind" \
    sh -c "'$BIN' staff list | grep -q 's3-new-$s3_run@example.org.*Nia Nuevo.*supervisor.*sandiego.gov.*active.*unset'"
s3 admin POST /console/api/staff -d "email=s3-new-$s3_run@example.org&name=Again&role=agent"
expect_error 409 json "exists already"
check "the add is audited with its admin" test "$(PSQL -XAtc \
    "select count(*) from audit_log where action = 'staff.add'
	and target = 's3-new-$s3_run@example.org'
	and staff_id = $(s3_id sdadmin) and detail->>'role' = 'supervisor'")" = 1
# Without smtp_url (the suite's server) its link is the command line's.
s3 sdadmin POST "/console/api/staff/$s3_new/link" -d ""
expect_error 409 json "smtp_url is not set"

# Disable.
s3 sdadmin POST "/console/api/staff/$(s3_id cv)/disable" -d ""
expect_error 404 json "no other active staff account"
s3 sdadmin POST "/console/api/staff/$(s3_id sdadmin)/disable" -d ""
expect_error 404 json "no other active staff account"
s3 agent POST "/console/api/staff/$(s3_id cv)/disable" -d ""
expect_error 403 json "role"
post "/console/api/staff/$(s3_id agent)/disable" -b "$E2E_TMP/s3-sdadmin.jar" -d ""
expect_error 403 json "X-CSRF-Token"
s3 agent GET /console/api/me
expect_status 200
s3 sdadmin POST "/console/api/staff/$(s3_id agent)/disable" -d ""
expect_status 200
expect_jq ".disabled == true and .email == \"s3-agent-$s3_run@example.org\""
s3 agent GET /console/api/me
expect_status 401
console_account "$E2E_TMP/s3-again.jar" "s3-agent-$s3_run@example.org" agent \
    2>/dev/null
check "a disabled account cannot sign in" test -z "$CONSOLE_CSRF"
s3 sdadmin POST "/console/api/staff/$(s3_id agent)/disable" -d ""
expect_error 404 json "no other active staff account"
check "the disable is audited" test "$(PSQL -XAtc \
    "select count(*) from audit_log where action = 'staff.disable'
	and target = 's3-agent-$s3_run@example.org'
	and staff_id = $(s3_id sdadmin)")" = 1
s3 sdadmin GET /console/api/staff
expect_jq "[.staff[] | select(.email == \"s3-agent-$s3_run@example.org\")][0] | .active == false and .sessions == 0"

# The password mails in the outbox view: one for a San Diego account
# (a dead letter here, as if its SMTP server had refused it for a day)
# and one for a Chula Vista account.
OPEN311_SMTP_URL=smtp://127.0.0.1:9 "$BIN" staff link \
    "s3-new-$s3_run@example.org" >/dev/null
OPEN311_SMTP_URL=smtp://127.0.0.1:9 "$BIN" staff link \
    "s3-cv-$s3_run@example.org" >/dev/null
PSQL -XAtc "update outbox set state = 'dead', last_error = 's3 refused'
    where event = 'staff.password' and staff_id = $s3_new" >/dev/null
s3 sdadmin GET /console/api/outbox
expect_status 200
expect_jq "[.dead[] | select(.staff_email == \"s3-new-$s3_run@example.org\")][0] | .request_id == null and .staff_id == \"$s3_new\" and .destination == \"email\" and .last_error == \"s3 refused\""
expect_jq "[.dead[] | select(.staff_email == \"s3-cv-$s3_run@example.org\")] | length == 0"
expect_jq '[.backlog[] | select(.destination == "email" and .state == "dead")][0].count >= 1'
s3 admin GET /console/api/outbox
expect_jq "[.dead[] | select(.staff_email == \"s3-new-$s3_run@example.org\")] | length == 1"
expect_jq '[.backlog[] | select(.destination == "email" and .state == "pending")][0].count >= 1'
check "no token reaches the outbox view" \
    sh -c "! grep -qE '[0-9a-f]{64}' '$E2E_TMP/body'"
