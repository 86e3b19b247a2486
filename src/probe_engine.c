/*
 * probe_engine.c - the ARP probe event loop: one poll() over the captures of
 * all selected interfaces; every address probed `retries` times at random
 * moments spread over the window, rate-capped per interface; answers
 * classified per RFC 5227 2.1.1; early stop once every address has one.
 * Memory is fixed before the first frame arrives: claims are capped.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "arp_pcap.h"
#include "netns_guard.h"
#include "privdrop.h"
#include "probe_engine.h"
#include "xalloc.h"

#define SEND_SHARE      0.75    /* probes go out in the first 3/4 of the window */
#define EARLY_GRACE     0.05    /* after the last address answered: late duplicates */
#define DISPATCH_BATCH  256     /* frames per descriptor per turn: sends are never starved */

static const char *const state_names[_PROBE_STATE_MAX] = {
        [PROBE_FREE] = "free",
        [PROBE_IN_USE] = "in-use",
        [PROBE_COLLISION] = "collision",
};

const char *probe_state_name(enum probe_state s)
{
        return s < _PROBE_STATE_MAX ? state_names[s] : "unknown";
}

static bool is_our_mac(const struct probe_params *p, const uint8_t mac[6])
{
        for (size_t i = 0; i < p->n_our_macs; i++)
                if (memcmp(p->our_macs[i], mac, 6) == 0)
                        return true;
        for (size_t i = 0; i < p->n_ifaces; i++)
                if (memcmp(p->ifaces[i].mac, mac, 6) == 0)
                        return true;
        return false;
}

static void add_claim(struct probe_answer *a, const struct arp_frame *f, size_t iface, bool probe)
{
        struct probe_claim c = { .iface = iface, .probe = probe };

        memcpy(c.mac, f->eth_src, 6);
        memcpy(c.arp_mac, f->sha, 6);
        c.arp_mac_differs = memcmp(f->eth_src, f->sha, 6) != 0;
        c.vlan = f->vlan;
        c.vlan_id = f->vlan ? f->vlan_id : 0;
        /* The same claimant answers every retry: keep it once. */
        for (size_t i = 0; i < a->n_claims; i++)
                if (memcmp(a->claims[i].mac, c.mac, 6) == 0 &&
                    memcmp(a->claims[i].arp_mac, c.arp_mac, 6) == 0 &&
                    a->claims[i].iface == iface && a->claims[i].probe == probe &&
                    a->claims[i].vlan == c.vlan && a->claims[i].vlan_id == c.vlan_id)
                        return;
        if (a->n_claims >= PROBE_MAX_CLAIMS) {
                a->claims_truncated = true;
                return;
        }
        a->claims[a->n_claims++] = c;
}

/* Linear in the number of targets: a check probes a handful, `probe` a few
 * hundred at most, and this keeps the shipped path the tested one. */
void probe_classify(const struct probe_params *p, struct probe_answer *answers,
                    const struct arp_frame *f, size_t iface)
{
        /* A tagged answer to our untagged probe (a trunk port, a host
         * whose VLAN interface answers on the wire we probe) is a claim
         * like any other, as arp-scan reports it; the claim keeps the VID. */
        if (is_our_mac(p, f->eth_src) || is_our_mac(p, f->sha))
                return;
        for (size_t i = 0; i < p->n_targets; i++) {
                struct probe_answer *a = &answers[i];
                in_addr_t t = p->targets[i].addr.s_addr;

                /* RFC 5227 2.1.1: "If during this period, from the beginning
                 * of the probing process until ANNOUNCE_WAIT seconds after the
                 * last probe packet is sent, the host receives any ARP packet
                 * (Request *or* Reply) on the interface where the probe is
                 * being performed, where the packet's 'sender IP address' is
                 * the address being probed for, then the host MUST treat this
                 * address as being in use by some other host [...]" */
                if (f->spa.s_addr == t) {
                        add_claim(a, f, iface, false);
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
                        add_claim(a, f, iface, true);
                        if (a->state == PROBE_FREE)
                                a->state = PROBE_COLLISION;
                }
        }
}

/* ---- the event loop ---- */

struct send_event {
        double at;              /* seconds after start */
        size_t target;          /* representative target of a distinct address */
};

struct loop_iface {
        struct arp_pcap *cap;
        struct send_event *ev;
        size_t n_ev, next;
        double next_ok;         /* rate cap: earliest next send */
};

struct loop {
        const struct probe_params *p;
        struct probe_answer *answers;
        struct probe_stats *stats;
        struct loop_iface *ifs;
        size_t *uniq;           /* one target index per distinct address */
        size_t n_uniq;
        size_t cur_iface;       /* for the capture callback */
        uint64_t rng;
};

static double now_since(const struct timespec *t0)
{
        struct timespec t;

        clock_gettime(CLOCK_MONOTONIC, &t);
        return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

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
        uint32_t x = ntohl(t[*(const size_t *)a].addr.s_addr);
        uint32_t y = ntohl(t[*(const size_t *)b].addr.s_addr);

        return x < y ? -1 : x > y;
}

