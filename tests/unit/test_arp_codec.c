/*
 * test_arp_codec.c - the ARP probe builder and the frame decoder on crafted
 * frames: every truncation point, 802.1Q, 802.2 LLC/SNAP, wrong
 * htype/ptype/hlen/plen/op,
 * odd sizes; and the RFC 5227 classification on decoded frames.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "arp_codec.h"
#include "check_main.h"
#include "probe_engine.h"

static const uint8_t me[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t peer[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t proxy[6] = { 0x00, 0x50, 0x56, 0xaa, 0xbb, 0xcc };

static struct in_addr ip(const char *s)
{
        struct in_addr a;

        inet_pton(AF_INET, s, &a);
        return a;
}

/* An ARP frame from eth_src with the given fields; returns its length. */
static size_t craft(uint8_t *buf, bool vlan, const uint8_t eth_src[6], uint16_t op,
                    const uint8_t sha[6], const char *spa, const char *tpa)
{
        size_t o = 0;
        struct in_addr s = ip(spa), t = ip(tpa);

        memset(buf, 0, 64);
        memset(buf, 0xff, 6);
        memcpy(buf + 6, eth_src, 6);
        o = 12;
        if (vlan) {
                buf[o++] = 0x81; buf[o++] = 0x00; buf[o++] = 0x20; buf[o++] = 0x2a; /* prio 1, vid 42 */
        }
        buf[o++] = 0x08; buf[o++] = 0x06;
        buf[o++] = 0; buf[o++] = 1; buf[o++] = 0x08; buf[o++] = 0x00; buf[o++] = 6; buf[o++] = 4;
        buf[o++] = (uint8_t)(op >> 8); buf[o++] = (uint8_t)op;
        memcpy(buf + o, sha, 6); o += 6;
        memcpy(buf + o, &s.s_addr, 4); o += 4;
        o += 6;
        memcpy(buf + o, &t.s_addr, 4); o += 4;
        return o;
}

START_TEST(build_probe)
{
        uint8_t buf[64], small[59];
        struct arp_frame f;
        int n = arp_build_probe(buf, sizeof(buf), me, ip("198.51.100.7"));

        ck_assert_int_eq(n, ARP_FRAME_MIN);
        ck_assert_int_eq(arp_build_probe(small, sizeof(small), me, ip("198.51.100.7")), -ENOBUFS);
        ck_assert_int_eq(arp_parse_frame(buf, (size_t)n, &f), 0);
        for (int i = 0; i < 6; i++)
                ck_assert_int_eq(f.eth_dst[i], 0xff);
        ck_assert_mem_eq(f.eth_src, me, 6);
        ck_assert_mem_eq(f.sha, me, 6);
        ck_assert_int_eq(f.op, ARP_OP_REQUEST);
        ck_assert_uint_eq(f.spa.s_addr, 0);             /* never a sender IP */
        ck_assert_uint_eq(f.tpa.s_addr, ip("198.51.100.7").s_addr);
        ck_assert(!f.vlan);
        ck_assert(arp_frame_is_probe(&f));
        for (int i = 0; i < 6; i++)
                ck_assert_int_eq(f.tha[i], 0);
        for (int i = 42; i < 60; i++)                  /* padding is zero */
                ck_assert_int_eq(buf[i], 0);
}
END_TEST

START_TEST(parse_reply_keeps_macs_apart)
{
        uint8_t buf[64];
        struct arp_frame f;
        size_t n = craft(buf, false, proxy, ARP_OP_REPLY, peer, "198.51.100.7", "198.51.100.1");

        ck_assert_int_eq(arp_parse_frame(buf, n, &f), 0);
        ck_assert_mem_eq(f.eth_src, proxy, 6);
        ck_assert_mem_eq(f.sha, peer, 6);
        ck_assert_int_eq(f.op, ARP_OP_REPLY);
        ck_assert_uint_eq(f.spa.s_addr, ip("198.51.100.7").s_addr);
        ck_assert(!arp_frame_is_probe(&f));
}
END_TEST

