/*
 * test_watch_sched.c - when `watch` probes, through the probe seam with a
 * fake backend and a fake clock (watch_io.h over it, as the shipped path
 * wraps libpcap): one round per interval, each gap jittered within
 * [0.9, 1.1] x interval and not all equal, every round's probes inside its
 * own short window, at most addresses x retries per round per interface,
 * back-off (doubling to 8 intervals) while the interface cannot send and
 * back to one interval after, and a passive frame between rounds seen at
 * once.  No sleeping: the fake clock jumps.  (A mock by necessity: timing
 * over minutes cannot be asserted on a shared machine; the namespace test
 * watch_lan.sh runs the libpcap path.)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "watch_core.h"

#define MAXS 4096

struct fake {
        double now;
        bool down;                      /* sends fail with -ENETDOWN */
        struct { double at; struct in_addr tpa; } sent[MAXS];
        size_t nsent;
        uint8_t q[64];                  /* one pending frame */
        size_t qlen;
        double q_at;
        int handle;
};

static int f_open(void *ctx, const char *ifname, uint16_t et, void **ret, char *err, size_t es,
                  char *warn, size_t ws)
{
        (void)ifname; (void)et; (void)err; (void)es; (void)warn; (void)ws;
        *ret = &((struct fake *)ctx)->handle;
        return 0;
}

static void f_close(void *ctx, void *h)
{
        (void)ctx; (void)h;
}

static int f_send(void *ctx, void *h, const void *frame, size_t len, char *err, size_t es)
{
        struct fake *fk = ctx;
        struct arp_frame a;

        (void)h;
        if (fk->down) {
                snprintf(err, es, "down");
                return -ENETDOWN;
        }
        ck_assert_int_eq(arp_parse_frame(frame, len, &a), 0);
        ck_assert(arp_frame_is_probe(&a));
        ck_assert_uint_lt(fk->nsent, MAXS);
        fk->sent[fk->nsent].at = fk->now;
        fk->sent[fk->nsent++].tpa = a.tpa;
        return 0;
}

static int f_receive(void *ctx, void *h, int max, probe_io_frame_fn fn, void *ud, char *err, size_t es)
{
        struct fake *fk = ctx;

        (void)h; (void)err; (void)es; (void)max;
        if (fk->qlen && fk->q_at <= fk->now) {
                fn(ud, fk->q, fk->qlen);
                fk->qlen = 0;
                return 1;
        }
        return 0;
}

static double f_now(void *ctx)
{
        return ((struct fake *)ctx)->now + 1000.0;
}

static int f_wait(void *ctx, void *const *h, size_t n, double until, bool *ready)
{
        struct fake *fk = ctx;
        double next = until - 1000.0;

        if (fk->qlen && fk->q_at < next)
                next = fk->q_at;
        if (next > fk->now)
                fk->now = next;
        for (size_t k = 0; k < n; k++)
                ready[k] = h[k] && fk->qlen && fk->q_at <= fk->now;
        return 0;
}

static const struct probe_io_ops fake_ops = {
        .open = f_open, .close = f_close, .send = f_send, .receive = f_receive,
        .now = f_now, .wait = f_wait,
};

static void no_emit(void *ud, enum watch_event ev, const struct watch_fact *f)
{
        (void)ud; (void)ev; (void)f;
}

static const uint8_t our_mac[6] = { 0x02, 0, 0, 0, 0, 1 };
static const uint8_t their_mac[6] = { 0x02, 0, 0, 0, 0, 2 };

static void setup(struct watch *w, struct fake *fk, double interval, size_t n_probe, size_t n_listen)
{
        struct options opt = { .retries = 3, .rate = 1000, .timeout = 1.0 };
        struct probe_iface ifc = { .name = "eth0", .ifindex = 2 };
        struct in_addr a[4];

        memcpy(ifc.mac, our_mac, 6);
        for (size_t i = 0; i < n_probe + n_listen; i++) {
                char s[32];

                snprintf(s, sizeof(s), "192.168.56.%zu", i + 1);
                inet_pton(AF_INET, s, &a[i]);
        }
        watch_init(w, &opt, interval, &fake_ops, fk, NULL, no_emit, NULL);
        w->seed = 42;
        watch_sched_init(&w->sched, interval, 7, fake_ops.now(fk));
        ck_assert_int_eq(watch_set_plan(w, a, n_probe, n_listen, &ifc, 1), 0);
}

/* The start of each round: a send more than half an interval after the previous one. */
static size_t round_starts(const struct fake *fk, double *starts, size_t max)
{
        size_t n = 0;

        for (size_t i = 0; i < fk->nsent && n < max; i++)
                if (i == 0 || fk->sent[i].at - fk->sent[i - 1].at > 0.3)
                        starts[n++] = fk->sent[i].at;
        return n;
}

static void run_until(struct watch *w, struct fake *fk, double t)
{
        while (fk->now < t)
                ck_assert_int_ge(watch_step(w, fake_ops.now(fk) + 0.25), 0);
}

