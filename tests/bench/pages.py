#!/usr/bin/python3
"""What `make bench` measures of the web pages, run by tests/bench/pages.sh
through the browser harness (tests/web/run.sh, WEB_SUITES naming this
file): for each page, the bytes a first visit transfers (compressed, the
page and everything it loads, map tiles excluded: the harness has no tile
server) against the budget of docs/web.md, and Lighthouse's performance
and accessibility scores on its mobile profile (npm lighthouse, pinned by
tests/bench/pages/package-lock.json, with Debian's chromium). Prints a
table, then "N passed, N failed": a page over its budget, or one
Lighthouse cannot score, fails.
"""

import json
import os
import subprocess
import sys

from weblib import BASE, browser, request, until

BUDGET = 150 * 1024
LH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pages",
                  "node_modules", ".bin", "lighthouse")


def weight(path):
    """Bytes transferred by a first visit to path, once the page is idle."""
    d = browser()
    try:
        d.get(BASE + path)
        until(d, lambda: d.execute_script(
            "return document.readyState") == "complete", path + " loaded")
        return d.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return performance.getEntriesByType('resource')"
            ".filter((r) => !r.name.includes('127.0.0.1:9/'))"
            ".reduce((a, r) => a + r.transferSize, n.transferSize);")
    finally:
        d.quit()


def lighthouse(path):
    """Lighthouse's performance and accessibility scores (0-100) and
    the accessibility audits the page failed."""
    r = subprocess.run(
        [LH, BASE + path, "--quiet", "--output=json",
         "--only-categories=performance,accessibility",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True,
        env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"))
    if r.returncode != 0:
        raise AssertionError("lighthouse: " + r.stderr.strip()[-300:])
    rep = json.loads(r.stdout)
    c = rep["categories"]
    missed = []
    for a in c["accessibility"]["auditRefs"]:
        au = rep["audits"][a["id"]]
        if a["weight"] and au["score"] == 0:
            nodes = [i.get("node", {}).get("selector", "?") for i in
                     au.get("details", {}).get("items", [])[:3]]
            missed.append(a["id"] + " at " + " | ".join(nodes))
    return (round(100 * (c["performance"]["score"] or 0)),
            round(100 * (c["accessibility"]["score"] or 0)), missed)


def main():
    rid = request(0, "bench page weight")
    pages = ["/", "/report", "/requests/" + rid, "/stats", "/data",
             "/console/"]
    passed = failed = 0
    print(f"{'page':<24} {'first visit':>12} {'budget':>8} "
          f"{'performance':>12} {'accessibility':>14}")
    for p in pages:
        try:
            w = weight(p)
            perf, a11y, missed = lighthouse(p)
            ok = w <= BUDGET
            print(f"{p:<24} {w / 1024:>9.1f} KB {BUDGET // 1024:>5} KB "
                  f"{perf:>12} {a11y:>14}" + ("" if ok else "  OVER") +
                  ("  (accessibility audits missed: " + ", ".join(missed) +
                   ")" if missed else ""), flush=True)
            passed += ok
            failed += not ok
        except Exception as e:
            print(f"{p:<24} not measured: {e}", flush=True)
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
