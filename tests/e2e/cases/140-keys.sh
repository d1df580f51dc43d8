# `open311d keys`: printed once, stored only as SHA-256, listed without
# the key, revoked with a message that the client sees within seconds.

if [ -z "$E2E_EXTERNAL" ]; then
	out=$("$BIN" keys create --name "revoke me" --scopes submit --channel web)
	check "keys create exits 0" test $? -eq 0
	key=$(printf '%s\n' "$out" | tail -1)
	kid=$(printf '%s\n' "$out" | sed -n 's/^key \([0-9]*\) created.*/\1/p')
	check "a key looks like o311_ + 48 hex ($key)" \
	    test -n "$(printf '%s' "$key" | grep -E '^o311_[0-9a-f]{48}$')"

	n=$(PSQL -tAc "select count(*) from api_keys where hash = sha256('$key'::bytea)")
	check "the database holds the hash" test "$n" = 1
	n=$(PSQL -tAc "select count(*) from api_keys a where position('${key#o311_}' in a::text) > 0")
	check "the database does not hold the key" test "$n" = 0
	list=$("$BIN" keys list)
	case "$list" in
	*"${key#o311_}"*) fail "keys list prints the key" ;;
	*"revoke me"*) pass ;;
	*) fail "keys list lacks the new key: $list" ;;
	esac

	check "every worker loads a new key within seconds" await_cache keys
	post /requests.json -H "Authorization: Bearer $key" \
	    -d 'service_code=NOISE&lat=32.7&long=-117.1&attribute%5BSOURCE%5D=PARTY'
	expect_status 200

	"$BIN" keys revoke "$kid" --message "App retired; update to v3 from the app store" >/dev/null
	check "keys revoke exits 0" test $? -eq 0
	check "every worker loads the revocation within seconds" \
	    await_cache keys
	post /requests.json -H "Authorization: Bearer $key" \
	    -d 'service_code=NOISE&lat=32.7&long=-117.1&attribute%5BSOURCE%5D=PARTY'
	expect_error 403 json "App retired; update to v3 from the app store"
	post /requests.xml -d "api_key=$key&service_code=NOISE&lat=32.7&long=-117.1"
	expect_error 403 xml "revoked"

	out=$("$BIN" keys revoke 999999 --message x 2>&1)
	check "revoking an unknown key fails" test $? -ne 0
	out=$("$BIN" keys create --name x --scopes root 2>&1)
	check "unknown scope refused" test $? -eq 2
	out=$("$BIN" keys create --name x --scopes submit --jurisdiction nowhere.gov 2>&1)
	check "unknown jurisdiction refused" test $? -ne 0
	case "$out" in
	*nowhere.gov*) pass ;;
	*) fail "message lacks the jurisdiction: $out" ;;
	esac
fi
