/*
 * test_probe_engine.c - the probe engine's timing and failure handling
 * through its I/O seam with a fake backend and a fake clock: RFC 5227
 * schedule scaled from one window (jitter bounds), the rate cap, early
 * stop, retries, late answers inside and after the window, and interfaces
 * that fail to open, die while sending or while receiving.  No namespace,
 * no sleeping: the fake clock jumps to the next event.  (A mock by
 * necessity: timing cannot be asserted on a shared, loaded machine; the
 * pcap backend is covered by the namespace tests.)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "probe_engine.h"

#define EPS 1e-9
#define MAXQ 4096

struct fake_frame {
        double at;
        uint8_t b[64];
        size_t len;
};

struct fake_if {
        const char *name;
        int open_err;                   /* open fails with this */
        double send_fail_at;            /* sends fail from then on (< 0: never) */
        double recv_fail_at;            /* receive fails from then on (< 0: never) */
        int fail_err;
        struct fake_frame q[MAXQ];      /* frames to deliver */
        size_t nq;
        struct { double at; struct in_addr tpa; } sent[MAXQ];
        size_t nsent;
        bool open, closed;
};

struct responder {
        size_t iface;
        struct in_addr addr;
        uint8_t mac[6];
        double delay;                   /* after each probe it hears */
        bool probe;                     /* answers with a probe of its own (collision) */
        unsigned skip;                  /* ignores the first `skip` probes (loss) */
        unsigned heard;
};

struct fake {
        double now;
        struct fake_if ifs[4];
        size_t n_ifs;
        struct responder rs[8];
        size_t n_rs;
};

static void arp_frame_bytes(struct fake_frame *f, const uint8_t mac[6], uint16_t op,
                            struct in_addr spa, struct in_addr tpa)
{
        uint8_t *b = f->b;

        memset(b, 0, sizeof(f->b));
        memset(b, 0xff, 6);
        memcpy(b + 6, mac, 6);
        b[12] = 0x08; b[13] = 0x06;
        b[14] = 0; b[15] = 1; b[16] = 0x08; b[17] = 0; b[18] = 6; b[19] = 4;
        b[20] = 0; b[21] = (uint8_t)op;
        memcpy(b + 22, mac, 6);
        memcpy(b + 28, &spa, 4);
        memcpy(b + 38, &tpa, 4);
        f->len = 60;
}

static struct fake_if *by_name(struct fake *fk, const char *name)
{
        for (size_t i = 0; i < fk->n_ifs; i++)
                if (strcmp(fk->ifs[i].name, name) == 0)
                        return &fk->ifs[i];
        return NULL;
}

static int f_open(void *ctx, const char *ifname, uint16_t et, void **ret, char *err, size_t es,
                  char *warn, size_t ws)
{
        struct fake_if *fi = by_name(ctx, ifname);

        (void)ws;
        warn[0] = '\0';
        ck_assert_uint_eq(et, PROBE_IO_ETH_ARP);
        if (!fi || fi->open_err) {
                snprintf(err, es, "That device is not up");
                return fi ? fi->open_err : -ENODEV;
        }
        fi->open = true;
        *ret = fi;
        return 0;
}

static void f_close(void *ctx, void *h)
{
        (void)ctx;
        ((struct fake_if *)h)->closed = true;
}

