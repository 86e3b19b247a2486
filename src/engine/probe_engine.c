/*
 * probe_engine.c - the probe event loop over the I/O seam (probe_io.h):
 * one wait over the endpoints of all selected interfaces; every address
 * probed `retries` times on RFC 5227's schedule scaled to the window,
 * rate-capped per interface; ARP answers classified per RFC 5227 2.1.1
 * (IPv6 DAD probes and NS/NA: probe_nd.c); early stop once every address
 * has an answer.  One interface failing ends only its part of the run.
 * Memory is fixed before the first frame: claims are capped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "netns_guard.h"
#include "privdrop.h"
#include "probe_engine.h"
#include "probe_nd.h"
#include "xalloc.h"

#define EARLY_GRACE     0.05    /* after the last address answered: late duplicates */
#define DISPATCH_BATCH  256     /* frames per endpoint per turn: sends are never starved */
#define RATE_BURST      3       /* frames the rate cap lets out back to back */
#define CLOCK_SLACK     1e-6    /* a wake-up this close to a deadline has reached it */

static const char *const state_names[_PROBE_STATE_MAX] = {
        [PROBE_FREE] = "free",
        [PROBE_IN_USE] = "in-use",
        [PROBE_COLLISION] = "collision",
};

const char *probe_state_name(enum probe_state s)
{
        return s < _PROBE_STATE_MAX ? state_names[s] : "unknown";
}

static const char *const if_status_names[_PROBE_IF_STATUS_MAX] = {
        [PROBE_IF_OK] = "ok",
        [PROBE_IF_WENT_DOWN] = "went-down",
        [PROBE_IF_OPEN_FAILED] = "open-failed",
        [PROBE_IF_SEND_FAILED] = "send-failed",
        [PROBE_IF_RECEIVE_FAILED] = "receive-failed",
};

const char *probe_if_status_name(enum probe_if_status s)
{
        return s < _PROBE_IF_STATUS_MAX ? if_status_names[s] : "unknown";
}

/* RFC 5227 section 1.1 gives PROBE_WAIT 1 s, PROBE_NUM 3, PROBE_MIN 1 s,
 * PROBE_MAX 2 s and ANNOUNCE_WAIT 2 s: with three probes at most
 * 1 + 2 + 2 + 2 = 7 s, that is (2 * PROBE_NUM + 1) units of one second.
 * Like n-acd (which scales its constants from one caller-chosen timeout),
 * we keep those ratios and shrink the unit so that the worst case fills
 * the caller's window exactly: unit = window / (2 * probes + 1).  This is
 * the deviation from the RFC, decided here: the RFC's 7 s protect a host
 * claiming an address for itself; a pre-start check may trade time for the
 * delay it tolerates, which is ANNOUNCE_WAIT = 2 units (check's default
 * window gives 1.29 s, `probe`'s 1 s window 0.29 s). */
void probe_timing_from_window(double window, unsigned probes, struct probe_timing *ret)
{
        double unit = window / (2.0 * (probes ? probes : 1) + 1.0);

        ret->probe_wait = unit;
        ret->probe_min = unit;
        ret->probe_max = 2 * unit;
        ret->announce_wait = 2 * unit;
}

bool probe_is_our_mac(const struct probe_params *p, const uint8_t mac[6])
{
        for (size_t i = 0; i < p->n_our_macs; i++)
                if (memcmp(p->our_macs[i], mac, 6) == 0)
                        return true;
        for (size_t i = 0; i < p->n_ifaces; i++)
                if (memcmp(p->ifaces[i].mac, mac, 6) == 0)
                        return true;
        return false;
}

void probe_add_claim(struct probe_answer *a, const struct probe_claim *c)
{
        /* The same claimant answers every retry: keep it once. */
        for (size_t i = 0; i < a->n_claims; i++)
                if (memcmp(a->claims[i].mac, c->mac, 6) == 0 &&
                    memcmp(a->claims[i].arp_mac, c->arp_mac, 6) == 0 &&
                    a->claims[i].iface == c->iface && a->claims[i].probe == c->probe &&
                    a->claims[i].vlan == c->vlan && a->claims[i].vlan_id == c->vlan_id)
                        return;
        if (a->n_claims >= PROBE_MAX_CLAIMS) {
                a->claims_truncated = true;
                return;
        }
        a->claims[a->n_claims++] = *c;
}

