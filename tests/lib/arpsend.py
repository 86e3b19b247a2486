#!/usr/bin/env python3
# arpsend.py - test-only ARP frames on an interface (AF_PACKET), run inside a
# test namespace.  Usage:
#   arpsend.py IFACE garp SENDER_IP            one gratuitous ARP from IFACE's MAC
#   arpsend.py IFACE probe TARGET_IP           one RFC 5227 probe from IFACE's MAC
#   arpsend.py IFACE flood N SECONDS           N requests from random MACs and
#                                              random 10.x sender IPs, spread over
#                                              at most SECONDS (bounded both ways)
#   arpsend.py IFACE count SECONDS MAC         counts ARP frames from MAC heard
#                                              on IFACE for SECONDS; prints it
import os, random, socket, struct, sys, time

ifc, mode = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0806))
s.bind((ifc, 0x0806))
mac = bytes.fromhex(open(f"/sys/class/net/{ifc}/address").read().strip().replace(":", ""))

def frame(src, op, sha, spa, tha, tpa):
    eth = b"\xff" * 6 + src + struct.pack("!H", 0x0806)
    arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + sha + socket.inet_aton(spa) + tha + socket.inet_aton(tpa)
    return (eth + arp).ljust(60, b"\0")

if mode == "garp":
    ip = sys.argv[3]
    s.send(frame(mac, 1, mac, ip, b"\0" * 6, ip))
elif mode == "probe":
    s.send(frame(mac, 1, mac, "0.0.0.0", b"\0" * 6, sys.argv[3]))
elif mode == "flood":
    n, secs = int(sys.argv[3]), float(sys.argv[4])
    end = time.monotonic() + secs
    sent = 0
    for i in range(n):
        m = bytes([0x02]) + os.urandom(5)
        ip = "10.%d.%d.%d" % (random.randrange(256), random.randrange(256), random.randrange(1, 255))
        try:
            s.send(frame(m, 1, m, ip, b"\0" * 6, "10.255.255.254"))
            sent += 1
        except BlockingIOError:
            time.sleep(0.001)
        if time.monotonic() > end:
            break
    print(sent)
elif mode == "count":
    # ETH_P_ALL: on a bridge port only the "all" taps run before the bridge
    # takes the frame.
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
    s.bind((ifc, 0x0003))
    secs, want = float(sys.argv[3]), bytes.fromhex(sys.argv[4].replace(":", ""))
    s.settimeout(0.05)
    end = time.monotonic() + secs
    n = 0
    while time.monotonic() < end:
        try:
            f = s.recv(2048)
        except socket.timeout:
            continue
        if f[6:12] == want and f[12:14] == b"\x08\x06":
            n += 1
    print(n)