static int f_send(void *ctx, void *h, const void *frame, size_t len, char *err, size_t es)
{
        struct fake *fk = ctx;
        struct fake_if *fi = h;
        struct arp_frame a;

        if (fi->send_fail_at >= 0 && fk->now >= fi->send_fail_at) {
                snprintf(err, es, "%s", strerror(-fi->fail_err));
                return fi->fail_err;
        }
        ck_assert_int_eq(arp_parse_frame(frame, len, &a), 0);
        ck_assert(arp_frame_is_probe(&a));
        ck_assert_uint_lt(fi->nsent, MAXQ);
        fi->sent[fi->nsent].at = fk->now;
        fi->sent[fi->nsent++].tpa = a.tpa;
        for (size_t i = 0; i < fk->n_rs; i++) {
                struct responder *r = &fk->rs[i];
                struct fake_frame *q;

                if (&fk->ifs[r->iface] != fi || r->addr.s_addr != a.tpa.s_addr)
                        continue;
                if (r->heard++ < r->skip)
                        continue;
                ck_assert_uint_lt(fi->nq, MAXQ);
                q = &fi->q[fi->nq++];
                q->at = fk->now + r->delay;
                arp_frame_bytes(q, r->mac, r->probe ? ARP_OP_REQUEST : ARP_OP_REPLY,
                                r->probe ? (struct in_addr){ 0 } : r->addr, r->addr);
        }
        return 0;
}

static int f_receive(void *ctx, void *h, int max, probe_io_frame_fn fn, void *ud, char *err, size_t es)
{
        struct fake *fk = ctx;
        struct fake_if *fi = h;
        int n = 0;

        if (fi->recv_fail_at >= 0 && fk->now >= fi->recv_fail_at) {
                snprintf(err, es, "the interface went down");
                return fi->fail_err;
        }
        for (size_t i = 0; i < fi->nq && n < max; i++)
                if (fi->q[i].len && fi->q[i].at <= fk->now + EPS) {
                        fn(ud, fi->q[i].b, fi->q[i].len);
                        fi->q[i].len = 0;
                        n++;
                }
        return n;
}

static double f_now(void *ctx)
{
        return ((struct fake *)ctx)->now + 100.0;       /* not zero-based: the engine must subtract */
}

static int f_wait(void *ctx, void *const *h, size_t n, double until, bool *ready)
{
        struct fake *fk = ctx;
        double next = until - 100.0;

        for (size_t k = 0; k < n; k++) {
                struct fake_if *fi = h[k];

                if (!fi)
                        continue;
                if (fi->recv_fail_at >= 0 && fi->recv_fail_at < next)
                        next = fi->recv_fail_at;
                for (size_t i = 0; i < fi->nq; i++)
                        if (fi->q[i].len && fi->q[i].at < next)
                                next = fi->q[i].at;
        }
        if (next > fk->now)
                fk->now = next;
        for (size_t k = 0; k < n; k++) {
                struct fake_if *fi = h[k];

                ready[k] = false;
                if (!fi)
                        continue;
                if (fi->recv_fail_at >= 0 && fk->now >= fi->recv_fail_at)
                        ready[k] = true;
                for (size_t i = 0; i < fi->nq; i++)
                        if (fi->q[i].len && fi->q[i].at <= fk->now + EPS)
                                ready[k] = true;
        }
        return 0;
}

static const struct probe_io_ops fake_ops = {
        .open = f_open, .close = f_close, .send = f_send, .receive = f_receive,
        .now = f_now, .wait = f_wait,
};

static const uint8_t MAC_A[6] = { 0x52, 0x54, 0x00, 0, 0, 0xaa };
static const uint8_t MAC_B[6] = { 0x52, 0x54, 0x00, 0, 0, 0xbb };

static struct fake *fake_new(size_t n_ifs)
{
        static const char *names[] = { "eth0", "eth1", "eth2", "eth3" };
        struct fake *fk = calloc(1, sizeof(*fk));

        ck_assert_ptr_nonnull(fk);
        fk->n_ifs = n_ifs;
        for (size_t i = 0; i < n_ifs; i++) {
                fk->ifs[i].name = names[i];
                fk->ifs[i].send_fail_at = -1;
                fk->ifs[i].recv_fail_at = -1;
        }
        return fk;
}

static struct in_addr ip(const char *s)
{
        struct in_addr a;

        ck_assert_int_eq(inet_pton(AF_INET, s, &a), 1);
        return a;
}

struct run {
        struct probe_target t[64];
        struct probe_iface ifs[4];
        struct probe_answer ans[64];
        struct probe_if_result res[4];
        struct probe_stats st;
        struct probe_params p;
        char err[PROBE_ERRMSG_MAX];
};

