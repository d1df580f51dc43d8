#!/bin/sh
# deps.sh [run|check|bench]: makes sure the Debian 12 packages that the
# given target needs are installed. As root it installs what is missing;
# otherwise it prints the apt-get line to run and fails.
set -eu

RUN="build-essential pkg-config kore libpq-dev libjansson-dev libproj-dev
libssl-dev libcurl4-openssl-dev libargon2-dev postgresql-15 postgresql-15-postgis-3
openssl ca-certificates curl patch libjs-leaflet libjs-leaflet.markercluster
libjs-chart.js"
CHECK="$RUN libcmocka-dev clang libclang-rt-14-dev jq libxml2-utils python3
python3-aiosmtpd python3-pil procps iproute2 sslscan
postgresql-15-auto-failover pg-auto-failover-cli haproxy pgbackrest
chromium chromium-driver python3-selenium"
# The browser tests' axe-core comes from npm (any Node.js will do).
command -v npm >/dev/null 2>&1 || CHECK="$CHECK npm"
BENCH="$CHECK wrk"

case "${1:-run}" in
run)	want=$RUN ;;
check)	want=$CHECK ;;
bench)	want=$BENCH ;;
*)	echo "usage: $0 [run|check|bench]" >&2; exit 2 ;;
esac

missing=
for p in $want; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
	    grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "open311d: missing Debian packages. Run as root:" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi

echo "open311d: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
