/*
 * test_probe_nd.c - IPv6 duplicate address detection through the probe
 * engine's I/O seam with a fake backend and a fake clock, like the ARP
 * tests in test_probe_engine.c: the schedule, retries, rate cap and early
 * stop hold for DAD probes; NAs and rival DAD probes are classified; the
 * endpoints capture NDP and join all-nodes and each solicited-node group
 * once; a failed join is a warning; IPv4 and IPv6 targets share one run.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "probe_engine.h"

#define EPS 1e-9
#define MAXQ 2048

struct fake_frame {
        double at;
        uint8_t b[128];
        size_t len;
};

struct responder {
        bool v6;
        struct in6_addr addr6;
        struct in_addr addr;
        uint8_t mac[6];
        double delay;
        bool probe;                     /* answers with a DAD probe of its own */
        unsigned skip, heard;
};

struct fake {
        double now;
        uint16_t opened_as;
        int join_err;
        struct in6_addr joined[64];
        size_t n_joined;
        struct fake_frame q[MAXQ];
        size_t nq;
        struct { double at; bool v6; } sent[MAXQ];
        size_t nsent;
        struct responder rs[8];
        size_t n_rs;
        bool closed;
};

static const uint8_t MAC_A[6] = { 0x52, 0x54, 0x00, 0, 0, 0xaa };

static struct in6_addr ip6(const char *s)
{
        struct in6_addr a;

        ck_assert_int_eq(inet_pton(AF_INET6, s, &a), 1);
        return a;
}

/* What a Linux neighbour sends: an NA to all-nodes with its TLLA, or a DAD
 * NS of its own.  Built with the engine's codec for the NS, by hand for the
 * NA (checksum from the codec's rule, verified by nd_parse_frame). */
static uint16_t csum(const uint8_t *src, const uint8_t *dst, const uint8_t *m, size_t len)
{
        uint32_t s = 58 + (uint32_t)len;

        for (size_t i = 0; i < 16; i += 2)
                s += (unsigned)(src[i] << 8 | src[i + 1]) + (unsigned)(dst[i] << 8 | dst[i + 1]);
        for (size_t i = 0; i < len; i += 2)
                s += (unsigned)(m[i] << 8 | m[i + 1]);
        while (s >> 16)
                s = (s & 0xffff) + (s >> 16);
        return (uint16_t)~s;
}

static void na_bytes(struct fake_frame *f, const struct responder *r)
{
        static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 1 };
        uint8_t *b = f->b, *ip = b + 14, *m = ip + 40;
        uint16_t c;

        memset(b, 0, sizeof(f->b));
        b[0] = 0x33; b[1] = 0x33; b[5] = 1;
        memcpy(b + 6, r->mac, 6);
        b[12] = 0x86; b[13] = 0xdd;
        ip[0] = 0x60; ip[5] = 32; ip[6] = 58; ip[7] = 255;
        memcpy(ip + 8, r->addr6.s6_addr, 16);
        memcpy(ip + 24, all_nodes, 16);
        m[0] = 136;
        m[4] = 0x20;
        memcpy(m + 8, r->addr6.s6_addr, 16);
        m[24] = 2; m[25] = 1;
        memcpy(m + 26, r->mac, 6);
        c = csum(ip + 8, ip + 24, m, 32);
        m[2] = (uint8_t)(c >> 8);
        m[3] = (uint8_t)c;
        f->len = 14 + 40 + 32;
}

static void arp_reply_bytes(struct fake_frame *f, const struct responder *r)
{
        uint8_t *b = f->b;

        memset(b, 0, sizeof(f->b));
        memset(b, 0xff, 6);
        memcpy(b + 6, r->mac, 6);
        b[12] = 0x08; b[13] = 0x06;
        b[14] = 0; b[15] = 1; b[16] = 0x08; b[17] = 0; b[18] = 6; b[19] = 4; b[21] = 2;
        memcpy(b + 22, r->mac, 6);
        memcpy(b + 28, &r->addr, 4);
        memcpy(b + 38, &r->addr, 4);
        f->len = 60;
}

