#!/bin/bash
# tests/web/run.sh [TEST...]
#
# The browser suite: the resident web pages and the staff console in Debian's headless
# Chromium, driven by selenium (python3-selenium + chromium-driver),
# against the real open311d binary and a throwaway PostgreSQL + PostGIS
# with the three demo jurisdictions, as the e2e suite runs them. The
# tests are in tests/web/*.py, one suite a file (weblib.py is what they
# share; $WEB_SUITES picks suites by name or path, TEST names some of
# their tests);
# screenshots of each page go to $WEB_SHOTS (default: the test's
# temporary directory; docs/img/ for the documentation). With
# WEB_HOLD=1 the gateway is left running for a person to look at until
# Ctrl-C. Fails on any failed test and on any sandbox violation, worker
# death or sanitizer report in the server log. Prints "N passed, N
# failed" last.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

if [ -n "${E2E_BINARY:-}" ]; then
	BIN=$E2E_BINARY
elif [ -x build/asan/open311d ]; then
	BIN=build/asan/open311d
else
	BIN=build/open311d
fi
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac

for f in /usr/bin/chromium /usr/bin/chromedriver; do
	if [ ! -x "$f" ]; then
		echo "web: $f is missing (apt-get install chromium chromium-driver python3-selenium)"
		echo "0 passed, 1 failed"
		exit 1
	fi
done

# axe-core, pinned by tests/web/package-lock.json.
if [ ! -f tests/web/node_modules/axe-core/axe.min.js ]; then
	if ! (cd tests/web && npm ci --no-audit --no-fund >/dev/null 2>&1); then
		echo "web: cannot install axe-core (npm ci in tests/web)"
		echo "0 passed, 1 failed"
		exit 1
	fi
fi

TMP=$(mktemp -d /tmp/open311d-web.XXXXXX)
chmod 755 "$TMP"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1
SERVER=
SMTP=

cleanup() {
	if [ -n "$SERVER" ]; then
		kill -TERM "$SERVER" 2>/dev/null
		wait "$SERVER" 2>/dev/null
	fi
	if [ -n "$SMTP" ]; then
		kill -TERM "$SMTP" 2>/dev/null
		wait "$SMTP" 2>/dev/null
	fi
	[ -d "$TMP/pg" ] && app/tools/pg.sh stop "$TMP/pg"
	rm -rf "$TMP"
}
trap cleanup EXIT

free_port() {
	/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

PG_PORT=$(free_port)
app/tools/pg.sh start "$TMP/pg" "$PG_PORT" >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
DATABASE_URL=$(app/tools/pg.sh url "$TMP/pg")
export DATABASE_URL
"$BIN" migrate >/dev/null && app/tools/demo.sh "$BIN" all >/dev/null ||
    { echo "0 passed, 1 failed"; exit 1; }
# The console's tests file their requests through the API, as an app.
KEY_SUBMIT=$("$BIN" keys create --name "web tests" --scopes submit \
    --channel mobile_app | tail -1)
[ -n "$KEY_SUBMIT" ] || { echo "0 passed, 1 failed"; exit 1; }
export KEY_SUBMIT

# Reporter e-mails go to an SMTP sink whose Maildir the suites read
# ($WEB_MAILDIR, with tests/e2e/tools/mails.py).
SMTP_PORT=$(free_port)
WEB_MAILDIR=$TMP/mail
mkdir -p "$WEB_MAILDIR/new" "$WEB_MAILDIR/cur" "$WEB_MAILDIR/tmp"
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" \
    -c aiosmtpd.handlers.Mailbox "$WEB_MAILDIR" >>"$TMP/smtp.log" 2>&1 &
SMTP=$!
export WEB_MAILDIR

PORT=$(free_port)
# No tile server in tests: the pages must work without one. No cached
# /stats.json either: a chart test compares the page with the figures of
# the requests earlier tests made, which a worker's cached answer from
# an earlier page would not count yet.
env OPEN311_CONF=conf/test.conf OPEN311_LISTEN=127.0.0.1:$PORT \
    OPEN311_PIDFILE="$TMP/web.pid" OPEN311_WEB_MIN_FILL=1 \
    OPEN311_STATS_CACHE_MS=${WEB_STATS_CACHE_MS:-0} \
    OPEN311_SMTP_URL=smtp://127.0.0.1:$SMTP_PORT OPEN311_SMTP_STARTTLS=no \
    OPEN311_ALLOW_PLAIN_HTTP_DESTINATIONS=yes \
    OPEN311_WEB_TILE_URL=http://127.0.0.1:9/{z}/{x}/{y}.png \
    "$BIN" >>"$TMP/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
	curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
	sleep 0.1
done
BASE=http://127.0.0.1:$PORT

if [ -n "${WEB_HOLD:-}" ]; then
	echo "web: $BASE (database $DATABASE_URL); Ctrl-C to stop"
	wait "$SERVER"
	exit 0
fi

# Every suite (tests/web/NAME.py but weblib.py), or those named in
# $WEB_SUITES; one total for all.
total_pass=0
total_fail=0
suites=${WEB_SUITES:-$(cd tests/web && ls *.py | sed 's/\.py$//' | grep -vx weblib)}
for t in $suites; do
	case $t in */*) f=$t; t=$(basename "$t" .py) ;; *) f=tests/web/$t.py ;; esac
	PSQL="app/tools/pg.sh psql $TMP/pg" WEB_SHOTS=${WEB_SHOTS:-$TMP/shots} \
	    OPEN311_BIN=$BIN \
	    /usr/bin/python3 "$f" "$BASE" "$@" 2>&1 |
	    tee "$TMP/$t.out" | grep -vE '^[0-9]+ passed, [0-9]+ failed$'
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$TMP/$t.out" | tail -1)
	if [ -z "$last" ]; then
		echo "not ok - $f: no result line"
		total_fail=$((total_fail + 1))
		continue
	fi
	p=${last%% passed*}
	f=${last#*, }
	f=${f%% failed}
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
done

kill -TERM "$SERVER" 2>/dev/null
wait "$SERVER" 2>/dev/null
SERVER=
# As the e2e suite reads its logs (tests/e2e/lib.sh, check_server_log).
bad=$(grep -E 'sandbox violation|seccomp|exited with status|died|AddressSanitizer|LeakSanitizer|runtime error:|SIGSEGV|SIGABRT|fatal' "$TMP/server.log" |
    grep -v 'seccomp sandbox enabled' | grep -v "seccomp filter '" | head -5)
if [ -n "$bad" ]; then
	echo "not ok - the server log shows a crash or a sanitizer report:"
	echo "$bad"
	total_fail=$((total_fail + 1))
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
