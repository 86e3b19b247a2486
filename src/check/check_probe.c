/*
 * check_probe.c - probe the planned host addresses and say who holds them.
 * The motivating incident: VMware plans vmnet6's host adapter at x.y.z.1,
 * a server elsewhere on the LAN holds x.y.z.1 on a forgotten bridge and
 * answers ARP for it on its LAN card; vmnet6 then fails to start.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "audit_config.h"
#include "check_probe.h"
#include "claimant.h"
#include "hindex.h"
#include "iface_select.h"
#include "net_select.h"
#include "probe_engine.h"
#include "sysctl_arp.h"
#include "options.h"
#include "xalloc.h"

bool check_net_selected(const struct network *n, const char *const *nets, size_t n_nets)
{
        if (!n_nets)
                return true;
        for (size_t i = 0; i < n_nets; i++)
                if (net_select_match(nets[i], n))
                        return true;
        return false;
}

static bool gives_host_address(const struct network *n)
{
        return n->type != NET_TYPE_BRIDGED && n->type != NET_TYPE_DIRECT;
}

static bool device_holds(const struct inventory *inv, const char *dev, const struct addr *a)
{
        const struct interface *ifc = dev ? inventory_find_interface(inv, dev) : NULL;

        for (size_t k = 0; ifc && k < ifc->n_addrs; k++)
                if (addr_eq(&ifc->addrs[k].prefix.addr, a))
                        return true;
        return false;
}

int check_probe_targets(const struct inventory *inv, const char *const *nets, size_t n_nets,
                        struct check_target **ret, size_t *n_ret)
{
        struct check_target *v = NULL;
        struct hindex by_addr = { 0 };  /* 20,000 networks: no pairwise comparison */
        size_t n = 0, cap = 0;

        for (size_t i = 0; i < inv->n_nets; i++) {
                const struct network *net = &inv->nets[i];

                if (net->source == NET_SRC_HOST ||
                    !gives_host_address(net) || !check_net_selected(net, nets, n_nets))
                        continue;
                /* A libvirt network nobody starts does not come up by itself. */
                if (net->source == NET_SRC_LIBVIRT && net->state == NET_STATE_INACTIVE &&
                    !net->autostart && !n_nets)
                        continue;
                for (size_t k = 0; k < net->n_subnets; k++) {
                        const struct addr_fact *h = &net->subnets[k].host_address;
                        struct check_target *t;
                        bool dup = false;
                        uint64_t hash;

                        /* IPv4 by ARP, IPv6 by DAD; a link-local address
                         * (fe80::/10) is unique only on its own link, which
                         * the LAN is not. */
                        if (!h->set || (h->addr.family != AF_INET && h->addr.family != AF_INET6) ||
                            (h->addr.family == AF_INET6 && h->addr.b[0] == 0xfe &&
                             (h->addr.b[1] & 0xc0) == 0x80))
                                continue;
                        hash = hindex_hash_bytes(HINDEX_SEED, h->addr.b, addr_bits(h->addr.family) / 8);
                        for (size_t it = hindex_first(&by_addr, hash); it && !dup;
                             it = hindex_next(&by_addr, it, hash))
                                dup = addr_eq(&v[it - 1].addr, &h->addr);
                        if (dup)
                                continue;       /* duplicate-host-address says the rest */
                        if (hindex_put(&by_addr, n, hash) < 0 || !(t = ARRAY_PUSH(v, n, cap))) {
                                hindex_free(&by_addr);
                                free(v);
                                return -ENOMEM;
                        }
                        t->net = i;
                        t->subnet = k;
                        t->addr = h->addr;
                        t->running = device_holds(inv, net->device, &h->addr);
                }
        }
        hindex_free(&by_addr);
        *ret = v;
        *n_ret = n;
        return 0;
}

/* Appends one claimant to the " and "-joined list in *buf. */
static int claimant(char **buf, size_t *len, const struct probe_claim *c, const struct oui_db *oui)
{
        char one[CLAIMANT_STRLEN];
        size_t k;
        char *nb;

        claimant_format(one, sizeof(one), c, oui_vendor(oui, c->mac), NULL);
        k = strlen(one) + (*len ? 5 : 0);
        if (!(nb = realloc(*buf, *len + k + 1)))
                return -ENOMEM;
        snprintf(nb + *len, k + 1, "%s%s", *len ? " and " : "", one);
        *buf = nb;
        *len += k;
        return 0;
}

