# tests/cluster/lib.sh: builds and drives the cluster of the cluster case
# (see run.sh). Sourced after tests/e2e/lib.sh (req, expect_*, check)
# and tests/e2e/tools/delivery.sh (dl_until, dl_receiver_*, dl_hooks).
#
#   cl_setup               monitor, node1 (primary), node2 (standby), the
#                          schema and demo data, a full backup, gw1, gw2
#                          and HAProxy; sets CL_URL, CL_READ_URL, CL_KEY,
#                          CL_OFFICE, CL_HA (HAProxy's URL), CL_GW1, CL_GW2
#   AUTOCTL ARGS           pg_autoctl as the postgres user
#   NPSQL PORT ARGS        psql as the superuser on the server at PORT
#   CPSQL ARGS             psql as the superuser on the current primary
#   cl_primary_port        the port of the server that is primary now
#   cl_state NODE          the state the monitor last heard from NODE
#   cl_gateway_start NAME PORT [VAR=VALUE...]   starts open311d (its own
#                          process group) on the cluster, waits for it
#   cl_gateway_kill NAME   SIGKILL to the whole gateway (parent, workers)
#   cl_gateway_stop NAME   SIGTERM, waits
#   cl_ha_status SERVER    HAProxy's view of gw1 or gw2 (UP, DOWN, ...)
#   cl_metric URL NAME     a metric's value in URL/metrics
#   cl_load_start NAME URL / cl_load_stop NAME   tools/load.py, logging to
#                          $T/NAME.load; cl_load_check NAME checks every
#                          acknowledged submission is stored, once

PGBIN=/usr/lib/postgresql/15/bin

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- env PATH="$PGBIN:/usr/bin:/bin" \
		    XDG_CONFIG_HOME="$T/pg/cfg" XDG_DATA_HOME="$T/pg/data" \
		    XDG_RUNTIME_DIR="$T/pg/run" "$@"
	else
		env PATH="$PGBIN:/usr/bin:/bin" XDG_CONFIG_HOME="$T/pg/cfg" \
		    XDG_DATA_HOME="$T/pg/data" XDG_RUNTIME_DIR="$T/pg/run" "$@"
	fi
}

AUTOCTL() {
	as_pg pg_autoctl "$@"
}

NPSQL() {
	_port=$1
	shift
	as_pg psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$_port" \
	    -U postgres -d open311 "$@"
}

cl_primary_port() {
	for _p in "$P_N1" "$P_N2"; do
		if [ "$(NPSQL "$_p" -tAc 'select pg_is_in_recovery()' \
		    2>/dev/null)" = f ]; then
			echo "$_p"
			return 0
		fi
	done
	return 1
}

CPSQL() {
	NPSQL "$(cl_primary_port)" "$@"
}

# For tests/e2e/lib.sh's await_cache: the database, each gateway's pid
# and log (SERVERS, LOGS, MAINDB), its workers.
PSQL() {
	CPSQL "$@"
}
E2E_WORKERS=$(awk '$1 == "workers" { print $2 }' conf/test.conf)
SERVERS=()
LOGS=()
MAINDB=()

cl_state() {
	as_pg psql -X -tA -h 127.0.0.1 -p "$P_MON" -U autoctl_node \
	    -d pg_auto_failover -c "select reportedstate || '/' ||
	    goalstate from pgautofailover.node where nodename = '$1'"
}

cl_state_is() {
	test "$(cl_state "$1")" = "$2"
}

# The settings every node gets (node2 copies node1's with its base
# backup): small memory for a shared machine, WAL archived by pgBackRest
# (--pg1-path names the node, set per node).
cl_node_conf() {
	cat >> "$1/postgresql.conf" <<CONF
# open311d cluster case
shared_buffers = 64MB
effective_cache_size = 512MB
work_mem = 8MB
maintenance_work_mem = 64MB
wal_keep_size = 256MB
max_connections = 100
archive_mode = on
archive_command = 'pgbackrest --config=$T/pgbackrest.conf --stanza=open311 --pg1-path=$1 archive-push %p'
log_min_messages = warning
CONF
}

cl_node_run() {
	# cl_node_run NAME: pg_autoctl run in the background
	AUTOCTL run --pgdata "$T/pg/$1" >>"$T/$1.log" 2>&1 &
}

