/*
 * watch_core.c - analysis, probe rounds and passive frames of `watch`
 * (see watch_core.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "claimant.h"
#include "config_pass.h"
#include "iface_select.h"
#include "watch_core.h"
#include "xalloc.h"

#define LISTEN_BATCH 64                 /* frames per capture per read */
#define LISTEN_MAX_BATCHES 16           /* then the loop turns: rounds and signals go on */

void watch_init(struct watch *w, const struct options *opt, double interval,
                const struct probe_io_ops *io, void *io_ctx, int (*fd_of)(void *h),
                watch_emit_fn emit, void *ud)
{
        memset(w, 0, sizeof(*w));
        w->opt = *opt;
        w->eff = *opt;
        w->interval = interval;
        w->window = watch_sched_window(interval, opt->timeout, opt->timeout_set);
        w->wio.inner = io;
        w->wio.inner_ctx = io_ctx;
        w->wio.fd_of = fd_of;
        w->emit = emit;
        w->emit_ud = ud;
        inventory_init(&w->inv);
        audit_config_init(&w->cfg);
        oui_db_init(&w->oui);
        watch_sched_init(&w->sched, interval, 0, io->now(io_ctx));
}

static void free_plan(struct watch *w)
{
        free(w->targets);
        free(w->ptargets);
        free(w->ifaces);
        free(w->macs);
        free(w->round);
        free(w->passive);
        free(w->ifres);
        w->targets = NULL;
        w->ptargets = NULL;
        w->ifaces = NULL;
        w->macs = NULL;
        w->round = w->passive = NULL;
        w->ifres = NULL;
        w->n_targets = w->n_probe = w->n_ifaces = w->n_macs = 0;
}

void watch_free(struct watch *w)
{
        free_plan(w);
        check_result_free(&w->res);
        inventory_free(&w->inv);
        audit_config_free(&w->cfg);
        oui_db_free(&w->oui);
        finding_list_free(&w->wire);
        watch_diff_free(&w->diff);
        watch_io_close_all(&w->wio);
}

static void merge(struct probe_answer *into, const struct probe_answer *a)
{
        for (size_t c = 0; c < a->n_claims; c++) {
                bool dup = false;

                for (size_t k = 0; k < into->n_claims && !dup; k++)
                        dup = memcmp(into->claims[k].mac, a->claims[c].mac, 6) == 0 &&
                              into->claims[k].probe == a->claims[c].probe &&
                              into->claims[k].iface == a->claims[c].iface;
                if (dup)
                        continue;
                if (into->n_claims < PROBE_MAX_CLAIMS)
                        into->claims[into->n_claims++] = a->claims[c];
                else
                        into->claims_truncated = true;
        }
        into->claims_truncated |= a->claims_truncated;
        if (a->state == PROBE_IN_USE || into->state == PROBE_IN_USE)
                into->state = PROBE_IN_USE;
        else if (a->state == PROBE_COLLISION)
                into->state = PROBE_COLLISION;
}

/* The findings of the wire (round and passive claims, probe failures)
 * next to the static ones, compared with what was reported. */
static int report(struct watch *w)
{
        _cleanup_free_ struct probe_answer *eff = NULL;
        _cleanup_free_ const struct finding **view = NULL;
        size_t n = 0;

        if (!w->analysed)
                return 0;
        finding_list_free(&w->wire);
        if (w->n_targets) {
                if (!(eff = calloc(w->n_targets, sizeof(*eff))))
                        return -ENOMEM;
                for (size_t i = 0; i < w->n_targets; i++) {
                        eff[i] = w->round[i];
                        merge(&eff[i], &w->passive[i]);
                }
                if (check_probe_findings(&w->inv, w->targets, w->n_targets, eff, w->ifaces,
                                         &w->oui, &w->wire) < 0)
                        return -ENOMEM;
        }
        if (w->n_probe && !w->opt.offline && !w->opt.no_probe) {
                struct check_probe_outcome o = {
                        .targets = w->targets, .n_targets = w->n_probe, .answers = w->round,
                        .ifaces = w->ifaces, .n_ifaces = w->n_ifaces, .ifres = w->ifres,
                        .window = w->window,
                };

                o.error = w->if_error ? w->if_error : w->round_error;
                snprintf(o.reason, sizeof(o.reason), "%s", w->if_error ? w->if_reason : w->round_reason);
                if ((o.error || w->round_done) && check_probe_incomplete(&w->inv, &o, &w->wire) < 0)
                        return -ENOMEM;
        }
        analysis_apply_ignores(&w->inv, &w->cfg, &w->wire);
        if (!(view = calloc(w->res.findings.n + w->wire.n + 1, sizeof(*view))))
                return -ENOMEM;
        for (size_t i = 0; i < w->res.findings.n; i++)
                view[n++] = &w->res.findings.v[i];
        for (size_t i = 0; i < w->wire.n; i++)
                view[n++] = &w->wire.v[i];
        return watch_diff_update(&w->diff, view, n, w->emit, w->emit_ud);
}