static int run(struct fake *fk, struct run *r, size_t n_targets, double window, unsigned retries,
               unsigned rate, uint64_t seed)
{
        static const char *names[] = { "eth0", "eth1", "eth2", "eth3" };

        for (size_t i = 0; i < n_targets; i++) {
                char s[32];

                snprintf(s, sizeof(s), "198.51.100.%zu", 100 + i);
                r->t[i].addr = ip(s);
        }
        for (size_t k = 0; k < fk->n_ifs; k++) {
                r->ifs[k].name = names[k];
                r->ifs[k].ifindex = (int)k + 2;
                r->ifs[k].mac[0] = 0x02;
                r->ifs[k].mac[5] = (uint8_t)k;
        }
        r->p = (struct probe_params){ .targets = r->t, .n_targets = n_targets, .ifaces = r->ifs,
                                      .n_ifaces = fk->n_ifs, .retries = retries, .timeout = window,
                                      .rate = rate, .seed = seed };
        return probe_run_io(&r->p, &fake_ops, fk, r->ans, r->res, &r->st, r->err, sizeof(r->err));
}

START_TEST(timing_scaled_from_window)
{
        struct probe_timing t;

        probe_timing_from_window(7.0, 3, &t);   /* RFC 5227's own numbers */
        ck_assert_double_eq_tol(t.probe_wait, 1.0, EPS);
        ck_assert_double_eq_tol(t.probe_min, 1.0, EPS);
        ck_assert_double_eq_tol(t.probe_max, 2.0, EPS);
        ck_assert_double_eq_tol(t.announce_wait, 2.0, EPS);
        probe_timing_from_window(4.5, 3, &t);   /* check's default: tolerates > 1 s late */
        ck_assert(t.announce_wait > 1.2);
        probe_timing_from_window(1.0, 3, &t);
        ck_assert_double_eq_tol(t.announce_wait, 2.0 / 7, EPS);
}
END_TEST

/* No answer: exactly `retries` probes per address, the first within
 * PROBE_WAIT, gaps within [PROBE_MIN, PROBE_MAX], listening ANNOUNCE_WAIT
 * after the last one, and never longer than the window. */
START_TEST(jitter_bounds_and_window_end)
{
        for (uint64_t seed = 1; seed <= 200; seed++) {
                struct fake *fk = fake_new(1);
                struct run *r = calloc(1, sizeof(*r));
                struct probe_timing tm;

                probe_timing_from_window(4.5, 3, &tm);
                ck_assert_int_eq(run(fk, r, 1, 4.5, 3, 1000, seed), 0);
                ck_assert_uint_eq(fk->ifs[0].nsent, 3);
                ck_assert(fk->ifs[0].sent[0].at >= 0 && fk->ifs[0].sent[0].at < tm.probe_wait);
                for (int i = 1; i < 3; i++) {
                        double gap = fk->ifs[0].sent[i].at - fk->ifs[0].sent[i - 1].at;

                        ck_assert(gap >= tm.probe_min - EPS && gap <= tm.probe_max + EPS);
                }
                ck_assert_double_eq_tol(r->st.seconds, fk->ifs[0].sent[2].at + tm.announce_wait, 1e-6);
                ck_assert(r->st.seconds <= 4.5 + EPS);
                ck_assert_int_eq(r->ans[0].state, PROBE_FREE);
                ck_assert_int_eq(r->res[0].status, PROBE_IF_OK);
                ck_assert_uint_eq(r->res[0].sent, 3);
                ck_assert(fk->ifs[0].closed);
                free(r);
                free(fk);
        }
}
END_TEST

