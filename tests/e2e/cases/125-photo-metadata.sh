# Photos are stored and served without the metadata phones write into
# them (tests/e2e/tools/photos.py: GPS position, make, model, owner,
# XMP, PNG text chunks), decode to the same pixels, and a JPEG keeps its
# EXIF orientation alone. Photos of a submission that is refused after
# they were stored are never served.

mkdir -p "$E2E_TMP/pm"
/usr/bin/python3 tests/e2e/tools/photos.py make "$E2E_TMP/pm"
check "photos made" test -s "$E2E_TMP/pm/meta.webp"

for pm_ext in jpg png webp; do
	pm_in=$E2E_TMP/pm/meta.$pm_ext
	post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
	    -F service_code=NOISE -F lat=32.7 -F long=-117.1 \
	    -F 'attribute[SOURCE]=PARTY' -F "media=@$pm_in"
	expect_status 200
	pm_id=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
	get "/requests/$pm_id.json"
	pm_url=$(printf '%s' "$BODY" | jq -r '.[0].media_url')
	get "/${pm_url#*://*/}"
	expect_status 200
	cp "$E2E_TMP/body" "$E2E_TMP/pm/served.$pm_ext"
	BODY=$(/usr/bin/python3 tests/e2e/tools/photos.py check "$pm_in" \
	    "$E2E_TMP/pm/served.$pm_ext" 2>&1)
	LAST_REQ="photos.py check of the served $pm_ext"
	expect_json '.pixels' true
	expect_json '.secrets | join(",")' ''
	expect_json '.text | length' 0
	if [ "$pm_ext" = jpg ]; then
		expect_json '.exif | to_entries | map("\(.key)=\(.value)") | join(",")' '274=6'
	else
		expect_json '.exif | length' 0
	fi
done

# A submission refused after its photo was stored (the point is outside
# San Diego's boundary): the photo is not served.
if [ -z "$E2E_EXTERNAL" ]; then
	pm_before=$(PSQL -tAc "select coalesce(max(created_at)::text, '') from media")
	post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
	    -F service_code=NOISE -F lat=32.95 -F long=-116.5 \
	    -F 'attribute[SOURCE]=PARTY' -F "media=@$E2E_TMP/pm/plain.png"
	expect_error 400 json "outside the boundary"
	pm_orphan=$(PSQL -tAc "select id from media where request_id is null and created_at::text > '$pm_before' order by created_at desc limit 1")
	check "the refused submission's photo was stored ($pm_orphan)" \
	    test -n "$pm_orphan"
	get "/media/$pm_orphan"
	expect_error 404 xml "media"
fi