static void add_claim(struct probe_answer *a, const struct arp_frame *f, size_t iface, bool probe,
                      double at)
{
        struct probe_claim c = { .iface = iface, .probe = probe, .at = at };

        memcpy(c.mac, f->eth_src, 6);
        memcpy(c.arp_mac, f->sha, 6);
        c.arp_mac_differs = memcmp(f->eth_src, f->sha, 6) != 0;
        c.vlan = f->vlan;
        c.vlan_id = f->vlan ? f->vlan_id : 0;
        probe_add_claim(a, &c);
}

/* Linear in the number of targets: a check probes a handful, `probe` a few
 * hundred at most, and this keeps the shipped path the tested one. */
static void classify_at(const struct probe_params *p, struct probe_answer *answers,
                        const struct arp_frame *f, size_t iface, double at)
{
        /* A tagged answer to our untagged probe (a trunk port, a host
         * whose VLAN interface answers on the wire we probe) is a claim
         * like any other, as arp-scan reports it; the claim keeps the VID. */
        if (probe_is_our_mac(p, f->eth_src) || probe_is_our_mac(p, f->sha))
                return;
        for (size_t i = 0; i < p->n_targets; i++) {
                struct probe_answer *a = &answers[i];
                in_addr_t t = p->targets[i].addr.s_addr;

                if (probe_target_is_ipv6(&p->targets[i]))
                        continue;

                /* RFC 5227 2.1.1: "If during this period, from the beginning
                 * of the probing process until ANNOUNCE_WAIT seconds after the
                 * last probe packet is sent, the host receives any ARP packet
                 * (Request *or* Reply) on the interface where the probe is
                 * being performed, where the packet's 'sender IP address' is
                 * the address being probed for, then the host MUST treat this
                 * address as being in use by some other host [...]" */
                if (f->spa.s_addr == t) {
                        add_claim(a, f, iface, false, at);
                        a->state = PROBE_IN_USE;
                        continue;
                }
                /* RFC 5227 2.1.1: "In addition, if during this period the host
                 * receives any ARP Probe where the packet's 'target IP address'
                 * is the address being probed for, and the packet's 'sender
                 * hardware address' is not the hardware address of any of the
                 * host's interfaces, then the host SHOULD similarly treat this
                 * as an address conflict [...]"  (Our own MACs left above.) */
                if (arp_frame_is_probe(f) && f->tpa.s_addr == t) {
                        add_claim(a, f, iface, true, at);
                        if (a->state == PROBE_FREE)
                                a->state = PROBE_COLLISION;
                }
        }
}

void probe_classify(const struct probe_params *p, struct probe_answer *answers,
                    const struct arp_frame *f, size_t iface)
{
        classify_at(p, answers, f, iface, 0);
}

/* ---- the event loop ---- */

struct send_event {
        double at;              /* seconds after start */
        size_t target;          /* representative target of a distinct address */
};

struct loop_iface {
        void *h;                /* the backend's endpoint; NULL once failed */
        struct send_event *ev;
        size_t n_ev, next;
        double next_ok;         /* rate cap: earliest next send */
        struct probe_if_result *res;
};

struct loop {
        const struct probe_params *p;
        const struct probe_io_ops *io;
        void *io_ctx;
        struct probe_timing tm;
        struct probe_answer *answers;
        struct probe_stats *stats;
        struct loop_iface *ifs;
        size_t *uniq;           /* one target index per distinct address */
        size_t n_uniq;
        size_t cur_iface;       /* for the receive callback */
        double t0, now;         /* backend clock at the start; seconds since */
        uint64_t rng;
};

