# GET /console/api/queue?sort=…&order=…: Chula Vista's open requests in
# every order, both directions. For each: the whole list (one page of up
# to 500) is in that order (key, then id; requests without a key last),
# and walking it four at a time by next gives the same list, each
# request once. Requests made here differ in service, agency, detailed
# status and duplicate count, in an arrival order that is none of those.
# min_duplicates filters; bad sort, order, min_duplicates, page_size
# are 400s.

q7_run=$(date +%s%N)

if [ -z "$E2E_EXTERNAL" ]; then
console_account "$E2E_TMP/q7.jar" "q7-$q7_run@example.org" agent \
    chulavistaca.gov
q7_jar=$E2E_TMP/q7.jar
q7_csrf=$CONSOLE_CSRF

# q7_new SERVICE LAT LONG [MORE]: a Chula Vista request's id.
q7_new() {
	curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
	    -d "jurisdiction_id=chulavistaca.gov&service_code=$1&lat=$2&long=$3&description=q7+$q7_run${4:+&$4}" \
	    "$BASE/requests.json" | jq -r '.[0].service_request_id'
}
q7_light=$(q7_new STREETLIGHT 32.6211 -117.0411)
q7_hole=$(q7_new POTHOLE 32.6221 -117.0421 'attribute%5BSIZE%5D=S')
q7_dup1=$(q7_new POTHOLE 32.6221 -117.0421 'attribute%5BSIZE%5D=L')
q7_dup2=$(q7_new POTHOLE 32.6221 -117.0421 'attribute%5BSIZE%5D=S')
q7_graf=$(q7_new GRAFFITI 32.6231 -117.0431)
q7_walk=$(q7_new SIDEWALK 32.6241 -117.0441)
check "requests made ($q7_light $q7_hole $q7_dup1 $q7_dup2 $q7_graf $q7_walk)" \
    test -n "$(printf '%s' "$q7_light$q7_hole$q7_graf$q7_walk" |
    grep -E '^[0-9]+$')"
check "the potholes are one group of three" test "$(PSQL -tAc \
    "select duplicate_count from requests where id = $q7_hole")" -ge 2

# q7_update ID FORM: a change from the console.
q7_update() {
	curl -s -o /dev/null -w '%{http_code}' -b "$q7_jar" \
	    -H "x-csrf-token: $q7_csrf" -d "$2" \
	    "$BASE/console/api/requests/$1/update"
}
check "agencies and a status set" test "$(q7_update "$q7_light" \
    'agency_responsible=alpha+crew')$(q7_update "$q7_graf" \
    'agency_responsible=Zeta+Works')$(q7_update "$q7_walk" \
    'status=IN_PROGRESS')" = 200200200

# The key of a row for an order, as the server's console_queue_key():
# null when the request has none.
q7_jq_key='def key($s): if $s == "service" then .service_name | ascii_downcase
    elif $s == "agency" then (.agency | if . == null then null else ascii_downcase end)
    elif $s == "status" then .detailed_status | ascii_downcase
    elif $s == "due" then .due
    elif $s == "duplicates" then .duplicate_count
    else 0 end;'

# q7_sorted SORT ORDER: true when $BODY's requests are in that order.
q7_sorted() {
	printf '%s' "$BODY" | jq -e --arg s "$1" --arg o "$2" "$q7_jq_key"'
	    [.requests[] | {k: key($s), id: (.id | tonumber)}] as $r |
	    [range(1; $r | length) as $i | $r[$i - 1] as $a | $r[$i] as $b |
	     if $a.k == null and $b.k != null then false
	     elif $a.k != null and $b.k == null then true
	     elif $a.k == $b.k then
		(if $o == "desc" then $a.id > $b.id else $a.id < $b.id end)
	     elif $o == "desc" then $a.k > $b.k else $a.k < $b.k end] | all' \
	    >/dev/null
}

# q7_walk_pages QUERY: the ids of every page of four, one per line.
q7_walk_pages() {
	_after=
	_n=0
	while [ "$_n" -lt 200 ]; do
		_b=$(curl -s -b "$q7_jar" \
		    "$BASE/console/api/queue?$1&page_size=4${_after:+&after=$_after}")
		printf '%s' "$_b" | jq -r '.requests[].id'
		_after=$(printf '%s' "$_b" | jq -r '.next // empty')
		[ -n "$_after" ] || return 0
		_n=$((_n + 1))
	done
}

