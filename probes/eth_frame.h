/*
 * eth_frame.h - what the ARP and NDP codecs share: big-endian 16-bit
 * fields and the Ethernet header of a received frame with at most one
 * 802.1Q tag (IEEE 802.1Q: TPID 0x8100, then a TCI whose low 12 bits are
 * the VLAN id).
 */
#ifndef VNETAUDIT_ETH_FRAME_H
#define VNETAUDIT_ETH_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ETH_FRAME_HLEN          14      /* destination, source, EtherType */
#define ETH_FRAME_VLAN_HLEN     4       /* 802.1Q TPID + TCI */
#define ETH_FRAME_TYPE_8021Q    0x8100

static inline uint16_t eth_get16(const uint8_t *p)
{
        return (uint16_t)(p[0] << 8 | p[1]);
}

static inline void eth_put16(uint8_t *p, uint16_t v)
{
        p[0] = (uint8_t)(v >> 8);
        p[1] = (uint8_t)v;
}

struct eth_header {
        uint8_t dst[6], src[6];
        bool vlan;                      /* the frame carried an 802.1Q tag ... */
        uint16_t vlan_id;               /* ... with this VID */
        uint16_t type;                  /* the EtherType, or an 802.3 length */
        size_t payload;                 /* offset of the bytes after the header */
};

/* Reads the header of the len bytes at buf.  0, or -EBADMSG when they are
 * too short for it (or for its tag). */
int eth_header_parse(const uint8_t *buf, size_t len, struct eth_header *ret);

#endif
