# Malformed submissions to POST /requests: every row of
# tests/e2e/malformed/cases.tsv (its header describes the columns and the
# placeholders) is one request with the exact bytes of its body and one
# check: a 4xx with an Open311 error body in the requested format whose
# description names what is wrong, never a 5xx. The rows at the end of
# the table are valid edge cases that must answer 200 with a receipt.
# Then SQL and XML injection in every text field: accepted, stored
# verbatim, served back escaped in both formats. Last, the server is
# still healthy.

MAL_CASES=${MAL_CASES:-tests/e2e/malformed/cases.tsv}
MAL_TMP=$E2E_TMP/malformed
mkdir -p "$MAL_TMP"
MAL_BOUNDARY=XyZ

# Keys only the CLI can make: a revoked one and one without the submit
# scope. The workers reload their key cache on a timer, so wait for both.
MAL_REVOKED=
MAL_NOSUBMIT=
if [ -z "$E2E_EXTERNAL" ]; then
	out=$("$BIN" keys create --name "e2e revoked" --scopes submit \
	    --channel web)
	MAL_REVOKED=$(printf '%s\n' "$out" | tail -1)
	id=$(printf '%s\n' "$out" | sed -n 's/^key \([0-9][0-9]*\) created.*/\1/p')
	"$BIN" keys revoke "$id" --message "leaked in the e2e suite" >/dev/null
	MAL_NOSUBMIT=$("$BIN" keys create --name "e2e crm only" \
	    --scopes backoffice --channel phone | tail -1)
	check "the workers know the revoked and the back-office-only key" \
	    await_cache keys
fi

# mal_rep TEXT N: TEXT N times, in MAL_REP.
mal_rep() {
	local t=$1 n=$2
	MAL_REP=
	while [ "$n" -gt 0 ]; do
		[ $((n & 1)) = 1 ] && MAL_REP+=$t
		n=$((n >> 1))
		[ "$n" -gt 0 ] && t+=$t
	done
}

