/*
 * eth_frame.c - the Ethernet header of a received frame (eth_frame.h).
 */
#include <errno.h>
#include <string.h>

#include "eth_frame.h"

int eth_header_parse(const uint8_t *buf, size_t len, struct eth_header *ret)
{
        struct eth_header h = { 0 };
        size_t off = 12;

        if (!buf || len < ETH_FRAME_HLEN)
                return -EBADMSG;
        memcpy(h.dst, buf, 6);
        memcpy(h.src, buf + 6, 6);
        h.type = eth_get16(buf + off);
        off += 2;
        if (h.type == ETH_FRAME_TYPE_8021Q) {
                if (len - off < ETH_FRAME_VLAN_HLEN)
                        return -EBADMSG;
                h.vlan = true;
                h.vlan_id = eth_get16(buf + off) & 0x0fff;
                h.type = eth_get16(buf + off + 2);
                off += ETH_FRAME_VLAN_HLEN;
        }
        h.payload = off;
        *ret = h;
        return 0;
}
