# The resident web pages and their files, served from memory: content
# types, the pages' security headers, caching by version and entity tag,
# gzip, no way out of the embedded table, HTML 404s for browsers, and
# the API's .json/.xml answers unchanged beside the human pages.

get /
expect_status 200
expect_header content-type "text/html; charset=utf-8"
expect_header_match content-security-policy "script-src 'self';"
expect_header_match content-security-policy "frame-ancestors 'none'"
expect_header_match content-security-policy "img-src 'self' data: blob: https://tile.openstreetmap.org;"
check "no unsafe-inline in the policy" sh -c "! grep -qi unsafe-inline '$E2E_TMP/headers'"
expect_header x-content-type-options nosniff
expect_header x-frame-options DENY
expect_header referrer-policy same-origin
expect_header_match permissions-policy "geolocation=\(\)"
expect_header cache-control no-cache
expect_header_match etag '^"[0-9a-f]{20}"$'
expect_body_has '<script type="module" src="/assets/'
check "no inline script on the home page" sh -c "! grep -Eq '<script>|<script [^>]*>[^<]' '$E2E_TMP/body'"

# The report page alone may locate.
get /report
expect_status 200
expect_header_match permissions-policy "geolocation=\(self\)"
for p in /stats /data /requests/1; do
	get "$p"
	expect_status 200
	expect_header content-type "text/html; charset=utf-8"
done

# The files the page names, under the current version, cached for good.
get /
css=$(printf '%s' "$BODY" | grep -o '/assets/[0-9a-f]*/css/site.css' | head -1)
js=$(printf '%s' "$BODY" | grep -o '/assets/[0-9a-f]*/js/home.js' | head -1)
check "the page names its stylesheet" test -n "$css"
get "$css"
expect_status 200
expect_header content-type "text/css; charset=utf-8"
expect_header cache-control "public, max-age=31536000, immutable"
get "$js"
expect_status 200
expect_header content-type "text/javascript; charset=utf-8"
ver=${js#/assets/}
ver=${ver%%/*}
for f in vendor/leaflet/leaflet.js vendor/chart.js vendor/leaflet/markercluster.js js/i18n.js js/msg-es.js; do
	get "/assets/$ver/$f"
	expect_status 200
	expect_header content-type "text/javascript; charset=utf-8"
done
get "/assets/$ver/vendor/leaflet/images/layers.png"
expect_header content-type "image/png"
# Another version is served too, but not cached for good.
get /assets/0000/css/site.css
expect_status 200
expect_header cache-control no-cache

# Entity tags: a current copy is a 304; gzip is a representation of its own.
get "$css"
tag=$(header etag)
get "$css" -H "If-None-Match: $tag"
expect_status 304
get "$css" -H "Accept-Encoding: gzip"
expect_header content-encoding gzip
expect_header vary accept-encoding
check "the gzip variant has its own tag" test "$(header etag)" != "$tag"
check "the gzip variant is gzip" sh -c "gzip -t < '$E2E_TMP/body'"
get "$css" -H "Accept-Encoding: gzip;q=0, br"
check "gzip;q=0 is not sent gzip" test -z "$(header content-encoding)"

# No way out of the table: traversal and hidden names are a 404 page.
for p in "/assets/$ver/../../conf/open311.conf" "/assets/$ver/%2e%2e/%2e%2e/Makefile" \
    "/assets/$ver/js/%2e%2e%2fi18n.js" "/assets/$ver/.hidden" "/assets/$ver/index.html" \
    "/assets/$ver/nothing.js" "/assets/$ver"; do
	req GET "$p" --path-as-is
	expect_status 404
	expect_header content-type "text/html; charset=utf-8"
done

# Browsers get an HTML 404; API clients keep the Open311 error.
get /no-such-page -H "Accept: text/html,application/xhtml+xml"
expect_status 404
expect_header content-type "text/html; charset=utf-8"
expect_body_has "Page not found"
expect_header_match content-security-policy "default-src 'self'"
get /no-such-page
expect_error 404 xml "no resource"

# /requests/{id} is a page; .json and .xml answer as the API does.
get /requests/999999.json
expect_error 404 json
get /requests/999999.xml
expect_error 404 xml
get /stats.json
expect_status 200
expect_header content-type "application/json; charset=utf-8"
