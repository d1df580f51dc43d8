#!/usr/bin/env python3
"""A steady load of service request submissions, each attempt logged.

    load.py BASE_URL KEY LOGFILE STOPFILE [CLIENTS] [MAX_SECONDS]

CLIENTS threads (2) each submit one noise report after another at a
random point of San Diego, every one under an Idempotency-Key of its
own (TAG-RUN-CLIENT-N, TAG the log file's name up to its first dot),
described as "load KEY". A submission that is not answered 200 is tried again, under the
same key, until it is (an answer lost on the way can never make two
requests); a 503 must carry Retry-After. Stops once STOPFILE exists and
every submission under way is acknowledged, or after MAX_SECONDS (120)
in any case.

LOGFILE gets one JSON line per attempt: t (seconds since the epoch),
key, status (an HTTP code, or 0 when the connection failed), id (the
service_request_id of a 200), retry_after (the header of a non-200, or
null).
"""
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse

BASE = urllib.parse.urlsplit(sys.argv[1])
KEY = sys.argv[2]
LOG = sys.argv[3]
STOP = sys.argv[4]
CLIENTS = int(sys.argv[5]) if len(sys.argv) > 5 else 2
MAX_SECONDS = float(sys.argv[6]) if len(sys.argv) > 6 else 120.0
RUN = "%x" % int(time.time() * 1000)
TAG = os.path.basename(LOG).split(".")[0]
lock = threading.Lock()
out = open(LOG, "a", buffering=1)


def stopped():
    try:
        open(STOP).close()
        return True
    except OSError:
        return False


def log(entry):
    with lock:
        out.write(json.dumps(entry) + "\n")


def attempt(body, key):
    conn = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=30)
    try:
        conn.request("POST", BASE.path + "/requests.json", body, {
            "Authorization": "Bearer " + KEY,
            "Idempotency-Key": key,
            "Content-Type": "application/x-www-form-urlencoded",
        })
        resp = conn.getresponse()
        data = resp.read()
        sid = None
        if resp.status == 200:
            sid = json.loads(data)[0].get("service_request_id")
        return resp.status, sid, resp.getheader("Retry-After")
    except (OSError, http.client.HTTPException, ValueError):
        return 0, None, None
    finally:
        conn.close()


def client(n, end):
    i = 0
    while not stopped() and time.time() < end:
        i += 1
        key = "%s-%s-%d-%d" % (TAG, RUN, n, i)
        body = urllib.parse.urlencode({
            "service_code": "NOISE",
            "attribute[SOURCE]": "PARTY",
            "lat": "%.6f" % random.uniform(32.70, 32.76),
            "long": "%.6f" % random.uniform(-117.20, -117.10),
            "description": "load " + key,
        })
        while time.time() < end:
            status, sid, retry = attempt(body, key)
            log({"t": time.time(), "key": key, "status": status,
                 "id": sid, "retry_after": retry})
            if status == 200:
                break
            time.sleep(0.05)


def main():
    end = time.time() + MAX_SECONDS
    threads = [threading.Thread(target=client, args=(n, end))
               for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


main()
