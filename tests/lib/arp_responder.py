#!/usr/bin/env python3
# arp_responder.py - test helper (run inside a test namespace only): answers
# RFC 5227 probes for ADDR on IFACE from MAC, in a chosen framing, the way
# real equipment that arp-scan hears does.  Independent of vnetaudit's codec.
# Bounded: exits after SECONDS and answers at most 100 probes.
#
#   arp_responder.py IFACE SECONDS MAC ADDR FRAMING READYFILE
#   FRAMING: plain | vlan:VID | snap | vlan:VID+snap
# The namespace's kernel must not hold ADDR itself (it would answer too).
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003


def mac_bytes(s):
    return bytes(int(x, 16) for x in s.split(':'))


def main():
    ifname, seconds, mac, addr, framing, ready = sys.argv[1:7]
    mac, addr, seconds = mac_bytes(mac), socket.inet_aton(addr), float(seconds)
    vid, snap = None, False
    for part in framing.split('+'):
        if part.startswith('vlan:'):
            vid = int(part[5:])
        elif part == 'snap':
            snap = True
        elif part != 'plain':
            sys.exit('unknown framing ' + part)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((ifname, 0))
    open(ready, 'w').close()
    end, answered = time.monotonic() + seconds, 0
    while answered < 100:
        left = end - time.monotonic()
        if left <= 0:
            break
        s.settimeout(left)
        try:
            frame, meta = s.recvfrom(2048)
        except socket.timeout:
            break
        if meta[2] == socket.PACKET_OUTGOING or len(frame) < 42:
            continue
        if frame[12:14] != b'\x08\x06':
            continue
        htype, ptype, hlen, plen, op = struct.unpack('!HHBBH', frame[14:22])
        sha, spa, tpa = frame[22:28], frame[28:32], frame[38:42]
        if (htype, ptype, hlen, plen, op) != (1, 0x0800, 6, 4, 1) or tpa != addr:
            continue
        # RFC 826 reply: we are the sender, the prober the target.
        arp = struct.pack('!HHBBH', 1, 0x0800, 6, 4, 2) + mac + addr + sha + spa
        head = frame[6:12] + mac
        if vid is not None:
            head += struct.pack('!HH', 0x8100, vid & 0x0fff)
        if snap:
            # IEEE 802.3 length, 802.2 LLC (AA AA 03), SNAP OUI 000000 + EtherType.
            body = bytes.fromhex('aaaa03000000') + b'\x08\x06' + arp
            out = head + struct.pack('!H', len(body)) + body
        else:
            out = head + b'\x08\x06' + arp
        s.send(out.ljust(60, b'\0'))
        answered += 1


main()
