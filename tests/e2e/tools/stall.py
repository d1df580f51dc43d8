#!/usr/bin/env python3
"""stall.py URL PATH STATUSFILE

A client that asks for PATH and then stops reading: a receive buffer of
a few kilobytes, the status line read and written to STATUSFILE, then
nothing more until it is killed. A large export to it stays in progress
on the server for as long as the client lives.
"""
import socket
import sys
import time
import urllib.parse


def main():
    url = urllib.parse.urlsplit(sys.argv[1])
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect((url.hostname, url.port))
    s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" %
               (sys.argv[2], url.netloc)).encode())
    line = b""
    while not line.endswith(b"\r\n"):
        b = s.recv(1)
        if not b:
            break
        line += b
    with open(sys.argv[3], "w") as f:
        f.write(line.decode(errors="replace").strip() + "\n")
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main()
