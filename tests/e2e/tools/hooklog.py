#!/usr/bin/env python3
"""Summarises the deliveries receiver.py logged, in arrival order.

    hooklog.py LOGFILE [SECRET]

One JSON object a line per delivery:
  path, time, request (service_request_id in the body), event, seq (the
  X-Open311-Sequence header, an int), body_seq, key (Idempotency-Key),
  key_matches_body (the header equals the body's idempotency_key),
  delivery (X-Open311-Delivery), update_id (the body's update.update_id),
  status and detailed_status (of the request in the body),
  signed (with SECRET: X-Open311-Signature "t=TS,v1=HEX" is
  HMAC-SHA256(SECRET, TS + "." + body); null without SECRET),
  sig_age (now - TS in seconds, or null).
"""
import hashlib
import hmac
import json
import sys
import time


def signature_ok(secret, header, body):
    try:
        parts = dict(p.split("=", 1) for p in header.split(","))
        ts, mac = parts["t"], parts["v1"]
    except (KeyError, ValueError):
        return False, None
    want = hmac.new(secret.encode(), (ts + "." + body).encode(),
                    hashlib.sha256).hexdigest()
    return hmac.compare_digest(want, mac), time.time() - int(ts)


def main():
    log = sys.argv[1]
    secret = sys.argv[2] if len(sys.argv) > 2 else None
    try:
        lines = open(log).read().splitlines()
    except OSError:
        lines = []
    for line in lines:
        if not line.strip():
            continue
        e = json.loads(line)
        h = e.get("headers", {})
        body = e.get("body", "")
        try:
            b = json.loads(body)
        except ValueError:
            b = {}
        req = b.get("request") or {}
        upd = b.get("update") or {}
        out = {
            "path": e.get("path"), "time": e.get("time"),
            "request": req.get("service_request_id"),
            "event": h.get("x-open311-event"),
            "seq": int(h["x-open311-sequence"])
            if h.get("x-open311-sequence", "").isdigit() else None,
            "body_seq": b.get("sequence"),
            "body_event": b.get("event"),
            "key": h.get("idempotency-key"),
            "key_matches_body": h.get("idempotency-key") is not None and
            h.get("idempotency-key") == b.get("idempotency_key"),
            "delivery": h.get("x-open311-delivery"),
            "content_type": h.get("content-type"),
            "update_id": upd.get("update_id"),
            "status": req.get("status"),
            "detailed_status": req.get("detailed_status"),
            "signed": None, "sig_age": None,
        }
        if secret is not None:
            out["signed"], out["sig_age"] = signature_ok(
                secret, h.get("x-open311-signature", ""), body)
        print(json.dumps(out))


main()