# mal_expand TEXT: the placeholders of cases.tsv expanded, in MAL_X. The
# replacements are quoted: '&' in them is text (bash 5.2 patsub).
mal_expand() {
	local s=$1 r
	r='api_key=@KEY@&@POTNK@'
	s=${s//@POT@/"$r"}
	r='service_code=POTHOLE&@LOC@&attribute[DEPTH]=4&attribute[SIZE]=M'
	s=${s//@POTNK@/"$r"}
	r='api_key=@KEY@&service_code=NOISE&address_string=1+Main+St&attribute[SOURCE]=PARTY'
	s=${s//@NOISE@/"$r"}
	r='@PART:api_key@@KEY@\r\n@PART:service_code@POTHOLE\r\n@PART:lat@32.7157\r\n@PART:long@-117.1611\r\n@PART:attribute[DEPTH]@4\r\n@PART:attribute[SIZE]@M\r\n'
	s=${s//@MP@/"$r"}
	r='lat=32.7157&long=-117.1611'
	s=${s//@LOC@/"$r"}
	s=${s//@KEYCUT@/"${KEY_SUBMIT%?}"}
	s=${s//@KEY@/"$KEY_SUBMIT"}
	s=${s//@WEB@/"$KEY_WEB"}
	s=${s//@OFFICE@/"$KEY_OFFICE"}
	s=${s//@REVOKED@/"$MAL_REVOKED"}
	s=${s//@NOSUBMIT@/"$MAL_NOSUBMIT"}
	s=${s//@FORM@/application/x-www-form-urlencoded}
	r="multipart/form-data; boundary=$MAL_BOUNDARY"
	s=${s//@MPCT@/"$r"}
	r="--$MAL_BOUNDARY--\\r\\n"
	s=${s//@END@/"$r"}
	r='\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x00IEND\xaeB`\x82'
	s=${s//@PNG@/"$r"}
	r='\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\x12\x34\xff\xd9'
	s=${s//@JPEG@/"$r"}
	r='RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00'
	s=${s//@WEBP@/"$r"}
	while [[ $s =~ @rep:([0-9]+):([^@]*)@ ]]; do
		mal_rep "${BASH_REMATCH[2]}" "${BASH_REMATCH[1]}"
		s=${s/"${BASH_REMATCH[0]}"/"$MAL_REP"}
	done
	while [[ $s =~ @PART:([^@]*)@ ]]; do
		r="--$MAL_BOUNDARY\\r\\nContent-Disposition: form-data; name=\"${BASH_REMATCH[1]}\"\\r\\n\\r\\n"
		s=${s/"${BASH_REMATCH[0]}"/"$r"}
	done
	while [[ $s =~ @FILE:([^@:]*):([^@:]*):([^@:]*)@ ]]; do
		r="--$MAL_BOUNDARY\\r\\nContent-Disposition: form-data; name=\"${BASH_REMATCH[1]}\"; filename=\"${BASH_REMATCH[2]}\"\\r\\nContent-Type: ${BASH_REMATCH[3]}\\r\\n\\r\\n"
		s=${s/"${BASH_REMATCH[0]}"/"$r"}
	done
	MAL_X=$s
}

# The bodies too big for a line of the table.
mal_expand '@POT@&description='
printf '%b' "$MAL_X" > "$MAL_TMP/huge-body"
head -c 34000000 /dev/zero | tr '\0' a >> "$MAL_TMP/huge-body"
mal_expand '@MP@@FILE:media:big.jpg:image/jpeg@'
{
	printf '%b' "$MAL_X"
	printf '\377\330\377\340'
	head -c $((10485760 - 3)) /dev/zero
	printf '\r\n--%s--\r\n' "$MAL_BOUNDARY"
} > "$MAL_TMP/big-media"

# The receipt of an accepted submission has an id or a token.
mal_receipt() {
	if [ "$1" = json ]; then
		printf '%s' "$BODY" | jq -e 'type == "array" and length == 1 and
		    ((.[0].service_request_id // .[0].token) | type == "string"
		    and length > 0)' >/dev/null 2>&1
	else
		[ -n "$(xpath 'string(/service_requests/request/service_request_id|/service_requests/request/token)')" ]
	fi
}

declare -A MAL_ID
MAL_COUNT0=0
MAL_CLOSED0=0
if [ -z "$E2E_EXTERNAL" ]; then
	MAL_COUNT0=$(PSQL -At -c "SELECT count(*) FROM requests")
	MAL_CLOSED0=$(PSQL -At -c "SELECT count(*) FROM requests
	    WHERE status <> 'open'")
fi
mal_rows=0
mal_bad_rows=0
mal_ok_rows=0
mal_200=0
while IFS=$'\t' read -r -u 3 name suffix ctype body hdrs status text; do
	case "$name" in '' | '#'*) continue ;; esac
	if [ -z "$text" ]; then
		fail "cases.tsv row '$name' does not have seven columns"
		continue
	fi
	case "$status" in
	4[0-9][0-9]) mal_bad_rows=$((mal_bad_rows + 1)) ;;
	200) mal_ok_rows=$((mal_ok_rows + 1)) ;;
	*) fail "cases.tsv row '$name' expects status $status (4xx or 200 only)"
		continue ;;
	esac
	case "$body$hdrs" in
	*@REVOKED@* | *@NOSUBMIT@*)
		[ -n "$MAL_REVOKED" ] || continue ;;
	esac
	mal_rows=$((mal_rows + 1))

	mal_expand "$suffix"
	suffix=$MAL_X
	fmt=${suffix%%\?*}

	args=(-H 'Expect:')
	case "$ctype" in
	-) args+=(-H 'Content-Type:') ;;
	'<empty>') args+=(-H 'Content-Type;') ;;
	*) mal_expand "$ctype"; args+=(-H "Content-Type: $MAL_X") ;;
	esac
	if [ "$hdrs" != - ]; then
		mal_expand "$hdrs"
		readarray -t hl <<< "${MAL_X//||/$'\n'}"
		for h in "${hl[@]}"; do
			args+=(-H "$(printf '%b' "$h")")
		done
	fi

	case "$body" in
	-) bodyfile=$MAL_TMP/body; : > "$bodyfile" ;;
	@file:*) bodyfile=$MAL_TMP/${body#@file:} ;;
	*) bodyfile=$MAL_TMP/body
		mal_expand "$body"
		printf '%b' "$MAL_X" > "$bodyfile" ;;
	esac

	post "/requests.$suffix" --data-binary "@$bodyfile" "${args[@]}"
	[ "$STATUS" = 200 ] && mal_200=$((mal_200 + 1))
	LAST_REQ="cases.tsv $name: POST /requests.${suffix:0:60} ($(wc -c < "$bodyfile") bytes)"

	if [ "$status" = 200 ]; then
		expect_status 200
		if [ "$STATUS" = 200 ]; then
			check "$name: a receipt with an id or a token" \
			    mal_receipt "$fmt"
			if [ "$fmt" = json ]; then
				MAL_ID[$name]=$(printf '%s' "$BODY" |
				    jq -r '.[0].service_request_id // empty')
			else
				MAL_ID[$name]=$(xpath 'string(/service_requests/request/service_request_id)')
			fi
		fi
	else
		expect_error "$status" "$fmt" "$text"
	fi
done 3< "$MAL_CASES"
rm -f "$MAL_TMP/huge-body" "$MAL_TMP/big-media"

check "cases.tsv has at least 120 malformed rows ($mal_bad_rows)" \
    test "$mal_bad_rows" -ge 120
check "cases.tsv has accepted rows ($mal_ok_rows)" test "$mal_ok_rows" -ge 10

# What some accepted rows stored. GET by id with the back-office key,
# which also sees the contact fields.
mal_get() {
	# mal_get ROW FMT: GET /requests/{id of ROW}.FMT
	get "/requests/${MAL_ID[$1]:-0}.$2" -H "Authorization: Bearer $KEY_OFFICE"
}
mal_get ok-description-4000-2-byte json
expect_jq '.[0].description | length == 4000 and test("^é+$")'
mal_get ok-description-4000-4-byte json
expect_jq '.[0].description | length == 4000 and test("^😀+$")'
mal_get ok-description-4000-4-byte xml
expect_xml 'string-length(/service_requests/request/description)' 4000
mal_get ok-description-multiline json
expect_json '.[0].description | @json' '"line 1\r\nline 2\n\tindented"'
mal_get ok-description-multiline xml
expect_body_has '<description>line 1&#13;'
got=$(xpath 'string(/service_requests/request/description)')
check "XML keeps CR LF and tab of a description" \
    test "$got" = $'line 1\r\nline 2\n\tindented'
mal_get ok-percent-literal json
expect_json '.[0].description' '%00 %zz'
mal_get ok-ten-media-urls json
expect_json '.[0].media_url' 'https://example.org/a.jpg'
mal_get ok-field-limits json
expect_jq '.[0].address | length == 500'
expect_jq '.[0].contact.first_name | length == 100'
mal_get ok-multipart-png-photo1 json
photo=$(printf '%s' "$BODY" | jq -r '.[0].media_url // empty')
check "an uploaded photo has a media_url ($photo)" test -n "$photo"
if [ -n "$photo" ]; then
	code=$(curl -s -o "$MAL_TMP/photo" -w '%{http_code}' \
	    "$BASE/media/${photo##*/media/}")
	check "the photo is served back byte for byte ($code)" \
	    cmp -s "$MAL_TMP/photo" <(mal_expand @PNG@; printf '%b' "$MAL_X")
fi
if [ -z "$E2E_EXTERNAL" ]; then
	attrs_are() {
		# attrs_are ROW JSON: the attributes ROW stored equal JSON
		[ "$(PSQL -At -c "SELECT attributes = '$2'::jsonb FROM requests
		    WHERE id = ${MAL_ID[$1]:-0}")" = t ]
	}
	check "LANES[] stored as a list" attrs_are ok-lanes-brackets \
	    '{"DEPTH": 4, "SIZE": "M", "LANES": ["N", "BIKE"]}'
	check "repeated LANES stored as a list" attrs_are ok-lanes-repeated \
	    '{"DEPTH": 4, "SIZE": "M", "LANES": ["N", "S"]}'
	check "an empty optional LANES[] stores nothing" \
	    attrs_are ok-lanes-empty-optional '{"DEPTH": 4, "SIZE": "M"}'
	check "an unknown attribute is kept" attrs_are ok-unknown-attribute \
	    '{"DEPTH": 4, "SIZE": "M", "uprn": "100023456789"}'
	check "a negative fraction stays a number" attrs_are ok-lat-limits \
	    '{"DEPTH": -0.5, "SIZE": "S"}'
	check "ten media_url links stored" test "$(PSQL -At -c \
	    "SELECT cardinality(media_urls) FROM requests WHERE id = ${MAL_ID[ok-ten-media-urls]:-0}")" = 10
	check "only the rows answered 200 stored a request ($MAL_COUNT0 + $mal_200)" \
	    test "$(PSQL -At -c "SELECT count(*) FROM requests")" = \
	    "$((MAL_COUNT0 + mal_200))"
fi

# SQL and XML injection in every text field that takes it: accepted and
# stored verbatim, and served back exactly, escaped, in both formats.
mapfile -t mal_inj <<'EOF'
'; DROP TABLE requests; --
Robert'); DELETE FROM api_keys WHERE ('1'='1
" OR ""=" OR 1=1 -- /* */ #
1 UNION SELECT hash, prefix FROM api_keys--
$$; SELECT pg_sleep(10); $$ $q$ \' \\' E'\x27'
</description><status>closed</status><description>
<![CDATA[ x ]]> ]]> <!-- --> --> <?php ?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;
&amp; &lt; &#0; &#x1F; &bogus; &#xD800; < > & ' "
[{"code":200,"description":"x"}] ,{"a":"\u0000\ud800"} \" \\ \n
%00 %s %n %x {0} ${HOME} `id` $(id) | ; && \ 
« ünïcödé » 中文 😀 ‮RTL‬ ﻿BOM zero​width
EOF
mal_inj+=($'multi-line\r\n</description>\n\t<x>&amp;\r\n')

mal_hex() {
	printf '%s' "$1" | od -An -tx1 | tr -d ' \n'
}

i=0
for s in "${mal_inj[@]}"; do
	i=$((i + 1))
	line=${s//[$'\r\n\t']/ }
	zip="'<$i>\"&;--"
	email="o'brien+\"$i\"&x@example.org"
	url="http://example.org/{a,b}/x?q=';--&i=$i"
	post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
	    --data-urlencode "service_code=STREETLIGHT" \
	    --data-urlencode "lat=32.7157" --data-urlencode "long=-117.1611" \
	    --data-urlencode "attribute[ISSUE]=OUT" \
	    --data-urlencode "attribute[POLE_ID]=$line" \
	    --data-urlencode "description=$s" \
	    --data-urlencode "address_string=$line" \
	    --data-urlencode "address_id=$line" \
	    --data-urlencode "zipcode=$zip" \
	    --data-urlencode "email=$email" \
	    --data-urlencode "phone=+1 (619) 555-0100 x$i" \
	    --data-urlencode "first_name=$line" \
	    --data-urlencode "last_name=$line" \
	    --data-urlencode "device_id=$line" \
	    --data-urlencode "account_id=$line" \
	    --data-urlencode "media_url=$url"
	LAST_REQ="injection string $i: POST /requests.json"
	expect_status 200
	id=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id // empty' 2>/dev/null)
	check "injection $i: an id" test -n "$id"
	[ -n "$id" ] || continue
	expect_json '.[0].account_id' "$line"

	get "/requests/$id.json" -H "Authorization: Bearer $KEY_OFFICE"
	LAST_REQ="injection string $i: GET /requests/$id.json"
	printf '%s' "$BODY" | jq -e --arg d "$s" --arg l "$line" --arg z "$zip" \
	    --arg e "$email" --arg u "$url" 'length == 1 and (.[0] as $r |
	    $r.description == $d and $r.address == $l and
	    $r.address_id == $l and $r.zipcode == $z and $r.media_url == $u and
	    $r.status == "open" and $r.contact.email == $e and
	    $r.contact.first_name == $l and $r.contact.last_name == $l and
	    $r.contact.device_id == $l and $r.contact.account_id == $l)' \
	    >/dev/null 2>&1 && pass || fail "injection $i: JSON does not give back every field verbatim"

	get "/requests/$id.xml" -H "Authorization: Bearer $KEY_OFFICE"
	LAST_REQ="injection string $i: GET /requests/$id.xml"
	check "injection $i: well-formed XML" \
	    sh -c 'printf "%s" "$1" | xmllint --noout -' sh "$BODY"
	expect_xml_count '/service_requests/request' 1
	expect_xml_count '/service_requests/request/status' 1
	expect_xml '/service_requests/request/status' open
	r=/service_requests/request
	ok=1
	for pair in "description=$s" "address=$line" "address_id=$line" \
	    "zipcode=$zip" "media_url=$url" "contact/email=$email" \
	    "contact/first_name=$line" "contact/last_name=$line" \
	    "contact/device_id=$line" "contact/account_id=$line"; do
		el=${pair%%=*}
		want=${pair#*=}
		# $(...) drops trailing newlines: compare with a sentinel.
		got=$(xpath "concat(string($r/$el), '|')")
		if [ "$got" != "$want|" ]; then
			ok=0
			fail "injection $i: XML <$el> is '${got%|}', not '$want'"
		fi
	done
	[ $ok = 1 ] && pass

	if [ -z "$E2E_EXTERNAL" ]; then
		got=$(PSQL -At -c "SELECT encode(convert_to(r.description, 'UTF8'), 'hex') || '/' ||
		    encode(convert_to(r.attributes->>'POLE_ID', 'UTF8'), 'hex') || '/' ||
		    encode(convert_to(c.first_name, 'UTF8'), 'hex')
		    FROM requests r JOIN request_contacts c ON c.request_id = r.id
		    WHERE r.id = $id")
		check "injection $i: stored verbatim in the database" \
		    test "$got" = "$(mal_hex "$s")/$(mal_hex "$line")/$(mal_hex "$line")"
	fi
done

# Nothing was dropped or rewritten by any of that.
if [ -z "$E2E_EXTERNAL" ]; then
	check "requests, api_keys and request_contacts are intact" \
	    test "$(PSQL -At -c "SELECT (SELECT count(*) FROM api_keys) >= 4
	    AND (SELECT count(*) FROM requests) > 0
	    AND (SELECT count(*) FROM request_contacts) > 0
	    AND (SELECT count(*) FROM requests WHERE status <> 'open') =
	    $MAL_CLOSED0")" = t
fi

# After all that the server is still healthy and still takes requests.
get /healthz
expect_status 200
expect_json '.status' 'ok'
mal_expand '@POT@'
post /requests.xml --data-binary "$MAL_X"
expect_status 200
expect_xml_count '/service_requests/request/service_request_id' 1