static bool gives_host_address(const struct network *n)
{
        return n->type != NET_TYPE_BRIDGED && n->type != NET_TYPE_DIRECT;
}

/* Host addresses of the audited networks that this host holds already:
 * not probed (they are ours), but a frame from another MAC claiming one is
 * the same conflict seen from the other side. */
static int add_live(const struct inventory *inv, const struct options *opt,
                    struct check_target **v, size_t *n)
{
        size_t cap = *n;

        for (size_t i = 0; i < inv->n_nets; i++) {
                const struct network *net = &inv->nets[i];
                const struct interface *dev;

                if ((net->source != NET_SRC_VMWARE && net->source != NET_SRC_LIBVIRT) ||
                    !gives_host_address(net) || !net->device ||
                    !check_net_selected(net, opt->nets, opt->n_nets))
                        continue;
                dev = inventory_find_interface(inv, net->device);
                for (size_t k = 0; k < net->n_subnets; k++) {
                        const struct addr_fact *h = &net->subnets[k].host_address;
                        struct check_target *t;
                        bool dup = false, held = false;

                        if (!h->set || (h->addr.family != AF_INET && h->addr.family != AF_INET6) ||
                            (h->addr.family == AF_INET6 && h->addr.b[0] == 0xfe &&
                             (h->addr.b[1] & 0xc0) == 0x80))
                                continue;       /* link-local: unique on its own link only */
                        for (size_t a = 0; dev && a < dev->n_addrs; a++)
                                held |= addr_eq(&dev->addrs[a].prefix.addr, &h->addr);
                        for (size_t j = 0; j < *n; j++)
                                dup |= addr_eq(&(*v)[j].addr, &h->addr);
                        if (!held || dup)
                                continue;
                        if (!(t = ARRAY_PUSH(*v, *n, cap)))
                                return -ENOMEM;
                        t->net = i;
                        t->subnet = k;
                        t->addr = h->addr;
                }
        }
        return 0;
}

/* What the wire said about an address stays across a re-analysis when the
 * interfaces are the same: no resolved-then-new flicker on a re-save. */
static void carry_over(struct watch *w, const struct check_target *old, size_t n_old,
                       const struct probe_answer *old_round, const struct probe_answer *old_passive,
                       bool same_ifaces)
{
        if (!same_ifaces)
                return;
        for (size_t i = 0; i < w->n_targets; i++)
                for (size_t j = 0; j < n_old; j++)
                        if (addr_eq(&w->targets[i].addr, &old[j].addr)) {
                                w->round[i] = old_round[j];
                                w->passive[i] = old_passive[j];
                        }
}

