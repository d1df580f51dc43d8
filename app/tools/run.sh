#!/bin/sh
# run.sh: what `make run` does. Installs missing Debian packages (as
# root), builds, starts the embedded PostgreSQL + PostGIS cluster under
# var/pg unless DATABASE_URL is set, applies migrations, loads the demo
# jurisdiction and catalog on first use, creates a self-signed
# certificate and DH parameters under var/tls unless certificate paths
# are configured, and runs the gateway in the foreground. Ctrl-C stops
# the gateway and the embedded cluster; the next run reuses the data.
set -eu
cd "$(dirname "$0")/../.."

app/tools/deps.sh run
make -s all

mkdir -p var
OPEN311_CONF=${OPEN311_CONF:-conf/open311.conf}
export OPEN311_CONF
bin=build/open311d
server=
embedded=

cleanup() {
	trap - EXIT INT TERM
	if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
		kill -TERM "$server" 2>/dev/null || true
		wait "$server" 2>/dev/null || true
	fi
	if [ -n "$embedded" ]; then
		echo "open311d: stopping the embedded database"
		app/tools/pg.sh stop var/pg
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${DATABASE_URL:-}" ]; then
	app/tools/pg.sh start var/pg "${OPEN311_PG_PORT:-54329}"
	embedded=1
	DATABASE_URL=$(app/tools/pg.sh url var/pg)
	export DATABASE_URL
fi

# Each file is written under a temporary name and renamed when complete,
# so an interrupted run never leaves a truncated one behind.
if [ -z "${OPEN311_CERTFILE:-}" ] && [ ! -f var/tls/cert.pem ]; then
	echo "open311d: creating a self-signed certificate in var/tls"
	mkdir -p var/tls
	openssl req -x509 -newkey rsa:2048 -nodes -days 825 \
	    -keyout var/tls/key.pem.tmp -out var/tls/cert.pem.tmp \
	    -subj /CN=localhost \
	    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
	chmod 600 var/tls/key.pem.tmp
	mv var/tls/key.pem.tmp var/tls/key.pem
	mv var/tls/cert.pem.tmp var/tls/cert.pem
fi
if [ -z "${OPEN311_DHPARAM:-}" ] && [ ! -f var/tls/dh2048.pem ]; then
	echo "open311d: creating DH parameters (once; can take a minute)"
	mkdir -p var/tls
	openssl dhparam -out var/tls/dh2048.pem.tmp 2048 2>/dev/null
	mv var/tls/dh2048.pem.tmp var/tls/dh2048.pem
fi

"$bin" migrate

if ! "$bin" jurisdiction list | grep -q '^sandiego.gov '; then
	echo "open311d: loading the demo jurisdictions and catalogs"
	app/tools/demo.sh "$bin"
fi

# As root, workers and the key manager run as their own system user.
if [ "$(id -u)" -eq 0 ] && [ -z "${OPEN311_RUNAS:-}" ]; then
	if ! id open311d >/dev/null 2>&1; then
		useradd --system --no-create-home --home-dir /nonexistent \
		    --shell /usr/sbin/nologin open311d
	fi
	if [ -f var/tls/key.pem ]; then
		chgrp open311d var/tls/key.pem var/tls/cert.pem
		chmod 640 var/tls/key.pem
	fi
	OPEN311_RUNAS=open311d
	export OPEN311_RUNAS
fi

url=$("$bin" config | awk '$1 == "public_url" { print $2 }')
echo "open311d: serving $url (try $url/discovery.json); Ctrl-C stops"
"$bin" &
server=$!
wait "$server"