static int f_open(void *ctx, const char *ifname, uint16_t et, void **ret, char *err, size_t es,
                  char *warn, size_t ws)
{
        struct fake *fk = ctx;

        (void)ifname; (void)err; (void)es; (void)ws;
        warn[0] = '\0';
        fk->opened_as = et;
        *ret = fk;
        return 0;
}

static void f_close(void *ctx, void *h)
{
        (void)h;
        ((struct fake *)ctx)->closed = true;
}

static int f_join(void *ctx, void *h, const struct in6_addr *g, char *err, size_t es)
{
        struct fake *fk = ctx;

        (void)h;
        if (fk->join_err) {
                snprintf(err, es, "IPV6_ADD_MEMBERSHIP: %s", strerror(-fk->join_err));
                return fk->join_err;
        }
        ck_assert_uint_lt(fk->n_joined, 64);
        fk->joined[fk->n_joined++] = *g;
        return 0;
}

static int f_send(void *ctx, void *h, const void *frame, size_t len, char *err, size_t es)
{
        struct fake *fk = ctx;
        struct nd_frame n;
        struct arp_frame a;
        bool v6;

        (void)h; (void)err; (void)es;
        v6 = nd_parse_frame(frame, len, &n) == 0;
        if (v6) {
                ck_assert(nd_frame_is_dad(&n));
                ck_assert(!n.has_sll);
                ck_assert_uint_eq(n.type, ND_NEIGHBOR_SOLICIT);        /* never an NA */
        } else {
                ck_assert_int_eq(arp_parse_frame(frame, len, &a), 0);
                ck_assert(arp_frame_is_probe(&a));
        }
        ck_assert_uint_lt(fk->nsent, MAXQ);
        fk->sent[fk->nsent].at = fk->now;
        fk->sent[fk->nsent++].v6 = v6;
        for (size_t i = 0; i < fk->n_rs; i++) {
                struct responder *r = &fk->rs[i];
                struct fake_frame *q;

                if (r->v6 != v6 || (v6 ? memcmp(&r->addr6, &n.target, 16) != 0
                                       : r->addr.s_addr != a.tpa.s_addr))
                        continue;
                if (r->heard++ < r->skip)
                        continue;
                q = &fk->q[fk->nq++];
                q->at = fk->now + r->delay;
                if (!v6) {
                        arp_reply_bytes(q, r);
                } else if (r->probe) {
                        ck_assert_int_eq(nd_build_dad_probe(q->b, sizeof(q->b), r->mac, &r->addr6), 78);
                        q->len = 78;
                } else {
                        na_bytes(q, r);
                }
        }
        return 0;
}

static int f_receive(void *ctx, void *h, int max, probe_io_frame_fn fn, void *ud, char *err, size_t es)
{
        struct fake *fk = ctx;
        int n = 0;

        (void)h; (void)err; (void)es;
        for (size_t i = 0; i < fk->nq && n < max; i++)
                if (fk->q[i].len && fk->q[i].at <= fk->now + EPS) {
                        fn(ud, fk->q[i].b, fk->q[i].len);
                        fk->q[i].len = 0;
                        n++;
                }
        return n;
}

static double f_now(void *ctx)
{
        return ((struct fake *)ctx)->now + 50.0;
}

static int f_wait(void *ctx, void *const *h, size_t n, double until, bool *ready)
{
        struct fake *fk = ctx;
        double next = until - 50.0;

        for (size_t i = 0; i < fk->nq; i++)
                if (fk->q[i].len && fk->q[i].at < next)
                        next = fk->q[i].at;
        if (next > fk->now)
                fk->now = next;
        for (size_t k = 0; k < n; k++) {
                ready[k] = false;
                for (size_t i = 0; h[k] && i < fk->nq; i++)
                        if (fk->q[i].len && fk->q[i].at <= fk->now + EPS)
                                ready[k] = true;
        }
        return 0;
}

static const struct probe_io_ops fake_ops = {
        .open = f_open, .close = f_close, .send = f_send, .receive = f_receive,
        .now = f_now, .wait = f_wait, .join = f_join,
};

