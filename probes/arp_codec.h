/*
 * arp_codec.h - build RFC 5227 ARP probes and decode captured ARP frames.
 * Pure: bytes in, bytes or a decoded struct out; no I/O, no allocation, so
 * the decoder can be fuzzed and unit-tested on crafted frames.  The capture
 * side (probes/arp_pcap.c) and the classification (src/engine/probe_engine.c) use it.
 */
#ifndef VNETAUDIT_ARP_CODEC_H
#define VNETAUDIT_ARP_CODEC_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARP_ETH_HLEN      14    /* destination, source, EtherType */
#define ARP_VLAN_HLEN     4     /* 802.1Q TPID + TCI */
#define ARP_SNAP_HLEN     8     /* 802.2 LLC (AA AA 03) + SNAP (OUI 000000, EtherType) */
#define ARP_PAYLOAD_LEN   28    /* Ethernet/IPv4 ARP, RFC 826 */
#define ARP_FRAME_MIN     60    /* Ethernet minimum without FCS: we pad to it */

enum {
        ARP_OP_REQUEST = 1,
        ARP_OP_REPLY = 2,
};

/* One decoded Ethernet/IPv4 ARP frame.  The Ethernet source and the ARP
 * sender hardware address are kept apart: a proxy or a bridge may send
 * ARP on behalf of another MAC, and a report must say who claims what. */
struct arp_frame {
        uint8_t eth_dst[6];
        uint8_t eth_src[6];
        bool vlan;              /* an 802.1Q tag was present */
        uint16_t vlan_id;       /* its VID (12 bits) */
        bool llc_snap;          /* 802.3 length field + 802.2 LLC/SNAP, RFC 1042 */
        uint16_t op;            /* ARP_OP_REQUEST or ARP_OP_REPLY */
        uint8_t sha[6];         /* sender hardware address */
        struct in_addr spa;     /* sender protocol address */
        uint8_t tha[6];         /* target hardware address */
        struct in_addr tpa;     /* target protocol address */
};

/* Writes a broadcast RFC 5227 ARP probe for target into buf: Ethernet source
 * and sender hardware address our_mac, sender IP 0.0.0.0, target hardware
 * address zero, padded to ARP_FRAME_MIN.  Returns the frame length, or
 * -ENOBUFS when size is too small. */
int arp_build_probe(uint8_t *buf, size_t size, const uint8_t our_mac[static 6],
                    struct in_addr target);

/* Decodes an Ethernet frame (optionally with one 802.1Q tag) carrying
 * Ethernet/IPv4 ARP, either Ethernet II (EtherType 0x0806) or IEEE 802.3
 * with an 802.2 LLC/SNAP header (RFC 1042: length field, AA AA 03, OUI
 * 000000, EtherType 0x0806), as some printers and embedded stacks send.  0 on success; -EBADMSG when truncated; -ENOMSG when it
 * is not ARP; -EPROTONOSUPPORT when the ARP is not Ethernet/IPv4 (htype,
 * ptype, hlen, plen) or its opcode is neither request nor reply.  *ret is
 * only written on success. */
int arp_parse_frame(const uint8_t *buf, size_t len, struct arp_frame *ret);

/* True for an RFC 5227 probe: a request with sender IP 0.0.0.0. */
bool arp_frame_is_probe(const struct arp_frame *f);

#endif
