# Bad paths, formats and methods: 4xx with an Open311 error body in the
# requested format, never a 5xx.

get /nothing.json
expect_error 404 json "no resource"
get /nothing.xml
expect_error 404 xml "no resource"
get /nothing
expect_error 404 xml
get /services
expect_error 404 xml "format"
get /services.yaml
expect_error 404 xml "format"
get /services.JSON
expect_error 404 xml "format"
get /services/POTHOLE
expect_error 404 xml "format"
get /services.json/extra
expect_error 404 xml
get '/services/%zz.json'
expect_error 400 xml "path"
get '/services/%00.json'
expect_error 400 xml "path"
get '/a/b/c/d/e/f/g/h.json'
expect_error 400 xml "path"
get '/services.json?a=%zz'
expect_error 400 json "query string"
get '/services.xml?x=%ff%fe'
expect_error 400 xml "UTF-8"

# Doubled and trailing slashes are forgiven (validators build "//").
get //services.json
expect_status 200
get /services.json/
expect_status 200

# Methods.
req DELETE /services.json
expect_error 405 json "DELETE"
expect_header_match allow 'GET'
req PUT /services.xml -d x=1
expect_error 405 xml "PUT"

# Errors Kore answers itself carry an Open311 body too.
req POST /requests.json -H 'Content-Length: abc'
check "bad Content-Length is a 4xx" test "$STATUS" -ge 400 -a "$STATUS" -lt 500
# Kore answers this one itself, in the path's format.
expect_error 411 json
req POST /requests.xml -H 'Content-Length: abc'
expect_error 411 xml
# A POST where no POST goes is refused before Kore looks at its body.
req POST /services.json -H 'Content-Length: abc'
expect_error 405 json "POST"
req BREW /services.json
check "unknown method is a 4xx" test "$STATUS" -ge 400 -a "$STATUS" -lt 500
long=$(head -c 17000 /dev/zero | tr "\0" a)
get "/services.json?x=$long"
check "huge request line is a 4xx" test "$STATUS" -ge 400 -a "$STATUS" -lt 500
get "/services.json?x=${long:0:9000}"
expect_status 414
get /services.json -H "X-Big: $long"
check "huge header is a 4xx" test "$STATUS" -ge 400 -a "$STATUS" -lt 500

# After all that the server still answers.
get /services.json
expect_status 200
