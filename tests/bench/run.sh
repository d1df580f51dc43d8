#!/bin/bash
# tests/bench/run.sh: what `make bench` runs. Seeds a PostgreSQL + PostGIS
# cluster of its own (var/bench, kept between runs) with a million
# service requests (tests/bench/seed.sql), starts the release binary over
# HTTP, and measures each endpoint with wrk: req/s, p50 and p99. In the
# same run, on the same machine, it measures the limits the figures are
# judged against: a no-op handler in the same server (/_bench/noop) and
# pgbench running the exact statements of sql/ each endpoint runs,
# prepared, with the same parameters. It prints each endpoint's ratio to
# its limit next to the target of design.md, the duplicate check alone,
# POST with the check on and off, a streamed export of every row with
# the server's memory during it, and the server's peak memory; then the
# web pages' first-visit weight and Lighthouse scores (pages.sh).
#
# Settings (environment): BENCH_ROWS (1000000), BENCH_SECONDS per run
# (10), BENCH_CONNECTIONS for wrk (8), BENCH_DIR (var/bench). pgbench
# runs as many clients as the server has database connections (workers
# times db_connections of conf/open311.conf), so both use the database
# at the same concurrency.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

app/tools/deps.sh bench
make -s all

ROWS=${BENCH_ROWS:-1000000}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-8}
DIR=${BENCH_DIR:-var/bench}
BIN=$ROOT/build/open311d
TMP=$(mktemp -d /tmp/open311d-bench.XXXXXX)
SERVER=

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

PSQL() {
	app/tools/pg.sh psql "$DIR/pg" "$@"
}

