/*
 * test_nd_codec.c - the DAD probe builder and the NS/NA decoder on crafted
 * frames (checksums computed here, independently of the codec): the probe's
 * every field, every truncation point, 802.1Q, each RFC 4861 7.1 validity
 * rule; and the RFC 4862 5.4.3/5.4.4 classification on decoded frames.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "check_main.h"
#include "nd_codec.h"
#include "probe_engine.h"

static const uint8_t me[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t peer[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t proxy[6] = { 0x00, 0x50, 0x56, 0xaa, 0xbb, 0xcc };

static struct in6_addr ip6(const char *s)
{
        struct in6_addr a;

        ck_assert_int_eq(inet_pton(AF_INET6, s, &a), 1);
        return a;
}

/* RFC 1071 over the pseudo-header and the message, written out here. */
static uint16_t sum16(const uint8_t *src, const uint8_t *dst, const uint8_t *m, size_t len)
{
        uint8_t ph[40] = { 0 };
        uint64_t s = 0;

        memcpy(ph, src, 16);
        memcpy(ph + 16, dst, 16);
        ph[34] = (uint8_t)(len >> 8);
        ph[35] = (uint8_t)len;
        ph[39] = 58;
        for (size_t i = 0; i < 40; i += 2)
                s += (unsigned)(ph[i] << 8 | ph[i + 1]);
        for (size_t i = 0; i < len; i += 2)
                s += (unsigned)(m[i] << 8 | (i + 1 < len ? m[i + 1] : 0));
        while (s >> 16)
                s = (s & 0xffff) + (s >> 16);
        return (uint16_t)s;
}

struct spec {
        const uint8_t *src_mac;
        bool vlan;
        uint8_t type, code, flags, hop;
        const char *src, *dst, *target;
        const uint8_t *opts;
        size_t optlen;
        bool bad_sum;
        uint8_t next_header;
};

static size_t craft(uint8_t *b, const struct spec *s)
{
        struct in6_addr src = ip6(s->src), dst = ip6(s->dst), t = ip6(s->target);
        size_t o = 0, mlen = 24 + s->optlen;
        uint8_t *ip, *m;
        uint16_t c;

        memset(b, 0, 256);
        b[0] = 0x33; b[1] = 0x33;
        memcpy(b + 2, dst.s6_addr + 12, 4);
        memcpy(b + 6, s->src_mac, 6);
        o = 12;
        if (s->vlan) {
                b[o++] = 0x81; b[o++] = 0x00; b[o++] = 0x20; b[o++] = 0x2a;    /* prio 1, vid 42 */
        }
        b[o++] = 0x86; b[o++] = 0xdd;
        ip = b + o;
        ip[0] = 0x60;
        ip[4] = (uint8_t)(mlen >> 8);
        ip[5] = (uint8_t)mlen;
        ip[6] = s->next_header ? s->next_header : 58;
        ip[7] = s->hop ? s->hop : 255;
        memcpy(ip + 8, src.s6_addr, 16);
        memcpy(ip + 24, dst.s6_addr, 16);
        m = ip + 40;
        m[0] = s->type;
        m[1] = s->code;
        m[4] = s->flags;
        memcpy(m + 8, t.s6_addr, 16);
        if (s->optlen)
                memcpy(m + 24, s->opts, s->optlen);
        c = (uint16_t)~sum16(src.s6_addr, dst.s6_addr, m, mlen);
        if (s->bad_sum)
                c ^= 0x0101;
        m[2] = (uint8_t)(c >> 8);
        m[3] = (uint8_t)c;
        return o + 40 + mlen;
}