/* xorshift64*: jitter only, not security. */
static double rand01(uint64_t *s)
{
        *s ^= *s >> 12;
        *s ^= *s << 25;
        *s ^= *s >> 27;
        return (double)((*s * UINT64_C(2685821657736338717)) >> 11) / 9007199254740992.0;
}

static int event_cmp(const void *a, const void *b)
{
        const struct send_event *x = a, *y = b;

        return x->at < y->at ? -1 : x->at > y->at;
}

static int addr_index_cmp(const void *a, const void *b, void *arg)
{
        const struct probe_target *t = arg;

        return probe_target_cmp(&t[*(const size_t *)a], &t[*(const size_t *)b]);
}

static bool answered(const struct loop *l, size_t target)
{
        return l->answers[target].state != PROBE_FREE;
}

static void on_frame(void *userdata, const uint8_t *frame, size_t len)
{
        struct loop *l = userdata;
        struct arp_frame f;
        int r = arp_parse_frame(frame, len, &f);

        if (r == -ENOMSG) {     /* not ARP: an NS or NA of an IPv6 run? */
                r = probe_nd_frame(l->p, l->answers, frame, len, l->cur_iface, l->now);
                if (r >= 0) {   /* classified (0) or one of ours (1) */
                        l->stats->received++;
                        l->ifs[l->cur_iface].res->received++;
                        l->stats->ignored += r == 1;
                        return;
                }
        }
        if (r < 0) {
                l->stats->malformed++;
                return;
        }
        l->stats->received++;
        l->ifs[l->cur_iface].res->received++;
        if (probe_is_our_mac(l->p, f.eth_src) || probe_is_our_mac(l->p, f.sha)) {
                l->stats->ignored++;
                return;
        }
        classify_at(l->p, l->answers, &f, l->cur_iface, l->now);
}

/* Distinct addresses, and per interface the jittered send times of RFC 5227
 * 2.1.1: "the host first waits for a random time interval selected
 * uniformly in the range zero to PROBE_WAIT seconds, and should then send
 * PROBE_NUM probe packets, each of these probe packets spaced randomly and
 * uniformly, PROBE_MIN to PROBE_MAX seconds apart."  Each address on each
 * interface has its own draw, so sends spread instead of bursting. */
static int plan(struct loop *l)
{
        const struct probe_params *p = l->p;
        size_t *idx;

        idx = calloc(p->n_targets, sizeof(*idx));
        if (!idx)
                return -ENOMEM;
        for (size_t i = 0; i < p->n_targets; i++)
                idx[i] = i;
        qsort_r(idx, p->n_targets, sizeof(*idx), addr_index_cmp, (void *)p->targets);
        for (size_t i = 0; i < p->n_targets; i++)
                if (i == 0 || probe_target_cmp(&p->targets[idx[i]], &p->targets[idx[l->n_uniq - 1]]) != 0)
                        idx[l->n_uniq++] = idx[i];
        l->uniq = idx;

        for (size_t k = 0; k < p->n_ifaces; k++) {
                struct loop_iface *li = &l->ifs[k];

                li->n_ev = l->n_uniq * p->retries;
                li->ev = calloc(li->n_ev, sizeof(*li->ev));
                if (!li->ev)
                        return -ENOMEM;
                for (size_t u = 0; u < l->n_uniq; u++) {
                        double t = l->tm.probe_wait * rand01(&l->rng);

                        for (unsigned r = 0; r < p->retries; r++) {
                                struct send_event *e = &li->ev[u * p->retries + r];

                                e->at = t;
                                e->target = l->uniq[u];
                                t += l->tm.probe_min + (l->tm.probe_max - l->tm.probe_min) * rand01(&l->rng);
                        }
                }
                qsort(li->ev, li->n_ev, sizeof(*li->ev), event_cmp);
        }
        return 0;
}

static bool all_answered(const struct loop *l)
{
        for (size_t u = 0; u < l->n_uniq; u++)
                if (!answered(l, l->uniq[u]))
                        return false;
        return true;
}

static bool went_away(int e)
{
        return e == -ENETDOWN || e == -ENXIO || e == -ENODEV;
}

