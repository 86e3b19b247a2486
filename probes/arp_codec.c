/*
 * arp_codec.c - the ARP probe builder and the frame decoder.  Every field is
 * read only after checking that the bytes are there; the kernel's BPF filter
 * is not trusted to have done it (frames are re-validated field by field).
 */
#include <errno.h>
#include <string.h>

#include "arp_codec.h"

#define ETHERTYPE_IPV4  0x0800
#define ETHERTYPE_ARP   0x0806
#define ETHERTYPE_8021Q 0x8100
#define ETHER_MAX_LEN_FIELD 1500        /* up to here the field is an 802.3 length */
#define ARP_HTYPE_ETHER 1

/* The wire layout of Ethernet/IPv4 ARP (RFC 826): 8 bytes of header, then
 * sender and target hardware/protocol addresses, no holes. */
struct arp_wire {
        uint8_t htype[2];
        uint8_t ptype[2];
        uint8_t hlen;
        uint8_t plen;
        uint8_t op[2];
        uint8_t sha[6];
        uint8_t spa[4];
        uint8_t tha[6];
        uint8_t tpa[4];
};
_Static_assert(sizeof(struct arp_wire) == ARP_PAYLOAD_LEN, "ARP header must be 28 bytes");
_Static_assert(ARP_ETH_HLEN + ARP_PAYLOAD_LEN <= ARP_FRAME_MIN, "probe fits the minimum frame");

static uint16_t get16(const uint8_t *p)
{
        return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
        p[0] = (uint8_t)(v >> 8);
        p[1] = (uint8_t)v;
}

int arp_build_probe(uint8_t *buf, size_t size, const uint8_t our_mac[static 6],
                    struct in_addr target)
{
        struct arp_wire w;

        if (!buf || size < ARP_FRAME_MIN)
                return -ENOBUFS;
        memset(buf, 0, ARP_FRAME_MIN);
        memset(buf, 0xff, 6);                   /* broadcast */
        memcpy(buf + 6, our_mac, 6);
        put16(buf + 12, ETHERTYPE_ARP);

        memset(&w, 0, sizeof(w));
        put16(w.htype, ARP_HTYPE_ETHER);
        put16(w.ptype, ETHERTYPE_IPV4);
        w.hlen = 6;
        w.plen = 4;
        put16(w.op, ARP_OP_REQUEST);
        memcpy(w.sha, our_mac, 6);
        /* RFC 5227 2.1.1: sender IP all zeroes, target hardware address
         * ignored and set to zero; never a non-zero sender IP. */
        memcpy(w.tpa, &target.s_addr, 4);
        memcpy(buf + ARP_ETH_HLEN, &w, sizeof(w));
        return ARP_FRAME_MIN;
}

int arp_parse_frame(const uint8_t *buf, size_t len, struct arp_frame *ret)
{
        struct arp_frame f;
        struct arp_wire w;
        size_t off = 12;
        uint16_t type;

        if (!buf || len < ARP_ETH_HLEN)
                return -EBADMSG;
        memset(&f, 0, sizeof(f));
        memcpy(f.eth_dst, buf, 6);
        memcpy(f.eth_src, buf + 6, 6);
        type = get16(buf + off);
        off += 2;
        if (type == ETHERTYPE_8021Q) {
                if (len - off < ARP_VLAN_HLEN)
                        return -EBADMSG;
                f.vlan = true;
                f.vlan_id = get16(buf + off) & 0x0fff;
                type = get16(buf + off + 2);
                off += ARP_VLAN_HLEN;
        }
        if (type <= ETHER_MAX_LEN_FIELD) {
                /* IEEE 802.3: the field is the length of the LLC data.
                 * RFC 1042: DSAP AA, SSAP AA, UI control 03, OUI 000000,
                 * then the EtherType. */
                static const uint8_t snap[6] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00 };

                if (len - off < ARP_SNAP_HLEN)
                        return -EBADMSG;
                if (memcmp(buf + off, snap, sizeof(snap)) != 0)
                        return -ENOMSG;
                if (get16(buf + off + 6) != ETHERTYPE_ARP)
                        return -ENOMSG;
                /* The length must cover what we read; padding may follow. */
                if (type < ARP_SNAP_HLEN + sizeof(w))
                        return -EBADMSG;
                f.llc_snap = true;
                type = ETHERTYPE_ARP;
                off += ARP_SNAP_HLEN;
        }
        if (type != ETHERTYPE_ARP)
                return -ENOMSG;
        if (len - off < sizeof(w))
                return -EBADMSG;
        memcpy(&w, buf + off, sizeof(w));
        if (get16(w.htype) != ARP_HTYPE_ETHER || get16(w.ptype) != ETHERTYPE_IPV4 ||
            w.hlen != 6 || w.plen != 4)
                return -EPROTONOSUPPORT;
        f.op = get16(w.op);
        if (f.op != ARP_OP_REQUEST && f.op != ARP_OP_REPLY)
                return -EPROTONOSUPPORT;
        memcpy(f.sha, w.sha, 6);
        memcpy(&f.spa.s_addr, w.spa, 4);
        memcpy(f.tha, w.tha, 6);
        memcpy(&f.tpa.s_addr, w.tpa, 4);
        *ret = f;
        return 0;
}

bool arp_frame_is_probe(const struct arp_frame *f)
{
        return f->op == ARP_OP_REQUEST && f->spa.s_addr == 0;
}
