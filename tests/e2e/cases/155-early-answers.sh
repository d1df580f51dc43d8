# Answers sent before the request was read reach the client: a body over
# body_max (413), a request line too long (414), headers too large (431).
# The server answers while the client is still sending; it must linger
# (shut down its side, read and discard what still comes) instead of
# closing, or the client's kernel throws the answer away with a reset.
# Each case 20 times on each server, through curl and through a client
# that sends every byte before it reads (early.py); each time the status
# and an Open311 error body in the path's format are read.

EA_TMP=$E2E_TMP/early
mkdir -p "$EA_TMP"
head -c 34000000 /dev/zero | tr '\0' a > "$EA_TMP/body"
EA_LONG=$(head -c 49152 /dev/zero | tr '\0' q)

# ea_check WHAT CODE FMT STATUS FILE: STATUS is CODE and FILE an Open311
# error with it, in FMT.
ea_check() {
	local what=$1 code=$2 fmt=$3 got=$4 file=$5 ok=0
	if [ "$got" = "$code" ]; then
		if [ "$fmt" = json ]; then
			jq -e --argjson c "$code" '.[0].code == $c' "$file" \
			    >/dev/null 2>&1 && ok=1
		else
			[ "$(xmllint --xpath 'string(/errors/error/code)' \
			    "$file" 2>/dev/null)" = "$code" ] && ok=1
		fi
	fi
	if [ "$ok" = 1 ]; then
		pass
	else
		STATUS=$got
		BODY=$(head -c 300 "$file" 2>/dev/null)
		LAST_REQ=$what
		fail "$what: expected $code with a $fmt error body"
	fi
}

ea_run() {
	local base=$1 name=$2 i s
	for i in $(seq 1 20); do
		: > "$EA_TMP/out"
		s=$(curl -sk -o "$EA_TMP/out" -w '%{http_code}' --max-time 60 \
		    -H 'Content-Type: application/x-www-form-urlencoded' \
		    --data-binary @"$EA_TMP/body" "$base/requests.json")
		ea_check "$name curl body over body_max #$i" 413 json "$s" \
		    "$EA_TMP/out"
		: > "$EA_TMP/out"
		s=$(curl -sk -o "$EA_TMP/out" -w '%{http_code}' --max-time 60 \
		    "$base/requests.json?ids=$EA_LONG")
		ea_check "$name curl 48 KB query #$i" 414 json "$s" \
		    "$EA_TMP/out"
		: > "$EA_TMP/out"
		s=$(curl -sk -o "$EA_TMP/out" -w '%{http_code}' --max-time 60 \
		    -H "X-Big: ${EA_LONG:0:20000}" "$base/requests.xml")
		ea_check "$name curl 20 KB header #$i" 431 xml "$s" \
		    "$EA_TMP/out"

		s=$(python3 tests/e2e/tools/early.py "$base" /requests.json \
		    "$EA_TMP/out" --body 34000000)
		ea_check "$name body sent in full before reading #$i" 413 \
		    json "$s" "$EA_TMP/out"
		s=$(python3 tests/e2e/tools/early.py "$base" /services.json \
		    "$EA_TMP/out" --query 49152)
		ea_check "$name query sent in full before reading #$i" 414 \
		    json "$s" "$EA_TMP/out"
		s=$(python3 tests/e2e/tools/early.py "$base" /services.xml \
		    "$EA_TMP/out" --header 40000)
		ea_check "$name headers sent in full before reading #$i" 431 \
		    xml "$s" "$EA_TMP/out"
	done
}

ea_run "$BASE" http
[ -n "$TLS_BASE" ] && ea_run "$TLS_BASE" https

# A request line over the limit that ends in the buffer: 414 too.
get "/services.json?x=$(head -c 9000 /dev/zero | tr '\0' a)"
expect_error 414 json

# The server is still there.
get /services.json
expect_status 200
rm -rf "$EA_TMP"
