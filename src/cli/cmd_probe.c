/*
 * cmd_probe.c - `vnetaudit probe ADDRESS|CIDR...`, `--localnet`: RFC 5227
 * ARP probes for IPv4 addresses and RFC 4862 DAD probes for IPv6 ones (or
 * every address of prefixes) on the LAN, all at once; one line (or one
 * JSON result) per
 * address saying free, in use by whom, or probe collision.  Builds only the
 * kernel part of the inventory (netlink): interfaces and this host's MACs.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimant.h"
#include "cli_out.h"
#include "commands.h"
#include "exitcodes.h"
#include "iface_select.h"
#include "jsonout.h"
#include "nlq.h"
#include "oui.h"
#include "probe_engine.h"
#include "report_list.h"
#include "textesc.h"
#include "xalloc.h"

/* The largest IPv4 sweep: 65534 addresses, 3 probes each, take about
 * 200 s at the default 1000 packets per second. */
#define PROBE_SWEEP_MIN_LEN 16
/* The largest IPv6 sweep, a /120: 256 addresses.  Each costs `retries`
 * solicitations and a solicited-node group membership (an MLD report, and
 * kernel memory of the membership socket, bounded by optmem_max), so a /120
 * takes one window like 254 IPv4 addresses.  A /64 holds 2^64 addresses:
 * at 1000 probes a second, one probe each, 585 million years. */
#define PROBE_SWEEP6_MIN_LEN 120

struct probe_job {
        struct inventory inv;
        struct oui_db oui;
        struct probe_target *targets;
        size_t n_targets, cap_targets;
        bool sweep;                     /* a CIDR operand or --localnet */
        struct probe_answer *answers;
        struct probe_iface *ifaces;
        uint8_t (*macs)[6];
        struct probe_params params;
        struct probe_stats stats;
};

static void job_free(struct probe_job *j)
{
        free(j->targets);
        free(j->answers);
        free(j->ifaces);
        free(j->macs);
        oui_db_free(&j->oui);
        inventory_free(&j->inv);
}

static int add_target(struct probe_job *j, uint32_t h)
{
        struct probe_target *t = ARRAY_PUSH(j->targets, j->n_targets, j->cap_targets);

        if (!t)
                return -ENOMEM;
        t->addr.s_addr = htonl(h);
        return 0;
}

static int add_target_addr(struct probe_job *j, const struct addr *a)
{
        struct probe_target *t = ARRAY_PUSH(j->targets, j->n_targets, j->cap_targets);

        if (!t)
                return -ENOMEM;
        probe_target_from_addr(a, t);
        return 0;
}

/* An IPv6 address a host could hold on a link: not ::, ::1, multicast or
 * an IPv4-mapped address.  Link-local (fe80::/10) is fine: it is probed on
 * every interface probed on and each claim names its link. */
static bool ipv6_host_address(const struct addr *a)
{
        static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
        static const uint8_t zero[15];

        return a->b[0] != 0xff && memcmp(a->b, mapped, 12) != 0 &&
               !(memcmp(a->b, zero, 15) == 0 && a->b[15] <= 1);
}

/* Every address of an IPv6 prefix of PROBE_SWEEP6_MIN_LEN or longer (IPv6
 * has no broadcast address), but those no host could hold. */
static int add_sweep6(struct probe_job *j, const struct prefix *p)
{
        struct prefix net = prefix_network(p);
        struct addr a = net.addr, end = prefix_last(&net);

        for (;;) {
                if (ipv6_host_address(&a) && add_target_addr(j, &a) < 0)
                        return -ENOMEM;
                if (addr_eq(&a, &end) || addr_add(&a, 1, &a) < 0)
                        return 0;
        }
}

/* Every address a host of p could hold: not the network and broadcast
 * addresses of a /30 or larger (RFC 3021: a /31 has no such addresses). */
static int add_sweep(struct probe_job *j, const struct prefix *p)
{
        struct prefix net = prefix_network(p);
        struct addr end = prefix_last(&net);
        uint32_t first = addr_ipv4(&net.addr), last = addr_ipv4(&end);

        if (net.len <= 30) {
                first++;
                last--;
        }
        for (uint32_t h = first;; h++) {
                if (add_target(j, h) < 0)
                        return -ENOMEM;
                if (h == last)
                        return 0;
        }
}

