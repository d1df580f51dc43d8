#!/bin/bash
# tests/e2e/run.sh [--url URL] [CASE...]
#
# The end-to-end suite. Starts a throwaway PostgreSQL + PostGIS on a
# private port, applies the migrations, loads the demo data and the test
# fixtures, starts the real open311d binary twice (plain HTTP, and HTTPS
# with privilege separation when run as root) and runs every
# tests/e2e/cases/*.sh against them. With --url, runs the cases against an
# already running gateway instead (cases that need the database or the
# server log are skipped). Fails on any failed check and on any sandbox
# violation, worker death or sanitizer report in the server logs. Prints
# "N passed, N failed" last.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

E2E_EXTERNAL=
while [ $# -gt 0 ]; do
	case "$1" in
	--url) E2E_EXTERNAL=$2; shift 2 ;;
	*) break ;;
	esac
done

if [ -n "${E2E_BINARY:-}" ]; then
	BIN=$E2E_BINARY
elif [ -x build/asan/open311d ]; then
	BIN=build/asan/open311d
else
	BIN=build/open311d
fi
BIN=$ROOT/$BIN
[ -x "$BIN" ] || BIN=${BIN#"$ROOT"/}

E2E_TMP=$(mktemp -d /tmp/open311d-e2e.XXXXXX)
E2E_WORKERS=$(awk '$1 == "workers" { print $2 }' conf/test.conf)
chmod 755 "$E2E_TMP"
export E2E_TMP
SERVERS=()
LOGS=()
MAINDB=()
PASS=0
FAIL=0

# ASan: Kore's parent keeps an access-log buffer until exit; not ours.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# psql as the superuser on the test database.
PSQL() {
	app/tools/pg.sh psql "$E2E_TMP/pg" "$@"
}

# start_server NAME PORT [VAR=VALUE...]: starts open311d with
# conf/test.conf and the given environment, waits until it answers.
start_server() {
	name=$1
	port=$2
	shift 2
	log=$E2E_TMP/$name.log
	env OPEN311_CONF=conf/test.conf OPEN311_LISTEN=127.0.0.1:$port \
	    OPEN311_PIDFILE="$E2E_TMP/$name.pid" "$@" "$BIN" >>"$log" 2>&1 &
	eval "IDX_$name=${#SERVERS[@]}"
	SERVERS+=("$!")
	LOGS+=("$log")
	case " $* " in
	*" DATABASE_URL="*) MAINDB+=(0) ;;
	*) MAINDB+=(1) ;;
	esac
	eval "PID_$name=$!"
	for _ in $(seq 1 100); do
		if curl -sk -o /dev/null "http://127.0.0.1:$port/healthz" ||
		    curl -sk -o /dev/null "https://127.0.0.1:$port/healthz"; then
			return 0
		fi
		kill -0 "$!" 2>/dev/null || break
		sleep 0.1
	done
	echo "e2e: server $name did not start; log:" >&2
	cat "$log" >&2
	return 1
}

# stop_server NAME: stops a server started by start_server, gracefully.
stop_server() {
	eval "pid=\${PID_$1:-}"
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	eval "PID_$1="
	# await_cache must not take a reused pid for this server.
	eval "MAINDB[\$IDX_$1]=0"
}

cleanup() {
	for s in "${SERVERS[@]}"; do
		kill -TERM "$s" 2>/dev/null
	done
	for s in "${SERVERS[@]}"; do
		wait "$s" 2>/dev/null
	done
	if [ -z "$E2E_EXTERNAL" ] && [ -d "$E2E_TMP/pg" ]; then
		app/tools/pg.sh stop "$E2E_TMP/pg"
	fi
	if [ -z "${E2E_KEEP:-}" ]; then
		rm -rf "$E2E_TMP"
	else
		echo "e2e: kept $E2E_TMP"
	fi
}
trap cleanup EXIT

. tests/e2e/lib.sh

if [ -n "$E2E_EXTERNAL" ]; then
	BASE=$E2E_EXTERNAL
	TLS_BASE=
else
	PG_PORT=$(free_port)
	app/tools/pg.sh start "$E2E_TMP/pg" "$PG_PORT" >/dev/null || exit 1
	DATABASE_URL=$(app/tools/pg.sh url "$E2E_TMP/pg")
	export DATABASE_URL
	"$BIN" migrate >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
	# One jurisdiction first; 500-jurisdictions.sh adds the others.
	app/tools/demo.sh "$BIN" sandiego >/dev/null ||
	    { echo "0 passed, 1 failed"; exit 1; }

	# API keys for the cases: KEY_SUBMIT (mobile app), KEY_WEB (web
	# form), KEY_OFFICE (back office of sandiego.gov), KEY_ADMIN.
	newkey() {
		"$BIN" keys create "$@" | tail -1
	}
	KEY_SUBMIT=$(newkey --name "e2e app" --scopes submit \
	    --channel mobile_app)
	KEY_WEB=$(newkey --name "e2e web form" --scopes submit --channel web)
	KEY_OFFICE=$(newkey --name "e2e crm" --scopes submit,backoffice \
	    --jurisdiction sandiego.gov --channel phone)
	KEY_ADMIN=$(newkey --name "e2e admin" --scopes admin,backoffice)
	export KEY_SUBMIT KEY_WEB KEY_OFFICE KEY_ADMIN

	HTTP_PORT=$(free_port)
	start_server http "$HTTP_PORT" || { echo "0 passed, 1 failed"; exit 1; }
	BASE=http://127.0.0.1:$HTTP_PORT

	# HTTPS with the key manager; as root, workers switch to nobody.
	mkdir -p "$E2E_TMP/tls"
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
	    -keyout "$E2E_TMP/tls/key.pem" -out "$E2E_TMP/tls/cert.pem" \
	    -subj /CN=localhost 2>/dev/null
	openssl dhparam -dsaparam -out "$E2E_TMP/tls/dh.pem" 2048 2>/dev/null
	chmod 644 "$E2E_TMP"/tls/*
	TLS_PORT=$(free_port)
	runas=
	[ "$(id -u)" -eq 0 ] && runas=OPEN311_RUNAS=nobody
	start_server https "$TLS_PORT" OPEN311_TLS=yes \
	    OPEN311_CERTFILE="$E2E_TMP/tls/cert.pem" \
	    OPEN311_CERTKEY="$E2E_TMP/tls/key.pem" \
	    OPEN311_DHPARAM="$E2E_TMP/tls/dh.pem" $runas ||
	    { echo "0 passed, 1 failed"; exit 1; }
	TLS_BASE=https://127.0.0.1:$TLS_PORT
fi
export BASE TLS_BASE

if [ $# -gt 0 ]; then
	cases=("$@")
else
	cases=(tests/e2e/cases/*.sh)
fi

for c in "${cases[@]}"; do
	CASE=$(basename "$c" .sh)
	_fails_before=$FAIL
	if ! bash -n "$c"; then
		fail "the case does not parse; none of it ran"
		continue
	fi
	. "$c"
	if [ "$FAIL" -eq "$_fails_before" ]; then
		echo "ok - $CASE"
	fi
done

# Stop the servers, then read their logs for crashes of any kind.
if [ -z "$E2E_EXTERNAL" ]; then
	stop_server http
	stop_server https
	for log in "${LOGS[@]}"; do
		check_server_log "$log"
	done
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
