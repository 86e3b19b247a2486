/*
 * nd_codec.h - build RFC 4862 duplicate address detection probes (Neighbor
 * Solicitations from ::) and decode captured Neighbor Solicitations and
 * Advertisements (RFC 4861 4.3, 4.4).  Pure: bytes in, bytes or a decoded
 * struct out; no I/O, no allocation, so the decoder can be fuzzed.  The
 * IPv6 counterpart of arp_codec.h; the probe engine (src/probe_nd.c) uses it.
 */
#ifndef VNETAUDIT_ND_CODEC_H
#define VNETAUDIT_ND_CODEC_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ND_ETH_HLEN     14      /* destination, source, EtherType */
#define ND_VLAN_HLEN    4       /* 802.1Q TPID + TCI */
#define ND_IP6_HLEN     40
#define ND_MSG_LEN      24      /* NS/NA without options: type .. target */
#define ND_PROBE_LEN    (ND_ETH_HLEN + ND_IP6_HLEN + ND_MSG_LEN)        /* 78 */

enum {
        ND_NEIGHBOR_SOLICIT = 135,
        ND_NEIGHBOR_ADVERT = 136,
};

/* One decoded and validated NS or NA. */
struct nd_frame {
        uint8_t eth_dst[6];
        uint8_t eth_src[6];
        bool vlan;              /* an 802.1Q tag was present */
        uint16_t vlan_id;       /* its VID (12 bits) */
        uint8_t type;           /* ND_NEIGHBOR_SOLICIT or ND_NEIGHBOR_ADVERT */
        struct in6_addr src, dst;       /* IPv6 source and destination */
        struct in6_addr target;         /* the NS/NA target address */
        bool router, solicited, override;       /* NA flags R, S, O */
        bool has_sll, has_tll;  /* source / target link-layer address option */
        uint8_t sll[6], tll[6];
};

/* The solicited-node multicast address of a (RFC 4291 2.7.1):
 * ff02::1:ff00:0/104 with the low 24 bits of a. */
void nd_solicited_node(const struct in6_addr *a, struct in6_addr *ret);

/* Its Ethernet multicast MAC (RFC 2464 7): 33:33 and the low 32 bits. */
void nd_multicast_mac(const struct in6_addr *group, uint8_t ret[6]);

/* Writes a DAD Neighbor Solicitation for target into buf: Ethernet source
 * our_mac, destination the solicited-node group's MAC 33:33:ff:xx:xx:xx,
 * IPv6 source :: and destination the solicited-node group, hop limit 255,
 * ICMPv6 type 135 code 0 with its checksum, and no options (RFC 4861 4.3:
 * no source link-layer address when the source is ::).  Returns the frame
 * length (ND_PROBE_LEN), -ENOBUFS when size is too small, -EINVAL when
 * target is unspecified or multicast. */
int nd_build_dad_probe(uint8_t *buf, size_t size, const uint8_t our_mac[static 6],
                       const struct in6_addr *target);

/* Decodes an Ethernet II frame (optionally with one 802.1Q tag) carrying an
 * IPv6 Neighbor Solicitation or Advertisement, validated as RFC 4861 7.1.1
 * and 7.1.2 require.  0 on success; -EBADMSG when truncated or a length
 * disagrees; -ENOMSG when it is not IPv6 ICMPv6 NS/NA (extension headers
 * included: ND messages carry none); -EPROTO when it fails validation (hop
 * limit not 255, code not 0, bad checksum, multicast target, an option of
 * length 0, a DAD NS not to a solicited-node group or with a source
 * link-layer option, a solicited NA to a multicast destination).  *ret is
 * only written on success. */
int nd_parse_frame(const uint8_t *buf, size_t len, struct nd_frame *ret);

/* True for a DAD probe: an NS from the unspecified address. */
bool nd_frame_is_dad(const struct nd_frame *f);

#endif
