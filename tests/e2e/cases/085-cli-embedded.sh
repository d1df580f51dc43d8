# The tools find `make run`'s embedded database by themselves: from a
# directory whose var/pg holds pg.sh's url and port files, with no
# database named in the environment or a settings file, `keys create`
# and `staff add` reach it. A database named in the environment or the file wins; an
# embedded database that is not running is named in the message; with
# no var/pg the message says how to name one.

if [ -z "$E2E_EXTERNAL" ]; then
	dir=$E2E_TMP/embedded
	mkdir -p "$dir/var/pg"
	cp "$E2E_TMP/pg/url" "$E2E_TMP/pg/port" "$dir/var/pg/"
	# nodb [VAR=VALUE...] ARGS: open311d ARGS in $dir, no database named.
	nodb() {
		(cd "$dir" && env -u DATABASE_URL -u OPEN311_DATABASE_URL \
		    -u OPEN311_CONF OPEN311_DB_WAIT=0 "$@" 2>&1)
	}

	out=$(nodb "$BIN" keys create --name "embedded" --scopes submit)
	rc=$?
	check "keys create finds var/pg (exit $rc: $out)" test $rc -eq 0
	key=$(printf '%s\n' "$out" | tail -1)
	n=$(PSQL -tAc "select count(*) from api_keys where hash = sha256('$key'::bytea)")
	check "the key is in the embedded database" test "$n" = 1

	out=$(nodb "$BIN" staff add "embedded-$$@example.org" --name Tour \
	    --role admin)
	rc=$?
	check "staff add finds var/pg and prints the link (exit $rc: $out)" \
	    sh -c 'test "$1" -eq 0 && printf "%s" "$2" | grep -q "/console/password#token="' _ "$rc" "$out"

	out=$(nodb "$BIN" config)
	case "$out" in
	*"database_url"*"set, not shown"*) pass ;;
	*) fail "config does not show the embedded database: $out" ;;
	esac

	out=$(nodb DATABASE_URL=postgresql://x:y@127.0.0.1:1/none \
	    "$BIN" keys list)
	rc=$?
	check "DATABASE_URL wins over var/pg (exit $rc)" test $rc -eq 1
	case "$out" in
	*"cannot connect"*) pass ;;
	*) fail "DATABASE_URL was not used: $out" ;;
	esac

	printf 'tls no\ndatabase_url postgresql://x:y@127.0.0.1:1/none\n' \
	    > "$dir/other.conf"
	out=$(nodb "$BIN" -c other.conf keys list)
	rc=$?
	check "the settings file wins over var/pg (exit $rc)" test $rc -eq 1
	case "$out" in
	*"cannot connect"*) pass ;;
	*) fail "the file's database_url was not used: $out" ;;
	esac

	echo 1 > "$dir/var/pg/port"
	out=$(nodb "$BIN" keys list)
	rc=$?
	check "an embedded database that is not running: exit 1 ($rc)" \
	    test $rc -eq 1
	case "$out" in
	*"cannot connect"*"embedded database of var/pg"*) pass ;;
	*) fail "the message does not name the embedded database: $out" ;;
	esac

	rm -r "$dir/var"
	out=$(nodb "$BIN" keys list)
	rc=$?
	check "no var/pg: exit 1 ($rc)" test $rc -eq 1
	case "$out" in
	*"database_url: not set"*) pass ;;
	*) fail "no var/pg: $out" ;;
	esac
fi
