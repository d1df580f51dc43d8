#!/bin/sh
# demo.sh BINARY [all|sandiego]: loads the demo jurisdictions and their
# catalogs: the City of San Diego; with "all" (the default) also the
# adjacent City of Chula Vista and the County of San Diego, which
# overlaps both (its boundary is given in state plane feet); then the
# address gazetteer of /report's address box (assets/demo/addresses.csv,
# made with app/tools/demo_addresses.py; with "sandiego" alone the other
# addresses are outside every boundary and left out). Every import
# replaces what was there.
set -eu
bin=$1
which=${2:-all}
cd "$(dirname "$0")/../.."

"$bin" jurisdiction import assets/demo/sandiego.geojson \
    --id sandiego.gov --name "City of San Diego" --crs EPSG:2230 \
    --time-zone America/Los_Angeles \
    --contact "Call 619-533-4000 or use the Get It Done app." \
    --key-service "Email open311@example.org for an API key."
"$bin" catalog import assets/demo/sandiego-catalog.json
if [ "$which" != all ]; then
	"$bin" addresses import assets/demo/addresses.csv 2>/dev/null
	exit 0
fi

"$bin" jurisdiction import assets/demo/chulavista.geojson \
    --id chulavistaca.gov --name "City of Chula Vista" --crs EPSG:2230 \
    --time-zone America/Los_Angeles --contact "Call 619-691-5000."
"$bin" catalog import assets/demo/chulavista-catalog.json
"$bin" jurisdiction import assets/demo/county.geojson \
    --id sandiegocounty.gov --name "County of San Diego" --crs EPSG:2230 \
    --time-zone America/Los_Angeles --contact "Call 858-694-2705."
"$bin" catalog import assets/demo/county-catalog.json
"$bin" addresses import assets/demo/addresses.csv