static int one_finding(const struct inventory *inv, const struct check_target *t,
                       const struct probe_answer *a, const struct probe_iface *ifaces,
                       const struct oui_db *oui, struct finding_list *out)
{
        const struct network *net = &inv->nets[t->net];
        const struct addr_fact *h = &net->subnets[t->subnet].host_address;
        bool collision = a->state == PROBE_COLLISION;
        const struct probe_claim *first = NULL;
        _cleanup_free_ char *who = NULL, *msg = NULL, *hint = NULL, *id = NULL, *seen = NULL;
        char label[160], where[512], ip[ADDR_STRLEN], mac[MAC_STRLEN];
        const char *ifname, *vendor;
        size_t wlen = 0;
        struct finding *f;

        for (size_t k = 0; k < a->n_claims; k++) {
                if (a->claims[k].probe != collision)
                        continue;
                if (!first)
                        first = &a->claims[k];
                if (claimant(&who, &wlen, &a->claims[k], oui) < 0)
                        return -ENOMEM;
        }
        if (!first)
                return 0;
        ifname = ifaces[first->iface].name;
        vendor = oui_vendor(oui, first->mac);
        analysis_net_label(net, label, sizeof(label));
        origin_format(&h->origin, where, sizeof(where));
        addr_format(&t->addr, ip);
        mac_format(first->mac, mac);
        if (collision) {
                if (asprintf(&msg, "another machine is probing for %s's planned host address %s "
                             "(%s) on %s right now: %s%s — it is about to take it", label, ip,
                             where, ifname, who, a->claims_truncated ? " and more" : "") < 0 ||
                    asprintf(&hint, "choose another subnet for %s, or find out why %s wants %s",
                             label, mac, ip) < 0)
                        return -ENOMEM;
        } else if (t->running) {
                if (asprintf(&msg, "%s runs here, and its host address %s (%s) is also claimed on %s by "
                             "%s%s — another machine holds it", label, ip, where, ifname, who,
                             a->claims_truncated ? " and more" : "") < 0 ||
                    asprintf(&hint, "remove that address there, or choose another subnet for %s",
                             label) < 0)
                        return -ENOMEM;
        } else {
                if (asprintf(&msg, "%s's planned host address %s (%s) is already in use on %s by "
                             "%s%s — another machine holds it", label, ip, where, ifname, who,
                             a->claims_truncated ? " and more" : "") < 0 ||
                    asprintf(&hint, "choose another subnet for %s or remove that address there",
                             label) < 0)
                        return -ENOMEM;
        }
        if (!(f = finding_add(out, collision ? F_ADDRESS_PROBE_COLLISION : F_ADDRESS_IN_USE,
                              SEV_ERROR, msg, hint)))
                return -ENOMEM;
        if (asprintf(&id, "host:%s", ifname) < 0 ||
            asprintf(&seen, "%s on %s from %s", t->addr.family == AF_INET6 ?
                     (collision ? "NDP duplicate address detection probe" : "NDP neighbor advertisement") :
                     (collision ? "ARP probe" : "ARP reply"), ifname, mac) < 0 ||
            finding_add_network(f, net->id) < 0 || finding_add_network(f, id) < 0 ||
            finding_add_address(f, ip) < 0 || finding_add_origin(f, where) < 0 ||
            finding_add_origin(f, seen) < 0 ||
            !(f->mac = strdup(mac)) || !(f->interface = strdup(ifname)) ||
            (vendor && !(f->vendor = strdup(vendor))))
                return -ENOMEM;
        f->vlan = first->vlan;
        f->vlan_id = first->vlan_id;
        return 0;
}

int check_probe_findings(const struct inventory *inv, const struct check_target *t, size_t n,
                         const struct probe_answer *answers, const struct probe_iface *ifaces,
                         const struct oui_db *oui, struct finding_list *out)
{
        for (size_t i = 0; i < n; i++)
                if (answers[i].state != PROBE_FREE &&
                    one_finding(inv, &t[i], &answers[i], ifaces, oui, out) < 0)
                        return -ENOMEM;
        return 0;
}