/* Two addresses drawn apart, not in lockstep: their first probes differ. */
START_TEST(addresses_jittered_independently)
{
        struct fake *fk = fake_new(1);
        struct run *r = calloc(1, sizeof(*r));
        double first[2] = { -1, -1 };

        ck_assert_int_eq(run(fk, r, 2, 4.5, 3, 1000, 7), 0);
        ck_assert_uint_eq(fk->ifs[0].nsent, 6);
        for (size_t i = 0; i < 6; i++) {
                size_t k = fk->ifs[0].sent[i].tpa.s_addr == r->t[0].addr.s_addr ? 0 : 1;

                if (first[k] < 0)
                        first[k] = fk->ifs[0].sent[i].at;
        }
        ck_assert(fabs(first[0] - first[1]) > 1e-6);
        free(r);
        free(fk);
}
END_TEST

START_TEST(rate_cap)
{
        struct fake *fk = fake_new(1);
        struct run *r = calloc(1, sizeof(*r));
        struct probe_timing tm;

        probe_timing_from_window(1.0, 3, &tm);
        ck_assert_int_eq(run(fk, r, 50, 1.0, 3, 20, 3), 0);
        ck_assert_uint_eq(fk->ifs[0].nsent, 150);
        /* a token bucket 3 deep: any j - i + 1 frames span at least
         * (j - i + 1 - 3) / rate seconds */
        for (size_t i = 0; i < fk->ifs[0].nsent; i++)
                for (size_t j = i; j < fk->ifs[0].nsent; j++)
                        ck_assert((double)(j - i + 1) <=
                                  (fk->ifs[0].sent[j].at - fk->ifs[0].sent[i].at) * 20 + 3 + 1e-4);
        /* the cap stretches the run; listening still ends ANNOUNCE_WAIT after the last probe */
        ck_assert(r->st.seconds > 7.0);
        ck_assert_double_eq_tol(r->st.seconds, fk->ifs[0].sent[149].at + tm.announce_wait, 1e-6);
        free(r);
        free(fk);
}
END_TEST

/* An address that answered is not probed again; once every address has an
 * answer the run stops after a short grace. */
START_TEST(early_stop)
{
        struct fake *fk = fake_new(1);
        struct run *r = calloc(1, sizeof(*r));

        fk->rs[fk->n_rs++] = (struct responder){ .iface = 0, .addr = ip("198.51.100.100"),
                                                 .delay = 0.001 };
        memcpy(fk->rs[0].mac, MAC_A, 6);
        ck_assert_int_eq(run(fk, r, 1, 4.5, 3, 1000, 11), 0);
        ck_assert_uint_eq(fk->ifs[0].nsent, 1);
        ck_assert_int_eq(r->ans[0].state, PROBE_IN_USE);
        ck_assert_uint_eq(r->ans[0].n_claims, 1);
        ck_assert_mem_eq(r->ans[0].claims[0].mac, MAC_A, 6);
        ck_assert_double_eq_tol(r->ans[0].claims[0].at, fk->ifs[0].sent[0].at + 0.001, 1e-6);
        ck_assert(r->st.seconds < fk->ifs[0].sent[0].at + 0.1);
        ck_assert_uint_eq(r->res[0].received, 1);
        free(r);
        free(fk);
}
END_TEST

/* A claimant answering 1 s after each probe: found by check's default
 * window (4.5 s), missed by a 1 s window, whose listening has ended. */
START_TEST(late_answers)
{
        for (uint64_t seed = 1; seed <= 50; seed++) {
                struct fake *fk = fake_new(1);
                struct run *r = calloc(1, sizeof(*r));

                fk->rs[fk->n_rs++] = (struct responder){ .iface = 0, .addr = ip("198.51.100.100"),
                                                         .delay = 1.0 };
                memcpy(fk->rs[0].mac, MAC_A, 6);
                ck_assert_int_eq(run(fk, r, 1, 4.5, 3, 1000, seed), 0);
                ck_assert_int_eq(r->ans[0].state, PROBE_IN_USE);
                free(r);
                free(fk);

                fk = fake_new(1);
                r = calloc(1, sizeof(*r));
                fk->rs[fk->n_rs++] = (struct responder){ .iface = 0, .addr = ip("198.51.100.100"),
                                                         .delay = 1.0 };
                ck_assert_int_eq(run(fk, r, 1, 1.0, 3, 1000, seed), 0);
                ck_assert_int_eq(r->ans[0].state, PROBE_FREE);
                ck_assert(r->st.seconds <= 1.0 + EPS);
                free(r);
                free(fk);
        }
}
END_TEST