START_TEST(truncated_everywhere)
{
        uint8_t buf[64];
        struct arp_frame f;
        size_t n = craft(buf, false, peer, ARP_OP_REPLY, peer, "198.51.100.7", "198.51.100.1");

        ck_assert_uint_eq(n, 42);
        for (size_t len = 0; len < n; len++)
                ck_assert_int_eq(arp_parse_frame(buf, len, &f), -EBADMSG);
        ck_assert_int_eq(arp_parse_frame(buf, n, &f), 0);
        ck_assert_int_eq(arp_parse_frame(NULL, 0, &f), -EBADMSG);
}
END_TEST

START_TEST(vlan_tagged)
{
        uint8_t buf[64];
        struct arp_frame f;
        size_t n = craft(buf, true, peer, ARP_OP_REQUEST, peer, "198.51.100.7", "198.51.100.7");

        ck_assert_uint_eq(n, 46);
        for (size_t len = 0; len < n; len++)
                ck_assert_int_eq(arp_parse_frame(buf, len, &f), -EBADMSG);
        ck_assert_int_eq(arp_parse_frame(buf, n, &f), 0);
        ck_assert(f.vlan);
        ck_assert_int_eq(f.vlan_id, 42);
        ck_assert_uint_eq(f.spa.s_addr, ip("198.51.100.7").s_addr);
        /* A tag inside the tag (QinQ) is not ARP for us. */
        buf[16] = 0x81; buf[17] = 0x00;
        ck_assert_int_eq(arp_parse_frame(buf, n, &f), -ENOMSG);
}
END_TEST

/* The same ARP in IEEE 802.3 + 802.2 LLC/SNAP framing (RFC 1042),
 * optionally behind an 802.1Q tag. */
static size_t craft_snap(uint8_t *buf, bool vlan, const uint8_t eth_src[6], uint16_t op,
                         const uint8_t sha[6], const char *spa, const char *tpa)
{
        uint8_t eth2[64];
        size_t n = craft(eth2, vlan, eth_src, op, sha, spa, tpa), o = vlan ? 16 : 12;

        memset(buf, 0, 72);
        memcpy(buf, eth2, o);
        buf[o++] = 0; buf[o++] = 8 + 28;               /* 802.3 length: LLC/SNAP + ARP */
        buf[o++] = 0xaa; buf[o++] = 0xaa; buf[o++] = 0x03;
        buf[o++] = 0; buf[o++] = 0; buf[o++] = 0;
        buf[o++] = 0x08; buf[o++] = 0x06;
        memcpy(buf + o, eth2 + (vlan ? 18 : 14), 28);
        ck_assert_uint_eq(o + 28, n + 8);
        return o + 28;
}

