# Jurisdictions and catalogs from the console (admins): the list of the
# jurisdictions I administer; a catalog file uploaded as `open311d
# catalog import` reads it, checked the same way (a bad file answered 400
# naming the entry and field, nothing changed; check=1 only checks),
# imported by the same statement, reaching every worker without a
# restart (GET /services in JSON and XML), audited with the versions;
# refused: an agent, a supervisor, CSRF, no file, not JSON, a file over
# media_max (413), the catalog of another jurisdiction, a jurisdiction I
# do not administer. The demo catalog is restored at the end.

u1_run=$(date +%s%N)
app/tools/demo.sh "$BIN" all >/dev/null
await_cache catalog
console_account "$E2E_TMP/u1-admin.jar" "u1-admin-$u1_run@example.org" admin \
    sandiego.gov
u1_csrf=$CONSOLE_CSRF
console_account "$E2E_TMP/u1-agent.jar" "u1-agent-$u1_run@example.org" agent \
    sandiego.gov
u1_agent=$CONSOLE_CSRF
console_account "$E2E_TMP/u1-sup.jar" "u1-sup-$u1_run@example.org" \
    supervisor sandiego.gov
u1_sup=$CONSOLE_CSRF

# u1_up FILE [CURL ARGS]: uploads FILE as San Diego's catalog.
u1_up() {
	_f=$1
	shift
	post /console/api/jurisdictions/sandiego.gov/catalog \
	    -b "$E2E_TMP/u1-admin.jar" -H "x-csrf-token: $u1_csrf" \
	    -F "file=@$_f;type=application/json" "$@"
}
u1_version() {
	PSQL -XAtc "select version from cache_versions where name = 'catalog'"
}

get /console/api/jurisdictions -b "$E2E_TMP/u1-agent.jar"
expect_error 403 json "role"
get /console/api/jurisdictions -b "$E2E_TMP/u1-sup.jar"
expect_error 403 json "role"
get /console/api/jurisdictions -b "$E2E_TMP/u1-admin.jar"
expect_status 200
expect_jq '[.jurisdictions[].id] == ["sandiego.gov"]'
expect_jq '.jurisdictions[0] | .services == 14 and .private == 0 and .boundary_km2 > 0 and .time_zone == "America/Los_Angeles"'
expect_jq ".catalog_version == $(u1_version)"

jq '.services |= map(if .service_code == "POTHOLE" then .service_name =
    "Pothole (uploaded)" else . end)' assets/demo/sandiego-catalog.json \
    > "$E2E_TMP/u1-new.json"
jq '.services[2].attributes[1].datatype = "colour"' \
    assets/demo/sandiego-catalog.json > "$E2E_TMP/u1-bad.json"
printf '{"jurisdiction_id": "sandiego.gov", "services": [' > "$E2E_TMP/u1-cut.json"
{ printf '{"jurisdiction_id": "sandiego.gov", "pad": "'
    head -c 11000000 /dev/zero | tr '\0' x; printf '"}'; } > "$E2E_TMP/u1-big.json"

# Refusals; nothing changes.
u1_v0=$(u1_version)
post /console/api/jurisdictions/sandiego.gov/catalog \
    -b "$E2E_TMP/u1-agent.jar" -H "x-csrf-token: $u1_agent" \
    -F "file=@$E2E_TMP/u1-new.json"
expect_error 403 json "role"
post /console/api/jurisdictions/sandiego.gov/catalog \
    -b "$E2E_TMP/u1-sup.jar" -H "x-csrf-token: $u1_sup" \
    -F "file=@$E2E_TMP/u1-new.json"
expect_error 403 json "role"
post /console/api/jurisdictions/sandiego.gov/catalog \
    -b "$E2E_TMP/u1-admin.jar" -F "file=@$E2E_TMP/u1-new.json"
expect_error 403 json "X-CSRF-Token"
post /console/api/jurisdictions/sandiego.gov/catalog \
    -b "$E2E_TMP/u1-admin.jar" -H "x-csrf-token: $u1_csrf" -F "check=1"
expect_error 400 json "file: a catalog (JSON) file is required"
u1_up "$E2E_TMP/u1-big.json"
expect_error 413 json "file 'file' is larger than"
u1_up "$E2E_TMP/u1-cut.json"
expect_error 400 json "file: not JSON: line 1"
u1_up "$E2E_TMP/u1-bad.json"
expect_error 400 json "services[2] (STREETLIGHT): attributes[1] (ISSUE): datatype"
u1_up assets/demo/chulavista-catalog.json
expect_error 400 json "jurisdiction_id: the file is the catalog of chulavistaca.gov"
post /console/api/jurisdictions/chulavistaca.gov/catalog \
    -b "$E2E_TMP/u1-admin.jar" -H "x-csrf-token: $u1_csrf" \
    -F "file=@assets/demo/chulavista-catalog.json"
expect_error 404 json "no jurisdiction chulavistaca.gov you administer"
u1_up "$E2E_TMP/u1-new.json" -F check=1
expect_status 200
expect_jq '.checked == true and .services == 14 and .jurisdiction_id == "sandiego.gov"'
check "refusals and a check change nothing" test "$(u1_version)" = "$u1_v0"
get '/services.json?jurisdiction_id=sandiego.gov'
expect_jq '[.[] | select(.service_code == "POTHOLE")][0].service_name == "Pothole"'

# The upload.
u1_up "$E2E_TMP/u1-new.json"
expect_status 200
expect_jq ".version == $((u1_v0 + 1)) and .services == 14 and .private == 0"
check "every worker loads the uploaded catalog" await_cache catalog
# Each request a new connection, so that every worker answers some.
for _ in $(seq 1 $((E2E_WORKERS * 4))); do
	get '/services.json?jurisdiction_id=sandiego.gov'
	expect_jq '[.[] | select(.service_code == "POTHOLE")][0].service_name == "Pothole (uploaded)"'
	get '/services.xml?jurisdiction_id=sandiego.gov'
	expect_body_has '<service_name>Pothole (uploaded)</service_name>'
done
get '/services/POTHOLE.json?jurisdiction_id=sandiego.gov'
u1_attrs=$(jq -c '[.services[] | select(.service_code == "POTHOLE") |
    .attributes[].code]' "$E2E_TMP/u1-new.json")
expect_jq "[.attributes[].code] == $u1_attrs"
check "the upload is audited with both versions" test "$(PSQL -XAtc \
    "select count(*) from audit_log where action = 'catalog.import'
	and target = 'sandiego.gov' and staff_id = (select id from staff
	where email = 'u1-admin-$u1_run@example.org')
	and (detail->>'version_before')::bigint = $u1_v0
	and (detail->>'version_after')::bigint = $((u1_v0 + 1))")" = 1
check "the command line's import still agrees (--check)" \
    "$BIN" catalog import "$E2E_TMP/u1-new.json" --check

# Restored, as the demo has it.
u1_up assets/demo/sandiego-catalog.json
expect_status 200
check "every worker loads the restored catalog" await_cache catalog
get '/services.json?jurisdiction_id=sandiego.gov'
expect_jq '[.[] | select(.service_code == "POTHOLE")][0].service_name == "Pothole"'
