#!/usr/bin/env python3
# nd_tool.py - NDP on the wire for the IPv6 probe tests, independent of
# vnetaudit's codec (python3 AF_PACKET; test namespaces only, bounded time):
#   sniff IFACE SECONDS OUT READY           every frame seen, one hex line each
#   rival IFACE MAC TARGET SECONDS READY    sends a DAD NS for TARGET every 50 ms
#   answer IFACE MAC TARGET VLAN SECONDS READY
#                                           answers DAD NS for TARGET with an NA to
#                                           ff02::1 (tagged with VLAN unless 0)
#   inspect OUT OURMAC TARGET               checks our probes in a sniff file:
#                                           prints "ns N", "bad ..." and "na-from-us N"
import socket, struct, sys, time

def csum(src, dst, msg):
    d = src + dst + struct.pack("!I", len(msg)) + b"\0\0\0\x3a" + msg
    if len(d) % 2:
        d += b"\0"
    s = sum(struct.unpack("!%dH" % (len(d) // 2), d))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s

def ip6(a):
    return socket.inet_pton(socket.AF_INET6, a)

def snode(t):
    return ip6("ff02::1:ff00:0")[:13] + t[13:]

def frame(dmac, smac, vlan, src, dst, msg):
    msg = msg[:2] + struct.pack("!H", (~csum(src, dst, msg)) & 0xffff) + msg[4:]
    eth = dmac + smac + (struct.pack("!HH", 0x8100, vlan) if vlan else b"") + b"\x86\xdd"
    return eth + struct.pack("!IHBB", 0x60000000, len(msg), 58, 255) + src + dst + msg

def sock(ifname):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
    s.bind((ifname, 0))
    return s

def ready(path):
    open(path, "w").close()

def mac(s):
    return bytes.fromhex(s.replace(":", ""))

def main(a):
    if a[0] == "sniff":
        s, end = sock(a[1]), time.time() + float(a[2])
        s.settimeout(0.1)
        ready(a[4])
        with open(a[3], "w") as out:
            while time.time() < end:
                try:
                    f, addr = s.recvfrom(2048)
                except socket.timeout:
                    continue
                if addr[2] != socket.PACKET_OUTGOING:
                    out.write(f.hex() + "\n")
                    out.flush()
    elif a[0] == "rival":
        s, m, t, end = sock(a[1]), mac(a[2]), ip6(a[3]), time.time() + float(a[4])
        g = snode(t)
        ns = bytes([135, 0, 0, 0, 0, 0, 0, 0]) + t
        f = frame(b"\x33\x33" + g[12:], m, 0, bytes(16), g, ns)
        ready(a[5])
        while time.time() < end:
            s.send(f)
            time.sleep(0.05)
    elif a[0] == "answer":
        s, m, t, vlan, end = sock(a[1]), mac(a[2]), ip6(a[3]), int(a[4]), time.time() + float(a[5])
        s.settimeout(0.1)
        na = bytes([136, 0, 0, 0, 0x20, 0, 0, 0]) + t + bytes([2, 1]) + m
        f = frame(b"\x33\x33\0\0\0\x01", m, vlan, t, ip6("ff02::1"), na)
        # A member of the target's solicited-node group, as a holder is: a
        # snooping bridge forwards the group's probes only to members.
        u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        u.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
                     snode(t) + struct.pack("@I", socket.if_nametoindex(a[1])))
        ready(a[6])
        while time.time() < end:
            try:
                p = s.recv(2048)
            except socket.timeout:
                continue
            if len(p) >= 78 and p[12:14] == b"\x86\xdd" and p[20] == 58 and p[54] == 135 \
               and p[22:38] == bytes(16) and p[62:78] == t and p[6:12] != m:
                s.send(f)
    elif a[0] == "inspect":
        ours, t = mac(a[2]), ip6(a[3])
        n_ns = n_na = 0
        for line in open(a[1]):
            f = bytes.fromhex(line.strip())
            if f[6:12] != ours or len(f) < 14:
                continue
            o = 16 if f[12:14] == b"\x81\x00" else 12
            if f[o:o + 2] != b"\x86\xdd" or f[o + 8] != 58:
                continue
            ip, plen = f[o + 2:], struct.unpack("!H", f[o + 6:o + 8])[0]
            src, dst, msg = ip[8:24], ip[24:40], ip[40:40 + plen]
            if msg[0] == 136:
                n_na += 1
            if msg[0] != 135 or msg[8:24] != t:
                continue
            n_ns += 1
            g = snode(t)
            bad = []
            if src != bytes(16): bad.append("source not ::")
            if dst != g: bad.append("not to the solicited-node group")
            if f[:6] != b"\x33\x33" + g[12:]: bad.append("Ethernet destination not 33:33:ff")
            if ip[7] != 255: bad.append("hop limit not 255")
            if msg[1] != 0: bad.append("code not 0")
            if plen != 24: bad.append("options present (%d bytes)" % (plen - 24))
            if csum(src, dst, msg) != 0xffff: bad.append("bad checksum")
            for b in bad:
                print("bad " + b)
        print("ns %d" % n_ns)
        print("na-from-us %d" % n_na)

main(sys.argv[1:])
