# `open311d catalog import`: a new catalog replaces the old one
# atomically, bumps the changeset, and reaches every worker within a few
# seconds without a restart; a bad file changes nothing and names the
# entry and field.

if [ -z "$E2E_EXTERNAL" ]; then
	get /discovery.json
	before=$(printf '%s' "$BODY" | jq -r .changeset)
	sleep 1.1	# changesets have one-second resolution

	jq '.services |= (map(select(.service_code != "NOISE")) |
	    map(if .service_code == "POTHOLE" then .service_name =
	    "Pothole (renamed)" else . end))' \
	    assets/demo/sandiego-catalog.json > "$E2E_TMP/cat2.json"
	out=$("$BIN" catalog import "$E2E_TMP/cat2.json" 2>&1)
	check "import succeeds: $out" test $? -eq 0

	check "every worker loads the new catalog within 10 s" \
	    await_cache catalog
	get "/services.json?jurisdiction_id=sandiego.gov"
	expect_jq 'length == 13'
	expect_jq '[.[].service_code] | index("NOISE") == null'
	get "/services/NOISE.json?jurisdiction_id=sandiego.gov"
	expect_error 404 json NOISE
	get /discovery.json
	after=$(printf '%s' "$BODY" | jq -r .changeset)
	check "changeset moved ($before -> $after)" test "$after" \> "$before"

	# A bad file: message names the entry and field; nothing changes.
	version=$(PSQL -At -c "SELECT version FROM cache_versions WHERE name = 'catalog'")
	jq '.services[2].attributes[1].datatype = "colour"' \
	    assets/demo/sandiego-catalog.json > "$E2E_TMP/bad.json"
	out=$("$BIN" catalog import "$E2E_TMP/bad.json" 2>&1)
	check "bad catalog exits non-zero" test $? -ne 0
	case "$out" in
	*"services[2] (STREETLIGHT): attributes[1] (ISSUE): datatype"*) pass ;;
	*) fail "message does not name the entry and field: $out" ;;
	esac
	printf '{"jurisdiction_id": "sandiego.gov", "services": [' > "$E2E_TMP/broken.json"
	out=$("$BIN" catalog import "$E2E_TMP/broken.json" 2>&1)
	check "truncated JSON exits non-zero" test $? -ne 0
	case "$out" in
	*"broken.json:1:"*) pass ;;
	*) fail "JSON error without file and line: $out" ;;
	esac
	out=$("$BIN" catalog import /nonexistent.json 2>&1)
	check "missing file exits non-zero" test $? -ne 0
	check "the refused files moved no catalog version" test \
	    "$(PSQL -At -c "SELECT version FROM cache_versions WHERE name = 'catalog'")" = "$version"
	get "/services.json?jurisdiction_id=sandiego.gov"
	expect_jq 'length == 13'
	expect_json '.[0].service_name' 'Pothole (renamed)'

	# --check validates without touching the database.
	out=$("$BIN" catalog import assets/demo/sandiego-catalog.json --check 2>&1)
	check "--check accepts the demo catalog" test $? -eq 0

	# Restore the demo catalog for the cases after this one.
	"$BIN" catalog import assets/demo/sandiego-catalog.json >/dev/null
	check "every worker loads the restored catalog" await_cache catalog
	get "/services.json?jurisdiction_id=sandiego.gov"
	expect_jq 'length == 14 and .[0].service_name == "Pothole"'
	get "/services/NOISE.json?jurisdiction_id=sandiego.gov"
	expect_status 200
fi
