#!/usr/bin/env python3
"""A back office for the end-to-end tests, on a real socket.

    receiver.py PORT LOGFILE [CERTFILE KEYFILE]

With CERTFILE and KEYFILE it serves HTTPS with that certificate.

POST /hook             a webhook receiver: logs every delivery (headers
                       and body) as one JSON line, answers 200
POST /hook-fail        answers 500 (a destination that keeps failing)
POST /hook-slow        a webhook receiver that takes 3 seconds: notes the
                       arrival (one line in LOGFILE.arrivals) at once,
                       then logs the delivery like /hook and answers 200
POST /requests.json    an upstream Open311 server: takes a submission
                       (form-encoded) and answers [{"service_request_id":
                       "UP-n"}]
GET  /requests.json    answers the upstream requests named in
                       service_request_id, with their current status; or,
                       without it, a search by service_code, start_date
                       and end_date (on requested_datetime); each adds a
                       line to LOGFILE.gets
POST /control/close    closes upstream request ?id=UP-n (status_notes from
                       ?notes=), as the upstream's staff would
POST /control/mode     how the upstream misbehaves from now on:
                       ?post=empty   submissions are stored but answered
                                     200 with an empty body
                       ?post=slow&seconds=N   the next submission is
                                     stored, then answered N s later
                                     (once; then back to ok)
                       ?poll=empty   GET /requests.json answers 200 with
                                     an empty body
                       ?post=ok, ?poll=ok   back to normal
                       Answers the number of answers given so far in each
                       mode: {"empty_posts": n, "empty_polls": n,
                       "slow_posts": n}
GET  /services.json    an upstream's service list (one service); each
                       GET's path and query is appended to LOG.services
GET  /healthz          answers 200

The log survives restarts (the tests stop and start the receiver to
take the destination down), and so do the upstream requests (kept in
LOGFILE.upstream).
"""
import datetime
import http.server
import json
import ssl
import sys
import threading
import time
import urllib.parse

PORT = int(sys.argv[1])
LOG = sys.argv[2]
STATE = LOG + ".upstream"
lock = threading.Lock()


def load_state():
    try:
        with open(STATE) as f:
            state = json.load(f)
    except (OSError, ValueError):
        state = {"next": 1, "requests": {}}
    state.setdefault("mode", {"post": "ok", "poll": "ok", "seconds": 0})
    state.setdefault("counts", {"empty_posts": 0, "empty_polls": 0,
                                "slow_posts": 0})
    return state


def count(what):
    with lock:
        state = load_state()
        state["counts"][what] += 1
        save_state(state)


def public(r):
    return {k: v for k, v in r.items() if k != "form"}


def when(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def search(state, qs):
    codes = ",".join(qs.get("service_code", [""])).split(",")
    start = qs.get("start_date", [""])[0]
    end = qs.get("end_date", [""])[0]
    out = []
    for r in state["requests"].values():
        if codes != [""] and r["service_code"] not in codes:
            continue
        t = when(r["requested_datetime"])
        if start and t < when(start) or end and t > when(end):
            continue
        out.append(public(r))
    return out


def save_state(state):
    with open(STATE, "w") as f:
        json.dump(state, f)


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, body, ctype="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        qs = urllib.parse.parse_qs(url.query)
        if url.path == "/healthz":
            return self.reply(200, "{}")
        if url.path == "/services.json":
            with lock, open(LOG + ".services", "a") as f:
                f.write(self.path + "\n")
            return self.reply(200, json.dumps([{
                "service_code": "STORM_DRAIN", "service_name": "Storm drain",
                "metadata": True, "type": "realtime"}]))
        if url.path == "/requests.json":
            with lock, open(LOG + ".gets", "a") as f:
                f.write("%f\n" % time.time())
            with lock:
                state = load_state()
            if state["mode"]["poll"] == "empty":
                count("empty_polls")
                return self.reply(200, "")
            if "service_request_id" not in qs:
                return self.reply(200, json.dumps(search(state, qs)))
            ids = ",".join(qs.get("service_request_id", [""])).split(",")
            out = [public(state["requests"][i]) for i in ids
                   if i in state["requests"]]
            return self.reply(200, json.dumps(out))
        self.reply(404, "[]")

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        qs = urllib.parse.parse_qs(url.query)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if url.path in ("/hook", "/hook-fail", "/hook-slow"):
            if url.path == "/hook-slow":
                with lock, open(LOG + ".arrivals", "a") as f:
                    f.write("%f\n" % time.time())
                time.sleep(3)
            entry = {"path": url.path, "time": time.time(),
                     "headers": {k.lower(): v for k, v in self.headers.items()},
                     "body": body.decode("utf-8", "replace")}
            with lock, open(LOG, "a") as f:
                f.write(json.dumps(entry) + "\n")
            if url.path == "/hook-fail":
                return self.reply(500, '{"error":"down for maintenance"}')
            return self.reply(200, '{"ok":true}')
        if url.path == "/requests.json":
            form = urllib.parse.parse_qs(body.decode(), keep_blank_values=True)
            with lock:
                state = load_state()
                rid = "UP-%d" % state["next"]
                state["next"] += 1
                state["requests"][rid] = {
                    "service_request_id": rid, "status": "open",
                    "status_notes": "", "updated_datetime": now(),
                    "requested_datetime": now(),
                    "service_code": form.get("service_code", [""])[0],
                    "description": form.get("description", [""])[0],
                    "lat": float(form.get("lat", ["0"])[0]),
                    "long": float(form.get("long", ["0"])[0]),
                    "form": form}
                mode = dict(state["mode"])
                if mode["post"] == "slow":
                    state["mode"]["post"] = "ok"
                save_state(state)
            if mode["post"] == "empty":
                count("empty_posts")
                return self.reply(200, "")
            if mode["post"] == "slow":
                count("slow_posts")
                time.sleep(mode["seconds"])
            return self.reply(200, json.dumps([{"service_request_id": rid}]))
        if url.path == "/control/mode":
            with lock:
                state = load_state()
                for k in ("post", "poll"):
                    if k in qs:
                        state["mode"][k] = qs[k][0]
                state["mode"]["seconds"] = float(
                    qs.get("seconds", [state["mode"]["seconds"]])[0])
                save_state(state)
            return self.reply(200, json.dumps(state["counts"]))
        if url.path == "/control/close":
            rid = qs.get("id", [""])[0]
            with lock:
                state = load_state()
                if rid not in state["requests"]:
                    return self.reply(404, "{}")
                r = state["requests"][rid]
                r["status"] = "closed"
                r["status_notes"] = qs.get("notes", [""])[0]
                r["updated_datetime"] = now()
                save_state(state)
            return self.reply(200, "{}")
        self.reply(404, "{}")


http.server.ThreadingHTTPServer.allow_reuse_address = True
server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
if len(sys.argv) > 4:
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(sys.argv[3], sys.argv[4])
    server.socket = tls.wrap_socket(server.socket, server_side=True)
server.serve_forever()