START_TEST(llc_snap)
{
        uint8_t buf[72], b2[72];
        struct arp_frame f;
        size_t n = craft_snap(buf, false, proxy, ARP_OP_REPLY, peer, "198.51.100.7", "198.51.100.1");

        ck_assert_uint_eq(n, 50);
        for (size_t len = 0; len < n; len++)
                ck_assert_msg(arp_parse_frame(buf, len, &f) == -EBADMSG, "len %zu", len);
        ck_assert_int_eq(arp_parse_frame(buf, n, &f), 0);
        ck_assert(f.llc_snap);
        ck_assert(!f.vlan);
        ck_assert_int_eq(f.op, ARP_OP_REPLY);
        ck_assert_mem_eq(f.eth_src, proxy, 6);
        ck_assert_mem_eq(f.sha, peer, 6);
        ck_assert_uint_eq(f.spa.s_addr, ip("198.51.100.7").s_addr);
        ck_assert_uint_eq(f.tpa.s_addr, ip("198.51.100.1").s_addr);
        /* Padded to the Ethernet minimum: fine. */
        ck_assert_int_eq(arp_parse_frame(buf, 60, &f), 0);
        /* Behind an 802.1Q tag. */
        n = craft_snap(buf, true, peer, ARP_OP_REPLY, peer, "198.51.100.8", "198.51.100.1");
        ck_assert_int_eq(arp_parse_frame(buf, n, &f), 0);
        ck_assert(f.llc_snap && f.vlan);
        ck_assert_int_eq(f.vlan_id, 42);
        ck_assert_uint_eq(f.spa.s_addr, ip("198.51.100.8").s_addr);
        for (size_t len = 0; len < n; len++)
                ck_assert_int_eq(arp_parse_frame(buf, len, &f), -EBADMSG);
        /* Not SNAP, another OUI, another EtherType: not ARP. */
        n = craft_snap(buf, false, peer, ARP_OP_REPLY, peer, "198.51.100.7", "198.51.100.1");
        static const struct { size_t off; uint8_t val; } other[] = {
                { 14, 0x42 },   /* DSAP: spanning tree, not SNAP */
                { 15, 0x42 },
                { 16, 0x13 },   /* control field */
                { 19, 0xf8 },   /* OUI 0000F8 (802.1H bridge tunnel) */
                { 21, 0x00 },   /* EtherType 0x0800 */
        };
        for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
                memcpy(b2, buf, sizeof(b2));
                b2[other[i].off] = other[i].val;
                ck_assert_msg(arp_parse_frame(b2, n, &f) == -ENOMSG, "case %zu", i);
        }
        /* A length field too short for what follows is malformed. */
        memcpy(b2, buf, sizeof(b2));
        b2[13] = 35;
        ck_assert_int_eq(arp_parse_frame(b2, n, &f), -EBADMSG);
        /* 1501..1535 is neither a length nor a known type. */
        b2[12] = 0x05; b2[13] = 0xe0;
        ck_assert_int_eq(arp_parse_frame(b2, n, &f), -ENOMSG);
        /* The ARP inside is validated as in Ethernet II framing. */
        memcpy(b2, buf, sizeof(b2));
        b2[22 + 5] = 16;                                /* plen */
        ck_assert_int_eq(arp_parse_frame(b2, n, &f), -EPROTONOSUPPORT);
}
END_TEST

START_TEST(wrong_fields)
{
        static const struct { size_t off; uint8_t val; } bad[] = {
                { 15, 6 },      /* htype 6 (IEEE 802) */
                { 14, 1 },      /* htype 0x0101 */
                { 16, 0x86 },   /* ptype 0x86dd */
                { 17, 0x06 },   /* ptype 0x0806 */
                { 18, 8 },      /* hlen 8 */
                { 19, 16 },     /* plen 16 */
                { 21, 0 },      /* op 0 */
                { 21, 3 },      /* op 3 (RARP request) */
                { 20, 1 },      /* op 0x0102 */
        };
        uint8_t buf[64], b2[64];
        struct arp_frame f;
        size_t n = craft(buf, false, peer, ARP_OP_REPLY, peer, "198.51.100.7", "198.51.100.1");

        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                memcpy(b2, buf, sizeof(b2));
                b2[bad[i].off] = bad[i].val;
                ck_assert_msg(arp_parse_frame(b2, n, &f) == -EPROTONOSUPPORT, "case %zu", i);
        }
        memcpy(b2, buf, sizeof(b2));
        b2[12] = 0x08; b2[13] = 0x00;                  /* IPv4, not ARP */
        ck_assert_int_eq(arp_parse_frame(b2, n, &f), -ENOMSG);
}
END_TEST

START_TEST(odd_sizes)
{
        uint8_t big[1600];
        struct arp_frame f;
        size_t n = craft(big, false, peer, ARP_OP_REPLY, peer, "198.51.100.7", "198.51.100.1");

        /* Trailing bytes (padding, FCS, junk) are allowed; the ARP part is fixed. */
        memset(big + n, 0xa5, sizeof(big) - n);
        ck_assert_int_eq(arp_parse_frame(big, sizeof(big), &f), 0);
        ck_assert_int_eq(arp_parse_frame(big, 43, &f), 0);
        ck_assert_int_eq(arp_parse_frame(big, 13, &f), -EBADMSG);
        ck_assert_int_eq(arp_parse_frame(big, 14, &f), -EBADMSG);
        /* A tagged frame cut inside its tag. */
        n = craft(big, true, peer, ARP_OP_REPLY, peer, "198.51.100.7", "198.51.100.1");
        ck_assert_int_eq(arp_parse_frame(big, 15, &f), -EBADMSG);
        ck_assert_int_eq(arp_parse_frame(big, 17, &f), -EBADMSG);
}
END_TEST