cleanup() {
	[ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER"
	[ -n "${SAMPLER:-}" ] && kill "$SAMPLER" 2>/dev/null
	app/tools/pg.sh stop "$DIR/pg" >/dev/null 2>&1 || true
	rm -rf "$TMP"
}
trap cleanup EXIT

# The server's resident memory in kB: the workers (rss workers) or the
# parent and the workers (rss).
rss() {
	if [ "${1:-}" = workers ]; then
		ps -o rss= --ppid "$SERVER" 2>/dev/null
	else
		ps -o rss= --pid "$SERVER" --ppid "$SERVER" 2>/dev/null
	fi | awk '{ s += $1 } END { print s + 0 }'
}

# --- The database: a cluster of its own, seeded once. ---
mkdir -p "$DIR"
port=$(cat "$DIR/pg/port" 2>/dev/null || free_port)
app/tools/pg.sh start "$DIR/pg" "$port" >/dev/null
DATABASE_URL=$(app/tools/pg.sh url "$DIR/pg")
export DATABASE_URL
"$BIN" migrate >/dev/null
if [ "$(PSQL -At -c "SELECT count(*) FROM jurisdictions")" -lt 3 ]; then
	app/tools/demo.sh "$BIN" all >/dev/null
fi
have=$(PSQL -At -c "SELECT count(*) FROM requests
    WHERE description LIKE 'Seeded request %'")
if [ "$have" -lt "$ROWS" ]; then
	echo "bench: seeding $((ROWS - have)) requests (once; kept in $DIR)"
	t=$(date +%s)
	PSQL -v n=$((ROWS - have)) -f tests/bench/seed.sql >/dev/null
	echo "bench: seeded in $(($(date +%s) - t)) s"
fi
PSQL -c "VACUUM ANALYZE requests" >/dev/null
STORED=$(PSQL -At -c "SELECT count(*) FROM requests")
MAXID=$(PSQL -At -c "SELECT max(id) FROM requests")
KEY=$("$BIN" keys create --name "bench $(date +%s)" --scopes submit \
    --channel partner_app | tail -1)
KEY_ID=$(PSQL -At -c "SELECT max(id) FROM api_keys")
export BENCH_KEY=$KEY BENCH_MAXID=$MAXID

# --- The server: the release binary, HTTP, production settings. ---
DB_CONNS=$(OPEN311_CONF=conf/open311.conf OPEN311_TLS=no "$BIN" config |
    awk '$1 == "workers" { w = $2 } $1 == "db_connections" { d = $2 }
    END { print w * d }')
HTTP_PORT=$(free_port)
env OPEN311_CONF=conf/open311.conf OPEN311_TLS=no \
    OPEN311_LISTEN="127.0.0.1:$HTTP_PORT" OPEN311_BENCH_ROUTES=yes \
    OPEN311_RATE_ANONYMOUS=10000000 OPEN311_RATE_KEY=10000000 \
    OPEN311_RATE_SUBMIT=10000000 \
    "$BIN" >"$TMP/server.log" 2>&1 &
SERVER=$!
BASE=http://127.0.0.1:$HTTP_PORT
for _ in $(seq 1 100); do
	curl -s -o /dev/null "$BASE/healthz" && break
	sleep 0.1
done
curl -sf -o /dev/null "$BASE/readyz" || { cat "$TMP/server.log"; exit 1; }

# Peak memory, sampled every 200 ms for the whole run.
( peak=0; wpeak=0; while kill -0 "$SERVER" 2>/dev/null; do
	r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" > "$TMP/peak"
	r=$(rss workers)
	[ "$r" -gt "$wpeak" ] && wpeak=$r && echo "$wpeak" > "$TMP/wpeak"
	sleep 0.2
done ) &
SAMPLER=$!

# --- Runners. Each sets R_RATE, R_P50, R_P99 (ms), R_BAD. ---
# Each run starts from a checkpoint, so one run's writes are not flushed
# in the next one's time.
settle() {
	PSQL -c CHECKPOINT >/dev/null
}

wrk_run() {
	# wrk_run URL [LUA [CONNECTIONS]]
	settle
	lua=()
	[ -n "${2:-}" ] && lua=(-s "tests/bench/$2")
	wrk -t 2 -c "${3:-$CONNS}" -d "${SECS}s" --timeout 10s --latency "${lua[@]}" "$1" \
	    >"$TMP/wrk.out" 2>&1
	R_RATE=$(awk '/^Requests\/sec:/ { print $2 }' "$TMP/wrk.out")
	R_P50=$(awk '$1 == "50%" { print $2 }' "$TMP/wrk.out")
	R_P99=$(awk '$1 == "99%" { print $2 }' "$TMP/wrk.out")
	R_BAD=$(awk '/Non-2xx/ { print $NF }' "$TMP/wrk.out")
	R_BAD=${R_BAD:-0}
}

# A pgbench script from a statement of sql/: comments dropped, each $N
# replaced by the given text (a pgbench :variable or a literal).
pg_script() {
	# pg_script NAME SETS SUBST...   (SUBST: N=TEXT)
	name=$1
	sets=$2
	shift 2
	sed -e '/^--/d' "sql/$name.sql" > "$TMP/$name.body"
	for s in "$@"; do
		n=${s%%=*}
		v=${s#*=}
		v=$(printf '%s' "$v" | sed 's/[&|]/\\&/g')
		sed -i "s|\\\$$n\\b|$v|g" "$TMP/$name.body"
	done
	if grep -qE '\$[0-9]+' "$TMP/$name.body"; then
		echo "bench: sql/$name.sql has parameters the bench gives no" \
		    "value: $(grep -oE '\$[0-9]+' "$TMP/$name.body" |
		    sort -u | tr '\n' ' ')" >&2
		exit 1
	fi
	{ printf '%b' "$sets"; cat "$TMP/$name.body"; echo ';'; } \
	    > "$TMP/$name.pgb"
	echo "$TMP/$name.pgb"
}

pg_run() {
	# pg_run SCRIPT [CLIENTS]: sets R_TPS and R_LAT (ms, average)
	c=${2:-$DB_CONNS}
	settle
	pgbench -n -M prepared -c "$c" -j "$([ "$c" -gt 1 ] && echo 2 || echo 1)" \
	    -T "$SECS" -f "$1" \
	    "$DATABASE_URL" >"$TMP/pg.out" 2>&1 ||
	    { cat "$TMP/pg.out"; exit 1; }
	R_TPS=$(awk '/^tps = / { print $3 }' "$TMP/pg.out")
	R_LAT=$(awk '/^latency average/ { print $4 }' "$TMP/pg.out")
}

ms() {
	# wrk's "1.23ms" / "456.78us" / "1.02s" in milliseconds
	printf '%s\n' "$1" | awk '/us$/ { sub(/us/, ""); print $1 / 1000; next }
	    /ms$/ { sub(/ms/, ""); print $1 + 0; next }
	    /s$/ { sub(/s/, ""); print $1 * 1000; next } { print $1 }'
}

RESULTS=$TMP/results
: > "$RESULTS"
row() {
	# row ENDPOINT RATE P50 P99 LIMIT_NAME LIMIT_RATE TARGET_PCT BAD
	ratio=$(awk -v a="$2" -v b="$6" 'BEGIN { printf "%.0f", 100 * a / b }')
	verdict=ok
	[ "$ratio" -lt "$7" ] && verdict=UNDER
	printf '%-26s %9.0f %8.2f %8.2f  %-22s %9.0f %5s%% %5s%%  %s%s\n' \
	    "$1" "$2" "$(ms "$3")" "$(ms "$4")" "$5" "$6" "$ratio" "$7" \
	    "$verdict" "$([ "$8" != 0 ] && echo " ($8 non-2xx)")" >> "$RESULTS"
}

echo "bench: $STORED requests stored; $SECS s per run; wrk $CONNS" \
    "connections, pgbench $DB_CONNS (the server's); $(nproc) CPUs"

# Limits first.
wrk_run "$BASE/_bench/noop"
NOOP=$R_RATE

wrk_run "$BASE/services.json?jurisdiction_id=sandiego.gov"
row "GET services" "$R_RATE" "$R_P50" "$R_P99" "no-op handler" "$NOOP" 50 "$R_BAD"

S=$(pg_script request_get "\\\\set id random(1, $MAXID)\n" "1=:id" "2='false'" "3=false" "4=NULL" "5=NULL")
pg_run "$S"
wrk_run "$BASE/requests/1.json" one.lua
row "GET one request" "$R_RATE" "$R_P50" "$R_P99" "pgbench request_get" "$R_TPS" 50 "$R_BAD"

LIST_ARGS=("1='sandiego.gov'" "2='false'" "3=NULL" "4=NULL"
    "5=(extract(epoch FROM now()) - 7776000)" "6=NULL" "7=1000" "8=0"
    "9=NULL" "10=NULL" "11=NULL" "12=NULL")
S=$(pg_script requests_search "" "${LIST_ARGS[@]}")
pg_run "$S"
wrk_run "$BASE/requests.json?jurisdiction_id=sandiego.gov"
row "GET requests (1000 rows)" "$R_RATE" "$R_P50" "$R_P99" "pgbench requests_search" "$R_TPS" 50 "$R_BAD"
# Its latency when the server is not saturated: one client per worker.
wrk_run "$BASE/requests.json?jurisdiction_id=sandiego.gov" "" 2
LIST_P50=$R_P50
LIST_P99=$R_P99
LIST_RATE=$R_RATE

NEAR_ARGS=("1='sandiego.gov'" "2='false'" "3=NULL" "4=ARRAY['open']"
    "5=(extract(epoch FROM now()) - 7776000)" "6=NULL" "7=1000" "8=0"
    "9=NULL" "10=NULL" "11=:lat / 1000000.0" "12=:lon / 1000000.0"
    "13=500" "14=NULL" "15=NULL" "16=NULL" "17=NULL" "18=NULL" "19=NULL")
S=$(pg_script requests_near \
    "\\\\set lat random(32700000, 32930000)\n\\\\set lon random(-117200000, -117020000)\n" \
    "${NEAR_ARGS[@]}")
pg_run "$S"
wrk_run "$BASE/requests.json" nearby.lua
row "GET requests nearby" "$R_RATE" "$R_P50" "$R_P99" "pgbench requests_near" "$R_TPS" 50 "$R_BAD"

# The duplicate check alone, as o311_submit runs it.
cat > "$TMP/dup.pgb" <<SQL
\\set lat random(32700000, 32930000)
\\set lon random(-117200000, -117020000)
SELECT o311_find_parent('sandiego.gov', false, 'pavement', 720, 30,
    ST_SetSRID(ST_MakePoint(:lon / 1000000.0, :lat / 1000000.0),
    4326)::geography, NULL);
SQL
pg_run "$TMP/dup.pgb"
DUP_TPS=$R_TPS
DUP_LAT=$R_LAT

SUBMIT_SETS="\\\\set lat random(32700000, 32930000)\n\\\\set lon random(-117200000, -117020000)\n\\\\set k random(1, 1000000000)\n"
for svc in POTHOLE NOISE; do
	attrs='{"DEPTH": "5", "SIZE": "M"}'
	[ $svc = NOISE ] && attrs='{"SOURCE": "PARTY"}'
	S=$(pg_script request_submit "$SUBMIT_SETS" "1=$KEY_ID" "2=NULL" \
	    "3='sandiego.gov'" "4='$svc'" "5=false" "6=:lat / 1000000.0" \
	    "7=:lon / 1000000.0" "8=NULL" "9=NULL" "10=NULL" "11='bench'" \
	    "12='$attrs'" "13=NULL" "14=NULL" "15='partner_app'" "16=NULL" \
	    "17=NULL" "18=NULL" "19=NULL" "20=NULL" "21=NULL" \
	    "22=ARRAY[:k, :k + 1, :k + 2, :k + 3]" "23=NULL" "24=NULL" \
	    "25=NULL")
	pg_run "$S"
	BENCH_SERVICE=$svc wrk_run "$BASE/requests.json" post.lua
	if [ $svc = POTHOLE ]; then
		row "POST request (dup check)" "$R_RATE" "$R_P50" "$R_P99" "pgbench o311_submit" "$R_TPS" 70 "$R_BAD"
		POST_ON=$R_RATE
	else
		row "POST request (check off)" "$R_RATE" "$R_P50" "$R_P99" "pgbench o311_submit" "$R_TPS" 70 "$R_BAD"
		POST_OFF=$R_RATE
	fi
done

# The export: every row, streamed; memory before and at its peak. Its
# limit: one client reading pages as the export does, one at a time.
S=$(pg_script export_requests "\\\\set last random(0, $((MAXID - 1000)))\n" \
    "1=:last" "2=NULL" "3=NULL" "4=NULL" "5=NULL" "6=1000")
pg_run "$S" 1
EXPORT_LIMIT=$(awk -v t="$R_TPS" 'BEGIN { printf "%.0f", t * 1000 }')
before=$(rss)
( emax=0; while [ ! -f "$TMP/export.done" ]; do
	r=$(rss); [ "$r" -gt "$emax" ] && emax=$r && echo "$emax" > "$TMP/export.peak"
	sleep 0.1
done ) &
curl -s -o "$TMP/export.csv" -w '%{size_download} %{time_total}\n' \
    "$BASE/exports/requests.csv" > "$TMP/export.out"
touch "$TMP/export.done"
wait $! 2>/dev/null || true
read -r bytes secs < "$TMP/export.out"
lines=$(($(wc -l < "$TMP/export.csv") - 1))
export_rate=$(awk -v n="$lines" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')
row "export CSV (rows/s)" "$export_rate" 0 0 "pgbench export pages" "$EXPORT_LIMIT" 0 0
rm -f "$TMP/export.csv"

# Statistics over the default window (30 days, every jurisdiction): the
# median of five answers, and the query alone.
for _ in 1 2 3 4 5; do
	curl -s -o /dev/null -w '%{time_total}\n' "$BASE/stats.json"
done | sort -n | sed -n 3p > "$TMP/stats.out"
STATS_MS=$(awk '{ printf "%.0f", $1 * 1000 }' "$TMP/stats.out")
S=$(pg_script stats "" "1=(current_date - 29)" "2=(current_date + 1)" \
    "3=NULL")
pg_run "$S" 1
STATS_SQL_MS=$R_LAT

# The console's queue of open requests for an admin of every
# jurisdiction (as the page first asks): its first page (50, oldest
# first) with the counts over every open request, a page from the
# middle (keyset: after an id halfway through), and the first page in
# the costliest other order (by due date, latest first).
QPW='bench console password'
QMAIL="bench-$(date +%s%N)@example.org"
QTOK=$("$BIN" staff add "$QMAIL" --name Bench --role admin |
    sed -n 's/.*#token=//p')
curl -s -o /dev/null -H 'content-type: application/json' \
    -d "{\"token\":\"$QTOK\",\"password\":\"$QPW\"}" \
    "$BASE/console/api/password"
curl -s -o /dev/null -c "$TMP/console.jar" -H 'content-type: application/json' \
    -d "{\"email\":\"$QMAIL\",\"password\":\"$QPW\"}" \
    "$BASE/console/api/login"
BENCH_COOKIE=$(awk '$6 ~ /open311d_session$/ { print $6 "=" $7 }' \
    "$TMP/console.jar")
export BENCH_COOKIE
QOPEN=$(PSQL -XAtc "select count(*) from requests where status = 'open'")
QMID=$(PSQL -XAtc "select id from requests where status = 'open'
    order by id offset $((QOPEN / 2)) limit 1")
wrk_run "$BASE/console/api/queue?status=open" session.lua
Q1_RATE=$R_RATE Q1_P50=$R_P50 Q1_P99=$R_P99 Q1_BAD=$R_BAD
wrk_run "$BASE/console/api/queue?status=open&after=$QMID" session.lua
Q2_RATE=$R_RATE Q2_P50=$R_P50 Q2_P99=$R_P99 Q2_BAD=$R_BAD
wrk_run "$BASE/console/api/queue?status=open&sort=due&order=desc" session.lua
Q3_RATE=$R_RATE Q3_P50=$R_P50 Q3_P99=$R_P99 Q3_BAD=$R_BAD

kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true
SAMPLER=
PEAK=$(cat "$TMP/peak")
WPEAK=$(cat "$TMP/wpeak")

echo
printf '%-26s %9s %8s %8s  %-22s %9s %6s %6s  %s\n' endpoint 'req/s' \
    'p50 ms' 'p99 ms' limit 'limit/s' ratio target verdict
cat "$RESULTS"
echo
echo "duplicate check alone (o311_find_parent, $STORED stored):" \
    "$DUP_TPS checks/s, $DUP_LAT ms average at $DB_CONNS connections"
echo "POST with the duplicate check: $(awk -v a="$POST_ON" -v b="$POST_OFF" \
    'BEGIN { printf "%.0f%%", 100 * a / b }') of the rate without it"
echo "GET requests (1000 rows), 2 clients: $LIST_RATE req/s, p50" \
    "$(ms "$LIST_P50") ms, p99 $(ms "$LIST_P99") ms (target <= 50 ms)"
echo "stats (30 days, every jurisdiction): $STATS_MS ms an answer;" \
    "the query alone $STATS_SQL_MS ms"
echo "console queue ($QOPEN open requests, 50 a page with the counts):" \
    "first page $Q1_RATE req/s, p50 $(ms "$Q1_P50") ms, p99 $(ms "$Q1_P99")" \
    "ms ($Q1_BAD non-2xx); a page from the middle $Q2_RATE req/s, p50" \
    "$(ms "$Q2_P50") ms, p99 $(ms "$Q2_P99") ms ($Q2_BAD non-2xx); by due" \
    "date $Q3_RATE req/s, p50 $(ms "$Q3_P50") ms, p99 $(ms "$Q3_P99") ms" \
    "($Q3_BAD non-2xx)"
echo "export: $lines rows, $((bytes / 1048576)) MB in ${secs} s;" \
    "server memory $((before / 1024)) MB before, $(($(cat "$TMP/export.peak" 2>/dev/null || echo 0) / 1024)) MB at most during it"
echo "server peak memory: workers $((WPEAK / 1024)) MB (target <= 64 MB)," \
    "with the parent $((PEAK / 1024)) MB (RSS, shared libraries counted in" \
    "each process)"

# What one body costs a worker before authentication (a server of its own).
echo
tests/bench/bodies.sh

# Submissions while 20 clients hammer the heavy public reads.
echo
tests/bench/contention.sh

# The web pages: first-visit weight and Lighthouse scores.
echo
tests/bench/pages.sh
