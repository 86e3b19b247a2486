#!/usr/bin/env python3
# dgram_listen.py PATH OUT - a stand-in for journald's and systemd's
# notification sockets in tests: binds a Unix datagram socket at PATH and
# appends every datagram to OUT as one JSON string per line, until killed.
import json, os, socket, sys

path, out = sys.argv[1], sys.argv[2]
try:
    os.unlink(path)
except FileNotFoundError:
    pass
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
with open(out, "a") as f:
    while True:
        d = s.recv(1 << 20)
        f.write(json.dumps(d.decode("utf-8", "replace")) + "\n")
        f.flush()
