# Settings: an invalid setting is one clear message and a non-zero exit
# before any worker starts; the server refuses an older schema;
# `open311d config` and `migrate` behave.

if [ -z "$E2E_EXTERNAL" ]; then
	run_bad() {
		# run_bad DESCRIPTION EXPECTED-TEXT [VAR=VALUE...]
		d=$1
		want=$2
		shift 2
		out=$(env OPEN311_CONF=conf/test.conf "$@" timeout 20 "$BIN" 2>&1)
		rc=$?
		check "$d: exits 1 (got $rc)" test $rc -eq 1
		case "$out" in
		*"$want"*) pass ;;
		*) fail "$d: message lacks '$want': $out" ;;
		esac
		case "$out" in
		*"worker"*"started"*) fail "$d: a worker started" ;;
		*) pass ;;
		esac
	}

	run_bad "workers=0" "workers: must be a whole number from 1 to 64" \
	    OPEN311_WORKERS=0
	run_bad "listen without port" "listen: must be ADDRESS:PORT" \
	    OPEN311_LISTEN=127.0.0.1
	run_bad "port out of range" "port must be from 1 to 65535" \
	    OPEN311_LISTEN=127.0.0.1:70000
	run_bad "bad size" "body_max: must be a size" OPEN311_BODY_MAX=lots
	run_bad "bad boolean" "tls: must be yes or no" OPEN311_TLS=maybe
	run_bad "missing certificate" "certfile: cannot read" OPEN311_TLS=yes \
	    OPEN311_CERTFILE=/nonexistent.pem
	run_bad "bad choice" "smtp_starttls: must be one of: no try yes; not \
'always'" OPEN311_SMTP_STARTTLS=always
	run_bad "unreadable CA file" "outbound_ca_file: cannot read" \
	    OPEN311_OUTBOUND_CA_FILE=/nonexistent-ca.pem
	run_bad "CA file without a certificate" "outbound_ca_file: no PEM \
certificate in 'conf/test.conf'" OPEN311_OUTBOUND_CA_FILE=conf/test.conf
	run_bad "no database" "database_url: not set" DATABASE_URL= \
	    OPEN311_DATABASE_URL=
	printf 'listen 127.0.0.1:1\ncolour blue\n' > "$E2E_TMP/bad.conf"
	run_bad "unknown setting" "bad.conf:2: unknown setting 'colour'" \
	    OPEN311_CONF="$E2E_TMP/bad.conf"
	printf 'workers 2\nworkers 3\n' > "$E2E_TMP/dup.conf"
	run_bad "duplicate setting" "dup.conf:2: 'workers' is set twice" \
	    OPEN311_CONF="$E2E_TMP/dup.conf"
	run_bad "unreachable database" "cannot connect to the database" \
	    DATABASE_URL=postgresql://x:y@127.0.0.1:1/none OPEN311_DB_WAIT=0

	# An empty database (older schema) is refused.
	PSQL -d postgres -c "DROP DATABASE IF EXISTS empty" >/dev/null 2>&1
	PSQL -d postgres -c "CREATE DATABASE empty OWNER open311" >/dev/null
	empty_url=$(printf '%s' "$DATABASE_URL" | sed 's|/open311$|/empty|')
	run_bad "older schema" "run \`open311d migrate\` first" \
	    DATABASE_URL="$empty_url"

	# migrate is idempotent; config hides the password.
	out=$("$BIN" migrate 2>&1)
	case "$out" in
	*"(0 migrations applied)"*) pass ;;
	*) fail "second migrate applied something: $out" ;;
	esac
	out=$(OPEN311_CONF=conf/test.conf "$BIN" config 2>&1)
	check "config exits 0" test $? -eq 0
	case "$out" in
	*"$(printf '%s' "$DATABASE_URL" | sed 's|.*://[^:]*:\([^@]*\)@.*|\1|')"*)
		fail "config prints the database password" ;;
	*"database_url"*"(set, not shown)"*) pass ;;
	*) fail "config output: $out" ;;
	esac
	out=$("$BIN" frobnicate 2>&1)
	check "unknown command exits 2" test $? -eq 2
fi