int watch_analyse(struct watch *w)
{
        struct options o = w->opt;
        struct check_result res;
        struct inventory inv;
        struct audit_config cfg;
        struct watch old = *w;
        bool same_ifaces;
        int r;

        o.no_probe = true;
        inventory_init(&inv);
        audit_config_init(&cfg);
        r = check_collect_keep(&o, &res, &inv, &cfg);
        if (r < 0) {
                w->res.failure = res.failure;
                check_result_free(&res);
                return r;
        }
        /* The new state; the old plan is freed below, after carry_over. */
        w->targets = NULL;
        w->ptargets = NULL;
        w->ifaces = NULL;
        w->macs = NULL;
        w->round = w->passive = NULL;
        w->ifres = NULL;
        w->n_targets = w->n_probe = w->n_ifaces = w->n_macs = 0;
        check_result_free(&w->res);
        w->res = res;
        w->eff = w->opt;
        config_merge(&cfg, &w->eff);
        w->window = watch_sched_window(w->interval, w->eff.timeout, w->opt.timeout_set);
        w->if_error = 0;
        w->if_reason[0] = 0;
        w->round_error = 0;
        w->round_reason[0] = 0;
        w->round_done = false;

        r = -ENOMEM;
        if (check_probe_targets(&inv, w->opt.nets, w->opt.n_nets, &w->targets, &w->n_targets) < 0)
                goto out;
        w->n_probe = w->n_targets;
        if (add_live(&inv, &w->opt, &w->targets, &w->n_targets) < 0)
                goto out;
        if (!w->opt.offline && w->n_targets) {
                r = iface_select(&inv, w->eff.ifaces, w->eff.n_ifaces, &w->ifaces, &w->n_ifaces,
                                 w->if_reason, sizeof(w->if_reason));
                if (r == -ENOMEM)
                        goto out;
                if (r < 0) {
                        w->if_error = r;
                        w->n_ifaces = 0;
                }
        }
        w->ptargets = calloc(w->n_targets + 1, sizeof(*w->ptargets));
        w->round = calloc(w->n_targets + 1, sizeof(*w->round));
        w->passive = calloc(w->n_targets + 1, sizeof(*w->passive));
        w->ifres = calloc(w->n_ifaces + 1, sizeof(*w->ifres));
        if (!w->ptargets || !w->round || !w->passive || !w->ifres ||
            host_macs_collect(&inv, &w->macs, &w->n_macs) < 0)
                goto out;
        for (size_t i = 0; i < w->n_targets; i++)
                probe_target_from_addr(&w->targets[i].addr, &w->ptargets[i]);

        /* The captures: kept open, opened for new interfaces, closed for
         * interfaces no longer chosen. */
        {
                const char *names[WATCH_MAX_IFACES];
                size_t nn = 0;

                for (size_t k = 0; k < w->n_ifaces; k++) {
                        char msg[PROBE_ERRMSG_MAX] = "", warn[PROBE_ERRMSG_MAX] = "";
                        void *h;
                        /* ARP and NDP: the endpoint outlives plans that
                         * gain or lose IPv6 addresses. */
                        int e = watch_io_ops.open(&w->wio, w->ifaces[k].name, PROBE_IO_ETH_IPV6, &h,
                                                  msg, sizeof(msg), warn, sizeof(warn));

                        if (e == 0 && nn < WATCH_MAX_IFACES)
                                names[nn++] = w->ifaces[k].name;
                        else if (e < 0 && !w->if_error) {
                                w->if_error = e;
                                snprintf(w->if_reason, sizeof(w->if_reason), "%.32s: %.200s",
                                         w->ifaces[k].name, msg[0] ? msg : strerror(-e));
                        }
                }
                watch_io_retain(&w->wio, names, nn);
        }
        same_ifaces = old.n_ifaces == w->n_ifaces;
        for (size_t k = 0; same_ifaces && k < w->n_ifaces; k++)
                same_ifaces = strcmp(old.ifaces[k].name, w->ifaces[k].name) == 0;
        carry_over(w, old.targets, old.n_targets, old.round, old.passive, same_ifaces);
        r = 0;
out:
        /* old.ifaces' names point into the old inventory: free it last. */
        free_plan(&old);
        inventory_free(&w->inv);
        audit_config_free(&w->cfg);
        w->inv = inv;
        w->cfg = cfg;
        if (r < 0) {
                free_plan(w);
                return r;
        }
        if (!w->analysed && oui_db_load_default(&w->oui) < 0)
                return -ENOMEM;
        w->analysed = true;
        /* A fresh plan is probed at once: the wire's view catches up. */
        w->sched.next = watch_io_ops.now(&w->wio);
        return report(w);
}

