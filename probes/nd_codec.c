/*
 * nd_codec.c - the DAD probe builder and the NS/NA decoder.  Every field is
 * read only after checking that its bytes are there, and every received
 * message is validated as RFC 4861 7.1 asks of a host, whatever the capture
 * filter let through: the filter is not trusted.
 */
#include <errno.h>
#include <string.h>

#include "nd_codec.h"
#include "eth_frame.h"

#define ETHERTYPE_IPV6  0x86dd
#define IPPROTO_ICMPV6_ 58
#define ND_HOP_LIMIT    255
#define ND_OPT_SLL      1
#define ND_OPT_TLL      2

_Static_assert(ND_PROBE_LEN == 78, "DAD probe: Ethernet + IPv6 + 24-byte NS");

static bool is_multicast(const struct in6_addr *a)
{
        return a->s6_addr[0] == 0xff;
}

static bool is_unspecified(const struct in6_addr *a)
{
        static const struct in6_addr zero;

        return memcmp(a, &zero, sizeof(zero)) == 0;
}

static bool is_solicited_node(const struct in6_addr *a)
{
        static const uint8_t pfx[13] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff };

        return memcmp(a->s6_addr, pfx, sizeof(pfx)) == 0;
}

void nd_solicited_node(const struct in6_addr *a, struct in6_addr *ret)
{
        static const uint8_t pfx[13] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff };

        memcpy(ret->s6_addr, pfx, sizeof(pfx));
        memcpy(ret->s6_addr + 13, a->s6_addr + 13, 3);
}

void nd_multicast_mac(const struct in6_addr *group, uint8_t ret[6])
{
        ret[0] = 0x33;
        ret[1] = 0x33;
        memcpy(ret + 2, group->s6_addr + 12, 4);
}

/* The ICMPv6 checksum (RFC 4443 2.3, RFC 8200 8.1): the one's complement
 * sum over the pseudo-header (source, destination, upper-layer length,
 * next header 58) and the message.  Returns the folded sum, not inverted. */
static uint16_t icmp6_sum(const struct in6_addr *src, const struct in6_addr *dst,
                          const uint8_t *msg, size_t len)
{
        uint32_t s = 0;

        for (size_t i = 0; i < 16; i += 2)
                s += eth_get16(src->s6_addr + i) + eth_get16(dst->s6_addr + i);
        s += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffff);
        s += IPPROTO_ICMPV6_;
        for (size_t i = 0; i + 1 < len; i += 2)
                s += eth_get16(msg + i);
        if (len & 1)
                s += (uint32_t)msg[len - 1] << 8;
        while (s >> 16)
                s = (s & 0xffff) + (s >> 16);
        return (uint16_t)s;
}

int nd_build_dad_probe(uint8_t *buf, size_t size, const uint8_t our_mac[static 6],
                       const struct in6_addr *target)
{
        struct in6_addr group, any = IN6ADDR_ANY_INIT;
        uint8_t *ip, *m;

        if (!buf || size < ND_PROBE_LEN)
                return -ENOBUFS;
        if (!target || is_unspecified(target) || is_multicast(target))
                return -EINVAL;
        nd_solicited_node(target, &group);
        memset(buf, 0, ND_PROBE_LEN);
        nd_multicast_mac(&group, buf);
        memcpy(buf + 6, our_mac, 6);
        eth_put16(buf + 12, ETHERTYPE_IPV6);

        ip = buf + ND_ETH_HLEN;
        ip[0] = 0x60;                           /* version 6, class 0, flow 0 */
        eth_put16(ip + 4, ND_MSG_LEN);
        ip[6] = IPPROTO_ICMPV6_;
        /* RFC 4861 7.1.1 / 4.3: hop limit 255, so that a receiver knows
         * the probe was not forwarded. */
        ip[7] = ND_HOP_LIMIT;
        /* RFC 4862 5.4.2: "the IP source address set to the unspecified
         * address [...] the IP destination is set to the solicited-node
         * multicast address of the target address". */
        memcpy(ip + 8, any.s6_addr, 16);
        memcpy(ip + 24, group.s6_addr, 16);

        m = ip + ND_IP6_HLEN;
        m[0] = ND_NEIGHBOR_SOLICIT;             /* code 0, reserved 0 */
        memcpy(m + 8, target->s6_addr, 16);
        /* RFC 4861 4.3: the source link-layer address option "MUST NOT be
         * included when the source IP address is the unspecified address":
         * no options at all. */
        eth_put16(m + 2, (uint16_t)~icmp6_sum(&any, &group, m, ND_MSG_LEN));
        return ND_PROBE_LEN;
}

/* Walks the options (RFC 4861 4.6): each at least 8 bytes, a length of 0
 * invalid; a link-layer option is kept when its length fits Ethernet. */
