#!/bin/bash
# tests/cluster/run.sh [CASE...]
#
# The cluster case: high availability on one machine, real processes
# only. Builds, on loopback ports under a temp directory:
#
#   monitor   pg_auto_failover's monitor (pg_autoctl, Debian's
#             postgresql-15-auto-failover), tuned to fail over fast
#   node1     PostgreSQL 15 + PostGIS, the primary, archiving its WAL
#             with pgBackRest
#   node2     its hot standby, made by pg_autoctl (pg_basebackup), in
#             synchronous replication
#   gw1, gw2  two open311d nodes (the release binary): database_url names
#             both servers with target_session_attrs=read-write,
#             database_read_url prefers the standby
#   haproxy   conf/haproxy.cfg, checking each gateway's /readyz
#
# then runs tests/cluster/cases/*.sh in order (each may rely on the state
# the ones before it left: the failover case comes late, the restore
# drill last). Fails on any failed check and on any sandbox violation,
# worker death or sanitizer report in the gateways' logs. Prints "N
# passed, N failed" last. Set CLUSTER_KEEP=1 to keep the temp directory.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

BIN=${E2E_BINARY:-build/open311d}
case "$BIN" in /*) ;; *) BIN=$ROOT/$BIN ;; esac
PGBIN=/usr/lib/postgresql/15/bin
T=$(mktemp -d /tmp/open311d-cluster.XXXXXX)
chmod 755 "$T"
E2E_TMP=$T
E2E_EXTERNAL=
export E2E_TMP
PASS=0
LAST_REQ=-
STATUS=-
BODY=
FAIL=0
GATEWAYS=()
HELPERS=()

. tests/e2e/lib.sh
. tests/e2e/tools/delivery.sh
. tests/cluster/lib.sh

trap cl_cleanup EXIT

cl_setup || { echo "cluster: setup failed"; echo "0 passed, 1 failed"; exit 1; }

if [ $# -gt 0 ]; then
	cases=("$@")
else
	cases=(tests/cluster/cases/*.sh)
fi

for c in "${cases[@]}"; do
	CASE=$(basename "$c" .sh)
	_fails_before=$FAIL
	_t0=$(date +%s)
	if ! bash -n "$c"; then
		fail "the case does not parse; none of it ran"
		continue
	fi
	. "$c"
	if [ "$FAIL" -eq "$_fails_before" ]; then
		echo "ok - $CASE ($(($(date +%s) - _t0)) s)"
	fi
done

cl_stop_gateways
for log in "$T"/gw*.log; do
	check_server_log "$log"
done

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
