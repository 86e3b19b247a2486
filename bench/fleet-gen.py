#!/usr/bin/env python3
"""fleet-gen.py - synthetic `list --json` inventories for bench/fleet-bench.sh:
HOSTS hosts with NETS networks each, shaped like a lab fleet: every host has
libvirt's stock `default` (192.168.122.1/24, DHCP .2-.254), the rest are
isolated/NAT/bridged networks in 10.0.0.0/8 and fd00::/16 drawn so that some
subnets and host addresses recur across hosts; each host has a LAN card in one
of 16 LANs.  Deterministic (seeded).  Usage: fleet-gen.py HOSTS NETS DIR"""
import json, os, random, sys

hosts, nets, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
rnd = random.Random(13)
types = ["nat", "isolated", "route", "bridged"]
for h in range(hosts):
    name = "kvm%05d" % h
    lan = h % 16
    doc = {"version": 1, "host": name, "machine_id": "%032x" % (h + 1),
           "timestamp": "2026-11-29T22:00:00Z", "networks": [], "routes": [], "diagnostics": [],
           "interfaces": [{"name": "eth0", "ifindex": 2, "kind": "physical", "mac": "52:54:00:00:%02x:%02x" % (h >> 8 & 255, h & 255),
                           "state": "up", "up": True, "master": None,
                           "addresses": ["198.51.%d.%d/24" % (lan, 10 + h // 16 % 240), "fe80::1/64"]}]}
    def net(i, typ, sub):
        doc["networks"].append({"id": "libvirt:net%d" % i, "source": "libvirt", "name": "net%d" % i,
                                "device": "virbr%d" % i, "type": typ, "state": "inactive",
                                "origin": "/etc/libvirt/qemu/networks/net%d.xml" % i,
                                "bridged_to": ["eth0"] if typ == "bridged" else [], "subnets": [sub]})
    net(0, "nat", {"family": "ipv4", "prefix": "192.168.122.0/24", "host_address": "192.168.122.1",
                   "host_address_origin": "/etc/libvirt/qemu/networks/default.xml:14",
                   "origin": "/etc/libvirt/qemu/networks/default.xml:14",
                   "dhcp_ranges": [{"start": "192.168.122.2", "end": "192.168.122.254",
                                    "origin": "/etc/libvirt/qemu/networks/default.xml:16"}], "fixed_hosts": []})
    for i in range(1, nets):
        typ = types[rnd.randrange(4)]
        if i % 5 == 0:
            p = rnd.randrange(1 << 16)
            sub = {"family": "ipv6", "prefix": "fd00:%x::/64" % p, "host_address": "fd00:%x::1" % p,
                   "origin": "/etc/libvirt/qemu/networks/net%d.xml:9" % i, "dhcp_ranges": [], "fixed_hosts": []}
        else:
            a, b = rnd.randrange(256), rnd.randrange(256)
            sub = {"family": "ipv4", "prefix": "10.%d.%d.0/24" % (a, b), "host_address": "10.%d.%d.1" % (a, b),
                   "origin": "/etc/libvirt/qemu/networks/net%d.xml:9" % i,
                   "dhcp_ranges": [{"start": "10.%d.%d.100" % (a, b), "end": "10.%d.%d.200" % (a, b)}],
                   "fixed_hosts": [{"mac": "52:54:00:%02x:%02x:%02x" % (h & 255, i, a), "ip": "10.%d.%d.50" % (a, b), "name": None}]}
        net(i, typ, sub)
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(doc, f)
