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

	# Every worker sees it within a few seconds.
	seen=0
	for _ in $(seq 1 50); do
		ok=1
		for _ in 1 2 3 4 5 6; do
			get /services.json
			[ "$(printf '%s' "$BODY" | jq -r '.[0].service_name')" = \
			    "Pothole (renamed)" ] || ok=0
		done
		[ $ok = 1 ] && { seen=1; break; }
		sleep 0.1
	done
	check "all workers serve the new catalog within 5 s" test $seen = 1
	get /services.json
	expect_jq 'length == 13'
	expect_jq '[.[].service_code] | index("NOISE") == null'
	get /services/NOISE.json
	expect_error 404 json NOISE
	get /discovery.json
	after=$(printf '%s' "$BODY" | jq -r .changeset)
	check "changeset moved ($before -> $after)" test "$after" \> "$before"

	# A bad file: message names the entry and field; nothing changes.
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
	sleep 0.5
	get /services.json
	expect_jq 'length == 13'
	expect_json '.[0].service_name' 'Pothole (renamed)'

	# --check validates without touching the database.
	out=$("$BIN" catalog import assets/demo/sandiego-catalog.json --check 2>&1)
	check "--check accepts the demo catalog" test $? -eq 0

	# Restore the demo catalog for the cases after this one.
	"$BIN" catalog import assets/demo/sandiego-catalog.json >/dev/null
	restored=0
	for _ in $(seq 1 50); do
		get /services.json
		[ "$(printf '%s' "$BODY" | jq length)" = 14 ] &&
		    [ "$(printf '%s' "$BODY" | jq -r '.[0].service_name')" = \
		    "Pothole" ] && { restored=1; break; }
		sleep 0.1
	done
	check "restored catalog served again" test $restored = 1
	get /services/NOISE.json
	expect_status 200
fi