/* ---- classification ---- */

static struct probe_target targets[3];
static const uint8_t our_macs[2][6] = {
        { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 },
        { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 },        /* a second card of ours */
};
static struct probe_iface ifs[1] = { { "eth0", 2, { 0x02, 0, 0, 0, 0, 0x01 } } };

static struct probe_params params(void)
{
        struct probe_params p = {
                .targets = targets, .n_targets = 3, .ifaces = ifs, .n_ifaces = 1,
                .our_macs = our_macs, .n_our_macs = 2, .retries = 3, .timeout = 1, .rate = 100,
        };

        targets[0].addr = ip("198.51.100.7");
        targets[1].addr = ip("198.51.100.8");
        targets[2].addr = ip("198.51.100.7");           /* the same address for another network */
        return p;
}

static void feed(const struct probe_params *p, struct probe_answer *a, bool vlan,
                 const uint8_t src[6], uint16_t op, const uint8_t sha[6], const char *spa,
                 const char *tpa)
{
        uint8_t buf[64];
        struct arp_frame f;
        size_t n = craft(buf, vlan, src, op, sha, spa, tpa);

        ck_assert_int_eq(arp_parse_frame(buf, n, &f), 0);
        probe_classify(p, a, &f, 0);
}

START_TEST(classify_in_use)
{
        struct probe_params p = params();
        struct probe_answer a[3] = { 0 };

        feed(&p, a, false, peer, ARP_OP_REPLY, peer, "198.51.100.7", "0.0.0.0");
        feed(&p, a, false, peer, ARP_OP_REPLY, peer, "198.51.100.7", "0.0.0.0"); /* retry */
        ck_assert_int_eq(a[0].state, PROBE_IN_USE);
        ck_assert_int_eq(a[2].state, PROBE_IN_USE);
        ck_assert_int_eq(a[1].state, PROBE_FREE);
        ck_assert_uint_eq(a[0].n_claims, 1);
        ck_assert(!a[0].claims[0].arp_mac_differs);
        /* A request (Request *or* Reply) with that sender IP, via a proxy MAC. */
        feed(&p, a, false, proxy, ARP_OP_REQUEST, peer, "198.51.100.8", "198.51.100.99");
        ck_assert_int_eq(a[1].state, PROBE_IN_USE);
        ck_assert(a[1].claims[0].arp_mac_differs);
        ck_assert_mem_eq(a[1].claims[0].mac, proxy, 6);
        ck_assert_mem_eq(a[1].claims[0].arp_mac, peer, 6);
        ck_assert_str_eq(probe_state_name(a[1].state), "in-use");
}
END_TEST

START_TEST(classify_ours_ignored)
{
        struct probe_params p = params();
        struct probe_answer a[3] = { 0 };

        feed(&p, a, false, our_macs[1], ARP_OP_REPLY, our_macs[1], "198.51.100.7", "0.0.0.0");
        feed(&p, a, false, our_macs[1], ARP_OP_REQUEST, our_macs[1], "0.0.0.0", "198.51.100.7");
        feed(&p, a, false, peer, ARP_OP_REPLY, our_macs[0], "198.51.100.7", "0.0.0.0");
        feed(&p, a, true, our_macs[0], ARP_OP_REPLY, our_macs[0], "198.51.100.7", "0.0.0.0");
        feed(&p, a, false, peer, ARP_OP_REPLY, peer, "198.51.100.9", "198.51.100.7");
        ck_assert_int_eq(a[0].state, PROBE_FREE);
        ck_assert_int_eq(a[1].state, PROBE_FREE);
        ck_assert_uint_eq(a[0].n_claims, 0);
}
END_TEST

