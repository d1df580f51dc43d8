# Photos: multipart parts named media, media[] and photoN; JPEG, PNG and
# WebP by magic bytes; stored in PostgreSQL and served at a stable URL
# that becomes the request's media_url; links given as media_url.

# Small photos without metadata (tests/e2e/tools/photos.py): a PNG
# keeps every byte (photo metadata: 125-photo-metadata.sh).
mkdir -p "$E2E_TMP/photos"
/usr/bin/python3 tests/e2e/tools/photos.py make "$E2E_TMP/photos"
cp "$E2E_TMP/photos/plain.png" "$E2E_TMP/a.png"
cp "$E2E_TMP/photos/plain.png" "$E2E_TMP/b.png"
cp "$E2E_TMP/photos/plain.webp" "$E2E_TMP/c.webp"
cp "$E2E_TMP/photos/plain.jpg" "$E2E_TMP/a.jpg"
printf 'GIF89a not allowed' > "$E2E_TMP/d.gif"

post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    -F service_code=NOISE -F lat=32.7 -F long=-117.1 \
    -F 'attribute[SOURCE]=PARTY' -F "media=@$E2E_TMP/a.png;type=image/png"
expect_status 200
id=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
get "/requests/$id.json"
url=$(printf '%s' "$BODY" | jq -r '.[0].media_url')
check "media_url points at /media/ ($url)" \
    test -n "$(printf '%s' "$url" | grep -E '/media/[0-9a-f]{32}$')"
path=${url#*://*/}
get "/$path"
expect_status 200
expect_header content-type image/png
expect_header_match etag '^"[0-9a-f]{64}"$'
expect_header_match cache-control immutable
cmp -s "$E2E_TMP/body" "$E2E_TMP/a.png"
check "served bytes equal the upload" test $? -eq 0
etag=$(header etag)
get "/$path" -H "If-None-Match: $etag"
expect_status 304

# Several photos in one request, each part name the clients use.
post /requests.xml -H "Authorization: Bearer $KEY_SUBMIT" \
    -F service_code=NOISE -F lat=32.7 -F long=-117.1 \
    -F 'attribute[SOURCE]=PARTY' \
    -F "media[]=@$E2E_TMP/b.png" -F "photo1=@$E2E_TMP/c.webp" \
    -F "photo2=@$E2E_TMP/a.jpg" -F "file_x=@$E2E_TMP/d.gif"
expect_status 200
mid=$(xpath 'string(/service_requests/request/service_request_id)')
if [ -z "$E2E_EXTERNAL" ]; then
	n=$(PSQL -tAc "select count(*) from media where request_id = $mid")
	check "three photos stored ($n)" test "$n" = 3
	t=$(PSQL -tAc "select string_agg(content_type, ',' order by content_type) from media where request_id = $mid")
	check "types by magic bytes ($t)" test "$t" = "image/jpeg,image/png,image/webp"
fi

# Not an image, by its bytes whatever the part says.
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    -F service_code=NOISE -F lat=32.7 -F long=-117.1 \
    -F 'attribute[SOURCE]=PARTY' -F "media=@$E2E_TMP/d.gif;type=image/jpeg"
expect_error 400 json "media is not a JPEG, PNG or WebP"
post /requests.xml -H "Authorization: Bearer $KEY_SUBMIT" \
    -F service_code=NOISE -F lat=32.7 -F long=-117.1 \
    -F 'attribute[SOURCE]=PARTY' -F "photo3=@$E2E_TMP/d.gif"
expect_error 400 xml "photo3"

# Over media_max (10 MB by default).
head -c 11000000 /dev/zero | sed 's/^/\xff\xd8\xff/' > "$E2E_TMP/big.jpg" 2>/dev/null ||
    { printf '\xff\xd8\xff'; head -c 11000000 /dev/zero; } > "$E2E_TMP/big.jpg"
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    -F service_code=NOISE -F lat=32.7 -F long=-117.1 \
    -F 'attribute[SOURCE]=PARTY' -F "media=@$E2E_TMP/big.jpg"
expect_error 413 json "larger than"

# Links: http and https accepted, repeated; anything else refused.
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    -d 'service_code=NOISE&lat=32.7&long=-117.1&attribute%5BSOURCE%5D=PARTY&media_url=https%3A%2F%2Fexample.org%2F1.jpg&media_url=http%3A%2F%2Fexample.org%2F2.jpg'
expect_status 200
lid=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
get "/requests/$lid.json"
expect_json '.[0].media_url' 'https://example.org/1.jpg'
post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
    -d 'service_code=NOISE&lat=32.7&long=-117.1&attribute%5BSOURCE%5D=PARTY&media_url=javascript%3Aalert(1)'
expect_error 400 json "media_url"

get /media/00000000000000000000000000000000
expect_error 404 xml "media"
get /media/notanid
expect_error 404 xml "media"