cl_setup() {
	P_MON=$(free_port)
	P_N1=$(free_port)
	P_N2=$(free_port)
	P_GW1=$(free_port)
	P_GW2=$(free_port)
	P_HA=$(free_port)
	P_HAS=$(free_port)
	mkdir -p "$T/pg/cfg" "$T/pg/data" "$T/pg/run" "$T/backrest/repo" \
	    "$T/backrest/lock" "$T/backrest/log" "$T/backrest/spool"
	if [ "$(id -u)" -eq 0 ]; then
		chown -R postgres:postgres "$T/pg" "$T/backrest"
		mkdir -p /var/run/postgresql
		chown postgres:postgres /var/run/postgresql
	fi

	cat > "$T/pgbackrest.conf" <<CONF
[global]
repo1-path=$T/backrest/repo
repo1-retention-full=2
lock-path=$T/backrest/lock
log-path=$T/backrest/log
spool-path=$T/backrest/spool
log-level-console=warn
log-level-file=off
start-fast=y

[open311]
pg1-path=$T/pg/node1
pg1-port=$P_N1
pg2-path=$T/pg/node2
pg2-port=$P_N2
CONF
	chmod 644 "$T/pgbackrest.conf"

	echo "cluster: monitor on $P_MON"
	AUTOCTL create monitor --pgdata "$T/pg/monitor" --pgport "$P_MON" \
	    --hostname 127.0.0.1 --auth trust --no-ssl \
	    >>"$T/monitor.log" 2>&1 || return 1
	AUTOCTL config set --pgdata "$T/pg/monitor" \
	    postgresql.listen_addresses 127.0.0.1 >/dev/null || return 1
	echo "shared_buffers = 32MB" >> "$T/pg/monitor/postgresql.conf"
	cl_node_run monitor
	dl_until 30 as_pg psql -X -h 127.0.0.1 -p "$P_MON" -U postgres \
	    -d pg_auto_failover -c 'select 1' || return 1
	# Failover in seconds (conf/pg_auto_failover/monitor.sql, faster
	# than its defaults); the keepers' network_partition_timeout (5 s,
	# cl_node_create) stays below the demote timeout.
	as_pg psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$P_MON" \
	    -U postgres -d pg_auto_failover -v check_ms=1000 -v retries=1 \
	    -v unhealthy_ms=3000 -v demote_ms=8000 \
	    < conf/pg_auto_failover/monitor.sql >/dev/null || return 1
	CL_MONITOR="postgres://autoctl_node@127.0.0.1:$P_MON/pg_auto_failover?sslmode=disable"

	echo "cluster: node1 on $P_N1"
	cl_node_create node1 "$P_N1" || return 1
	dl_until 60 cl_state_is node1 single/single || return 1
	dl_until 60 NPSQL "$P_N1" -c 'select 1' || return 1
	pw=$(openssl rand -hex 16)
	NPSQL "$P_N1" -c "CREATE ROLE open311 LOGIN PASSWORD '$pw'" \
	    -c "ALTER DATABASE open311 OWNER TO open311" \
	    -c "CREATE EXTENSION postgis" \
	    -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null || return 1
	as_pg pgbackrest --config="$T/pgbackrest.conf" --stanza=open311 \
	    stanza-create >>"$T/backrest.log" 2>&1 || return 1

	echo "cluster: node2 on $P_N2 (base backup of node1)"
	cl_node_create node2 "$P_N2" || return 1
	dl_until 90 cl_state_is node2 secondary/secondary || return 1
	dl_until 30 cl_state_is node1 primary/primary || return 1

	hosts="127.0.0.1:$P_N1,127.0.0.1:$P_N2"
	CL_URL="postgresql://open311:$pw@$hosts/open311?target_session_attrs=read-write&connect_timeout=2"
	CL_READ_URL="postgresql://open311:$pw@$hosts/open311?target_session_attrs=prefer-standby&connect_timeout=2"
	DATABASE_URL=$CL_URL
	DL_URL=$CL_URL
	export DATABASE_URL
	"$BIN" migrate >/dev/null || return 1
	app/tools/demo.sh "$BIN" sandiego >/dev/null || return 1
	CL_KEY=$("$BIN" keys create --name "cluster app" --scopes submit \
	    --channel mobile_app | tail -1)
	CL_OFFICE=$("$BIN" keys create --name "cluster crm" \
	    --scopes submit,backoffice --jurisdiction sandiego.gov | tail -1)
	CL_ADMIN=$("$BIN" keys create --name "cluster admin" \
	    --scopes admin,backoffice | tail -1)
	[ -n "$CL_KEY" ] && [ -n "$CL_OFFICE" ] && [ -n "$CL_ADMIN" ] ||
	    return 1

	echo "cluster: a full backup"
	as_pg pgbackrest --config="$T/pgbackrest.conf" --stanza=open311 \
	    --type=full backup >>"$T/backrest.log" 2>&1 || return 1

	echo "cluster: gateways on $P_GW1 and $P_GW2, HAProxy on $P_HA"
	cl_gateway_start gw1 "$P_GW1" || return 1
	cl_gateway_start gw2 "$P_GW2" || return 1
	CL_GW1=http://127.0.0.1:$P_GW1
	CL_GW2=http://127.0.0.1:$P_GW2
	CL_HA=http://127.0.0.1:$P_HA
	env OPEN311_HA_BIND="127.0.0.1:$P_HA" \
	    OPEN311_HA_STATS="127.0.0.1:$P_HAS" \
	    OPEN311_GW1="127.0.0.1:$P_GW1" OPEN311_GW2="127.0.0.1:$P_GW2" \
	    OPEN311_HA_ERRORS="$ROOT/conf/haproxy-503.http" \
	    haproxy -db -f conf/haproxy.cfg >>"$T/haproxy.log" 2>&1 &
	HA_PID=$!
	dl_until 30 cl_ha_both_up || return 1
}