struct run {
        struct probe_target t[64];
        struct probe_iface ifs[1];
        struct probe_answer ans[64];
        struct probe_if_result res[1];
        struct probe_stats st;
        struct probe_params p;
        char err[PROBE_ERRMSG_MAX];
};

/* n6 IPv6 targets 2001:db8::100.., then n4 IPv4 ones 198.51.100.100.. */
static int run(struct fake *fk, struct run *r, size_t n6, size_t n4, double window, unsigned retries,
               unsigned rate, uint64_t seed)
{
        for (size_t i = 0; i < n6 + n4; i++) {
                char s[48];

                r->t[i] = (struct probe_target){ 0 };
                if (i < n6) {
                        snprintf(s, sizeof(s), "2001:db8::%zx", 0x100 + i);
                        r->t[i].family = AF_INET6;
                        r->t[i].addr6 = ip6(s);
                } else {
                        snprintf(s, sizeof(s), "198.51.100.%zu", 100 + i - n6);
                        ck_assert_int_eq(inet_pton(AF_INET, s, &r->t[i].addr), 1);
                }
        }
        r->ifs[0] = (struct probe_iface){ .name = "eth0", .ifindex = 2, .mac = { 0x02, 0, 0, 0, 0, 1 } };
        r->p = (struct probe_params){ .targets = r->t, .n_targets = n6 + n4, .ifaces = r->ifs,
                                      .n_ifaces = 1, .retries = retries, .timeout = window,
                                      .rate = rate, .seed = seed };
        return probe_run_io(&r->p, &fake_ops, fk, r->ans, r->res, &r->st, r->err, sizeof(r->err));
}

/* No answer: `retries` DAD probes per address on RFC 5227's schedule,
 * listening ANNOUNCE_WAIT after the last, within the window; the endpoint
 * captures NDP and joined all-nodes plus the solicited-node group. */
START_TEST(schedule_and_groups)
{
        for (uint64_t seed = 1; seed <= 100; seed++) {
                struct fake *fk = calloc(1, sizeof(*fk));
                struct run *r = calloc(1, sizeof(*r));
                struct probe_timing tm;

                probe_timing_from_window(4.5, 3, &tm);
                ck_assert_int_eq(run(fk, r, 1, 0, 4.5, 3, 1000, seed), 0);
                ck_assert_uint_eq(fk->opened_as, PROBE_IO_ETH_IPV6);
                ck_assert_uint_eq(fk->nsent, 3);
                ck_assert(fk->sent[0].v6);
                ck_assert(fk->sent[0].at >= 0 && fk->sent[0].at < tm.probe_wait);
                for (int i = 1; i < 3; i++) {
                        double gap = fk->sent[i].at - fk->sent[i - 1].at;

                        ck_assert(gap >= tm.probe_min - EPS && gap <= tm.probe_max + EPS);
                }
                ck_assert_double_eq_tol(r->st.seconds, fk->sent[2].at + tm.announce_wait, 1e-6);
                ck_assert_int_eq(r->ans[0].state, PROBE_FREE);
                ck_assert_uint_eq(fk->n_joined, 2);
                ck_assert_mem_eq(fk->joined[0].s6_addr, ip6("ff02::1").s6_addr, 16);
                ck_assert_mem_eq(fk->joined[1].s6_addr, ip6("ff02::1:ff00:100").s6_addr, 16);
                ck_assert(fk->closed);
                free(r);
                free(fk);
        }
}
END_TEST

/* Addresses that share their low 24 bits share a group: joined once. */
START_TEST(groups_joined_once)
{
        struct fake *fk = calloc(1, sizeof(*fk));
        struct run *r = calloc(1, sizeof(*r));

        ck_assert_int_eq(run(fk, r, 3, 0, 1.0, 1, 1000, 3), 0);
        r->t[1].addr6 = ip6("2001:db8:1::100");                 /* same group as ::100 */
        fk->n_joined = 0;
        ck_assert_int_eq(probe_run_io(&r->p, &fake_ops, fk, r->ans, r->res, &r->st, r->err,
                                      sizeof(r->err)), 0);
        ck_assert_uint_eq(fk->n_joined, 3);                     /* ff02::1, ::100, ::102 */
        free(r);
        free(fk);
}
END_TEST