START_TEST(one_round_per_interval_jittered)
{
        static struct fake fk;
        struct watch w;
        double starts[64], gmin = 1e9, gmax = 0;
        size_t n, per_round = 0;

        memset(&fk, 0, sizeof(fk));
        setup(&w, &fk, 10, 2, 0);
        ck_assert(w.window <= 10 / 4.0 && w.window <= WATCH_MAX_WINDOW);
        run_until(&w, &fk, 200);
        n = round_starts(&fk, starts, 64);
        /* 200 s at 9..11 s per gap: 19..23 rounds (the first at 0). */
        ck_assert_uint_ge(n, 19);
        ck_assert_uint_le(n, 23);
        ck_assert_uint_eq(n, w.rounds);
        for (size_t i = 1; i < n; i++) {
                double g = starts[i] - starts[i - 1];

                /* the gap is measured round end to next start, plus the
                 * first probe's random delay inside the window */
                ck_assert(g >= 9.0 - 1e-6 && g <= 11.0 + w.window);
                gmin = g < gmin ? g : gmin;
                gmax = g > gmax ? g : gmax;
        }
        ck_assert_msg(gmax - gmin > 0.2, "gaps are not jittered (%f..%f)", gmin, gmax);
        /* Every round: exactly addresses x retries probes, inside its window. */
        for (size_t r = 0; r < n; r++) {
                size_t c = 0;

                for (size_t i = 0; i < fk.nsent; i++)
                        if (fk.sent[i].at >= starts[r] && fk.sent[i].at < starts[r] + 5) {
                                c++;
                                ck_assert(fk.sent[i].at - starts[r] <= w.window);
                        }
                ck_assert_uint_eq(c, 2 * 3);
                per_round += c;
        }
        ck_assert_uint_eq(per_round, fk.nsent);
        watch_free(&w);
}
END_TEST

START_TEST(back_off_while_down)
{
        static struct fake fk;
        struct watch w;
        double attempts[16];
        size_t n = 0;
        unsigned long last_rounds = 0;

        memset(&fk, 0, sizeof(fk));
        setup(&w, &fk, 10, 1, 0);
        fk.down = true;
        /* Attempts are rounds that ended (each failing at its first send). */
        while (fk.now < 400 && n < 16) {
                ck_assert_int_ge(watch_step(&w, fake_ops.now(&fk) + 0.25), 0);
                if (w.rounds != last_rounds) {
                        attempts[n++] = fk.now;
                        last_rounds = w.rounds;
                }
        }
        ck_assert_uint_eq(fk.nsent, 0);
        ck_assert_int_eq(w.ifres[0].status, PROBE_IF_WENT_DOWN);
        ck_assert_uint_ge(n, 5);
        /* Gaps 2, 4, 8, 8 ... intervals, each +-10 %. */
        {
                const double mult[] = { 2, 4, 8, 8 };

                for (size_t i = 0; i < 4; i++) {
                        double g = attempts[i + 1] - attempts[i];

                        ck_assert_msg(g >= 10 * mult[i] * 0.9 - 1 && g <= 10 * mult[i] * 1.1 + 1,
                                      "gap %zu is %f, want about %f", i, g, 10 * mult[i]);
                }
        }
        /* The LAN comes back: the next attempt succeeds, then one interval again. */
        fk.down = false;
        {
                double t = fk.now;
                double starts[8];
                size_t k;

                run_until(&w, &fk, t + 80 + 40);
                k = round_starts(&fk, starts, 8);
                ck_assert_uint_ge(k, 3);
                ck_assert(starts[2] - starts[1] >= 9 && starts[2] - starts[1] <= 11 + w.window);
        }
        watch_free(&w);
}
END_TEST

START_TEST(passive_frame_between_rounds)
{
        static struct fake fk;
        struct watch w;
        size_t sent_before;

        memset(&fk, 0, sizeof(fk));
        setup(&w, &fk, 60, 1, 1);       /* 192.168.56.1 planned, .2 live (listened for only) */
        run_until(&w, &fk, 5);
        sent_before = fk.nsent;
        ck_assert_uint_eq(sent_before, 3);      /* one address, probed only */
        ck_assert_int_eq(w.passive[1].state, PROBE_FREE);
        /* A gratuitous ARP for the live address from a foreign MAC at t = 20. */
        {
                uint8_t buf[64];

                memset(buf, 0, sizeof(buf));
                memset(buf, 0xff, 6);
                memcpy(buf + 6, their_mac, 6);
                buf[12] = 0x08; buf[13] = 0x06;
                buf[14] = 0; buf[15] = 1; buf[16] = 0x08; buf[17] = 0; buf[18] = 6; buf[19] = 4;
                buf[20] = 0; buf[21] = 1;
                memcpy(buf + 22, their_mac, 6);
                inet_pton(AF_INET, "192.168.56.2", buf + 28);
                inet_pton(AF_INET, "192.168.56.2", buf + 38);
                memcpy(fk.q, buf, 60);
                fk.qlen = 60;
                fk.q_at = 20;
        }
        run_until(&w, &fk, 20.5);
        ck_assert_int_eq(w.passive[1].state, PROBE_IN_USE);
        ck_assert_uint_eq(w.passive[1].n_claims, 1);
        ck_assert(memcmp(w.passive[1].claims[0].mac, their_mac, 6) == 0);
        ck_assert_uint_eq(fk.nsent, sent_before);       /* nothing sent for it */
        watch_free(&w);
}
END_TEST

START_TEST(window_fits_the_interval)
{
        ck_assert_double_eq(watch_sched_window(1, 1, false), 0.25);
        ck_assert_double_eq(watch_sched_window(60, 4.5, false), WATCH_MAX_WINDOW);
        ck_assert_double_eq(watch_sched_window(1, 4.5, true), 0.5);
        ck_assert_double_eq(watch_sched_window(60, 0.3, true), 0.3);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("watch_sched");
        TCase *tc = tcase_create("fake clock");

        tcase_add_test(tc, one_round_per_interval_jittered);
        tcase_add_test(tc, back_off_while_down);
        tcase_add_test(tc, passive_frame_between_rounds);
        tcase_add_test(tc, window_fits_the_interval);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