/* Retries: a claimant that loses the first two probes is found by the
 * third; with two probes per address it is not. */
START_TEST(retries_reach_a_lossy_claimant)
{
        for (unsigned retries = 2; retries <= 3; retries++) {
                struct fake *fk = fake_new(1);
                struct run *r = calloc(1, sizeof(*r));

                fk->rs[fk->n_rs++] = (struct responder){ .iface = 0, .addr = ip("198.51.100.100"),
                                                         .delay = 0.01, .skip = 2 };
                memcpy(fk->rs[0].mac, MAC_A, 6);
                ck_assert_int_eq(run(fk, r, 1, 4.5, retries, 1000, 5), 0);
                ck_assert_uint_eq(fk->ifs[0].nsent, retries);
                ck_assert_int_eq(r->ans[0].state, retries == 3 ? PROBE_IN_USE : PROBE_FREE);
                free(r);
                free(fk);
        }
}
END_TEST

/* eth0 dies while sending: its earlier answer stays, eth1 goes on. */
START_TEST(interface_dies_mid_run)
{
        struct fake *fk = fake_new(2);
        struct run *r = calloc(1, sizeof(*r));

        fk->ifs[0].send_fail_at = 0.2;
        fk->ifs[0].fail_err = -ENETDOWN;
        fk->rs[fk->n_rs++] = (struct responder){ .iface = 0, .addr = ip("198.51.100.100"), .delay = 0.001 };
        memcpy(fk->rs[0].mac, MAC_A, 6);
        fk->rs[fk->n_rs++] = (struct responder){ .iface = 1, .addr = ip("198.51.100.101"), .delay = 0.5 };
        memcpy(fk->rs[1].mac, MAC_B, 6);
        ck_assert_int_eq(run(fk, r, 3, 1.0, 3, 1000, 9), 0);
        ck_assert_int_eq(r->res[0].status, PROBE_IF_WENT_DOWN);
        ck_assert_int_eq(r->res[0].error, -ENETDOWN);
        ck_assert_str_eq(r->res[0].reason, "Network is down");
        ck_assert(r->res[0].stopped >= 0.2 - EPS);
        ck_assert_int_eq(r->res[1].status, PROBE_IF_OK);
        ck_assert_int_eq(r->ans[0].state, PROBE_IN_USE);        /* heard on eth0 before it died */
        ck_assert_uint_eq(r->ans[0].claims[0].iface, 0);
        ck_assert_int_eq(r->ans[1].state, PROBE_IN_USE);        /* eth1 carried on */
        ck_assert_uint_eq(r->ans[1].claims[0].iface, 1);
        ck_assert_int_eq(r->ans[2].state, PROBE_FREE);
        ck_assert(r->res[1].sent >= 3 && r->res[1].sent <= 9);  /* .102 in full */
        ck_assert(r->res[0].sent >= 1 && r->res[0].sent < 9);   /* stopped early */
        ck_assert(fk->ifs[0].closed && fk->ifs[1].closed);
        free(r);
        free(fk);
}
END_TEST