/* A CIDR operand.  0 or an exit status. */
static int parse_sweep(const char *arg, struct probe_job *j)
{
        struct prefix p;

        if (prefix_parse(arg, &p) < 0) {
                fprintf(stderr, "vnetaudit: probe: '%s' is not a prefix (ADDRESS/LENGTH)\n", arg);
                return EX_USAGE;
        }
        if (p.addr.family == AF_INET6) {
                if (p.len < PROBE_SWEEP6_MIN_LEN) {
                        fprintf(stderr, "vnetaudit: probe: %s cannot be swept: a /%u holds 2^%u "
                                "addresses, too many to probe one by one (IPv6 sweeps stop at a /%d, "
                                "256 addresses); probe single addresses or parts of at most /%d\n",
                                arg, p.len, 128 - p.len, PROBE_SWEEP6_MIN_LEN, PROBE_SWEEP6_MIN_LEN);
                        return EX_USAGE;
                }
                if (p.addr.b[0] == 0xff) {
                        fprintf(stderr, "vnetaudit: probe: %s holds no unicast addresses a host could hold\n", arg);
                        return EX_USAGE;
                }
                j->sweep = true;
                return add_sweep6(j, &p) < 0 ? EX_OSERR : 0;
        }
        if (p.len < PROBE_SWEEP_MIN_LEN) {
                fprintf(stderr, "vnetaudit: probe: %s is larger than a /%d (%u addresses); sweep "
                        "parts of it\n", arg, PROBE_SWEEP_MIN_LEN, (1u << (32 - PROBE_SWEEP_MIN_LEN)) - 2);
                return EX_USAGE;
        }
        if (addr_ipv4(&p.addr) >> 24 == 0 || addr_ipv4(&p.addr) >> 24 == 127 ||
            addr_ipv4(&p.addr) >> 28 >= 0xe) {
                fprintf(stderr, "vnetaudit: probe: %s holds no unicast addresses a host could hold\n", arg);
                return EX_USAGE;
        }
        j->sweep = true;
        return add_sweep(j, &p) < 0 ? EX_OSERR : 0;
}

/* --localnet: the IPv4 subnets of the interfaces probed on. */
static int add_localnet(struct probe_job *j)
{
        size_t before = j->n_targets;

        for (size_t k = 0; k < j->params.n_ifaces; k++) {
                const struct interface *ifc = inventory_find_interface(&j->inv, j->ifaces[k].name);

                for (size_t a = 0; ifc && a < ifc->n_addrs; a++) {
                        const struct prefix *p = &ifc->addrs[a].prefix;
                        char pfx[PREFIX_STRLEN];

                        if (p->addr.family != AF_INET || p->len >= 32)
                                continue;
                        if (p->len < PROBE_SWEEP_MIN_LEN) {
                                struct prefix net = prefix_network(p);
                                char *n = textesc(ifc->name, true);

                                fprintf(stderr, "vnetaudit: probe: --localnet: %s's subnet %s is larger "
                                        "than a /%d; sweep parts of it\n", n ? n : "?",
                                        prefix_format(&net, pfx), PROBE_SWEEP_MIN_LEN);
                                free(n);
                                return EX_USAGE;
                        }
                        if (add_sweep(j, p) < 0)
                                return EX_OSERR;
                }
        }
        if (j->n_targets == before) {
                fprintf(stderr, "vnetaudit: probe: --localnet: no IPv4 subnet on the interfaces probed on\n");
                return EX_USAGE;
        }
        j->sweep = true;
        return 0;
}

static int target_cmp(const void *a, const void *b, void *arg)
{
        const struct probe_target *t = arg;
        size_t x = *(const size_t *)a, y = *(const size_t *)b;
        int c = probe_target_cmp(&t[x], &t[y]);

        return c ? c : (x < y ? -1 : x > y);
}