static int parse_options(const uint8_t *o, size_t len, struct nd_frame *f)
{
        while (len) {
                size_t olen;

                if (len < 2)
                        return -EBADMSG;
                olen = (size_t)o[1] * 8;
                /* RFC 4861 7.1.1/7.1.2: "All included options have a
                 * length that is greater than zero." */
                if (olen == 0)
                        return -EPROTO;
                if (olen > len)
                        return -EBADMSG;
                if (olen == 8 && o[0] == ND_OPT_SLL && !f->has_sll) {
                        f->has_sll = true;
                        memcpy(f->sll, o + 2, 6);
                } else if (olen == 8 && o[0] == ND_OPT_TLL && !f->has_tll) {
                        f->has_tll = true;
                        memcpy(f->tll, o + 2, 6);
                }
                o += olen;
                len -= olen;
        }
        return 0;
}

int nd_parse_frame(const uint8_t *buf, size_t len, struct nd_frame *ret)
{
        struct nd_frame f;
        const uint8_t *ip, *m;
        struct eth_header eh;
        size_t off, plen;
        uint16_t type;
        int r;

        if (eth_header_parse(buf, len, &eh) < 0)
                return -EBADMSG;
        memset(&f, 0, sizeof(f));
        memcpy(f.eth_dst, eh.dst, 6);
        memcpy(f.eth_src, eh.src, 6);
        f.vlan = eh.vlan;
        f.vlan_id = eh.vlan_id;
        type = eh.type;
        off = eh.payload;
        if (type != ETHERTYPE_IPV6)
                return -ENOMSG;
        if (len - off < ND_IP6_HLEN)
                return -EBADMSG;
        ip = buf + off;
        off += ND_IP6_HLEN;
        if (ip[0] >> 4 != 6)
                return -EBADMSG;
        /* ND messages are never fragmented nor carry extension headers
         * (RFC 6980): anything but ICMPv6 right after the header is not ours. */
        if (ip[6] != IPPROTO_ICMPV6_)
                return -ENOMSG;
        plen = eth_get16(ip + 4);
        if (plen > len - off)
                return -EBADMSG;                /* Ethernet padding may follow, never less */
        m = ip + ND_IP6_HLEN;
        if (plen < 1)
                return -EBADMSG;
        if (m[0] != ND_NEIGHBOR_SOLICIT && m[0] != ND_NEIGHBOR_ADVERT)
                return -ENOMSG;
        /* RFC 4861 7.1.1 / 7.1.2: "ICMP length (derived from the IP
         * length) is 24 or more octets." */
        if (plen < ND_MSG_LEN)
                return -EBADMSG;
        memcpy(f.src.s6_addr, ip + 8, 16);
        memcpy(f.dst.s6_addr, ip + 24, 16);
        /* "The IP Hop Limit field has a value of 255, i.e., the packet
         * could not possibly have been forwarded by a router." */
        if (ip[7] != ND_HOP_LIMIT)
                return -EPROTO;
        /* "ICMP Checksum is valid." */
        if (icmp6_sum(&f.src, &f.dst, m, plen) != 0xffff)
                return -EPROTO;
        /* "ICMP Code is 0." */
        if (m[1] != 0)
                return -EPROTO;
        f.type = m[0];
        memcpy(f.target.s6_addr, m + 8, 16);
        /* "Target Address is not a multicast address." */
        if (is_multicast(&f.target))
                return -EPROTO;
        if (f.type == ND_NEIGHBOR_ADVERT) {
                f.router = m[4] & 0x80;
                f.solicited = m[4] & 0x40;
                f.override = m[4] & 0x20;
        }
        r = parse_options(m + ND_MSG_LEN, plen - ND_MSG_LEN, &f);
        if (r < 0)
                return r;
        if (f.type == ND_NEIGHBOR_SOLICIT && is_unspecified(&f.src)) {
                /* 7.1.1: "If the IP source address is the unspecified
                 * address, the IP destination address is a solicited-node
                 * multicast address" and "there is no source link-layer
                 * address option in the message." */
                if (!is_solicited_node(&f.dst) || f.has_sll)
                        return -EPROTO;
        }
        /* 7.1.2: "If the IP Destination Address is a multicast address
         * the Solicited flag is zero." */
        if (f.type == ND_NEIGHBOR_ADVERT && is_multicast(&f.dst) && f.solicited)
                return -EPROTO;
        /* An NA's source is the advertiser's own unicast address. */
        if (f.type == ND_NEIGHBOR_ADVERT && (is_unspecified(&f.src) || is_multicast(&f.src)))
                return -EPROTO;
        *ret = f;
        return 0;
}

bool nd_frame_is_dad(const struct nd_frame *f)
{
        return f->type == ND_NEIGHBOR_SOLICIT && is_unspecified(&f->src);
}
