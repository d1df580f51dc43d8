#!/usr/bin/env python3
"""tests/e2e/tools/burst.py BASE KEY COUNT THREADS TAG

Submits COUNT service requests to BASE/requests.{json,xml} from THREADS
threads at once (half of them keep one connection alive, the other half
open a new connection for every request) and prints one JSON line per
submission, in order:

  {"i": N, "service": CODE, "format": "json"|"xml", "status": HTTP status
   (0 when the connection failed), "id": service_request_id or null,
   "description": the description sent, "error": the body or the exception
   when the status is not 200}

Even submissions are POTHOLE (lat/long, DEPTH, SIZE, LANES[]), odd ones
NOISE (address_string, SOURCE, STARTED); every fourth one asks for XML.
Each description is unique: "durability TAG #N" and a few characters that
need escaping in JSON, XML and SQL. Used by tests/e2e/cases/160-durability.sh.
"""

import http.client
import json
import queue
import sys
import threading
import urllib.parse
import xml.etree.ElementTree as ET


def description(tag, i):
    return "durability %s #%d: <b>&amp;</b> 'quoted' \"double\" \\ é ✓" % (
        tag, i)


def body(tag, i):
    if i % 2 == 0:
        fields = [
            ("service_code", "POTHOLE"),
            ("lat", "%.6f" % (32.70 + (i % 97) / 1000.0)),
            ("long", "%.6f" % (-117.16 - (i % 89) / 1000.0)),
            ("attribute[DEPTH]", str(i % 30 + 1)),
            ("attribute[SIZE]", "SML"[i % 3]),
            ("attribute[LANES][]", "N"),
            ("attribute[LANES][]", ["S", "E", "W", "BIKE"][i % 4]),
        ]
    else:
        fields = [
            ("service_code", "NOISE"),
            ("address_string", "%d Main St, San Diego" % i),
            ("attribute[SOURCE]", ["PARTY", "BUILD", "BUSINESS",
                                   "VEHICLE", "ANIMAL", "OTHER"][i % 6]),
            ("attribute[STARTED]", "2026-11-20T%02d:%02d:00Z" %
             (i % 24, i % 60)),
        ]
    fields.append(("description", description(tag, i)))
    return fields


def receipt_id(fmt, data):
    if fmt == "json":
        doc = json.loads(data)
        return doc[0]["service_request_id"]
    root = ET.fromstring(data)
    return root.find("request/service_request_id").text


def main():
    base, key, count, threads, tag = sys.argv[1:6]
    count = int(count)
    threads = int(threads)
    url = urllib.parse.urlsplit(base)
    work = queue.Queue()
    for i in range(count):
        work.put(i)
    results = [None] * count

    def connect():
        if url.scheme == "https":
            import ssl
            return http.client.HTTPSConnection(
                url.hostname, url.port, timeout=60,
                context=ssl._create_unverified_context())
        return http.client.HTTPConnection(url.hostname, url.port,
                                          timeout=60)

    def worker(keepalive):
        conn = None
        while True:
            try:
                i = work.get_nowait()
            except queue.Empty:
                break
            fmt = "xml" if i % 4 == 3 else "json"
            fields = body(tag, i)
            data = urllib.parse.urlencode(fields).encode()
            r = {"i": i, "service": fields[0][1], "format": fmt,
                 "status": 0, "id": None,
                 "description": description(tag, i), "error": None}
            try:
                if conn is None:
                    conn = connect()
                conn.request("POST", url.path + "/requests." + fmt, data, {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Authorization": "Bearer " + key,
                })
                resp = conn.getresponse()
                text = resp.read()
                r["status"] = resp.status
                if resp.status == 200:
                    r["id"] = receipt_id(fmt, text)
                else:
                    r["error"] = text.decode("utf-8", "replace")[:300]
                if (not keepalive or
                        resp.getheader("connection", "").lower() == "close"):
                    conn.close()
                    conn = None
            except Exception as e:  # recorded, never retried
                r["error"] = "%s: %s" % (type(e).__name__, e)
                if conn is not None:
                    conn.close()
                conn = None
            results[i] = r
        if conn is not None:
            conn.close()

    pool = [threading.Thread(target=worker, args=(n % 2 == 0,))
            for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    for r in results:
        print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
