# The HTTPS listener's TLS policy, as a scanner from Debian (sslscan)
# sees it: Mozilla's "intermediate" profile with forward secrecy from
# elliptic curves only. TLS 1.2 and 1.3 and nothing older; TLS 1.2
# ciphers ECDHE with AES-GCM or ChaCha20-Poly1305 (no CBC, no SHA-1, no
# static RSA or finite-field DHE key exchange); TLS 1.3's AEAD suites;
# key exchange groups X25519, P-256 and P-384; no insecure
# renegotiation, no Heartbleed. (Debian's sslscan cannot test TLS
# compression; Kore turns it off with SSL_OP_NO_COMPRESSION.)

if [ -n "${TLS_BASE:-}" ]; then
	tp_xml=$E2E_TMP/sslscan.xml
	sslscan --no-colour --xml="$tp_xml" "${TLS_BASE#https://}" \
	    >"$E2E_TMP/sslscan.txt" 2>&1
	check "sslscan ran ($(head -c 200 "$E2E_TMP/sslscan.txt"))" \
	    test -s "$tp_xml"
	tp() {
		xmllint --xpath "$1" "$tp_xml" 2>/dev/null
	}
	tp_list() {
		tp "$1" | tr ' ' '\n' | sed -n 's/^[a-z]*="\(.*\)"$/\1/p' |
		    sort -u | tr '\n' ' '
	}
	v=$(tp_list '//protocol[@enabled="1"]/@version')
	check "protocols enabled: TLS 1.2 and 1.3 only ($v)" \
	    test "$v" = "1.2 1.3 "
	# tp_only DESC XPATH ERE: the scan found values and each matches
	tp_only() {
		_tp_v=$(tp_list "$2")
		_tp_bad=$(printf '%s' "$_tp_v" | tr ' ' '\n' | grep -v '^$' |
		    grep -Ev "$3")
		check "$1 (${_tp_bad:-$_tp_v})" test -n "$_tp_v" -a -z "$_tp_bad"
	}
	tp_only "TLS 1.2 ciphers are ECDHE + AEAD only" \
	    '//cipher[@sslversion="TLSv1.2"]/@cipher' \
	    '^ECDHE-(RSA|ECDSA)-(AES(128-GCM-SHA256|256-GCM-SHA384)|CHACHA20-POLY1305)$'
	tp_only "TLS 1.3 suites are AEAD" \
	    '//cipher[@sslversion="TLSv1.3"]/@cipher' \
	    '^TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)$'
	tp_only "key exchange groups X25519, P-256, P-384" '//group/@name' \
	    '^(x25519|secp256r1|secp384r1)$'
	n=$(tp 'count(//cipher[@dhebits])')
	check "no finite-field DHE cipher ($n)" test "$n" = 0
	n=$(tp 'count(//renegotiation[@supported="1" and @secure="0"])')
	check "no insecure renegotiation" test "$n" = 0
	n=$(tp 'count(//heartbleed[@vulnerable="1"])')
	check "not vulnerable to Heartbleed" test "$n" = 0
fi