cl_node_create() {
	# cl_node_create NAME PORT: a data node of the formation, running
	AUTOCTL create postgres --pgdata "$T/pg/$1" --pgport "$2" \
	    --listen 127.0.0.1 --hostname 127.0.0.1 --name "$1" \
	    --monitor "$CL_MONITOR" --auth trust --no-ssl --dbname open311 \
	    >>"$T/$1.log" 2>&1 || return 1
	if grep -q '^# open311d cluster case' "$T/pg/$1/postgresql.conf"; then
		sed -i "s#--pg1-path=[^ ]* #--pg1-path=$T/pg/$1 #" \
		    "$T/pg/$1/postgresql.conf"
	else
		cl_node_conf "$T/pg/$1"
	fi
	AUTOCTL config set --pgdata "$T/pg/$1" \
	    timeout.network_partition_timeout 5 >/dev/null || return 1
	cl_node_run "$1"
}

cl_cleanup() {
	for _h in "${HELPERS[@]}"; do
		kill "$_h" 2>/dev/null
	done
	[ -n "${HA_PID:-}" ] && kill "$HA_PID" 2>/dev/null
	cl_stop_gateways
	for _n in node2 node1 monitor; do
		[ -d "$T/pg/$_n" ] && AUTOCTL stop --pgdata "$T/pg/$_n" \
		    >/dev/null 2>&1
	done
	if [ -f "$T/pg/restore/PG_VERSION" ]; then
		as_pg pg_ctl -D "$T/pg/restore" -m immediate -w stop \
		    >/dev/null 2>&1
	fi
	# pg_autoctl run ends once its Postgres has stopped.
	for _i in $(seq 1 100); do
		pgrep -f "pg_autoctl.*$T" >/dev/null || break
		sleep 0.1
	done
	if [ -z "${CLUSTER_KEEP:-}" ]; then
		rm -rf "$T"
	else
		echo "cluster: kept $T"
	fi
}

cl_gateway_start() {
	_name=$1
	_port=$2
	shift 2
	setsid env OPEN311_CONF=conf/test.conf \
	    OPEN311_LISTEN="127.0.0.1:$_port" \
	    OPEN311_PIDFILE="$T/$_name.pid" DATABASE_URL="$CL_URL" \
	    OPEN311_DATABASE_READ_URL="$CL_READ_URL" \
	    OPEN311_READ_MAX_LAG_MS=1000 OPEN311_REPLICA_CHECK_MS=200 \
	    OPEN311_TRUST_FORWARDED_FOR=yes \
	    OPEN311_OUTBOX_POLL_MS=100 OPEN311_OUTBOX_RETRY_MS=200 \
	    OPEN311_DELIVERY_TIMEOUT=5 \
	    OPEN311_UPSTREAM_POLL_MS=300 "$DL_PLAIN" \
	    "$@" "$BIN" >>"$T/$_name.log" 2>&1 &
	eval "GW_PID_$_name=$! GW_IDX_$_name=${#SERVERS[@]}"
	SERVERS+=("$!")
	LOGS+=("$T/$_name.log")
	MAINDB+=(1)
	GATEWAYS+=("$_name")
	dl_until 30 curl -sf -o /dev/null "http://127.0.0.1:$_port/readyz"
}

cl_gateway_kill() {
	eval "_pid=\${GW_PID_$1:-}"
	[ -n "$_pid" ] || return 0
	kill -KILL -- "-$_pid" 2>/dev/null
	wait "$_pid" 2>/dev/null
	eval "GW_PID_$1= MAINDB[\$GW_IDX_$1]=0"
}

