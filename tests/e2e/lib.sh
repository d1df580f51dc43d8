# tests/e2e/lib.sh: the request and assertion helpers every case uses.
# Sourced by run.sh. A case calls req (or get/post) and then expect_*;
# each expect_* is one counted check, named after the case file.
#
#   req METHOD PATH [curl args]    sets STATUS, BODY, and the headers file
#   get PATH [curl args]           req GET
#   post PATH [curl args]          req POST
#   expect_status CODE
#   expect_header NAME VALUE       exact, name case-insensitive
#   expect_header_match NAME ERE   extended regex on the value
#   expect_json JQ VALUE           jq -r JQ on the body equals VALUE
#   expect_jq JQ                   jq -e JQ on the body is true
#   expect_xml XPATH VALUE         string(XPATH) on the body equals VALUE
#   expect_xml_count XPATH N       count(XPATH) equals N
#   expect_body_has TEXT           the body contains TEXT
#   expect_error CODE FMT [TEXT]   an Open311 error body in FMT (xml|json)
#                                  with CODE, whose description has TEXT
#   check_server_log LOG           one check: LOG shows no sandbox
#                                  violation, worker death or sanitizer
#                                  report
#   await_cache NAME               every worker of the http and https
#                                  servers has loaded the database's
#                                  current version of cache NAME
#
# Never call a bare `wait` in a case: the servers are background jobs of
# the same shell. Wait for the pids you started.

PASS=${PASS:-0}
FAIL=${FAIL:-0}
CASE=${CASE:-case}

pass() {
	PASS=$((PASS + 1))
}

fail() {
	FAIL=$((FAIL + 1))
	printf 'not ok - %s: %s\n' "$CASE" "$1"
	printf '#   request: %.200s\n' "${LAST_REQ:-}"
	printf '#   status %s, body: %.400s\n' "${STATUS:-}" "${BODY:-}"
}

# await CMD [ARG...]: runs CMD until it succeeds, for at most 30 s
# (a state the server writes a little after the one a case waited for);
# returns CMD's last status.
await() {
	local _
	for _ in $(seq 1 300); do
		"$@" && return 0
		sleep 0.1
	done
	"$@"
}

check() {
	# check DESCRIPTION COMMAND...: passes when COMMAND succeeds
	desc=$1
	shift
	if "$@" >/dev/null 2>&1; then pass; else fail "$desc"; fi
}

req() {
	method=$1
	path=$2
	shift 2
	LAST_REQ="$method $path"
	# curl leaves the file alone when there is no body (304, HEAD).
	: > "$E2E_TMP/body"
	STATUS=$(curl -sk -X "$method" -o "$E2E_TMP/body" -D "$E2E_TMP/headers" \
	    -w '%{http_code}' --max-time 30 "$@" "${BASE}${path}")
	BODY=$(tr -d '\000' < "$E2E_TMP/body")
}

get() {
	p=$1
	shift
	req GET "$p" "$@"
}

post() {
	p=$1
	shift
	req POST "$p" "$@"
}

header() {
	grep -i "^$1:" "$E2E_TMP/headers" | head -1 | cut -d: -f2- |
	    sed -e 's/^ *//' -e 's/\r$//'
}

expect_status() {
	if [ "$STATUS" = "$1" ]; then pass; else
		fail "expected status $1, got $STATUS"; fi
}

expect_header() {
	got=$(header "$1")
	if [ "$got" = "$2" ]; then pass; else
		fail "header $1: expected '$2', got '$got'"; fi
}

expect_header_match() {
	got=$(header "$1")
	if printf '%s' "$got" | grep -Eq -- "$2"; then pass; else
		fail "header $1: '$got' does not match /$2/"; fi
}

expect_json() {
	got=$(printf '%s' "$BODY" | jq -r "$1" 2>&1)
	if [ "$got" = "$2" ]; then pass; else
		fail "json $1: expected '$2', got '$got'"; fi
}

expect_jq() {
	if printf '%s' "$BODY" | jq -e "$1" >/dev/null 2>&1; then pass; else
		fail "json: $1 is not true"; fi
}

xpath() {
	printf '%s' "$BODY" | xmllint --xpath "$1" - 2>/dev/null
}

expect_xml() {
	got=$(xpath "string($1)")
	if [ "$got" = "$2" ]; then pass; else
		fail "xml $1: expected '$2', got '$got'"; fi
}

expect_xml_count() {
	got=$(xpath "count($1)")
	if [ "$got" = "$2" ]; then pass; else
		fail "xml count($1): expected $2, got '$got'"; fi
}