/* The interface leaves the run; what it received stays. */
static void iface_fail(struct loop *l, size_t k, enum probe_if_status st, int e, const char *msg)
{
        struct loop_iface *li = &l->ifs[k];

        li->res->status = went_away(e) ? PROBE_IF_WENT_DOWN : st;
        li->res->error = e;
        li->res->stopped = l->now;
        snprintf(li->res->reason, sizeof(li->res->reason), "%s", msg);
        if (li->h) {
                unsigned long d;

                if (l->io->drops && l->io->drops(l->io_ctx, li->h, &d) == 0)
                        l->stats->drops += d;
                l->io->close(l->io_ctx, li->h);
        }
        li->h = NULL;
        li->next = li->n_ev;
}

/* Sends what is due on one interface within its rate. */
static void send_due(struct loop *l, size_t k, double *last_send)
{
        struct loop_iface *li = &l->ifs[k];
        const struct probe_iface *pi = &l->p->ifaces[k];
        double gap = 1.0 / l->p->rate, now = l->now;

        while (li->h) {
                uint8_t frame[PROBE_FRAME_MAX];
                char msg[PROBE_ERRMSG_MAX] = "";
                int len, r;

                while (li->next < li->n_ev && answered(l, li->ev[li->next].target))
                        li->next++;     /* early stop for this address */
                if (li->next >= li->n_ev || li->ev[li->next].at > now + CLOCK_SLACK ||
                    li->next_ok > now + CLOCK_SLACK)
                        return;
                len = probe_build_frame(frame, sizeof(frame), pi->mac,
                                        &l->p->targets[li->ev[li->next].target]);
                if (len < 0) {
                        iface_fail(l, k, PROBE_IF_SEND_FAILED, len, "cannot build the probe");
                        return;
                }
                r = l->io->send(l->io_ctx, li->h, frame, (size_t)len, msg, sizeof(msg));
                if (r < 0) {
                        iface_fail(l, k, PROBE_IF_SEND_FAILED, r, msg[0] ? msg : strerror(-r));
                        return;
                }
                li->next++;
                l->stats->sent++;
                li->res->sent++;
                if (li->res->first_send < 0)
                        li->res->first_send = now;
                li->res->last_send = now;
                *last_send = now;
                /* A token bucket RATE_BURST deep: a late wake-up (a loaded
                 * host) catches up with a few frames, the average never
                 * exceeds the rate. */
                li->next_ok = (li->next_ok > now - (RATE_BURST - 1) * gap ?
                               li->next_ok : now - (RATE_BURST - 1) * gap) + gap;
        }
}