START_TEST(receive_failure_and_open_failure)
{
        struct fake *fk = fake_new(3);
        struct run *r = calloc(1, sizeof(*r));

        fk->ifs[0].open_err = -ENETDOWN;
        fk->ifs[1].recv_fail_at = 0.3;
        fk->ifs[1].fail_err = -EIO;
        fk->rs[fk->n_rs++] = (struct responder){ .iface = 2, .addr = ip("198.51.100.100"), .delay = 0.01 };
        memcpy(fk->rs[0].mac, MAC_A, 6);
        ck_assert_int_eq(run(fk, r, 2, 1.0, 3, 1000, 13), 0);   /* .101 free: the whole window */
        ck_assert_int_eq(r->res[0].status, PROBE_IF_OPEN_FAILED);
        ck_assert_str_eq(r->res[0].reason, "That device is not up");
        ck_assert_uint_eq(fk->ifs[0].nsent, 0);
        ck_assert_int_eq(r->res[1].status, PROBE_IF_RECEIVE_FAILED);
        ck_assert_str_eq(r->res[1].reason, "the interface went down");
        ck_assert_int_eq(r->res[2].status, PROBE_IF_OK);
        ck_assert_int_eq(r->ans[0].state, PROBE_IN_USE);
        free(r);
        free(fk);

        /* nothing opens: the run still returns 0, each interface says why */
        fk = fake_new(2);
        r = calloc(1, sizeof(*r));
        fk->ifs[0].open_err = -EPERM;
        fk->ifs[1].open_err = -ENETDOWN;
        ck_assert_int_eq(run(fk, r, 1, 1.0, 3, 1000, 13), 0);
        ck_assert_int_eq(r->res[0].status, PROBE_IF_OPEN_FAILED);
        ck_assert_int_eq(r->res[0].error, -EPERM);
        ck_assert_int_eq(r->res[1].status, PROBE_IF_OPEN_FAILED);
        ck_assert_uint_eq(r->st.sent, 0);
        free(r);
        free(fk);
}
END_TEST

/* Our own MAC answering is not a conflict; a foreign probe is a collision. */
START_TEST(own_mac_and_collision)
{
        struct fake *fk = fake_new(1);
        struct run *r = calloc(1, sizeof(*r));
        uint8_t own[6] = { 0x02, 0, 0, 0, 0, 0x77 };

        fk->rs[fk->n_rs++] = (struct responder){ .iface = 0, .addr = ip("198.51.100.100"), .delay = 0.01 };
        memcpy(fk->rs[0].mac, own, 6);
        fk->rs[fk->n_rs++] = (struct responder){ .iface = 0, .addr = ip("198.51.100.101"), .delay = 0.01,
                                                 .probe = true };
        memcpy(fk->rs[1].mac, MAC_B, 6);
        r->p.our_macs = NULL;
        {
                static uint8_t macs[1][6];

                memcpy(macs[0], own, 6);
                for (size_t i = 0; i < 2; i++) {
                        char s[32];

                        snprintf(s, sizeof(s), "198.51.100.%zu", 100 + i);
                        r->t[i].addr = ip(s);
                }
                r->ifs[0].name = "eth0";
                r->ifs[0].mac[0] = 0x02;
                r->p = (struct probe_params){ .targets = r->t, .n_targets = 2, .ifaces = r->ifs,
                                              .n_ifaces = 1, .retries = 3, .timeout = 1.0,
                                              .rate = 1000, .seed = 17,
                                              .our_macs = (const uint8_t (*)[6])macs, .n_our_macs = 1 };
                ck_assert_int_eq(probe_run_io(&r->p, &fake_ops, fk, r->ans, r->res, &r->st, r->err,
                                              sizeof(r->err)), 0);
        }
        ck_assert_int_eq(r->ans[0].state, PROBE_FREE);
        ck_assert_uint_eq(r->st.ignored, 3);
        ck_assert_int_eq(r->ans[1].state, PROBE_COLLISION);
        free(r);
        free(fk);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("probe_engine");
        TCase *tc = tcase_create("fake clock");

        tcase_add_test(tc, timing_scaled_from_window);
        tcase_add_test(tc, jitter_bounds_and_window_end);
        tcase_add_test(tc, addresses_jittered_independently);
        tcase_add_test(tc, rate_cap);
        tcase_add_test(tc, early_stop);
        tcase_add_test(tc, late_answers);
        tcase_add_test(tc, retries_reach_a_lossy_claimant);
        tcase_add_test(tc, interface_dies_mid_run);
        tcase_add_test(tc, receive_failure_and_open_failure);
        tcase_add_test(tc, own_mac_and_collision);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