/* Each address once, in the order first given; then the answer slots. */
static int finish_targets(struct probe_job *j)
{
        _cleanup_free_ size_t *idx = calloc(j->n_targets + 1, sizeof(*idx));
        _cleanup_free_ bool *drop = calloc(j->n_targets + 1, sizeof(*drop));
        size_t n = 0;

        if (!idx || !drop)
                return -ENOMEM;
        for (size_t i = 0; i < j->n_targets; i++)
                idx[i] = i;
        qsort_r(idx, j->n_targets, sizeof(*idx), target_cmp, j->targets);
        for (size_t i = 1; i < j->n_targets; i++)
                if (probe_target_cmp(&j->targets[idx[i]], &j->targets[idx[i - 1]]) == 0)
                        drop[idx[i]] = true;
        for (size_t i = 0; i < j->n_targets; i++)
                if (!drop[i])
                        j->targets[n++] = j->targets[i];
        j->n_targets = n;
        j->answers = calloc(n + 1, sizeof(*j->answers));
        if (!j->answers)
                return -ENOMEM;
        j->params.targets = j->targets;
        j->params.n_targets = n;
        return 0;
}

static int parse_targets(const struct options *opt, struct probe_job *j)
{
        for (size_t i = 0; i < opt->n_args; i++) {
                struct addr a;
                uint32_t h;

                if (strchr(opt->args[i], '/')) {
                        int r = parse_sweep(opt->args[i], j);

                        if (r)
                                return r;
                        continue;
                }
                if (addr_parse_family(opt->args[i], AF_INET6, &a) == 0) {
                        if (!ipv6_host_address(&a)) {
                                fprintf(stderr, "vnetaudit: probe: %s is not a unicast address "
                                        "that a host could hold\n", opt->args[i]);
                                return EX_USAGE;
                        }
                        if (add_target_addr(j, &a) < 0)
                                return EX_OSERR;
                        continue;
                }
                if (addr_parse_family(opt->args[i], AF_INET, &a) < 0) {
                        fprintf(stderr, "vnetaudit: probe: '%s' is not an IPv4 or IPv6 address\n",
                                opt->args[i]);
                        return EX_USAGE;
                }
                h = addr_ipv4(&a);
                if (h == 0 || h == 0xffffffff || (h >> 28) == 0xe || (h >> 24) == 127) {
                        fprintf(stderr, "vnetaudit: probe: %s is not a unicast address "
                                "that a host could hold\n", opt->args[i]);
                        return EX_USAGE;
                }
                if (add_target(j, h) < 0)
                        return EX_OSERR;
        }
        return 0;
}

/* Every MAC of this host: an answer from any of them is our own. */
static int collect_macs(struct probe_job *j)
{
        int r = host_macs_collect(&j->inv, &j->macs, &j->params.n_our_macs);

        j->params.our_macs = (const uint8_t (*)[6])j->macs;
        return r;
}

/* The interface of this host that holds t, or NULL. */
static const struct interface *local_holder(const struct inventory *inv, const struct probe_target *t)
{
        struct addr x;

        probe_target_addr(t, &x);
        for (size_t i = 0; i < inv->n_ifs; i++)
                for (size_t k = 0; k < inv->ifs[i].n_addrs; k++)
                        if (addr_eq(&inv->ifs[i].addrs[k].prefix.addr, &x))
                                return &inv->ifs[i];
        return NULL;
}

static void print_claim(FILE *f, const struct probe_job *j, const struct probe_claim *c)
{
        const char *vendor = oui_vendor(&j->oui, c->mac);
        char *ifname = textesc(j->ifaces[c->iface].name, true);
        char *v = vendor ? textesc(vendor, true) : NULL;
        char who[CLAIMANT_STRLEN];

        fputs(claimant_format(who, sizeof(who), c, v, ifname ? ifname : "?"), f);
        free(ifname);
        free(v);
}