void check_probe_outcome_free(struct check_probe_outcome *o)
{
        if (!o)
                return;
        free(o->answers);
        free(o->ifaces);
        free(o->ifres);
        *o = (struct check_probe_outcome){ 0 };
}

int check_probe_phase(const struct options *opt, const struct inventory *inv,
                      const struct check_target *t, size_t n, struct check_probe_outcome *out)
{
        struct probe_params p = {
                .n_targets = n, .retries = opt->retries, .timeout = opt->timeout, .rate = opt->rate,
        };
        _cleanup_free_ struct probe_target *targets = NULL;
        _cleanup_free_ uint8_t (*macs)[6] = NULL;
        size_t n_macs = 0;
        int r;

        *out = (struct check_probe_outcome){ .targets = t, .n_targets = n, .window = opt->timeout };
        if (!n)
                return 0;       /* nothing would come up: no interface needed */
        r = iface_select(inv, opt->ifaces, opt->n_ifaces, &out->ifaces, &out->n_ifaces,
                         out->reason, sizeof(out->reason));
        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                out->error = r;
                return 0;
        }
        targets = calloc(n, sizeof(*targets));
        out->answers = calloc(n, sizeof(*out->answers));
        out->ifres = calloc(out->n_ifaces, sizeof(*out->ifres));
        if (!targets || !out->answers || !out->ifres || host_macs_collect(inv, &macs, &n_macs) < 0)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                probe_target_from_addr(&t[i].addr, &targets[i]);
                targets[i].tag = (void *)&t[i];
        }
        p.targets = targets;
        p.ifaces = out->ifaces;
        p.n_ifaces = out->n_ifaces;
        p.our_macs = (const uint8_t (*)[6])macs;
        p.n_our_macs = n_macs;
        r = probe_run_ifs(&p, out->answers, out->ifres, &out->stats, out->reason, sizeof(out->reason));
        if (r == -ENOMEM)
                return r;
        if (r < 0)
                out->error = r;
        return 0;
}

static const char *if_failure(enum probe_if_status s)
{
        switch (s) {
        case PROBE_IF_WENT_DOWN: return "went down while probing";
        case PROBE_IF_OPEN_FAILED: return "could not be opened";
        case PROBE_IF_SEND_FAILED: return "could not send";
        case PROBE_IF_RECEIVE_FAILED: return "could not receive";
        default: return "failed";
        }
}

static const char *incomplete_hint(int e)
{
        switch (e) {
        case -EPERM:
        case -EACCES:
                return "run the check as root (or with CAP_NET_RAW) once the LAN is up; the other "
                       "findings stand";
        default:
                return "check again once the LAN interface is up (or name one with -i); the other "
                       "findings stand";
        }
}

int check_probe_incomplete(const struct inventory *inv, const struct check_probe_outcome *o,
                           struct finding_list *out)
{
        _cleanup_free_ char *msg = NULL, *why = NULL;
        size_t len = 0, failed = 0, first = 0;
        int e = o->error;
        struct finding *f;

