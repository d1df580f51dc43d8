#!/usr/bin/env python3
"""early.py URL PATH OUT [--body N] [--query N] [--header N]
                [--declare N] [--auth KEY]

A client that goes on sending after the server has answered: it sends
one request whose body (--body N bytes, declared in Content-Length), query
string (--query N bytes) or extra header (--header N bytes) is larger than
the server accepts, sends every byte of it whatever the server does
meanwhile, then reads the answer until the server closes. Prints the
status code and writes the body to OUT; prints "reset" (exit 1) when the
connection was reset before the whole answer was read, as a phone that
reads only after its upload would see it. With --declare N it announces a
body of N bytes but sends none: only an answer given before the body is
read arrives (else the server waits for the body until it times out).
"""
import argparse
import socket
import ssl
import sys
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("path")
    ap.add_argument("out")
    ap.add_argument("--body", type=int, default=0)
    ap.add_argument("--query", type=int, default=0)
    ap.add_argument("--header", type=int, default=0)
    ap.add_argument("--declare", type=int, default=0)
    ap.add_argument("--auth", default="")
    a = ap.parse_args()

    u = urllib.parse.urlsplit(a.url)
    sock = socket.create_connection((u.hostname, u.port), timeout=60)
    if u.scheme == "https":
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        sock = ctx.wrap_socket(sock, server_hostname=u.hostname)

    target = a.path
    if a.query:
        target += "?x=" + "a" * a.query
    head = "%s %s HTTP/1.1\r\nHost: %s\r\n" % (
        "POST" if a.body or a.declare else "GET", target, u.netloc)
    if a.header:
        head += "X-Big: " + "b" * a.header + "\r\n"
    if a.auth:
        head += "Authorization: Bearer %s\r\n" % a.auth
    if a.body or a.declare:
        head += ("Content-Type: application/x-www-form-urlencoded\r\n"
                 "Content-Length: %d\r\n" % (a.body or a.declare))
    head += "Connection: close\r\n\r\n"

    chunk = b"c" * 65536
    got = b""
    try:
        sock.sendall(head.encode())
        left = a.body
        while left > 0:
            n = min(left, len(chunk))
            sock.sendall(chunk[:n])
            left -= n
        while True:
            b = sock.recv(65536)
            if not b:
                break
            got += b
    except (ConnectionResetError, BrokenPipeError, ssl.SSLError, OSError):
        pass

    head_end = got.find(b"\r\n\r\n")
    if head_end == -1:
        print("reset")
        return 1
    lines = got[:head_end].decode("latin-1").split("\r\n")
    length = None
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    body = got[head_end + 4:]
    if length is None or len(body) < length:
        print("reset")
        return 1
    with open(a.out, "wb") as f:
        f.write(body[:length])
    print(lines[0].split(" ")[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