static int run_loop(struct loop *l, char *err, size_t errsize)
{
        const struct probe_params *p = l->p;
        double aw = l->tm.announce_wait, last_send = -1, stop_at = -1;
        _cleanup_free_ void **hs = calloc(p->n_ifaces, sizeof(*hs));
        _cleanup_free_ bool *ready = calloc(p->n_ifaces, sizeof(*ready));

        if (!hs || !ready)
                return -ENOMEM;
        for (;;) {
                double wake, end = -1;
                bool all_sent = true, any = false;
                int r;

                l->now = l->io->now(l->io_ctx) - l->t0;
                for (size_t k = 0; k < p->n_ifaces; k++) {
                        send_due(l, k, &last_send);
                        if (l->ifs[k].next < l->ifs[k].n_ev)
                                all_sent = false;
                        any |= l->ifs[k].h != NULL;
                }
                if (!any)
                        return 0;       /* every interface failed: nothing to wait for */
                if (stop_at < 0 && all_answered(l))
                        stop_at = l->now + (EARLY_GRACE < aw ? EARLY_GRACE : aw);
                /* RFC 5227 2.1.1: answers count "until ANNOUNCE_WAIT seconds
                 * after the last probe packet is sent". */
                if (all_sent)
                        end = last_send >= 0 ? last_send + aw : l->now;
                if (stop_at >= 0 && (end < 0 || stop_at < end))
                        end = stop_at;
                if (end >= 0 && l->now + CLOCK_SLACK >= end)
                        return 0;

                wake = end >= 0 ? end : l->now + 1;
                for (size_t k = 0; k < p->n_ifaces; k++) {
                        struct loop_iface *li = &l->ifs[k];
                        double at;

                        hs[k] = li->h;
                        ready[k] = false;
                        if (!li->h || li->next >= li->n_ev)
                                continue;
                        at = li->ev[li->next].at > li->next_ok ? li->ev[li->next].at : li->next_ok;
                        if (at < wake)
                                wake = at;
                }
                r = l->io->wait(l->io_ctx, hs, p->n_ifaces, l->t0 + wake, ready);
                if (r == -EINTR)
                        continue;
                if (r < 0) {
                        snprintf(err, errsize, "wait: %s", strerror(-r));
                        return r;
                }
                l->now = l->io->now(l->io_ctx) - l->t0;
                for (size_t k = 0; k < p->n_ifaces; k++) {
                        char msg[PROBE_ERRMSG_MAX] = "";

                        if (!ready[k] || !l->ifs[k].h)
                                continue;
                        l->cur_iface = k;
                        r = l->io->receive(l->io_ctx, l->ifs[k].h, DISPATCH_BATCH, on_frame, l,
                                           msg, sizeof(msg));
                        if (r < 0)
                                iface_fail(l, k, PROBE_IF_RECEIVE_FAILED, r, msg[0] ? msg : strerror(-r));
                }
        }
}

static int check_params(const struct probe_params *p, char *err, size_t errsize)
{
        if (!p->n_targets || !p->n_ifaces) {
                snprintf(err, errsize, "%s", !p->n_targets ? "no address to probe" : "no interface to probe on");
                return -EINVAL;
        }
        if (!p->retries || !p->rate || !(p->timeout > 0)) {
                snprintf(err, errsize, "retries, rate and timeout must be positive");
                return -EINVAL;
        }
        for (size_t i = 0; i < p->n_targets; i++)
                if (probe_target_check(&p->targets[i], err, errsize) < 0)
                        return -EINVAL;
        return 0;
}

int probe_run_io(const struct probe_params *p, const struct probe_io_ops *io, void *io_ctx,
                 struct probe_answer *answers, struct probe_if_result *ifres,
                 struct probe_stats *stats, char *err, size_t errsize)
{
        struct loop l = { .p = p, .io = io, .io_ctx = io_ctx, .answers = answers, .stats = stats };
        _cleanup_free_ struct probe_if_result *own = NULL;
        size_t n_open = 0;
        bool v6;
        int r;

