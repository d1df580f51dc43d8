#!/bin/sh
# tests/unit/test_sqlmeta.sh: app/tools/sqlmeta.awk, the header reader
# behind embed.sh, on a table of sql/ files: what it reads from good
# headers, and that each bad one fails (which fails the build). Prints
# TAP lines ("ok N" / "not ok N") for tests/unit/run.sh.
set -u
cd "$(dirname "$0")/../.."

dir=$(mktemp -d /tmp/open311d-sqlmeta.XXXXXX)
trap 'rm -rf "$dir"' EXIT
n=0

# check NAME EXPECTED SQL: EXPECTED is the output, or "fail".
check() {
	n=$((n + 1))
	printf '%s\n' "$3" > "$dir/$1.sql"
	if out=$(awk -f app/tools/sqlmeta.awk "$dir/$1.sql" 2>/dev/null); then
		:
	else
		out=fail
	fi
	if [ "$out" = "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1: got '$out', want '$2'"
	fi
}

check none "0 -1" '-- Result: name
SELECT name FROM t'
check params "2 -1" '-- Params: $1 id, $2 test
SELECT * FROM t WHERE id = $1 AND test = $2'
check continued "3 -1" '-- Params: $1 a,
-- $2 b, $3 c
-- Result: x
SELECT $1, $2, $3'
check range "12 -1" '-- Params: $1 to $10 as other.sql; $11 lat, $12 long
SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12'
check columns "1 3 id status when_s" '-- Params: $1 id
-- Result: the id, its status and when
-- Columns: id, status,
-- when_s
SELECT id, status, 1 FROM t WHERE id = $1'
check replica-between "1 1 id" '-- Params: $1 id
-- Replica: yes
-- Columns: id
SELECT id FROM t WHERE id = $1'
check prose-before-params "1 -1" '-- Takes up to $1 rows (the prose may name parameters).
-- Params: $1 limit
SELECT * FROM t LIMIT $1'
check inline-comment "1 -1" '-- Params: $1 id
SELECT * FROM t WHERE id = $1 -- not $2
'
check fewer-described fail '-- Params: $1 id
SELECT $1, $2'
check more-described fail '-- Params: $1 id, $2 unused
SELECT $1'
check gap fail '-- Params: $1 id, $3 c
SELECT $1, $2, $3'
check undescribed fail '-- Result: x
SELECT $1'
check bad-column fail '-- Columns: id, Status
SELECT id, status FROM t'