int watch_set_plan(struct watch *w, const struct in_addr *addrs, size_t n_probe, size_t n_listen,
                   const struct probe_iface *ifaces, size_t n_ifaces)
{
        size_t n = n_probe + n_listen;
        int first = 0;

        free_plan(w);
        w->ptargets = calloc(n + 1, sizeof(*w->ptargets));
        w->targets = calloc(n + 1, sizeof(*w->targets));
        w->round = calloc(n + 1, sizeof(*w->round));
        w->passive = calloc(n + 1, sizeof(*w->passive));
        w->ifaces = calloc(n_ifaces + 1, sizeof(*w->ifaces));
        w->ifres = calloc(n_ifaces + 1, sizeof(*w->ifres));
        w->macs = calloc(1, sizeof(*w->macs));
        if (!w->ptargets || !w->targets || !w->round || !w->passive || !w->ifaces || !w->ifres || !w->macs) {
                free_plan(w);
                return -ENOMEM;
        }
        for (size_t i = 0; i < n; i++)
                w->ptargets[i].addr = addrs[i];
        memcpy(w->ifaces, ifaces, n_ifaces * sizeof(*ifaces));
        w->n_targets = n;
        w->n_probe = n_probe;
        w->n_ifaces = n_ifaces;
        for (size_t k = 0; k < n_ifaces; k++) {
                char msg[PROBE_ERRMSG_MAX], warn[PROBE_ERRMSG_MAX];
                void *h;
                int r = watch_io_ops.open(&w->wio, ifaces[k].name, PROBE_IO_ETH_ARP, &h,
                                          msg, sizeof(msg), warn, sizeof(warn));

                if (r < 0 && !first)
                        first = r;
        }
        return first;
}

int watch_round_if_due(struct watch *w)
{
        struct probe_params p = {
                .targets = w->ptargets, .n_targets = w->n_probe, .ifaces = w->ifaces,
                .n_ifaces = w->n_ifaces, .our_macs = (const uint8_t (*)[6])w->macs,
                .n_our_macs = w->n_macs, .retries = w->eff.retries, .timeout = w->window,
                .rate = w->eff.rate, .seed = w->seed,
        };
        _cleanup_free_ struct probe_answer *ans = NULL;
        struct probe_stats st;
        char err[PROBE_ERRMSG_MAX] = "";
        double now = watch_io_ops.now(&w->wio);
        bool ok = false;
        int r;

        if (!watch_sched_due(&w->sched, now))
                return 0;
        if (w->opt.offline || w->opt.no_probe || !w->n_probe || !w->n_ifaces || !w->wio.n_eps) {
                watch_sched_done(&w->sched, now, true);
                return 0;
        }
        if (!(ans = calloc(w->n_probe, sizeof(*ans))))
                return -ENOMEM;
        if (w->seed)
                p.seed = w->seed + w->rounds;
        w->wio.in_round = true;
        r = probe_run_io(&p, &watch_io_ops, &w->wio, ans, w->ifres, &st, err, sizeof(err));
        w->wio.in_round = false;
        if (r == -ECANCELED || r == -ENOMEM)
                return r;
        w->rounds++;
        w->sent += st.sent;
        w->frames += st.received;
        w->malformed += st.malformed;
        w->round_error = r < 0 ? r : 0;
        snprintf(w->round_reason, sizeof(w->round_reason), "%s", r < 0 ? err : "");
        for (size_t k = 0; r == 0 && k < w->n_ifaces; k++)
                ok |= w->ifres[k].status == PROBE_IF_OK;
        w->round_done = true;
        if (ok) {
                /* RFC 5227 2.1.1 per round; what was heard between rounds is
                 * folded in and stands until the next round. */
                for (size_t i = 0; i < w->n_probe; i++) {
                        merge(&ans[i], &w->passive[i]);
                        w->round[i] = ans[i];
                        w->passive[i] = (struct probe_answer){ 0 };
                }
        }
        watch_sched_done(&w->sched, watch_io_ops.now(&w->wio), ok);
        return report(w) < 0 ? -ENOMEM : 1;
}

