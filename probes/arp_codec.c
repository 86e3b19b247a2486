/*
 * arp_codec.c - the ARP probe builder and the frame decoder.  Every field is
 * read only after checking that the bytes are there; the kernel's BPF filter
 * is not trusted to have done it (frames are re-validated field by field).
 */
#include <errno.h>
#include <string.h>

#include "arp_codec.h"
#include "eth_frame.h"

#define ETHERTYPE_IPV4  0x0800
#define ETHERTYPE_ARP   0x0806
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

int arp_build_probe(uint8_t *buf, size_t size, const uint8_t our_mac[static 6],
                    struct in_addr target)
{
        struct arp_wire w;

        if (!buf || size < ARP_FRAME_MIN)
                return -ENOBUFS;
        memset(buf, 0, ARP_FRAME_MIN);
        memset(buf, 0xff, 6);                   /* broadcast */
        memcpy(buf + 6, our_mac, 6);
        eth_put16(buf + 12, ETHERTYPE_ARP);

        memset(&w, 0, sizeof(w));
        eth_put16(w.htype, ARP_HTYPE_ETHER);
        eth_put16(w.ptype, ETHERTYPE_IPV4);
        w.hlen = 6;
        w.plen = 4;
        eth_put16(w.op, ARP_OP_REQUEST);
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
        struct eth_header eh;
        size_t off;
        uint16_t type;

        if (eth_header_parse(buf, len, &eh) < 0)
                return -EBADMSG;
        memset(&f, 0, sizeof(f));
        memcpy(f.eth_dst, eh.dst, 6);
        memcpy(f.eth_src, eh.src, 6);
        f.vlan = eh.vlan;
        f.vlan_id = eh.vlan_id;
        type = eh.type;
        off = eh.payload;
        if (type <= ETHER_MAX_LEN_FIELD) {
                /* IEEE 802.3: the field is the length of the LLC data.
                 * RFC 1042: DSAP AA, SSAP AA, UI control 03, OUI 000000,
                 * then the EtherType. */
                static const uint8_t snap[6] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00 };

                if (len - off < ARP_SNAP_HLEN)
                        return -EBADMSG;
                if (memcmp(buf + off, snap, sizeof(snap)) != 0)
                        return -ENOMSG;
                if (eth_get16(buf + off + 6) != ETHERTYPE_ARP)
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
        if (eth_get16(w.htype) != ARP_HTYPE_ETHER || eth_get16(w.ptype) != ETHERTYPE_IPV4 ||
            w.hlen != 6 || w.plen != 4)
                return -EPROTONOSUPPORT;
        f.op = eth_get16(w.op);
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