expect_body_has() {
	case "$BODY" in
	*"$1"*) pass ;;
	*) fail "body does not contain '$1'" ;;
	esac
}

expect_error() {
	code=$1
	fmt=$2
	text=${3:-}
	if [ "$STATUS" != "$code" ]; then
		fail "expected error status $code, got $STATUS"
		return
	fi
	if [ "$fmt" = json ]; then
		got=$(header content-type)
		[ "$got" = "application/json; charset=utf-8" ] ||
		    { fail "error content-type '$got'"; return; }
		printf '%s' "$BODY" | jq -e --argjson c "$code" \
		    'type == "array" and length >= 1 and .[0].code == $c and
		    (.[0].description | type == "string" and length > 0)' \
		    >/dev/null 2>&1 || { fail "not a JSON Open311 error"; return; }
		desc=$(printf '%s' "$BODY" | jq -r '.[0].description')
	else
		got=$(header content-type)
		[ "$got" = "text/xml; charset=utf-8" ] ||
		    { fail "error content-type '$got'"; return; }
		case "$BODY" in
		'<?xml version="1.0" encoding="utf-8"?>'*) ;;
		*) fail "error without the XML prolog"; return ;;
		esac
		[ "$(xpath 'string(/errors/error/code)')" = "$code" ] ||
		    { fail "not an XML Open311 error"; return; }
		desc=$(xpath 'string(/errors/error/description)')
		[ -n "$desc" ] || { fail "empty error description"; return; }
	fi
	case "$desc" in
	*"$text"*) pass ;;
	*) fail "error description '$desc' does not mention '$text'" ;;
	esac
}

check_server_log() {
	CASE="server log $(basename "$1")"
	bad=$(grep -E 'sandbox violation|seccomp|exited with status|died|AddressSanitizer|LeakSanitizer|runtime error:|SIGSEGV|SIGABRT|fatal' "$1" |
	    grep -v 'seccomp sandbox enabled' | grep -v "seccomp filter '" | head -5)
	if [ -z "$bad" ]; then
		pass
	else
		STATUS=-
		BODY=
		LAST_REQ="(log)"
		fail "$bad"
	fi
}

# await_cache NAME: waits up to 10 s until each worker of every running
# server on the test database (the two main ones and any a case started)
# logged loading the version of cache NAME (catalog, keys, ...) the
# database holds now; fails the wait otherwise. A few requests that
# happen to see new data prove nothing about the worker they missed.
await_cache() {
	want=$(PSQL -XAtc "SELECT version FROM cache_versions
	    WHERE name = '$1'")
	for _ in $(seq 1 100); do
		behind=0
		for _srv in "${!SERVERS[@]}"; do
			[ "${MAINDB[$_srv]}" = 1 ] || continue
			kill -0 "${SERVERS[$_srv]}" 2>/dev/null || continue
			n=$(awk -v name="$1" -v want="$want" '
			    $0 ~ ("cache " name " version [0-9]+ loaded") {
				for (i = 1; i < NF; i++)
					if ($i == "version")
						v[$1 " " $2] = $(i + 1)
			    }
			    END {
				n = 0
				for (w in v)
					if (v[w] + 0 >= want + 0)
						n++
				print n
			    }' "${LOGS[$_srv]}")
			[ "$n" -ge "$E2E_WORKERS" ] || behind=1
		done
		[ "$behind" = 0 ] && return 0
		sleep 0.1
	done
	return 1
}

# console_account JAR EMAIL ROLE [JURISDICTIONS]: a staff account made
# with `open311d staff add`, its password (CONSOLE_PW) set through its
# one-time link, signed in with cookie jar JAR; CONSOLE_CSRF is the
# session's CSRF token (empty when something failed).
CONSOLE_PW='correct horse battery staple'
console_account() {
	_tok=$("$BIN" staff add "$2" --name "Staff $3" --role "$3" \
	    ${4:+--jurisdiction "$4"} | sed -n 's/.*#token=//p')
	curl -s -o /dev/null -H 'content-type: application/json' \
	    -d "{\"token\":\"$_tok\",\"password\":\"$CONSOLE_PW\"}" \
	    "$BASE/console/api/password"
	CONSOLE_CSRF=$(curl -s -c "$1" -H 'content-type: application/json' \
	    -d "{\"email\":\"$2\",\"password\":\"$CONSOLE_PW\"}" \
	    "$BASE/console/api/login" | jq -r '.csrf? // empty')
}