/* RFC 4862 5.4.4: an NA for the target: in use, early stop after one probe. */
START_TEST(advertisement_is_in_use)
{
        struct fake *fk = calloc(1, sizeof(*fk));
        struct run *r = calloc(1, sizeof(*r));

        fk->rs[fk->n_rs++] = (struct responder){ .v6 = true, .addr6 = ip6("2001:db8::100"), .delay = 0.001 };
        memcpy(fk->rs[0].mac, MAC_A, 6);
        ck_assert_int_eq(run(fk, r, 1, 0, 4.5, 3, 1000, 11), 0);
        ck_assert_uint_eq(fk->nsent, 1);
        ck_assert_int_eq(r->ans[0].state, PROBE_IN_USE);
        ck_assert_uint_eq(r->ans[0].n_claims, 1);
        ck_assert_mem_eq(r->ans[0].claims[0].mac, MAC_A, 6);
        ck_assert(!r->ans[0].claims[0].probe);
        ck_assert(r->st.seconds < fk->sent[0].at + 0.1);
        ck_assert_uint_eq(r->st.received, 1);
        free(r);
        free(fk);
}
END_TEST

/* RFC 4862 5.4.3: another node's DAD probe for the target: collision. */
START_TEST(rival_probe_is_collision)
{
        struct fake *fk = calloc(1, sizeof(*fk));
        struct run *r = calloc(1, sizeof(*r));

        fk->rs[fk->n_rs++] = (struct responder){ .v6 = true, .addr6 = ip6("2001:db8::101"),
                                                 .delay = 0.01, .probe = true };
        memcpy(fk->rs[0].mac, MAC_A, 6);
        ck_assert_int_eq(run(fk, r, 2, 0, 1.0, 3, 1000, 5), 0);
        ck_assert_int_eq(r->ans[0].state, PROBE_FREE);
        ck_assert_int_eq(r->ans[1].state, PROBE_COLLISION);
        ck_assert(r->ans[1].claims[0].probe);
        free(r);
        free(fk);
}
END_TEST

/* Retries reach a lossy neighbour; an NA from our own MAC is no claim. */
START_TEST(retries_and_own_mac)
{
        for (unsigned retries = 2; retries <= 3; retries++) {
                struct fake *fk = calloc(1, sizeof(*fk));
                struct run *r = calloc(1, sizeof(*r));

                fk->rs[fk->n_rs++] = (struct responder){ .v6 = true, .addr6 = ip6("2001:db8::100"),
                                                         .delay = 0.01, .skip = 2 };
                memcpy(fk->rs[0].mac, MAC_A, 6);
                ck_assert_int_eq(run(fk, r, 1, 0, 4.5, retries, 1000, 5), 0);
                ck_assert_uint_eq(fk->nsent, retries);
                ck_assert_int_eq(r->ans[0].state, retries == 3 ? PROBE_IN_USE : PROBE_FREE);
                free(r);
                free(fk);
        }
        {
                struct fake *fk = calloc(1, sizeof(*fk));
                struct run *r = calloc(1, sizeof(*r));

                fk->rs[fk->n_rs++] = (struct responder){ .v6 = true, .addr6 = ip6("2001:db8::100"),
                                                         .delay = 0.01, .mac = { 0x02, 0, 0, 0, 0, 1 } };
                ck_assert_int_eq(run(fk, r, 1, 0, 1.0, 3, 1000, 5), 0);
                ck_assert_int_eq(r->ans[0].state, PROBE_FREE);
                ck_assert_uint_eq(r->st.ignored, 3);
                free(r);
                free(fk);
        }
}
END_TEST

/* One run, both families: each answered by its own protocol; the rate cap
 * counts NS and ARP frames alike. */