cl_gateway_stop() {
	eval "_pid=\${GW_PID_$1:-}"
	[ -n "$_pid" ] || return 0
	kill -TERM "$_pid" 2>/dev/null
	dl_until 10 sh -c "! kill -0 $_pid 2>/dev/null"
	kill -KILL -- "-$_pid" 2>/dev/null
	wait "$_pid" 2>/dev/null
	eval "GW_PID_$1= MAINDB[\$GW_IDX_$1]=0"
}

cl_stop_gateways() {
	for _g in "${GATEWAYS[@]}"; do
		cl_gateway_stop "$_g"
	done
}

cl_ha_status() {
	curl -s "http://127.0.0.1:$P_HAS/stats;csv" |
	    awk -F, -v s="$1" '$1 == "gateways" && $2 == s { print $18 }'
}

cl_ha_is() {
	test "$(cl_ha_status "$1")" = "$2"
}

cl_ha_both_up() {
	cl_ha_is gw1 UP && cl_ha_is gw2 UP
}

cl_metric() {
	curl -s "$1/metrics" | awk -v n="$2" '$1 == n { print $2 }'
}

cl_load_start() {
	rm -f "$T/$1.stop"
	/usr/bin/python3 tests/cluster/tools/load.py "$2" "$CL_KEY" \
	    "$T/$1.load" "$T/$1.stop" 2 120 2>>"$T/$1.load.err" &
	eval "LOAD_PID_$1=$!"
	HELPERS+=("$!")
}

cl_load_stop() {
	touch "$T/$1.stop"
	eval "_pid=\${LOAD_PID_$1:-}"
	wait "$_pid" 2>/dev/null
}

# cl_acked_ge NAME N [SINCE]: N submissions or more were acknowledged
# (after SINCE, seconds since the epoch).
cl_acked_ge() {
	test "$(jq -s --argjson s "${3:-0}" \
	    'map(select(.status == 200 and .t > $s)) | length' \
	    "$T/$1.load")" -ge "$2"
}

# cl_load_verify NAME STATUS...: the checks of a load run: every
# acknowledged submission stored once under its id, no answer but 200
# and the STATUSes given, every 503 with Retry-After.
cl_load_verify() {
	_name=$1
	shift
	set -- $(cl_load_check "$_name") "$@"
	check "acknowledged: $1, missing: $2, under another id: $3, stored: $4, stored twice: $5" \
	    test "$1" -ge 50 -a "$2" = 0 -a "$3" = 0 -a "$5" = 0 -a "$4" -ge "$1"
	shift 5
	_ok=$(printf '%s\n' 200 "$@" | jq -s -c .)
	_n=$(jq -s --argjson ok "$_ok" \
	    'map(select(.status as $s | $ok | index([$s]) | not)) | length' \
	    "$T/$_name.load")
	check "no answer but $_ok ($_n: $(jq -s -c --argjson ok "$_ok" \
	    'map(select(.status as $s | $ok | index([$s]) | not)) |
	    group_by(.status) | map({status: .[0].status, n: length})' \
	    "$T/$_name.load"))" test "$_n" = 0
	_n=$(jq -s 'map(select(.status == 503 and .retry_after == null)) |
	    length' "$T/$_name.load")
	check "every 503 has Retry-After ($_n)" test "$_n" = 0
}

# cl_load_check NAME: prints "acked missing wrong stored twice": the
# submissions acknowledged, those of them not in the table, those stored
# under another id than acknowledged, the requests the load stored (some
# may be unacknowledged: stored, but the answer was lost), and keys that
# made more than one request.
cl_load_check() {
	jq -r 'select(.status == 200) | "\(.key)\t\(.id)"' "$T/$1.load" \
	    > "$T/$1.acked"
	chmod 644 "$T/$1.acked"
	CPSQL -tA -F ' ' -c "CREATE TEMP TABLE acked (key text, id bigint)" \
	    -c "\\copy acked FROM '$T/$1.acked'" \
	    -c "SELECT (SELECT count(*) FROM acked),
		(SELECT count(*) FROM acked a
		    WHERE NOT EXISTS (SELECT 1 FROM requests r
			WHERE r.id = a.id)),
		(SELECT count(*) FROM acked a
		    WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys i
			WHERE i.key = a.key AND i.request_id = a.id)),
		(SELECT count(*) FROM requests
		    WHERE description LIKE 'load $1-%'),
		(SELECT count(*) FROM (SELECT description FROM requests
		    WHERE description LIKE 'load $1-%'
		    GROUP BY description HAVING count(*) > 1) d)" \
	    2>&1 | tail -1
}
