#!/usr/bin/env python3
"""contention.py BASE KEY SECONDS HAMMERS

Submissions' latency while anonymous clients hammer the heavy public
reads. Two submitters POST /requests.json one after the other (the
service SHOPPING_CART at random points of the City of San Diego) for
SECONDS, first alone, then while HAMMERS clients each loop over
/stats.json for a random window of up to a year, a deep page of
GET /requests (1000 rows, page 2 to 50; beyond 11 over max_page_offset)
and a full CSV export read to the end. Prints, for each phase, the
submissions' count, p50, p99 and worst (ms) and their failures, and the
hammers' answers by status.
"""
import collections
import http.client
import random
import sys
import threading
import time
import urllib.parse

BASE = urllib.parse.urlsplit(sys.argv[1])
KEY = sys.argv[2]
SECS = float(sys.argv[3])
HAMMERS = int(sys.argv[4])


def conn():
    return http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=120)


def submitter(stop, lat, bad):
    c = conn()
    while not stop.is_set():
        body = ("jurisdiction_id=sandiego.gov&service_code=SHOPPING_CART"
                "&lat=%.6f&long=%.6f&description=contention" %
                (32.70 + random.random() * 0.23,
                 -117.20 + random.random() * 0.18))
        t = time.monotonic()
        try:
            c.request("POST", "/requests.json", body, {
                "Authorization": "Bearer " + KEY,
                "Content-Type": "application/x-www-form-urlencoded"})
            r = c.getresponse()
            r.read()
            ok = r.status == 200
        except Exception:
            ok = False
            c = conn()
        lat.append((time.monotonic() - t) * 1000)
        if not ok:
            bad.append(1)


def hammer(stop, seen):
    kinds = ["stats", "page", "export"]
    while not stop.is_set():
        kind = random.choice(kinds)
        if kind == "stats":
            end = random.randint(0, 300)
            path = ("/stats.json?start_date=%s&end_date=%s" % (
                time.strftime("%Y-%m-%d", time.gmtime(
                    time.time() - (end + random.randint(1, 60)) * 86400)),
                time.strftime("%Y-%m-%d", time.gmtime(
                    time.time() - end * 86400))))
        elif kind == "page":
            path = ("/requests.json?jurisdiction_id=sandiego.gov"
                    "&page_size=1000&page=%d" % random.randint(2, 50))
        else:
            path = "/exports/requests.csv"
        c = conn()
        try:
            c.request("GET", path)
            r = c.getresponse()
            while r.read(65536):
                if stop.is_set():
                    break
            seen[(kind, r.status)] += 1
        except Exception:
            seen[(kind, "error")] += 1
        finally:
            c.close()


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p))] if v else 0


def phase(name, hammers):
    stop = threading.Event()
    lat, bad = [], []
    seen = collections.Counter()
    ts = [threading.Thread(target=hammer, args=(stop, seen))
          for _ in range(hammers)]
    for t in ts:
        t.start()
    if hammers:
        time.sleep(2)       # let the hammers take hold first
    subs = [threading.Thread(target=submitter, args=(stop, lat, bad))
            for _ in range(2)]
    for t in subs:
        t.start()
    time.sleep(SECS)
    stop.set()
    for t in subs + ts:
        t.join()
    print("%-28s %6d POSTs  p50 %7.1f ms  p99 %7.1f ms  worst %7.1f ms"
          "  %d failed" % (name, len(lat), pct(lat, 0.5), pct(lat, 0.99),
                           max(lat) if lat else 0, len(bad)))
    if seen:
        print("    hammers' answers: " + ", ".join(
            "%s %s: %d" % (k[0], k[1], n) for k, n in sorted(
                seen.items(), key=lambda x: (x[0][0], str(x[0][1])))))


phase("submissions alone", 0)
phase("with %d hammering clients" % HAMMERS, HAMMERS)
