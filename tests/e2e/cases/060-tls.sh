# HTTPS: TLS 1.2 and 1.3 handshakes through the key manager, with the
# workers running as an unprivileged user when the suite runs as root.

if [ -n "${TLS_BASE:-}" ]; then
	for v in 1.2 1.3; do
		code=$(curl -sk --tlsv$v --tls-max $v -o /dev/null \
		    -w '%{http_code}' "$TLS_BASE/services.json")
		check "TLS $v handshake and 200" test "$code" = 200
	done
	proto=$(echo | openssl s_client -connect "${TLS_BASE#https://}" \
	    -tls1_3 2>/dev/null | grep -c 'TLSv1.3')
	check "openssl s_client negotiates TLS 1.3" test "$proto" -ge 1
	code=$(curl -sk --tlsv1.1 --tls-max 1.1 -o /dev/null \
	    -w '%{http_code}' "$TLS_BASE/services.json")
	check "TLS 1.1 is refused" test "$code" = 000
	saved=$BASE
	BASE=$TLS_BASE
	get /services/POTHOLE.xml
	expect_status 200
	expect_header_match strict-transport-security 'max-age='
	BASE=$saved
	if [ "$(id -u)" -eq 0 ]; then
		users=$(ps -o user= --ppid "$PID_https" | sort -u | tr '\n' ' ')
		check "workers and keymgr run as nobody ($users)" \
		    test "$users" = "nobody "
	fi
fi
