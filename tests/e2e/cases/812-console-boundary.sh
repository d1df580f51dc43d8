# A jurisdiction's boundary from the console (admins) and the command
# line, checked the same way (formats/boundary.h): a file that is not
# polygons, a ring that is not closed, an unknown CRS, a shape with no
# area are refused, naming the place; nothing changes. A good file (in
# EPSG:3857, given as from_crs) replaces Chula Vista's boundary, keeping
# its other settings, audited; every worker locates reports with it. The
# demo boundary is restored at the end.

b2_run=$(date +%s%N)
app/tools/demo.sh "$BIN" all >/dev/null
await_cache catalog
console_account "$E2E_TMP/b2-admin.jar" "b2-admin-$b2_run@example.org" admin \
    chulavistaca.gov
b2_csrf=$CONSOLE_CSRF
console_account "$E2E_TMP/b2-agent.jar" "b2-agent-$b2_run@example.org" agent \
    chulavistaca.gov
b2_agent=$CONSOLE_CSRF

# b2_up FILE [CURL ARGS]: uploads FILE as Chula Vista's boundary.
b2_up() {
	_f=$1
	shift
	post /console/api/jurisdictions/chulavistaca.gov/boundary \
	    -b "$E2E_TMP/b2-admin.jar" -H "x-csrf-token: $b2_csrf" \
	    -F "file=@$_f;type=application/geo+json" "$@"
}
b2_area() {
	PSQL -XAtc "select round((ST_Area(boundary) / 1e6)::numeric)
	    from jurisdictions where id = 'chulavistaca.gov'"
}
# b2_report LAT LONG: a Chula Vista POTHOLE report without a
# jurisdiction_id, located by the boundaries.
b2_report() {
	post /requests.json -H "Authorization: Bearer $KEY_SUBMIT" \
	    -d "service_code=POTHOLE&attribute%5BSIZE%5D=S&attribute%5BDEPTH%5D=3&lat=$1&long=$2"
}

# Files: a line, an open ring, a ring of one point, and Chula Vista with
# a square in Riverside County (no demo jurisdiction's), in EPSG:3857.
printf '{"type":"LineString","coordinates":[[0,0],[1,1]]}' > "$E2E_TMP/b2-line.json"
printf '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}' \
    > "$E2E_TMP/b2-open.json"
printf '{"type":"Polygon","coordinates":[[[5,5],[5,5],[5,5],[5,5]]]}' > "$E2E_TMP/b2-dot.json"
/usr/bin/python3 - "$E2E_TMP/b2-new.json" <<'PY'
import json, math, sys
cv = json.load(open("assets/demo/chulavista.geojson"))
ring = cv["features"][0]["geometry"]["coordinates"][0]
square = [[-116.50, 33.80], [-116.49, 33.80], [-116.49, 33.81],
          [-116.50, 33.81], [-116.50, 33.80]]
def merc(p):
    x = p[0] * 20037508.34 / 180
    y = math.log(math.tan((90 + p[1]) * math.pi / 360)) / (math.pi / 180)
    return [x, y * 20037508.34 / 180]
json.dump({"type": "MultiPolygon", "coordinates":
           [[[merc(p) for p in ring]], [[merc(p) for p in square]]]},
          open(sys.argv[1], "w"))
PY

b2_a0=$(b2_area)
check "Chula Vista has its demo area ($b2_a0 km²)" test "$b2_a0" -gt 100

# The command line refuses the same files.
out=$("$BIN" jurisdiction import "$E2E_TMP/b2-line.json" --id chulavistaca.gov \
    --name "City of Chula Vista" --crs EPSG:2230 2>&1)
check "jurisdiction import refuses a line ($out)" \
    sh -c "case \"\$0\" in *'Polygon or MultiPolygon geometries, not LineString'*) exit 0;; esac; exit 1" "$out"
out=$("$BIN" jurisdiction import "$E2E_TMP/b2-open.json" --id chulavistaca.gov \
    --name "City of Chula Vista" --crs EPSG:2230 2>&1)
check "jurisdiction import refuses an open ring ($out)" \
    sh -c "case \"\$0\" in *'ring 0: not closed'*) exit 0;; esac; exit 1" "$out"

# The console's refusals.
post /console/api/jurisdictions/chulavistaca.gov/boundary \
    -b "$E2E_TMP/b2-agent.jar" -H "x-csrf-token: $b2_agent" \
    -F "file=@$E2E_TMP/b2-new.json"
expect_error 403 json "role"
post /console/api/jurisdictions/chulavistaca.gov/boundary \
    -b "$E2E_TMP/b2-admin.jar" -F "file=@$E2E_TMP/b2-new.json"
expect_error 403 json "X-CSRF-Token"
post /console/api/jurisdictions/sandiego.gov/boundary \
    -b "$E2E_TMP/b2-admin.jar" -H "x-csrf-token: $b2_csrf" \
    -F "file=@$E2E_TMP/b2-new.json" -F from_crs=EPSG:3857
expect_error 404 json "no jurisdiction sandiego.gov you administer"
b2_up "$E2E_TMP/b2-line.json"
expect_error 400 json "file: a boundary must be made of Polygon or MultiPolygon geometries, not LineString"
b2_up "$E2E_TMP/b2-open.json"
expect_error 400 json "file: ring 0: not closed"
b2_up "$E2E_TMP/b2-dot.json"
expect_error 400 json "file: the boundary has no area once made valid"
b2_up "$E2E_TMP/b2-new.json" -F from_crs=EPSG:99
expect_error 400 json "from_crs: not a CRS PostGIS knows"
b2_up "$E2E_TMP/b2-new.json" -F from_crs=mercator
expect_error 400 json "from_crs: EPSG:N"
b2_up "$E2E_TMP/b2-new.json"
expect_error 400 json "file: polygon 0: ring 0, position 0: not a WGS 84 position"
check "refusals change nothing" test "$(b2_area)" = "$b2_a0"
b2_report 33.805 -116.495
expect_status 400

# The new boundary.
b2_up "$E2E_TMP/b2-new.json" -F from_crs=EPSG:3857
expect_status 200
expect_jq '.jurisdiction_id == "chulavistaca.gov" and .km2 > 100'
check "the square adds its area ($b2_a0 -> $(b2_area) km²)" \
    test "$(b2_area)" -gt "$b2_a0"
check "the other settings are kept" test "$(PSQL -XAtc "select name || '|' ||
    srid || '|' || time_zone from jurisdictions where id = 'chulavistaca.gov'")" \
    = "City of Chula Vista|2230|America/Los_Angeles"
check "audited with both areas" test "$(PSQL -XAtc "select count(*)
    from audit_log where action = 'boundary.import'
	and target = 'chulavistaca.gov'
	and (detail->>'km2_after')::numeric > (detail->>'km2_before')::numeric
	and detail->>'source_epsg' = '3857'")" = 1
check "every worker loads the new boundary" await_cache catalog
b2_report 33.805 -116.495
expect_status 200
b2_id=$(printf '%s' "$BODY" | jq -r '.[0].service_request_id')
check "located in Chula Vista" test "$(PSQL -XAtc \
    "select jurisdiction_id from requests where id = $b2_id")" = chulavistaca.gov
PSQL -XAtc "delete from requests where id = $b2_id" >/dev/null

# Restored.
b2_up assets/demo/chulavista.geojson
expect_status 200
check "every worker loads the restored boundary" await_cache catalog
check "the demo area again" test "$(b2_area)" = "$b2_a0"
