#!/usr/bin/env python3
"""api_standin.py - stands in for dockerd and incusd, which cannot run in
this sandbox: a small HTTP/1.1 server on a unix socket that answers GET
requests with fixed JSON files, the way the Docker Engine API and the
Incus/LXD REST API answer them.  It changes nothing and knows nothing of
vnetaudit; the test decides what the answers hold.

Usage: api_standin.py SOCKET LOG [--hang] [--status N] PATH=FILE...
Each request line's path is appended to LOG.  --hang accepts and never
answers (a stuck daemon); --status answers every request with status N.
"""
import http.server
import os
import socketserver
import sys
import time

sock, log = sys.argv[1], sys.argv[2]
hang, status, routes = False, 200, {}
args = sys.argv[3:]
while args:
    a = args.pop(0)
    if a == "--hang":
        hang = True
    elif a == "--status":
        status = int(args.pop(0))
    else:
        path, _, fname = a.rpartition("=")
        with open(fname, "rb") as f:
            routes[path] = f.read()


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def address_string(self):
        return "unix"

    def log_message(self, *args):
        pass

    def do_GET(self):
        with open(log, "a") as f:
            f.write(self.path + "\n")
        if hang:
            time.sleep(3600)
            return
        body = routes.get(self.path)
        code = status
        if body is None:
            code, body = 404, b'{"message":"page not found"}'
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if os.path.exists(sock):
    os.unlink(sock)
with Server(sock, Handler) as srv:
    srv.serve_forever()