struct listen_ctx {
        struct watch *w;
        size_t iface;
        bool changed;
};

static void on_frame(void *ud, const uint8_t *frame, size_t len)
{
        struct listen_ctx *c = ud;
        struct watch *w = c->w;
        struct probe_params p = {
                .targets = w->ptargets, .n_targets = w->n_targets, .ifaces = w->ifaces,
                .n_ifaces = w->n_ifaces, .our_macs = (const uint8_t (*)[6])w->macs,
                .n_our_macs = w->n_macs,
        };
        struct arp_frame f;
        struct nd_frame nd;
        int r = arp_parse_frame(frame, len, &f);

        if (r == -ENOMSG && nd_parse_frame(frame, len, &nd) == 0) {
                /* An NS or NA: probe_classify_nd() decides, RFC 4862 5.4.3
                 * and 5.4.4 quoted there (an NA for the address from a MAC
                 * not ours: in use; another node's DAD probe: collision). */
                w->frames++;
                for (size_t i = 0; i < w->n_targets; i++) {
                        struct probe_answer before = w->passive[i];

                        if (!probe_target_is_ipv6(&w->ptargets[i]) ||
                            memcmp(&w->ptargets[i].addr6, &nd.target, sizeof(nd.target)) != 0)
                                continue;
                        probe_classify_nd(&p, w->passive, &nd, c->iface);
                        c->changed |= memcmp(&before, &w->passive[i], sizeof(before)) != 0;
                        break;
                }
                return;
        }
        if (r < 0) {
                w->malformed++;
                return;
        }
        w->frames++;
        /* Cheap first test: a frame about none of our addresses (the flood
         * of a busy LAN) changes nothing.  The decision itself is
         * probe_classify()'s, RFC 5227 2.1.1, quoted there: a frame whose
         * 'sender IP address' is the address, from a MAC not ours, means
         * "in use by some other host"; a foreign probe whose 'target IP
         * address' is the address is a probe collision. */
        for (size_t i = 0; i < w->n_targets; i++) {
                in_addr_t t = w->ptargets[i].addr.s_addr;
                struct probe_answer before;

                if (probe_target_is_ipv6(&w->ptargets[i]) || (f.spa.s_addr != t && f.tpa.s_addr != t))
                        continue;
                before = w->passive[i];
                probe_classify(&p, w->passive, &f, c->iface);
                if (memcmp(&before, &w->passive[i], sizeof(before)) != 0)
                        c->changed = true;
                break;
        }
}

int watch_listen(struct watch *w, const bool *ready)
{
        struct listen_ctx c = { .w = w };

        for (size_t k = 0; k < w->n_ifaces; k++) {
                void *h = watch_io_endpoint(&w->wio, w->ifaces[k].name);
                char err[PROBE_ERRMSG_MAX];

                if (!h || (ready && !ready[k]))
                        continue;
                c.iface = k;
                for (int b = 0; b < LISTEN_MAX_BATCHES; b++) {
                        int n = watch_io_ops.receive(&w->wio, h, LISTEN_BATCH, on_frame, &c, err, sizeof(err));

                        if (n < 0)
                                w->stale = true;        /* gone or down: netlink says more */
                        if (n < LISTEN_BATCH)
                                break;
                }
        }
        return c.changed ? report(w) : 0;
}

int watch_step(struct watch *w, double until)
{
        void *hs[WATCH_MAX_IFACES + 1];
        bool ready[WATCH_MAX_IFACES + 1];
        size_t n = w->n_ifaces < WATCH_MAX_IFACES ? w->n_ifaces : WATCH_MAX_IFACES;
        double wake;
        int r = watch_round_if_due(w);

        if (r < 0)
                return r;
        wake = w->sched.next < until ? w->sched.next : until;
        for (size_t k = 0; k < n; k++) {
                hs[k] = watch_io_endpoint(&w->wio, w->ifaces[k].name);
                ready[k] = false;
        }
        r = watch_io_ops.wait(&w->wio, hs, n, wake, ready);
        if (r == -EINTR)
                return 0;
        if (r < 0)
                return r;
        return watch_listen(w, ready);
}