static bool answered(const struct loop *l, size_t target)
{
        return l->answers[target].state != PROBE_FREE;
}

static void on_frame(void *userdata, const uint8_t *frame, size_t len)
{
        struct loop *l = userdata;
        struct arp_frame f;

        if (arp_parse_frame(frame, len, &f) < 0) {
                l->stats->malformed++;
                return;
        }
        l->stats->received++;
        if (is_our_mac(l->p, f.eth_src) || is_our_mac(l->p, f.sha)) {
                l->stats->ignored++;
                return;
        }
        probe_classify(l->p, l->answers, &f, l->cur_iface);
}

/* Distinct addresses, and per interface the jittered send times: probe k of
 * an address falls at a random moment of the k-th slice of the send share. */
static int plan(struct loop *l)
{
        const struct probe_params *p = l->p;
        double send_window = p->timeout * SEND_SHARE;
        size_t *idx;

        idx = calloc(p->n_targets, sizeof(*idx));
        if (!idx)
                return -ENOMEM;
        for (size_t i = 0; i < p->n_targets; i++)
                idx[i] = i;
        qsort_r(idx, p->n_targets, sizeof(*idx), addr_index_cmp, (void *)p->targets);
        for (size_t i = 0; i < p->n_targets; i++)
                if (i == 0 || p->targets[idx[i]].addr.s_addr != p->targets[idx[l->n_uniq - 1]].addr.s_addr)
                        idx[l->n_uniq++] = idx[i];
        l->uniq = idx;

        for (size_t k = 0; k < p->n_ifaces; k++) {
                struct loop_iface *li = &l->ifs[k];

                li->n_ev = l->n_uniq * p->retries;
                li->ev = calloc(li->n_ev, sizeof(*li->ev));
                if (!li->ev)
                        return -ENOMEM;
                for (size_t u = 0; u < l->n_uniq; u++)
                        for (unsigned r = 0; r < p->retries; r++) {
                                struct send_event *e = &li->ev[u * p->retries + r];

                                e->at = send_window * (r + rand01(&l->rng)) / p->retries;
                                e->target = l->uniq[u];
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

/* Sends what is due on one interface within its rate.  0 or -errno. */
static int send_due(struct loop *l, struct loop_iface *li, const struct probe_iface *pi,
                    double now, double *last_send, char *err, size_t errsize)
{
        double gap = 1.0 / l->p->rate;

        for (;;) {
                uint8_t frame[ARP_FRAME_MIN];
                char msg[PROBE_ERRMSG_MAX];
                int len, r;

                while (li->next < li->n_ev && answered(l, li->ev[li->next].target))
                        li->next++;     /* early stop for this address */
                if (li->next >= li->n_ev || li->ev[li->next].at > now || li->next_ok > now)
                        return 0;
                len = arp_build_probe(frame, sizeof(frame), pi->mac,
                                      l->p->targets[li->ev[li->next].target].addr);
                if (len < 0)
                        return len;
                r = arp_pcap_inject(li->cap, frame, (size_t)len, msg, sizeof(msg));
                if (r < 0) {
                        snprintf(err, errsize, "%s: %s", pi->name, msg);
                        return r;
                }
                li->next++;
                l->stats->sent++;
                *last_send = now;
                /* A small catch-up after a late wake-up, never a burst. */
                li->next_ok = (li->next_ok > now - 2 * gap ? li->next_ok : now - 2 * gap) + gap;
        }
}

static int run_loop(struct loop *l, const struct timespec *t0, char *err, size_t errsize)
{
        const struct probe_params *p = l->p;
        double tail = p->timeout * (1 - SEND_SHARE), last_send = 0, stop_at = -1;
        struct pollfd *pfd;
        int r = 0;

        pfd = calloc(p->n_ifaces, sizeof(*pfd));
        if (!pfd)
                return -ENOMEM;
        for (size_t k = 0; k < p->n_ifaces; k++) {
                pfd[k].fd = arp_pcap_fd(l->ifs[k].cap);
                pfd[k].events = POLLIN;
        }
        for (;;) {
                double now = now_since(t0), wake, end = -1;
                bool all_sent = true;
                struct timespec ts;

                for (size_t k = 0; k < p->n_ifaces; k++) {
                        r = send_due(l, &l->ifs[k], &p->ifaces[k], now, &last_send, err, errsize);
                        if (r < 0)
                                goto out;
                        if (l->ifs[k].next < l->ifs[k].n_ev)
                                all_sent = false;
                }
                if (stop_at < 0 && all_answered(l))
                        stop_at = now + (EARLY_GRACE < tail ? EARLY_GRACE : tail);
                if (all_sent)
                        end = last_send + tail > p->timeout ? last_send + tail : p->timeout;
                if (stop_at >= 0 && (end < 0 || stop_at < end))
                        end = stop_at;
                if (end >= 0 && now >= end)
                        break;

                wake = end >= 0 ? end : now + 1;
                for (size_t k = 0; k < p->n_ifaces; k++) {
                        struct loop_iface *li = &l->ifs[k];
                        double at;

                        if (li->next >= li->n_ev)
                                continue;
                        at = li->ev[li->next].at > li->next_ok ? li->ev[li->next].at : li->next_ok;
                        if (at < wake)
                                wake = at;
                }
                wake -= now;
                if (wake < 0)
                        wake = 0;
                ts.tv_sec = (time_t)wake;
                ts.tv_nsec = (long)((wake - (double)ts.tv_sec) * 1e9);
                if (ppoll(pfd, p->n_ifaces, &ts, NULL) < 0) {
                        if (errno == EINTR)
                                continue;
                        r = -errno;
                        snprintf(err, errsize, "poll: %s", strerror(errno));
                        goto out;
                }
                for (size_t k = 0; k < p->n_ifaces; k++) {
                        char msg[PROBE_ERRMSG_MAX];

                        if (!(pfd[k].revents & (POLLIN | POLLERR | POLLHUP)))
                                continue;
                        l->cur_iface = k;
                        r = arp_pcap_dispatch(l->ifs[k].cap, DISPATCH_BATCH, on_frame, l, msg, sizeof(msg));
                        if (r < 0) {
                                snprintf(err, errsize, "%s: %s", p->ifaces[k].name, msg);
                                goto out;
                        }
                }
                r = 0;
        }
out:
        free(pfd);
        return r;
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
                if (p->targets[i].addr.s_addr == 0) {
                        snprintf(err, errsize, "0.0.0.0 cannot be probed");
                        return -EINVAL;
                }
        return 0;
}

int probe_run(const struct probe_params *p, struct probe_answer *answers,
              struct probe_stats *stats, char *err, size_t errsize)
{
        struct loop l = { .p = p, .answers = answers, .stats = stats };
        struct timespec t0;
        int r;

        memset(stats, 0, sizeof(*stats));
        memset(answers, 0, p->n_targets * sizeof(*answers));
        r = check_params(p, err, errsize);
        if (r < 0)
                return r;
        /* The test harness's safety net: never send from the root namespace
         * while it is armed. */
        if (netns_guard_check() < 0) {
                snprintf(err, errsize, "refusing to send ARP probes from the initial network "
                         "namespace (VNETAUDIT_REQUIRE_NETNS is set)");
                return -EPERM;
        }
        if (!p->keep_privileges && privdrop_have_net_raw() < 0) {
                snprintf(err, errsize, PRIVDROP_NEED_NET_RAW);
                return -EPERM;
        }
        if (getrandom(&l.rng, sizeof(l.rng), 0) != sizeof(l.rng) || !l.rng)
                l.rng = (uint64_t)time(NULL) | 1;
        l.ifs = calloc(p->n_ifaces, sizeof(*l.ifs));
        if (!l.ifs) {
                r = -ENOMEM;
                goto out;
        }
        r = plan(&l);
        if (r < 0)
                goto out;
        for (size_t k = 0; k < p->n_ifaces; k++) {
                char warn[PROBE_ERRMSG_MAX];

                r = arp_pcap_open(p->ifaces[k].name, &l.ifs[k].cap, err, errsize, warn, sizeof(warn));
                if (r == -EPERM)
                        snprintf(err, errsize, "%s: " PRIVDROP_NEED_NET_RAW, p->ifaces[k].name);
                if (r < 0)
                        goto out;
                if (warn[0])    /* the caller reports it */
                        snprintf(stats->warning, sizeof(stats->warning), "%s", warn);
        }
        /* Every capture is open: nothing below needs a privilege, and the
         * decoder of untrusted frames should not hold one. */
        if (!p->keep_privileges) {
                r = privdrop_drop_all();
                if (r < 0) {
                        snprintf(err, errsize, "cannot drop privileges (to user %s or nobody): %s",
                                 PRIVDROP_USER, strerror(-r));
                        goto out;
                }
        }
        clock_gettime(CLOCK_MONOTONIC, &t0);
        r = run_loop(&l, &t0, err, errsize);
        stats->seconds = now_since(&t0);
        for (size_t k = 0; k < p->n_ifaces; k++) {
                unsigned long d;

                if (arp_pcap_drops(l.ifs[k].cap, &d) == 0)
                        stats->drops += d;
        }
out:
        if (r == -ENOMEM)
                snprintf(err, errsize, "out of memory");
        if (l.ifs)
                for (size_t k = 0; k < p->n_ifaces; k++) {
                        arp_pcap_close(l.ifs[k].cap);
                        free(l.ifs[k].ev);
                }
        free(l.ifs);
        free(l.uniq);
        return r;
}