static void print_text(FILE *f, const struct probe_job *j, bool in_use_only)
{
        for (size_t i = 0; i < j->params.n_targets; i++) {
                const struct probe_answer *a = &j->answers[i];
                const struct interface *own = local_holder(&j->inv, &j->targets[i]);
                bool want_probe = a->state == PROBE_COLLISION, first = true;
                char ip[ADDR_STRLEN];
                struct addr ta;

                probe_target_addr(&j->targets[i], &ta);
                addr_format(&ta, ip);
                if (a->state == PROBE_FREE && in_use_only)
                        continue;
                if (a->state == PROBE_FREE) {
                        char *n = own ? textesc(own->name, true) : NULL;

                        fprintf(f, "%s free", ip);
                        if (own)
                                fprintf(f, " (held by this host on %s)", n ? n : "?");
                        fputc('\n', f);
                        free(n);
                        continue;
                }
                fprintf(f, "%s %s ", ip, want_probe ? "probe collision with" : "in use by");
                for (size_t k = 0; k < a->n_claims; k++) {
                        if (a->claims[k].probe != want_probe)
                                continue;
                        if (!first)
                                fprintf(f, ", and by ");
                        print_claim(f, j, &a->claims[k]);
                        first = false;
                }
                if (a->claims_truncated)
                        fprintf(f, ", and more");
                fputc('\n', f);
        }
}

static json_object *mac_json(const uint8_t m[6])
{
        char buf[MAC_STRLEN];

        mac_format(m, buf);
        return json_object_new_string(buf);
}

static json_object *render_json(const struct probe_job *j, bool in_use_only)
{
        json_object *doc = json_object_new_object(), *res = json_object_new_array();
        json_object *probes = json_object_new_object(), *ifs = json_object_new_array();

        if (!doc || !res || !probes || !ifs) {
                json_object_put(doc);
                json_object_put(res);
                json_object_put(probes);
                json_object_put(ifs);
                return NULL;
        }
        json_put(doc, "version", json_object_new_int(1));
        for (size_t i = 0; i < j->params.n_targets; i++) {
                const struct probe_answer *a = &j->answers[i];
                const struct interface *own;
                json_object *r, *claims;
                char ip[ADDR_STRLEN];
                struct addr ta;

                if (in_use_only && a->state == PROBE_FREE)
                        continue;
                own = local_holder(&j->inv, &j->targets[i]);
                r = json_object_new_object();
                claims = json_object_new_array();

                if (!r || !claims) {
                        json_object_put(r);
                        json_object_put(claims);
                        json_object_put(doc);
                        json_object_put(probes);
                        json_object_put(ifs);
                        return NULL;
                }
                probe_target_addr(&j->targets[i], &ta);
                addr_format(&ta, ip);
                json_put(r, "address", json_object_new_string(ip));
                json_put(r, "state", json_object_new_string(probe_state_name(a->state)));
                for (size_t k = 0; k < a->n_claims; k++) {
                        const struct probe_claim *c = &a->claims[k];
                        json_object *o = json_object_new_object();

                        if (!o)
                                continue;
                        json_put(o, "mac", mac_json(c->mac));
                        json_put(o, "arp_mac", c->arp_mac_differs ? mac_json(c->arp_mac) : NULL);
                        json_put(o, "vendor", json_str(oui_vendor(&j->oui, c->mac)));
                        json_put(o, "interface", json_str(j->ifaces[c->iface].name));
                        json_put(o, "probe", json_object_new_boolean(c->probe));
                        json_put(o, "vlan", c->vlan ? json_object_new_int(c->vlan_id) : NULL);
                        json_object_array_add(claims, o);
                }
                json_put(r, "claims", claims);
                json_put(r, "claims_truncated", json_object_new_boolean(a->claims_truncated));
                json_put(r, "local_interface", own ? json_str(own->name) : NULL);
                json_object_array_add(res, r);
        }
        json_put(doc, "results", res);
        json_put(probes, "sent", json_object_new_int64((int64_t)j->stats.sent));
        json_put(probes, "addresses", json_object_new_int64((int64_t)j->params.n_targets));
        for (size_t k = 0; k < j->params.n_ifaces; k++)
                json_object_array_add(ifs, json_str(j->ifaces[k].name));
        json_put(probes, "interfaces", ifs);
        json_put(probes, "seconds", json_object_new_double(j->stats.seconds));
        json_put(probes, "received", json_object_new_int64((int64_t)j->stats.received));
        json_put(probes, "malformed", json_object_new_int64((int64_t)j->stats.malformed));
        json_put(probes, "drops", json_object_new_int64((int64_t)j->stats.drops));
        json_put(doc, "probes", probes);
        return doc;
}

