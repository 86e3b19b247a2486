/*
 * cmd_probe.c - `vnetaudit probe ADDRESS...`: RFC 5227 probes for any IPv4
 * addresses on the LAN, all at once; one line (or one JSON result) per
 * address saying free, in use by whom, or probe collision.  Builds only the
 * kernel part of the inventory (netlink): interfaces and this host's MACs.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "exitcodes.h"
#include "iface_select.h"
#include "jsonout.h"
#include "nlq.h"
#include "oui.h"
#include "probe_engine.h"
#include "report_list.h"
#include "textesc.h"

struct probe_job {
        struct inventory inv;
        struct oui_db oui;
        struct probe_target *targets;
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

static int parse_targets(const struct options *opt, struct probe_job *j)
{
        j->targets = calloc(opt->n_args, sizeof(*j->targets));
        j->answers = calloc(opt->n_args, sizeof(*j->answers));
        if (!j->targets || !j->answers)
                return EX_OSERR;
        for (size_t i = 0; i < opt->n_args; i++) {
                struct addr a;
                uint32_t h;

                if (addr_parse_family(opt->args[i], AF_INET, &a) < 0) {
                        fprintf(stderr, "vnetaudit: probe: '%s' is not an IPv4 address "
                                "(ARP probes IPv4 only)\n", opt->args[i]);
                        return EX_USAGE;
                }
                h = addr_ipv4(&a);
                if (h == 0 || h == 0xffffffff || (h >> 28) == 0xe || (h >> 24) == 127) {
                        fprintf(stderr, "vnetaudit: probe: %s is not a unicast address "
                                "that a host could hold\n", opt->args[i]);
                        return EX_USAGE;
                }
                j->targets[i].addr.s_addr = htonl(h);
        }
        j->params.targets = j->targets;
        j->params.n_targets = opt->n_args;
        return 0;
}

/* Every MAC of this host: an answer from any of them is our own. */
static int collect_macs(struct probe_job *j)
{
        size_t n = 0;

        j->macs = calloc(j->inv.n_ifs ? j->inv.n_ifs : 1, sizeof(*j->macs));
        if (!j->macs)
                return -ENOMEM;
        for (size_t i = 0; i < j->inv.n_ifs; i++)
                if (j->inv.ifs[i].has_mac)
                        memcpy(j->macs[n++], j->inv.ifs[i].mac, 6);
        j->params.our_macs = (const uint8_t (*)[6])j->macs;
        j->params.n_our_macs = n;
        return 0;
}

/* The interface of this host that holds a, or NULL. */
static const struct interface *local_holder(const struct inventory *inv, struct in_addr a)
{
        struct addr x;

        addr_from_ipv4(ntohl(a.s_addr), &x);
        for (size_t i = 0; i < inv->n_ifs; i++)
                for (size_t k = 0; k < inv->ifs[i].n_addrs; k++)
                        if (addr_eq(&inv->ifs[i].addrs[k].prefix.addr, &x))
                                return &inv->ifs[i];
        return NULL;
}

static void print_claim(FILE *f, const struct probe_job *j, const struct probe_claim *c)
{
        char mac[MAC_STRLEN], amac[MAC_STRLEN];
        const char *vendor = oui_vendor(&j->oui, c->mac);
        char *ifname = textesc(j->ifaces[c->iface].name, true);
        char *v = vendor ? textesc(vendor, true) : NULL;

        mac_format(c->mac, mac);
        fprintf(f, "%s", mac);
        if (v || c->arp_mac_differs) {
                fprintf(f, " (%s", v ? v : "unknown vendor");
                if (c->arp_mac_differs) {
                        mac_format(c->arp_mac, amac);
                        fprintf(f, "; ARP sender %s", amac);
                }
                fputc(')', f);
        }
        fprintf(f, " on %s", ifname ? ifname : "?");
        if (c->vlan)
                fprintf(f, " in VLAN %u", (unsigned)c->vlan_id);
        free(ifname);
        free(v);
}

static void print_text(FILE *f, const struct probe_job *j)
{
        for (size_t i = 0; i < j->params.n_targets; i++) {
                const struct probe_answer *a = &j->answers[i];
                const struct interface *own = local_holder(&j->inv, j->targets[i].addr);
                bool want_probe = a->state == PROBE_COLLISION, first = true;
                char ip[INET_ADDRSTRLEN];

                inet_ntop(AF_INET, &j->targets[i].addr, ip, sizeof(ip));
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

static json_object *render_json(const struct probe_job *j)
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
                const struct interface *own = local_holder(&j->inv, j->targets[i].addr);
                json_object *r = json_object_new_object(), *claims = json_object_new_array();
                char ip[INET_ADDRSTRLEN];

                if (!r || !claims) {
                        json_object_put(r);
                        json_object_put(claims);
                        json_object_put(doc);
                        json_object_put(probes);
                        json_object_put(ifs);
                        return NULL;
                }
                inet_ntop(AF_INET, &j->targets[i].addr, ip, sizeof(ip));
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
                fprintf(stderr, "vnetaudit: probe sends ARP probes; it cannot run with %s\n",
                        opt->offline ? "--offline" : "--no-probe");
                return EX_USAGE;
        }
        if (!opt->n_args) {
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
                return r == -ENOMEM ? EX_OSERR : EX_UNAVAILABLE;
        }
        j->params.ifaces = j->ifaces;
        if (collect_macs(j) < 0)
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
        if (j->stats.warning[0])
                fprintf(stderr, "vnetaudit: warning: %s\n", j->stats.warning);
        if (j->stats.drops)
                fprintf(stderr, "vnetaudit: warning: %lu captured frames were dropped; "
                        "answers may be missing\n", j->stats.drops);
        if (opt->verbose)
                fprintf(stderr, "vnetaudit: %lu probes on %zu interface(s) in %.2f s, "
                        "%lu ARP frames received, %lu malformed\n", j->stats.sent,
                        j->params.n_ifaces, j->stats.seconds, j->stats.received,
                        j->stats.malformed);
        for (size_t i = 0; i < j->params.n_targets; i++)
                if (j->answers[i].state != PROBE_FREE)
                        status = EXIT_CONFLICTS;
        if (opt->json) {
                json_object *doc = render_json(j);

                if (!doc)
                        return EX_OSERR;
                r = json_print(stdout, doc);
                json_object_put(doc);
                if (r < 0)
                        return EX_IOERR;
        } else {
                print_text(stdout, j);
        }
        if (fflush(stdout) != 0)
                return EX_IOERR;
        return status;
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
