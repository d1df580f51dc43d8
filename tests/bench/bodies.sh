#!/bin/bash
# tests/bench/bodies.sh: what one request body can cost a worker before
# it is authenticated. Starts a throwaway PostgreSQL + PostGIS and the
# release binary (one worker, the default limits of conf/open311.conf:
# body_max 32M, form_fields_max 256, form_field_max 64K, media_max 10M),
# sends the worst body of each kind, refused and accepted ones, with no
# API key, and prints for each the worker's CPU time and the growth of
# its resident memory at its peak (sampled every 10 ms) over what it held
# before. Run by `make bench`; runs alone too.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

make -s all
BIN=$ROOT/build/open311d
TMP=$(mktemp -d /tmp/open311d-bodies.XXXXXX)
chmod 755 "$TMP"
SERVER=

cleanup() {
	[ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER"
	app/tools/pg.sh stop "$TMP/pg" >/dev/null 2>&1 || true
	rm -rf "$TMP"
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

app/tools/pg.sh start "$TMP/pg" "$(free_port)" >/dev/null
DATABASE_URL=$(app/tools/pg.sh url "$TMP/pg")
export DATABASE_URL
"$BIN" migrate >/dev/null
app/tools/demo.sh "$BIN" sandiego >/dev/null

# start: a fresh server (one worker), so each body meets a worker that
# has not grown yet.
start() {
	[ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER"
	PORT=$(free_port)
	env OPEN311_CONF=conf/open311.conf OPEN311_TLS=no OPEN311_WORKERS=1 \
	    OPEN311_LISTEN="127.0.0.1:$PORT" OPEN311_ACCESS_LOG=no \
	    OPEN311_RATE_ANONYMOUS=0 "$BIN" >"$TMP/server.log" 2>&1 &
	SERVER=$!
	BASE=http://127.0.0.1:$PORT
	for _ in $(seq 1 100); do
		curl -s -o /dev/null "$BASE/readyz" && break
		sleep 0.1
	done
	WORKER=$(pgrep -P "$SERVER" -f 'wrk 1')
}

# CPU time (ms) and resident memory (kB) of the worker.
cpu_ms() {
	awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' \
	    "/proc/$WORKER/stat"
}
rss_kb() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$WORKER/status"
}

# measure NAME FILE CONTENT-TYPE: posts FILE to /requests.json.
measure() {
	local name=$1 file=$2 ctype=$3 c0 r0 peak r status
	start
	c0=$(cpu_ms)
	r0=$(rss_kb)
	curl -s -o "$TMP/out" -w '%{http_code}' -H "Content-Type: $ctype" \
	    --data-binary @"$file" "$BASE/requests.json" > "$TMP/status" &
	local cpid=$!
	peak=$r0
	while kill -0 "$cpid" 2>/dev/null; do
		r=$(rss_kb)
		[ "$r" -gt "$peak" ] && peak=$r
		sleep 0.01
	done
	wait "$cpid" || true
	status=$(cat "$TMP/status")
	printf '%-44s %4s %9d %9d %9.1f\n' "$name" "$status" \
	    "$(( $(stat -c %s "$file") / 1024 ))" "$(( $(cpu_ms) - c0 ))" \
	    "$(awk -v a="$peak" -v b="$r0" 'BEGIN { print (a - b) / 1024 }')"
}

# The bodies. 32 MB is body_max: Kore refuses more before reading it.
python3 - "$TMP" <<'PY'
import sys
d = sys.argv[1]
B = 32000000
def w(name, *parts):
    with open(d + "/" + name, "wb") as f:
        for p in parts:
            f.write(p)
w("url-one", b"description=", b"a" * B)
w("url-many", b"a=0", b"&a=0" * (B // 4))
w("url-max", b"service_code=NOISE&lat=32.7&long=-117.1"
  b"&attribute%5BSOURCE%5D=PARTY",
  *[b"&f%d=" % i + b"x" * 65536 for i in range(1, 251)])
w("json-many", b'{"a":[0', b",0" * (B // 2), b"]}")
w("json-one", b'{"a":"', b"a" * B, b'"}')
w("json-max", b'{"service_code":"NOISE"',
  *[b',"f%d":"' % i + b"x" * 65536 + b'"' for i in range(1, 251)], b"}")
part = b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n0\r\n'
w("mp-many", part * (B // len(part)), b"--XyZ--\r\n")
photo = (b'--XyZ\r\nContent-Disposition: form-data; name="media"; '
         b'filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
         b"\xff\xd8\xff\xe0")
w("mp-photo", b'--XyZ\r\nContent-Disposition: form-data; '
  b'name="service_code"\r\n\r\nNOISE\r\n', photo,
  b"\0" * (10485760 - 4), b"\r\n--XyZ--\r\n")
w("mp-big", photo, b"\0" * (B - 200), b"\r\n--XyZ--\r\n")
PY
bnd=XyZ

echo "one worker, no API key; CPU time and memory growth at the peak"
printf '%-44s %4s %9s %9s %9s\n' body status 'KB' 'CPU ms' 'RSS +MB'
measure "urlencoded, one 32 MB field" "$TMP/url-one" \
    application/x-www-form-urlencoded
measure "urlencoded, 8 million fields" "$TMP/url-many" \
    application/x-www-form-urlencoded
measure "urlencoded, 250 fields of 64 KB" "$TMP/url-max" \
    application/x-www-form-urlencoded
measure "JSON, 16 million values" "$TMP/json-many" application/json
measure "JSON, one 32 MB string" "$TMP/json-one" application/json
measure "JSON, 250 fields of 64 KB" "$TMP/json-max" application/json
measure "multipart, 500,000 parts" "$TMP/mp-many" \
    "multipart/form-data; boundary=$bnd"
measure "multipart, a 10 MB photo" "$TMP/mp-photo" \
    "multipart/form-data; boundary=$bnd"
measure "multipart, a 32 MB photo" "$TMP/mp-big" \
    "multipart/form-data; boundary=$bnd"