/* The closing line of a sweep, on stderr: stdout stays one line per address. */
static void sweep_summary(const struct probe_job *j)
{
        size_t used = 0, coll = 0;

        for (size_t i = 0; i < j->params.n_targets; i++) {
                used += j->answers[i].state == PROBE_IN_USE;
                coll += j->answers[i].state == PROBE_COLLISION;
        }
        fprintf(stderr, "vnetaudit: swept %zu addresses on %zu interface(s) in %.2f s: %zu in use, "
                "%zu probe collisions; %lu probes sent\n", j->params.n_targets, j->params.n_ifaces,
                j->stats.seconds, used, coll, j->stats.sent);
}

static int errno_status(int r)
{
        switch (r) {
        case -EPERM: return EX_NOPERM;
        case -ENOMEM: return EX_OSERR;
        case -EINVAL: return EX_USAGE;
        default: return EX_UNAVAILABLE;
        }
}

static int run(const struct options *opt, struct probe_job *j)
{
        char err[PROBE_ERRMSG_MAX] = "";
        int r, status = EXIT_CLEAN;

        if (opt->offline || opt->no_probe) {
                fprintf(stderr, "vnetaudit: probe sends ARP and NDP probes; it cannot run with %s\n",
                        opt->offline ? "--offline" : "--no-probe");
                return EX_USAGE;
        }
        if (!opt->n_args && !opt->localnet) {
                fprintf(stderr, "vnetaudit: probe: no address given\n");
                return EX_USAGE;
        }
        if ((r = parse_targets(opt, j)) != 0)
                return r;
        r = nlq_load(&j->inv);
        if (r < 0) {
                report_diagnostics_text(stderr, &j->inv.diags, opt->verbose);
                return r == -ENOMEM ? EX_OSERR : EX_UNAVAILABLE;
        }
        r = iface_select(&j->inv, opt->ifaces, opt->n_ifaces, &j->ifaces, &j->params.n_ifaces,
                         err, sizeof(err));
        if (r < 0) {
                fprintf(stderr, "vnetaudit: %s\n", err);
                return r == -ENOMEM ? EX_OSERR : r == -EINVAL ? EX_USAGE : EX_UNAVAILABLE;
        }
        j->params.ifaces = j->ifaces;
        if (opt->localnet && (r = add_localnet(j)) != 0)
                return r;
        if (finish_targets(j) < 0 || collect_macs(j) < 0)
                return EX_OSERR;
        j->params.retries = opt->retries;
        j->params.timeout = opt->timeout;
        j->params.rate = opt->rate;
        r = probe_run(&j->params, j->answers, &j->stats, err, sizeof(err));
        if (r < 0) {
                fprintf(stderr, "vnetaudit: %s\n", err);
                return errno_status(r);
        }
        if (oui_db_load_default(&j->oui) < 0)
                return EX_OSERR;
        cli_probe_warnings(stderr, j->stats.warning, j->stats.drops);
        if (opt->verbose)
                fprintf(stderr, "vnetaudit: %lu probes on %zu interface(s) in %.2f s, "
                        "%lu ARP/NDP frames received, %lu malformed\n", j->stats.sent,
                        j->params.n_ifaces, j->stats.seconds, j->stats.received,
                        j->stats.malformed);
        for (size_t i = 0; i < j->params.n_targets; i++)
                if (j->answers[i].state != PROBE_FREE)
                        status = EXIT_CONFLICTS;
        if (j->sweep && !opt->quiet)
                sweep_summary(j);
        if (opt->json) {
                r = cli_print_json(stdout, render_json(j, opt->in_use_only));
        } else {
                print_text(stdout, j, opt->in_use_only);
                r = cli_flush(stdout);
        }
        return r ? r : status;
}

int cmd_probe(const struct options *opt)
{
        struct probe_job j = { 0 };
        int status;

        inventory_init(&j.inv);
        oui_db_init(&j.oui);
        status = run(opt, &j);
        job_free(&j);
        return status;
}