static const uint8_t TLL_PEER[8] = { 2, 1, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t SLL_PEER[8] = { 1, 1, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

/* An NA answering a DAD probe, as Linux sends it: to all-nodes, S=0, O=1, TLLA. */
static struct spec na(void)
{
        return (struct spec){ .src_mac = peer, .type = 136, .flags = 0x20, .src = "2001:db8::7",
                              .dst = "ff02::1", .target = "2001:db8::7", .opts = TLL_PEER, .optlen = 8 };
}

static struct spec dad_ns(void)
{
        return (struct spec){ .src_mac = peer, .type = 135, .src = "::", .dst = "ff02::1:ff00:7",
                              .target = "2001:db8::7" };
}

START_TEST(build_dad_probe)
{
        uint8_t b[128], small[77];
        struct in6_addr t = ip6("2001:db8::12:3456"), sn = ip6("ff02::1:ff12:3456"), any = IN6ADDR_ANY_INIT;
        static const uint8_t dmac[6] = { 0x33, 0x33, 0xff, 0x12, 0x34, 0x56 };
        struct nd_frame f;
        int n = nd_build_dad_probe(b, sizeof(b), me, &t);

        ck_assert_int_eq(n, 78);
        ck_assert_int_eq(nd_build_dad_probe(small, sizeof(small), me, &t), -ENOBUFS);
        ck_assert_mem_eq(b, dmac, 6);                   /* solicited-node group's MAC */
        ck_assert_mem_eq(b + 6, me, 6);
        ck_assert_uint_eq(b[12], 0x86);
        ck_assert_uint_eq(b[13], 0xdd);
        ck_assert_uint_eq(b[14] >> 4, 6);
        ck_assert_uint_eq(b[18] << 8 | b[19], 24);      /* payload: the NS, no options */
        ck_assert_uint_eq(b[20], 58);
        ck_assert_uint_eq(b[21], 255);                  /* hop limit */
        ck_assert_mem_eq(b + 22, any.s6_addr, 16);      /* source :: */
        ck_assert_mem_eq(b + 38, sn.s6_addr, 16);       /* solicited-node group */
        ck_assert_uint_eq(b[54], 135);
        ck_assert_uint_eq(b[55], 0);
        ck_assert_mem_eq(b + 62, t.s6_addr, 16);
        ck_assert_uint_eq(sum16(b + 22, b + 38, b + 54, 24), 0xffff);  /* checksum valid */
        ck_assert_int_eq(nd_parse_frame(b, (size_t)n, &f), 0);
        ck_assert(nd_frame_is_dad(&f));
        ck_assert(!f.has_sll && !f.has_tll);
        ck_assert_mem_eq(f.target.s6_addr, t.s6_addr, 16);
        t = ip6("ff02::1");
        ck_assert_int_eq(nd_build_dad_probe(b, sizeof(b), me, &t), -EINVAL);
        ck_assert_int_eq(nd_build_dad_probe(b, sizeof(b), me, &any), -EINVAL);
}
END_TEST

START_TEST(solicited_node_group)
{
        struct in6_addr t = ip6("fe80::5054:ff:fe12:3456"), g;
        uint8_t mac[6];

        nd_solicited_node(&t, &g);
        ck_assert_mem_eq(g.s6_addr, ip6("ff02::1:ff12:3456").s6_addr, 16);
        nd_multicast_mac(&g, mac);
        ck_assert_mem_eq(mac, ((uint8_t[]){ 0x33, 0x33, 0xff, 0x12, 0x34, 0x56 }), 6);
}
END_TEST

START_TEST(parse_na_and_ns)
{
        uint8_t b[256];
        struct spec s = na();
        struct nd_frame f;
        size_t n = craft(b, &s);

        ck_assert_int_eq(nd_parse_frame(b, n, &f), 0);
        ck_assert_uint_eq(f.type, ND_NEIGHBOR_ADVERT);
        ck_assert(f.override && !f.solicited && !f.router);
        ck_assert(f.has_tll);
        ck_assert_mem_eq(f.tll, peer, 6);
        ck_assert_mem_eq(f.eth_src, peer, 6);
        ck_assert(!f.vlan);
        ck_assert(!nd_frame_is_dad(&f));

        s.vlan = true;
        n = craft(b, &s);
        ck_assert_int_eq(nd_parse_frame(b, n, &f), 0);
        ck_assert(f.vlan);
        ck_assert_uint_eq(f.vlan_id, 42);

        s = dad_ns();
        n = craft(b, &s);
        ck_assert_int_eq(nd_parse_frame(b, n, &f), 0);
        ck_assert(nd_frame_is_dad(&f));

        /* address resolution: unicast source, SLLA: valid, not DAD */
        s.src = "2001:db8::9";
        s.opts = SLL_PEER;
        s.optlen = 8;
        n = craft(b, &s);
        ck_assert_int_eq(nd_parse_frame(b, n, &f), 0);
        ck_assert(!nd_frame_is_dad(&f));
        ck_assert(f.has_sll);

        /* Ethernet padding after the message is fine */
        s = na();
        n = craft(b, &s);
        ck_assert_int_eq(nd_parse_frame(b, n + 30, &f), 0);
}
END_TEST

START_TEST(every_truncation)
{
        uint8_t b[256];
        struct spec s = na();
        struct nd_frame f;
        size_t n;

        s.vlan = true;
        n = craft(b, &s);
        for (size_t k = 0; k < n; k++) {
                int r = nd_parse_frame(b, k, &f);

                ck_assert_msg(r == -EBADMSG, "length %zu: %d", k, r);
        }
        ck_assert_int_eq(nd_parse_frame(NULL, 0, &f), -EBADMSG);
}
END_TEST

START_TEST(validity_rules)
{
        static const uint8_t zero_opt[8] = { 2, 0 };
        static const uint8_t overrun[8] = { 2, 2 };
        uint8_t b[256];
        struct nd_frame f;
        struct spec s;

#define EXPECT(mod, err) do { s = na(); mod; ck_assert_int_eq(nd_parse_frame(b, craft(b, &s), &f), err); } while (0)
        EXPECT((void)0, 0);
        EXPECT(s.hop = 64, -EPROTO);                    /* forwarded */
        EXPECT(s.bad_sum = true, -EPROTO);
        EXPECT(s.code = 1, -EPROTO);
        EXPECT(s.target = "ff02::1", -EPROTO);          /* multicast target */
        EXPECT((s.opts = zero_opt, s.optlen = 8), -EPROTO);
        EXPECT((s.opts = overrun, s.optlen = 8), -EBADMSG);
        EXPECT(s.flags = 0x60, -EPROTO);                /* solicited, yet multicast */
        EXPECT((s.flags = 0x60, s.dst = "2001:db8::1"), 0);
        EXPECT(s.src = "::", -EPROTO);                  /* an NA from nobody */
        EXPECT(s.type = 128, -ENOMSG);                  /* echo request */
        EXPECT(s.next_header = 60, -ENOMSG);            /* destination options header */
        s = dad_ns();
        s.opts = SLL_PEER;
        s.optlen = 8;
        ck_assert_int_eq(nd_parse_frame(b, craft(b, &s), &f), -EPROTO);        /* DAD NS with SLLA */
        s = dad_ns();
        s.dst = "ff02::1";
        ck_assert_int_eq(nd_parse_frame(b, craft(b, &s), &f), -EPROTO);        /* not solicited-node */
#undef EXPECT
        /* IPv6 payload length longer than the frame, shorter than an NS */
        s = na();
        {
                size_t n = craft(b, &s);

                b[19] = 200;
                ck_assert_int_eq(nd_parse_frame(b, n, &f), -EBADMSG);
                b[18] = 0;
                b[19] = 20;
                ck_assert_int_eq(nd_parse_frame(b, n, &f), -EBADMSG);
        }
        /* ARP is not ours */
        memset(b, 0, 64);
        b[12] = 0x08;
        b[13] = 0x06;
        ck_assert_int_eq(nd_parse_frame(b, 60, &f), -ENOMSG);
}
END_TEST

static struct probe_target targets[3];
static const struct probe_iface ifs[1] = { { "eth0", 2, { 0x02, 0, 0, 0, 0, 1 } } };
static const uint8_t ours[1][6] = { { 0x02, 0, 0, 0, 0, 0x99 } };

static struct probe_params params(void)
{
        targets[0] = (struct probe_target){ .family = AF_INET6, .addr6 = ip6("2001:db8::7") };
        targets[1] = (struct probe_target){ .family = AF_INET6, .addr6 = ip6("2001:db8::8") };
        inet_pton(AF_INET, "198.51.100.7", &targets[2].addr);
        targets[2].family = 0;
        return (struct probe_params){ .targets = targets, .n_targets = 3, .ifaces = ifs, .n_ifaces = 1,
                                      .our_macs = ours, .n_our_macs = 1, .retries = 3, .timeout = 1,
                                      .rate = 100 };
}

START_TEST(classify_rfc4862)
{
        struct probe_params p = params();
        struct probe_answer a[3];
        uint8_t b[256];
        struct nd_frame f;
        struct spec s;

        memset(a, 0, sizeof(a));
        /* 5.4.4: an NA for the target from a foreign MAC: in use */
        s = na();
        ck_assert_int_eq(nd_parse_frame(b, craft(b, &s), &f), 0);
        probe_classify_nd(&p, a, &f, 0);
        probe_classify_nd(&p, a, &f, 0);                /* every retry: one claim */
        ck_assert_int_eq(a[0].state, PROBE_IN_USE);
        ck_assert_uint_eq(a[0].n_claims, 1);
        ck_assert_mem_eq(a[0].claims[0].mac, peer, 6);
        ck_assert(!a[0].claims[0].arp_mac_differs);
        ck_assert_int_eq(a[1].state, PROBE_FREE);
        ck_assert_int_eq(a[2].state, PROBE_FREE);       /* IPv4 untouched */

        /* a proxy advertising another MAC: both kept */
        s.src_mac = proxy;
        s.vlan = true;
        ck_assert_int_eq(nd_parse_frame(b, craft(b, &s), &f), 0);
        probe_classify_nd(&p, a, &f, 0);
        ck_assert_uint_eq(a[0].n_claims, 2);
        ck_assert_mem_eq(a[0].claims[1].mac, proxy, 6);
        ck_assert(a[0].claims[1].arp_mac_differs);
        ck_assert_mem_eq(a[0].claims[1].arp_mac, peer, 6);
        ck_assert(a[0].claims[1].vlan);
        ck_assert_uint_eq(a[0].claims[1].vlan_id, 42);

        /* 5.4.3: another node's DAD NS for .8: collision */
        s = dad_ns();
        s.target = "2001:db8::8";
        s.dst = "ff02::1:ff00:8";
        ck_assert_int_eq(nd_parse_frame(b, craft(b, &s), &f), 0);
        probe_classify_nd(&p, a, &f, 0);
        ck_assert_int_eq(a[1].state, PROBE_COLLISION);
        ck_assert(a[1].claims[0].probe);

        /* ... then its NA: in use wins */
        s = na();
        s.target = s.src = "2001:db8::8";
        ck_assert_int_eq(nd_parse_frame(b, craft(b, &s), &f), 0);
        probe_classify_nd(&p, a, &f, 0);
        ck_assert_int_eq(a[1].state, PROBE_IN_USE);
}
END_TEST

START_TEST(classify_ignores)
{
        struct probe_params p = params();
        struct probe_answer a[3];
        uint8_t b[256];
        struct nd_frame f;
        struct spec s;

        memset(a, 0, sizeof(a));
        /* our own MACs: the frame's source, or the advertised one */
        s = na();
        s.src_mac = ours[0];
        ck_assert_int_eq(nd_parse_frame(b, craft(b, &s), &f), 0);
        probe_classify_nd(&p, a, &f, 0);
        s = na();
        s.src_mac = ifs[0].mac;
        ck_assert_int_eq(nd_parse_frame(b, craft(b, &s), &f), 0);
        probe_classify_nd(&p, a, &f, 0);
        /* address resolution for the target: says nothing */
        s = dad_ns();
        s.src = "2001:db8::9";
        ck_assert_int_eq(nd_parse_frame(b, craft(b, &s), &f), 0);
        probe_classify_nd(&p, a, &f, 0);
        /* an NA for another address */
        s = na();
        s.target = s.src = "2001:db8::99";
        ck_assert_int_eq(nd_parse_frame(b, craft(b, &s), &f), 0);
        probe_classify_nd(&p, a, &f, 0);
        for (int i = 0; i < 3; i++) {
                ck_assert_int_eq(a[i].state, PROBE_FREE);
                ck_assert_uint_eq(a[i].n_claims, 0);
        }
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("nd_codec");
        TCase *tc = tcase_create("codec");

        tcase_add_test(tc, build_dad_probe);
        tcase_add_test(tc, solicited_node_group);
        tcase_add_test(tc, parse_na_and_ns);
        tcase_add_test(tc, every_truncation);
        tcase_add_test(tc, validity_rules);
        tcase_add_test(tc, classify_rfc4862);
        tcase_add_test(tc, classify_ignores);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
