#!/bin/bash
# tests/bench/pages.sh: the web pages' part of `make bench`. Installs the
# pinned Lighthouse (tests/bench/pages/package-lock.json) on first use,
# then runs tests/bench/pages.py through the browser harness
# (tests/web/run.sh: a throwaway PostgreSQL with the demo jurisdictions,
# the release binary, Debian's chromium). Prints each page's first-visit
# weight and Lighthouse scores.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

if [ ! -x tests/bench/pages/node_modules/.bin/lighthouse ]; then
	(cd tests/bench/pages && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
	    { echo "pages: cannot install lighthouse (npm ci in tests/bench/pages)"; exit 1; }
fi
E2E_BINARY=$ROOT/build/open311d PYTHONPATH=$ROOT/tests/web \
    WEB_SUITES=tests/bench/pages.py tests/web/run.sh
