#!/bin/sh
# pg.sh: the embedded PostgreSQL 15 + PostGIS cluster `make run` and the
# tests use when no DATABASE_URL is given.
#
#   pg.sh start DIR PORT   create the cluster in DIR if needed and start it
#                          on 127.0.0.1:PORT; writes DIR/url
#   pg.sh stop DIR         stop it
#   pg.sh url DIR          print the DATABASE_URL of the application role
#   pg.sh psql DIR ARGS    run psql as the superuser on the open311 database
#
# initdb refuses to run as root, so as root the cluster runs as the
# `postgres` system user. The application connects over TCP with a
# generated password; the superuser only through a private socket.
set -eu

PGBIN=/usr/lib/postgresql/15/bin
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '2,13p' "$0" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

owner() {
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres:postgres "$@"
	fi
}

sockdir() {
	s="$dir/run"
	if [ ${#s} -gt 80 ]; then
		s="/tmp/open311d-pg.$(echo "$dir" | cksum | cut -d' ' -f1)"
	fi
	echo "$s"
}

port() {
	cat "$dir/port" 2>/dev/null || echo 54329
}

datadir() {
	if [ -L "$dir/data" ] || [ -d "$dir/data" ]; then
		echo "$dir/data"
		return
	fi
	mkdir -p "$dir/data"
	owner "$dir/data"
	chmod 700 "$dir/data"
	# The postgres user must reach the directory (not under /root, say).
	if ! as_pg test -w "$dir/data"; then
		rmdir "$dir/data"
		alt="/var/lib/open311d/pg-$(echo "$dir" | cksum | cut -d' ' -f1)"
		mkdir -p "$alt"
		owner "$alt"
		chmod 700 "$alt"
		ln -s "$alt" "$dir/data"
		echo "pg.sh: $dir is not reachable by the postgres user;" \
		    "the cluster lives in $alt (linked from $dir/data)" >&2
	fi
	echo "$dir/data"
}

psql_su() {
	as_pg "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$(sockdir)" \
	    -p "$(port)" -U postgres "$@"
}

start() {
	p=$1
	data=$(datadir)
	sock=$(sockdir)
	mkdir -p "$sock"
	owner "$sock"
	chmod 700 "$sock"
	echo "$p" > "$dir/port"

	if [ ! -f "$data/PG_VERSION" ]; then
		echo "pg.sh: creating a PostgreSQL cluster in $data"
		as_pg "$PGBIN/initdb" -D "$data" -U postgres -E UTF8 \
		    --locale=C.UTF-8 --auth-local=trust \
		    --auth-host=scram-sha-256 >/dev/null
		cat >> "$data/postgresql.conf" <<CONF
# open311d embedded cluster
listen_addresses = '127.0.0.1'
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
log_min_messages = warning
log_line_prefix = '%m [%p] '
CONF
	fi

	if ! as_pg "$PGBIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
		touch "$dir/postgres.log"
		owner "$dir/postgres.log"
		as_pg "$PGBIN/pg_ctl" -D "$data" -l "$dir/postgres.log" -w \
		    -t 60 -o "-p $p -k $sock" start >/dev/null
	fi

	if [ ! -f "$dir/url" ]; then
		pw=$(openssl rand -hex 16)
		psql_su -d postgres <<SQL
CREATE ROLE open311 LOGIN PASSWORD '$pw';
CREATE DATABASE open311 OWNER open311;
SQL
		psql_su -d open311 -c "CREATE EXTENSION IF NOT EXISTS postgis"
		umask 077
		echo "postgresql://open311:$pw@127.0.0.1:PORT/open311" \
		    > "$dir/url.tmpl"
		mv "$dir/url.tmpl" "$dir/url"
	fi
}

case "$cmd" in
start)
	start "${3:-54329}"
	;;
stop)
	data="$dir/data"
	if [ -f "$data/PG_VERSION" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$data" -m fast -w stop \
		    >/dev/null 2>&1 || true
	fi
	;;
url)
	sed "s/PORT/$(port)/" "$dir/url"
	;;
psql)
	shift 2
	psql_su -d open311 "$@"
	;;
*)
	sed -n '2,13p' "$0" >&2
	exit 2
	;;
esac