START_TEST(mixed_families_and_rate)
{
        struct fake *fk = calloc(1, sizeof(*fk));
        struct run *r = calloc(1, sizeof(*r));
        size_t n6 = 0;

        fk->rs[fk->n_rs++] = (struct responder){ .v6 = true, .addr6 = ip6("2001:db8::101"), .delay = 0.01 };
        memcpy(fk->rs[0].mac, MAC_A, 6);
        fk->rs[fk->n_rs] = (struct responder){ .delay = 0.01 };
        inet_pton(AF_INET, "198.51.100.101", &fk->rs[fk->n_rs].addr);
        memcpy(fk->rs[fk->n_rs++].mac, MAC_A, 6);
        ck_assert_int_eq(run(fk, r, 20, 20, 1.0, 3, 20, 9), 0);
        ck_assert_int_eq(r->ans[1].state, PROBE_IN_USE);        /* 2001:db8::101 */
        ck_assert_int_eq(r->ans[21].state, PROBE_IN_USE);       /* 198.51.100.101 */
        for (size_t i = 0; i < 40; i++)
                if (i != 1 && i != 21)
                        ck_assert_int_eq(r->ans[i].state, PROBE_FREE);
        for (size_t i = 0; i < fk->nsent; i++)
                n6 += fk->sent[i].v6;
        ck_assert_uint_eq(n6, 19 * 3 + 1);
        ck_assert_uint_eq(fk->nsent - n6, 19 * 3 + 1);
        for (size_t i = 0; i < fk->nsent; i++)
                for (size_t j = i; j < fk->nsent; j++)
                        ck_assert((double)(j - i + 1) <= (fk->sent[j].at - fk->sent[i].at) * 20 + 3 + 1e-4);
        free(r);
        free(fk);
}
END_TEST

/* A failed join: the run goes on, with a warning naming the interface. */
START_TEST(join_failure_is_a_warning)
{
        struct fake *fk = calloc(1, sizeof(*fk));
        struct run *r = calloc(1, sizeof(*r));

        fk->join_err = -ENODEV;
        fk->rs[fk->n_rs++] = (struct responder){ .v6 = true, .addr6 = ip6("2001:db8::100"), .delay = 0.01 };
        memcpy(fk->rs[0].mac, MAC_A, 6);
        ck_assert_int_eq(run(fk, r, 1, 0, 1.0, 3, 1000, 5), 0);
        ck_assert_int_eq(r->ans[0].state, PROBE_IN_USE);
        ck_assert_int_eq(r->res[0].status, PROBE_IF_OK);
        ck_assert_msg(strstr(r->st.warning, "eth0: multicast membership") != NULL, "%s", r->st.warning);
        free(r);
        free(fk);
}
END_TEST

/* An IPv4-only run opens ARP captures and joins nothing; :: and multicast
 * targets are refused. */
START_TEST(ipv4_only_and_bad_targets)
{
        struct fake *fk = calloc(1, sizeof(*fk));
        struct run *r = calloc(1, sizeof(*r));

        ck_assert_int_eq(run(fk, r, 0, 1, 1.0, 1, 1000, 5), 0);
        ck_assert_uint_eq(fk->opened_as, PROBE_IO_ETH_ARP);
        ck_assert_uint_eq(fk->n_joined, 0);
        ck_assert_int_eq(run(fk, r, 1, 0, 1.0, 1, 1000, 5), 0);
        r->t[0].addr6 = ip6("::");
        ck_assert_int_eq(probe_run_io(&r->p, &fake_ops, fk, r->ans, r->res, &r->st, r->err,
                                      sizeof(r->err)), -EINVAL);
        r->t[0].addr6 = ip6("ff02::1:ff00:1");
        ck_assert_int_eq(probe_run_io(&r->p, &fake_ops, fk, r->ans, r->res, &r->st, r->err,
                                      sizeof(r->err)), -EINVAL);
        free(r);
        free(fk);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("probe_nd");
        TCase *tc = tcase_create("fake clock");

        tcase_add_test(tc, schedule_and_groups);
        tcase_add_test(tc, groups_joined_once);
        tcase_add_test(tc, advertisement_is_in_use);
        tcase_add_test(tc, rival_probe_is_collision);
        tcase_add_test(tc, retries_and_own_mac);
        tcase_add_test(tc, mixed_families_and_rate);
        tcase_add_test(tc, join_failure_is_a_warning);
        tcase_add_test(tc, ipv4_only_and_bad_targets);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
