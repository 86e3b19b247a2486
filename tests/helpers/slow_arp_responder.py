#!/usr/bin/env python3
# slow_arp_responder.py IFACE ADDRESS DELAY [MAC] - a claimant that answers
# every ARP request (probes included) for ADDRESS on IFACE, DELAY seconds
# late, like a loaded host or a Wi-Fi card waking from power saving.  Runs
# inside a test namespace whose kernel does not hold ADDRESS; exits after
# 60 s at most.  Test helper only (AF_PACKET needs CAP_NET_RAW).
import socket, struct, sys, threading, time

ifname, addr, delay = sys.argv[1], socket.inet_aton(sys.argv[2]), float(sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0806))
s.bind((ifname, 0))
mac = bytes.fromhex(sys.argv[4].replace(":", "")) if len(sys.argv) > 4 else s.getsockname()[4]
end = time.time() + 60
s.settimeout(0.5)

def reply(dst, tpa):
    arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 2, mac, addr, dst, tpa)
    s.send(dst + mac + b"\x08\x06" + arp + b"\0" * 18)

while time.time() < end:
    try:
        f = s.recv(128)
    except socket.timeout:
        continue
    if len(f) < 42 or f[12:14] != b"\x08\x06":
        continue
    op, sha, spa, tpa = struct.unpack("!H6s4s6x4s", f[20:42])
    if op == 1 and tpa == addr and sha != mac:
        threading.Timer(delay, reply, (sha, spa)).start()