/* A tagged answer is a claim (arp-scan reports it too), and keeps its VID;
 * the same MAC untagged is a second claim. */
START_TEST(classify_vlan_claim)
{
        struct probe_params p = params();
        struct probe_answer a[3] = { 0 };

        feed(&p, a, true, peer, ARP_OP_REPLY, peer, "198.51.100.7", "0.0.0.0");
        feed(&p, a, true, peer, ARP_OP_REPLY, peer, "198.51.100.7", "0.0.0.0");
        ck_assert_int_eq(a[0].state, PROBE_IN_USE);
        ck_assert_uint_eq(a[0].n_claims, 1);
        ck_assert(a[0].claims[0].vlan);
        ck_assert_int_eq(a[0].claims[0].vlan_id, 42);
        ck_assert_mem_eq(a[0].claims[0].mac, peer, 6);
        feed(&p, a, false, peer, ARP_OP_REPLY, peer, "198.51.100.7", "0.0.0.0");
        ck_assert_uint_eq(a[0].n_claims, 2);
        ck_assert(!a[0].claims[1].vlan);
        ck_assert_int_eq(a[1].state, PROBE_FREE);
}
END_TEST

START_TEST(classify_llc_snap_claim)
{
        struct probe_params p = params();
        struct probe_answer a[3] = { 0 };
        uint8_t buf[72];
        struct arp_frame f;
        size_t n = craft_snap(buf, false, proxy, ARP_OP_REPLY, proxy, "198.51.100.8", "0.0.0.0");

        ck_assert_int_eq(arp_parse_frame(buf, n, &f), 0);
        probe_classify(&p, a, &f, 0);
        ck_assert_int_eq(a[1].state, PROBE_IN_USE);
        ck_assert_mem_eq(a[1].claims[0].mac, proxy, 6);
        ck_assert(!a[1].claims[0].vlan);
}
END_TEST

START_TEST(classify_collision_and_cap)
{
        struct probe_params p = params();
        struct probe_answer a[3] = { 0 };
        uint8_t m[6] = { 0x00, 0x16, 0x3e, 0, 0, 0 };

        feed(&p, a, false, peer, ARP_OP_REQUEST, peer, "0.0.0.0", "198.51.100.8");
        ck_assert_int_eq(a[1].state, PROBE_COLLISION);
        ck_assert(a[1].claims[0].probe);
        /* An answer later turns it into in use, keeping both claims. */
        feed(&p, a, false, proxy, ARP_OP_REPLY, proxy, "198.51.100.8", "198.51.100.1");
        ck_assert_int_eq(a[1].state, PROBE_IN_USE);
        ck_assert_uint_eq(a[1].n_claims, 2);
        /* Many claimants: bounded. */
        for (int i = 0; i < 1000; i++) {
                m[4] = (uint8_t)(i >> 8);
                m[5] = (uint8_t)i;
                feed(&p, a, false, m, ARP_OP_REPLY, m, "198.51.100.7", "198.51.100.1");
        }
        ck_assert_uint_eq(a[0].n_claims, PROBE_MAX_CLAIMS);
        ck_assert(a[0].claims_truncated);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("arp_codec");
        TCase *tc = tcase_create("codec");

        tcase_add_test(tc, build_probe);
        tcase_add_test(tc, parse_reply_keeps_macs_apart);
        tcase_add_test(tc, truncated_everywhere);
        tcase_add_test(tc, vlan_tagged);
        tcase_add_test(tc, llc_snap);
        tcase_add_test(tc, wrong_fields);
        tcase_add_test(tc, odd_sizes);
        tcase_add_test(tc, classify_in_use);
        tcase_add_test(tc, classify_ours_ignored);
        tcase_add_test(tc, classify_vlan_claim);
        tcase_add_test(tc, classify_llc_snap_claim);
        tcase_add_test(tc, classify_collision_and_cap);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
