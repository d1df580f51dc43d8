#!/bin/sh
# tests/check.sh: what `make check` runs. Installs missing packages (as
# root), builds the release and the ASan+UBSan binaries, then runs the
# unit tests, a short fuzzing pass over every parser, the end-to-end
# suite (against both binaries), the cluster case (tests/cluster/:
# failover, several nodes, a restore drill), the browser tests of the
# web pages (tests/web/, headless Chromium) and the docs check
# (tests/lint/docs.py: settings, routes, links, layering), and prints the
# total as "N passed, N failed".
set -u
cd "$(dirname "$0")/.."

app/tools/deps.sh check || exit 1

total_pass=0
total_fail=0
log=$(mktemp /tmp/open311d-check.XXXXXX)

suite() {
	name=$1
	shift
	echo "== $name"
	"$@" 2>&1 | tee "$log"
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
	if [ -z "$last" ]; then
		echo "$name: no result line; counted as one failure"
		total_fail=$((total_fail + 1))
		return
	fi
	p=${last%% passed*}
	f=${last#*, }
	f=${f%% failed}
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

echo "== build"
if ! make -s all || ! make -s asan; then
	echo "0 passed, 1 failed"
	exit 1
fi

suite docs tests/lint/docs.py
suite unit tests/unit/run.sh
suite fuzz tests/fuzz/run.sh short
suite e2e tests/e2e/run.sh
# The release binary too: its allocator makes other syscalls (mremap)
# than ASan's, and the sandbox must allow them.
suite "e2e (release binary)" env E2E_BINARY=build/open311d tests/e2e/run.sh
suite cluster tests/cluster/run.sh
suite web tests/web/run.sh

rm -f "$log"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