for q7_s in requested service agency status due duplicates; do
	for q7_o in asc desc; do
		q7_q="sort=$q7_s&order=$q7_o"
		get "/console/api/queue?$q7_q&page_size=500" -b "$q7_jar"
		expect_status 200
		expect_jq '.total <= 500 and (.requests | length) == .total'
		check "$q7_q: in order" q7_sorted "$q7_s" "$q7_o"
		q7_all=$(printf '%s' "$BODY" | jq -r '.requests[].id')
		check "$q7_q: ours are listed" test "$(printf '%s\n' "$q7_all" |
		    grep -cxE "$q7_light|$q7_hole|$q7_graf|$q7_walk")" -eq 4
		check "$q7_q: pages of four walk the same list" \
		    test "$(q7_walk_pages "$q7_q")" = "$q7_all"
	done
done

# The orders differ on the requests made here, as their keys say: in
# each order, the first request of a line is listed before the second.
while read -r q7_s q7_o q7_a q7_b q7_why; do
	get "/console/api/queue?sort=$q7_s&order=$q7_o&page_size=500" \
	    -b "$q7_jar"
	check "$q7_s, $q7_o: $q7_why" test "$(printf '%s' "$BODY" |
	    jq -r --arg a "$q7_a" --arg b "$q7_b" \
	    '[.requests[].id] | (index($a) < index($b))')" = true
done <<ROWS
service asc $q7_walk $q7_light Damaged sidewalk before Streetlight out
service desc $q7_light $q7_graf Streetlight out before Graffiti
agency asc $q7_light $q7_graf alpha crew before Zeta Works
agency desc $q7_graf $q7_light Zeta Works before alpha crew
status asc $q7_walk $q7_light in_progress before open
duplicates desc $q7_hole $q7_light the group of three first
due asc $q7_graf $q7_hole Graffiti (72 h) before the later Pothole (120 h)
requested desc $q7_walk $q7_light newest first
ROWS

# A cursor naming another jurisdiction's request tells nothing of it:
# San Diego's cart (Environmental Services) does not start Chula Vista's
# agency order after its agency, so alpha crew is still listed.
q7_sd=$(curl -s -H "Authorization: Bearer $KEY_SUBMIT" \
    -d "service_code=SHOPPING_CART&lat=32.7911&long=-117.1611&description=q7+$q7_run" \
    "$BASE/requests.json" | jq -r '.[0].service_request_id')
check "a San Diego request ($q7_sd)" test "$(PSQL -tAc \
    "select agency from requests where id = $q7_sd")" = "Environmental Services"
get "/console/api/queue?sort=agency&page_size=500&after=$q7_sd" -b "$q7_jar"
expect_status 200
expect_jq "[.requests[].id] | index(\"$q7_light\") != null"

# min_duplicates: only groups of at least that many.
get '/console/api/queue?min_duplicates=2&page_size=500' -b "$q7_jar"
expect_status 200
expect_jq '[.requests[].duplicate_count] | all(. >= 2)'
expect_jq "[.requests[].id] | index(\"$q7_hole\") != null"
expect_jq "[.requests[].id] | index(\"$q7_light\") == null"
expect_jq '.total == (.requests | length)'

# Refusals.
get '/console/api/queue?sort=priority' -b "$q7_jar"
expect_error 400 json "sort must be requested, service, agency, status, due or duplicates"
get '/console/api/queue?order=up' -b "$q7_jar"
expect_error 400 json "order must be asc or desc"
get '/console/api/queue?min_duplicates=-1' -b "$q7_jar"
expect_error 400 json "min_duplicates must be a whole number"
get '/console/api/queue?min_duplicates=1234567' -b "$q7_jar"
expect_error 400 json "min_duplicates must be a whole number"
for q7_size in 0 501 1e2; do
	get "/console/api/queue?page_size=$q7_size" -b "$q7_jar"
	expect_error 400 json "page_size must be 1 to 500"
done
fi
