# Personal data: stored apart, never in a public answer; a back-office
# key of the request's jurisdiction sees it as "contact"; other keys do
# not.

post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    -d 'service_code=NOISE&lat=32.7&long=-117.1&attribute%5BSOURCE%5D=PARTY&email=resident%40example.org&phone=%2B1+619+555+0100&first_name=Ann&last_name=Lee&device_id=dev-9&account_id=acct-9'
expect_status 200
id=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')

for path in "/requests/$id.json" "/requests/$id.xml" "/requests.json" \
    "/requests.xml" "/requests.json?service_request_id=$id"; do
	get "$path"
	expect_status 200
	for secret in resident@example.org 555 Ann Lee dev-9 acct-9; do
		case "$BODY" in
		*"$secret"*) fail "public $path shows '$secret'" ;;
		*) pass ;;
		esac
	done
done

# A submit key or a bad key sees the public view; GETs stay open.
get "/requests/$id.json" -H "Authorization: Bearer $KEY_SUBMIT"
expect_jq '.[0] | has("contact") | not'
get "/requests/$id.json" -H "Authorization: Bearer o311_bogus"
expect_status 200
expect_jq '.[0] | has("contact") | not'

# The back office of the jurisdiction sees the contact.
get "/requests/$id.json" -H "Authorization: Bearer $KEY_OFFICE"
expect_json '.[0].contact.email' 'resident@example.org'
expect_json '.[0].contact.phone' '+1 619 555 0100'
expect_json '.[0].contact.first_name' 'Ann'
expect_json '.[0].contact.account_id' 'acct-9'
get "/requests/$id.xml?api_key=$KEY_OFFICE"
expect_xml '/service_requests/request/contact/last_name' 'Lee'
get "/requests.json?service_request_id=$id" -H "Authorization: Bearer $KEY_ADMIN"
expect_json '.[0].contact.device_id' 'dev-9'

if [ -z "$E2E_EXTERNAL" ]; then
	# Stored in its own table, not on the request row.
	row=$(PSQL -tAc "select row_to_json(r)::text from requests r where id = $id")
	case "$row" in
	*resident@example.org*) fail "requests row holds the e-mail" ;;
	*) pass ;;
	esac
	n=$(PSQL -tAc "select count(*) from request_contacts where request_id = $id and email = 'resident@example.org'")
	check "contact row stored" test "$n" = 1

	# The access log never holds a key, a token or personal data sent in
	# a query string; the filters stay readable.
	get "/requests.json?jurisdiction_id=sandiego.gov&api_key=$KEY_OFFICE&email=query%40example.org&t=tok-e2e-secret"
	expect_status 200
	log=$E2E_TMP/http.log
	[ "${BASE#https}" != "$BASE" ] && log=$E2E_TMP/https.log
	check "the access line of that request is logged" \
	    await grep -q 'GET /requests.json?jurisdiction_id=sandiego.gov&api_key=-&email=-&t=- 200' "$log"
	check "no API key in the server log" sh -c "! grep -qF '$KEY_OFFICE' '$log'"
	check "no e-mail address from a query in the server log" sh -c "! grep -qF 'query%40example.org' '$log'"
	check "no token from a query in the server log" sh -c "! grep -qF 'tok-e2e-secret' '$log'"
fi
