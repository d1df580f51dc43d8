# tests/e2e/tools/delivery.sh: sourced by the delivery cases (610, 620,
# 630, 650). Every worker of every gateway on a database delivers its outbox,
# so these cases run a gateway of their own on a database of their own
# in the test cluster: the suite's servers (no SMTP, slower polls) then
# never take their events, and the cases may stop and restart their
# gateway without the others delivering meanwhile.
#
#   dl_db NAME             creates database NAME, migrates it, loads San
#                          Diego; sets DL_DB and DL_URL
#   dl_case NAME TAG       dl_db o311_NAME_PID, checked, and two keys on
#                          it: DL_SUB ("TAG app": submit, mobile_app) and
#                          DL_OFF ("TAG crm": submit and backoffice for
#                          San Diego)
#   DLPSQL ARGS            psql as the superuser on it
#   dl_bin ARGS            the open311d tools on it, with
#                          allow_plain_http_destinations yes (receiver.py
#                          speaks plain HTTP unless given a certificate)
#   DL_PLAIN               that setting, for start_server
#   dl_until SECS CMD...   runs CMD every 0.1 s until it succeeds (0) or
#                          SECS pass (1)
#   dl_sql_is SQL VALUE    the query's result on it is VALUE
#   dl_hooks LOG SECRET [FILTER]   the deliveries receiver.py logged, as
#                          one JSON array (hooklog.py), filtered with jq
#   dl_mails MAILDIR [FILTER]      the messages the sink received, as one
#                          JSON array (mails.py), filtered with jq
#   dl_receiver_start NAME PORT LOG [CERT KEY]
#                          starts tests/e2e/tools/receiver.py (HTTPS with
#                          CERT and KEY)
#   dl_receiver_stop NAME             stops it (kill, then wait for it)
#   dl_dest ARGS           `destinations add ARGS` on it, checked; the new
#                          destination's id in DL_DEST
#   dl_upstream NAME [ARGS]  receiver.py as an upstream Open311 server
#                          (port DL_RPORT, log DL_RLOG, its requests in
#                          DL_RSTATE) and an open311 destination to it for
#                          San Diego's STORM_DRAIN (id DL_DEST, api key
#                          $DL_UPSTREAM_KEY; ARGS: more options of
#                          `destinations add`); both checked
#   dl_hole_start NAME PORT  a listener that takes connections and never
#                          answers (a back office that hangs); stopped
#                          with dl_receiver_stop
#   dl_smtp_start NAME PORT MAILDIR [ARGS]   starts aiosmtpd with a
#                          Maildir (ARGS: more aiosmtpd options)
#   dl_smtp_stop NAME

dl_db() {
	DL_DB=$1
	PSQL -d postgres -c "CREATE DATABASE $DL_DB OWNER open311" >/dev/null &&
	    PSQL -d "$DL_DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" \
	    >/dev/null || return 1
	DL_URL=$(printf '%s' "$DATABASE_URL" | sed "s#/[^/]*\$#/$DL_DB#")
	DATABASE_URL=$DL_URL "$BIN" migrate >/dev/null &&
	    DATABASE_URL=$DL_URL app/tools/demo.sh "$BIN" sandiego >/dev/null
}

dl_case() {
	dl_db "o311_$1_$$"
	check "a database of its own ($DL_DB)" test $? -eq 0
	DL_SUB=$(dl_bin keys create --name "$2 app" --scopes submit \
	    --channel mobile_app | tail -1)
	DL_OFF=$(dl_bin keys create --name "$2 crm" \
	    --scopes submit,backoffice --jurisdiction sandiego.gov | tail -1)
}

DLPSQL() {
	PSQL -d "$DL_DB" "$@"
}

DL_PLAIN=OPEN311_ALLOW_PLAIN_HTTP_DESTINATIONS=yes

dl_bin() {
	env DATABASE_URL="$DL_URL" "$DL_PLAIN" "$BIN" "$@"
}

dl_until() {
	_dl_end=$(( $(date +%s%N) + $1 * 1000000000 ))
	shift
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		[ "$(date +%s%N)" -ge "$_dl_end" ] && return 1
		sleep 0.1
	done
}

dl_sql_is() {
	test "$(DLPSQL -tAc "$1")" = "$2"
}

dl_hooks() {
	/usr/bin/python3 tests/e2e/tools/hooklog.py "$1" "$2" | jq -s "${3:-.}"
}

dl_mails() {
	/usr/bin/python3 tests/e2e/tools/mails.py "$1" | jq "${2:-.}"
}

dl_receiver_start() {
	_dl_scheme=http
	[ $# -gt 3 ] && _dl_scheme=https
	/usr/bin/python3 tests/e2e/tools/receiver.py "$2" "$3" ${4:+"$4" "$5"} \
	    >>"$3.stderr" 2>&1 &
	eval "DL_PID_$1=$!"
	dl_until 10 curl -skf -o /dev/null "$_dl_scheme://127.0.0.1:$2/healthz"
}

dl_upstream() {
	_dl_name=$1
	shift
	DL_RPORT=$(free_port)
	DL_RLOG=$E2E_TMP/$_dl_name-upstream.log
	DL_RSTATE=$DL_RLOG.upstream
	dl_receiver_start "$_dl_name" "$DL_RPORT" "$DL_RLOG"
	check "the upstream is up" test $? -eq 0
	export DL_UPSTREAM_KEY="upkey-$$"
	dl_dest --jurisdiction sandiego.gov --service STORM_DRAIN \
	    --open311 "http://127.0.0.1:$DL_RPORT" \
	    --api-key-env DL_UPSTREAM_KEY "$@"
}

dl_dest() {
	_dl_out=$(dl_bin destinations add "$@")
	DL_DEST=$(printf '%s' "$_dl_out" |
	    sed -n 's/^destination \([0-9]*\):.*/\1/p')
	check "destination added ($_dl_out)" test -n "$DL_DEST"
}

dl_hole_start() {
	/usr/bin/python3 -c 'import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(64)
time.sleep(600)' "$2" &
	eval "DL_PID_$1=$!"
	dl_until 10 /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $2)).close()"
}

dl_receiver_stop() {
	eval "_dl_pid=\${DL_PID_$1:-}"
	[ -n "$_dl_pid" ] || return 0
	kill "$_dl_pid" 2>/dev/null
	wait "$_dl_pid" 2>/dev/null
	eval "DL_PID_$1="
}

dl_smtp_start() {
	mkdir -p "$3/new" "$3/cur" "$3/tmp"
	_dl_name=$1
	_dl_port=$2
	_dl_dir=$3
	shift 3
	/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$_dl_port" "$@" \
	    -c aiosmtpd.handlers.Mailbox "$_dl_dir" >>"$_dl_dir.stderr" 2>&1 &
	eval "DL_PID_$_dl_name=$!"
	dl_until 10 /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $_dl_port)).close()"
}

dl_smtp_stop() {
	dl_receiver_stop "$1"
}
