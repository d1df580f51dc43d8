#!/bin/bash
# tests/bench/contention.sh: submissions' p50 and p99 while 20 anonymous
# clients hammer statistics, deep pages and full exports
# (tests/bench/contention.py), against the bench cluster of
# tests/bench/run.sh (var/bench, seeded there) and the release binary
# with conf/open311.conf, its rate limits out of reach so that every
# hammer reaches the database. Run by `make bench`; runs alone too (it
# seeds BENCH_ROWS requests first if the cluster has fewer).
#
# Settings (environment): BENCH_DIR (var/bench), BENCH_ROWS (1000000),
# CONTENTION_SECONDS per phase (20), CONTENTION_CLIENTS (20),
# CONTENTION_BINARY (build/open311d).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

DIR=${BENCH_DIR:-var/bench}
ROWS=${BENCH_ROWS:-1000000}
SECS=${CONTENTION_SECONDS:-20}
CLIENTS=${CONTENTION_CLIENTS:-20}
BIN=${CONTENTION_BINARY:-$ROOT/build/open311d}
TMP=$(mktemp -d /tmp/open311d-contention.XXXXXX)
SERVER=
STARTED_PG=

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

PSQL() {
	app/tools/pg.sh psql "$DIR/pg" "$@"
}

cleanup() {
	[ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER"
	[ -n "$STARTED_PG" ] && app/tools/pg.sh stop "$DIR/pg" >/dev/null 2>&1
	rm -rf "$TMP"
}
trap cleanup EXIT

[ -x "$BIN" ] || make -s all
mkdir -p "$DIR"
if ! PSQL -c 'SELECT 1' >/dev/null 2>&1; then
	port=$(cat "$DIR/pg/port" 2>/dev/null || free_port)
	app/tools/pg.sh start "$DIR/pg" "$port" >/dev/null
	STARTED_PG=1
fi
DATABASE_URL=$(app/tools/pg.sh url "$DIR/pg")
export DATABASE_URL
build/open311d migrate >/dev/null
if [ "$(PSQL -At -c "SELECT count(*) FROM jurisdictions")" -lt 3 ]; then
	app/tools/demo.sh build/open311d all >/dev/null
fi
have=$(PSQL -At -c "SELECT count(*) FROM requests
    WHERE description LIKE 'Seeded request %'")
if [ "$have" -lt "$ROWS" ]; then
	echo "contention: seeding $((ROWS - have)) requests (once; kept in $DIR)"
	PSQL -v n=$((ROWS - have)) -f tests/bench/seed.sql >/dev/null
	PSQL -c "VACUUM ANALYZE requests" >/dev/null
fi
KEY=$(build/open311d keys create --name "contention $(date +%s)" \
    --scopes submit --channel partner_app | tail -1)

PORT=$(free_port)
env OPEN311_CONF=conf/open311.conf OPEN311_TLS=no \
    OPEN311_LISTEN="127.0.0.1:$PORT" OPEN311_ACCESS_LOG=no \
    OPEN311_RATE_ANONYMOUS=10000000 OPEN311_RATE_KEY=10000000 \
    OPEN311_RATE_SUBMIT=10000000 \
    "$BIN" >"$TMP/server.log" 2>&1 &
SERVER=$!
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 100); do
	curl -s -o /dev/null "$BASE/readyz" && break
	sleep 0.1
done
curl -sf -o /dev/null "$BASE/readyz" || { cat "$TMP/server.log"; exit 1; }

echo "contention: $(PSQL -At -c "SELECT count(*) FROM requests") requests" \
    "stored; $SECS s per phase; $CLIENTS hammering clients; $(nproc) CPUs;" \
    "$(basename "$BIN")"
python3 tests/bench/contention.py "$BASE" "$KEY" "$SECS" "$CLIENTS"