        if (!o->n_targets)
                return 0;
        if (!o->error) {
                for (size_t k = 0; k < o->n_ifaces; k++) {
                        const struct probe_if_result *r = &o->ifres[k];
                        char *s;
                        int n;

                        if (r->status == PROBE_IF_OK)
                                continue;
                        if (!failed++) {
                                first = k;
                                e = r->error;
                        }
                        if (r->stopped > 0)
                                n = asprintf(&s, "%s%s %s after %.1f s (%s)", len ? "; " : "",
                                             o->ifaces[k].name, if_failure(r->status), r->stopped,
                                             r->reason);
                        else
                                n = asprintf(&s, "%s%s %s (%s)", len ? "; " : "", o->ifaces[k].name,
                                             if_failure(r->status), r->reason);
                        if (n < 0)
                                return -ENOMEM;
                        {
                                char *nb = realloc(why, len + (size_t)n + 1);

                                if (!nb) {
                                        free(s);
                                        return -ENOMEM;
                                }
                                memcpy(nb + len, s, (size_t)n + 1);
                                why = nb;
                                len += (size_t)n;
                        }
                        free(s);
                }
                if (!failed)
                        return 0;
                if (asprintf(&msg, "probing was incomplete: %s; %s", why,
                             failed == o->n_ifaces ? "no planned host address could be probed"
                                                   : "the other interfaces' answers stand") < 0)
                        return -ENOMEM;
        } else if (asprintf(&msg, "probing could not be done: %s; %zu planned host %s not probed",
                            o->reason[0] ? o->reason : strerror(-o->error), o->n_targets,
                            o->n_targets == 1 ? "address was" : "addresses were") < 0) {
                return -ENOMEM;
        }
        if (!(f = finding_add(out, F_PROBE_INCOMPLETE, SEV_WARNING, msg, incomplete_hint(e))))
                return -ENOMEM;
        for (size_t k = 0; !o->error && k < o->n_ifaces; k++) {
                char id[64];

                if (o->ifres[k].status == PROBE_IF_OK)
                        continue;
                snprintf(id, sizeof(id), "host:%s", o->ifaces[k].name);
                if (finding_add_network(f, id) < 0)
                        return -ENOMEM;
        }
        for (size_t i = 0; i < o->n_targets; i++) {
                char ip[ADDR_STRLEN];

                addr_format(&o->targets[i].addr, ip);
                if (finding_add_network(f, inv->nets[o->targets[i].net].id) < 0 ||
                    finding_add_address(f, ip) < 0)
                        return -ENOMEM;
        }
        if (failed == 1 && !(f->interface = strdup(o->ifaces[first].name)))
                return -ENOMEM;
        return 0;
}

int check_probe_visible(const struct inventory *inv, const struct check_probe_outcome *o,
                        struct finding_list *out)
{
        for (size_t i = 0; i < o->n_targets; i++) {
                const struct check_target *t = &o->targets[i];
                const struct network *net = &inv->nets[t->net];
                _cleanup_free_ char *list = NULL, *msg = NULL, *hint = NULL;
                char label[160], ip[ADDR_STRLEN], where[512];
                size_t len = 0;
                struct finding *f;

                /* ARP only: Linux answers a Neighbor Solicitation only on
                 * the interface holding the address (no weak host model
                 * for IPv6), so an IPv6 address is never visible this way. */
                if (!t->running || t->addr.family != AF_INET)
                        continue;
                for (size_t k = 0; k < o->n_ifaces; k++) {
                        int ai;
                        char *nl;
                        size_t add = strlen(o->ifaces[k].name) + 2;

                        if (sysctl_arp_ignore(o->ifaces[k].name, &ai) < 0 || ai != 0)
                                continue;
                        if (!(nl = realloc(list, len + add + 1)))
                                return -ENOMEM;
                        list = nl;
                        len += (size_t)snprintf(list + len, add + 1, "%s%s", len ? ", " : "",
                                                o->ifaces[k].name);
                }
                if (!list)
                        continue;
                analysis_net_label(net, label, sizeof(label));
                addr_format(&t->addr, ip);
                origin_format(&net->subnets[t->subnet].host_address.origin, where, sizeof(where));
                if (asprintf(&msg, "%s runs here and its host address %s (%s) is answered on the LAN "
                             "through %s (arp_ignore=0, the weak host model): another host that plans "
                             "a network at %s sees it in use, as VMware's start-up check would",
                             label, ip, where, list, ip) < 0 ||
                    asprintf(&hint, "set net.ipv4.conf.all.arp_ignore=1 (answer ARP only for the "
                             "interface's own addresses) if other hosts on the LAN plan this subnet") < 0)
                        return -ENOMEM;
                if (!(f = finding_add(out, F_ADDRESS_VISIBLE_ON_LAN, SEV_INFO, msg, hint)) ||
                    finding_add_network(f, net->id) < 0 || finding_add_address(f, ip) < 0 ||
                    finding_add_origin(f, where) < 0)
                        return -ENOMEM;
                for (size_t k = 0; k < o->n_ifaces; k++) {
                        char id[64];
                        int ai;

                        if (sysctl_arp_ignore(o->ifaces[k].name, &ai) < 0 || ai != 0)
                                continue;
                        snprintf(id, sizeof(id), "host:%s", o->ifaces[k].name);
                        if (finding_add_network(f, id) < 0)
                                return -ENOMEM;
                }
        }
        return 0;
}