        memset(stats, 0, sizeof(*stats));
        memset(answers, 0, p->n_targets * sizeof(*answers));
        r = check_params(p, err, errsize);
        if (r < 0)
                return r;
        if (!ifres && !(ifres = own = calloc(p->n_ifaces, sizeof(*own)))) {
                snprintf(err, errsize, "out of memory");
                return -ENOMEM;
        }
        for (size_t k = 0; k < p->n_ifaces; k++)
                ifres[k] = (struct probe_if_result){ .first_send = -1, .last_send = -1, .stopped = -1 };
        probe_timing_from_window(p->timeout, p->retries, &l.tm);
        l.rng = p->seed;
        if (!l.rng && (getrandom(&l.rng, sizeof(l.rng), 0) != sizeof(l.rng) || !l.rng))
                l.rng = (uint64_t)time(NULL) | 1;
        l.ifs = calloc(p->n_ifaces, sizeof(*l.ifs));
        if (!l.ifs) {
                r = -ENOMEM;
                goto out;
        }
        for (size_t k = 0; k < p->n_ifaces; k++)
                l.ifs[k].res = &ifres[k];
        r = plan(&l);
        if (r < 0)
                goto out;
        v6 = probe_params_ipv6(p);
        for (size_t k = 0; k < p->n_ifaces; k++) {
                char warn[PROBE_ERRMSG_MAX] = "", msg[PROBE_ERRMSG_MAX] = "";

                r = io->open(io_ctx, p->ifaces[k].name, v6 ? PROBE_IO_ETH_IPV6 : PROBE_IO_ETH_ARP,
                             &l.ifs[k].h, msg, sizeof(msg), warn, sizeof(warn));
                if (r == -ENOMEM)
                        goto out;
                if (r < 0) {
                        l.ifs[k].h = NULL;
                        iface_fail(&l, k, PROBE_IF_OPEN_FAILED, r, msg[0] ? msg : strerror(-r));
                        ifres[k].status = PROBE_IF_OPEN_FAILED;
                        ifres[k].stopped = 0;
                        continue;
                }
                n_open++;
                /* Unjoined groups cost only what a snooping switch or the
                 * NIC's filter withholds: a warning, not a failure. */
                if (v6 && (r = probe_nd_join(p, io, io_ctx, l.ifs[k].h, msg, sizeof(msg))) < 0) {
                        if (r == -ENOMEM)
                                goto out;
                        snprintf(warn, sizeof(warn), "multicast membership: %.200s", msg);
                }
                if (warn[0])    /* the caller reports it */
                        snprintf(stats->warning, sizeof(stats->warning), "%.32s: %.200s", p->ifaces[k].name, warn);
        }
        r = 0;
        if (!n_open)
                goto out;       /* nothing sent; every interface says why */
        if (io->opened && (r = io->opened(io_ctx, err, errsize)) < 0)
                goto out;
        l.t0 = io->now(io_ctx);
        r = run_loop(&l, err, errsize);
        stats->seconds = io->now(io_ctx) - l.t0;
        for (size_t k = 0; k < p->n_ifaces; k++) {
                unsigned long d;

                if (l.ifs[k].h && io->drops && io->drops(io_ctx, l.ifs[k].h, &d) == 0)
                        stats->drops += d;
        }
out:
        if (r == -ENOMEM)
                snprintf(err, errsize, "out of memory");
        if (l.ifs)
                for (size_t k = 0; k < p->n_ifaces; k++) {
                        if (l.ifs[k].h)
                                io->close(io_ctx, l.ifs[k].h);
                        free(l.ifs[k].ev);
                }
        free(l.ifs);
        free(l.uniq);
        return r;
}

int probe_run_ifs(const struct probe_params *p, struct probe_answer *answers,
                  struct probe_if_result *ifres, struct probe_stats *stats,
                  char *err, size_t errsize)
{
        struct probe_io_pcap ctx = { .keep_privileges = p->keep_privileges };
        _cleanup_free_ struct probe_if_result *own = NULL;
        int r;

        memset(stats, 0, sizeof(*stats));
        /* The test harness's safety net: never send from the root namespace
         * while it is armed. */
        if (netns_guard_check() < 0) {
                snprintf(err, errsize, "refusing to send probes from the initial network "
                         "namespace (VNETAUDIT_REQUIRE_NETNS is set)");
                return -EPERM;
        }
        if (!p->keep_privileges && privdrop_have_net_raw() < 0) {
                snprintf(err, errsize, PRIVDROP_NEED_NET_RAW);
                return -EPERM;
        }
        if (!ifres && p->n_ifaces && !(ifres = own = calloc(p->n_ifaces, sizeof(*own)))) {
                snprintf(err, errsize, "out of memory");
                return -ENOMEM;
        }
        r = probe_run_io(p, &probe_io_pcap_ops, &ctx, answers, ifres, stats, err, errsize);
        if (r < 0 || !own)
                return r;
        for (size_t k = 0; k < p->n_ifaces; k++)
                if (own[k].status != PROBE_IF_OK) {
                        snprintf(err, errsize, "%s: %s", p->ifaces[k].name, own[k].reason);
                        return own[k].error ? own[k].error : -EIO;
                }
        return 0;
}

int probe_run(const struct probe_params *p, struct probe_answer *answers,
              struct probe_stats *stats, char *err, size_t errsize)
{
        return probe_run_ifs(p, answers, NULL, stats, err, errsize);
}
