/*
 * cmd_suggest.c - `vnetaudit suggest`: subnets a new VMware or libvirt
 * network can take.  Candidates come from suggest.c (pools minus crowded
 * defaults minus the inventory); then a sample of each candidate's
 * addresses (.1, .254, quarter points; IPv6 ::1, ::2) is probed (ARP, or
 * DAD for IPv6) on every LAN interface in one window, and a candidate any
 * of whose addresses answers is skipped.
 * Prints each subnet, what was checked, and ready-to-paste configuration.
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
#include "gather.h"
#include "iface_select.h"
#include "jsonout.h"
#include "oui.h"
#include "probe_engine.h"
#include "report_list.h"
#include "rootfile.h"
#include "suggest.h"
#include "textesc.h"
#include "xalloc.h"

#define SUGGEST_MAX_STEPS 100000        /* walk bound, whatever the pools hold */
#define SUGGEST_MAX_CANDIDATES 256      /* probed in one window */

struct entry {
        struct prefix p;
        bool ok;                        /* a suggestion (so far) */
        char why[SUGGEST_WHY_MAX + CLAIMANT_STRLEN + 2 * ADDR_STRLEN];  /* skipped: why */
        size_t first_target, n_targets; /* its probed addresses */
};

struct job {
        struct inventory inv;
        struct suggest_ctx ctx;
        struct oui_db oui;
        struct entry *e;
        size_t n_e, cap_e;
        struct probe_target *targets;
        struct probe_answer *answers;
        size_t n_targets;
        struct probe_iface *ifaces;
        size_t n_ifaces;
        struct probe_stats stats;
        bool probed, default_pools;
        const char *unverified;         /* why not probed, or NULL */
        unsigned vmnet;
};

static void job_free(struct job *j)
{
        free(j->e);
        free(j->targets);
        free(j->answers);
        free(j->ifaces);
        oui_db_free(&j->oui);
        suggest_free(&j->ctx);
        inventory_free(&j->inv);
}

static int family_of(const char *s)
{
        return strcmp(s, "inet") == 0 ? AF_INET : strcmp(s, "inet6") == 0 ? AF_INET6 : 0;
}

/* Family, length and pools from the command line.  0 or an exit status. */
static int setup(const struct options *opt, struct job *j)
{
        int family = 0;
        unsigned len;

        if (opt->family && !(family = family_of(opt->family))) {
                fprintf(stderr, "vnetaudit: invalid value '%s' for --family: inet or inet6\n", opt->family);
                return EX_USAGE;
        }
        for (size_t i = 0; i < opt->n_from && !family; i++) {
                struct prefix p;

                if (prefix_parse(opt->from[i], &p) == 0)
                        family = p.addr.family;
        }
        if (!family)
                family = AF_INET;
        len = opt->prefix_len ? opt->prefix_len : family == AF_INET ? 24 : 64;
        if (!suggest_len_valid(family, len)) {
                fprintf(stderr, "vnetaudit: suggest: --prefix must be between %s\n",
                        family == AF_INET ? "8 and 30 for IPv4" : "16 and 64 for IPv6");
                return EX_USAGE;
        }
        suggest_init(&j->ctx, family, len);
        for (size_t i = 0; i < opt->n_from; i++) {
                struct prefix p;
                int r;

                if (prefix_parse(opt->from[i], &p) < 0) {
                        fprintf(stderr, "vnetaudit: suggest: --from '%s' is not a prefix (ADDRESS/LENGTH)\n",
                                opt->from[i]);
                        return EX_USAGE;
                }
                r = suggest_add_pool(&j->ctx, &p);
                if (r == -EAFNOSUPPORT || r == -EDOM) {
                        fprintf(stderr, "vnetaudit: suggest: --from %s %s /%u\n", opt->from[i],
                                r == -EDOM ? "is smaller than a candidate" : "is not of the family of the",
                                len);
                        return EX_USAGE;
                }
                if (r < 0)
                        return EX_OSERR;
        }
        if (opt->n_from)
                return 0;
        j->default_pools = true;
        if (family == AF_INET)
                return suggest_default_pools(&j->ctx, NULL, 0) < 0 ||
                       suggest_exclude_crowded(&j->ctx) < 0 ? EX_OSERR : 0;
        {
                /* The ULA /48 is derived from machine-id: stable for this host. */
                char path[4096];
                _cleanup_free_ char *id = NULL;
                size_t n = 0;

                snprintf(path, sizeof(path), "%s/etc/machine-id", opt->root);
                if (rootfile_read(opt->root, "/etc/machine-id", 4096, &id, &n, NULL) < 0)
                        n = 0;
                if (n > 128)
                        n = 128;        /* the first 128 bytes, as always */
                if (!n) {
                        fprintf(stderr, "vnetaudit: suggest: %s is missing, so no ULA prefix can be "
                                "derived for this host; give the pool with --from\n", path);
                        return EX_USAGE;
                }
                return suggest_default_pools(&j->ctx, id, n) < 0 ? EX_OSERR : 0;
        }
}

/* Walks the pools until want candidates are collected. 0 or -ENOMEM. */
static int walk(struct job *j, size_t want)
{
        size_t found = 0;
        struct suggest_step s;

        for (size_t steps = 0; found < want && steps < SUGGEST_MAX_STEPS; steps++) {
                struct entry *e;

                if (suggest_next(&j->ctx, &s) == 0)
                        break;
                if (!(e = ARRAY_PUSH(j->e, j->n_e, j->cap_e)))
                        return -ENOMEM;
                memset(e, 0, sizeof(*e));
                e->p = s.prefix;
                e->ok = s.free;
                if (!s.free) {
                        char pfx[PREFIX_STRLEN];

                        if (s.skipped_range)    /* the whole exclusion was jumped */
                                snprintf(e->why, sizeof(e->why), "%s (and the rest of %s)", s.why->why,
                                         prefix_format(&s.why->prefix, pfx));
                        else
                                snprintf(e->why, sizeof(e->why), "%s", s.why->why);
                }
                found += s.free;
        }
        return 0;
}

static int plan_probes(struct job *j)
{
        size_t n = 0;

        j->targets = calloc(j->n_e * SUGGEST_SAMPLES_MAX + 1, sizeof(*j->targets));
        if (!j->targets)
                return -ENOMEM;
        for (size_t i = 0; i < j->n_e; i++) {
                struct addr s[SUGGEST_SAMPLES_MAX];
                size_t k;

                if (!j->e[i].ok)
                        continue;
                k = suggest_samples(&j->e[i].p, s);
                j->e[i].first_target = n;
                j->e[i].n_targets = k;
                for (size_t t = 0; t < k; t++)
                        probe_target_from_addr(&s[t], &j->targets[n++]);
        }
        j->n_targets = n;
        j->answers = calloc(n + 1, sizeof(*j->answers));
        return j->answers ? 0 : -ENOMEM;
}

static int probe(const struct options *opt, struct job *j, char *err, size_t errsize)
{
        _cleanup_free_ uint8_t (*macs)[6] = NULL;
        struct probe_params p = {
                .retries = opt->retries, .timeout = opt->timeout, .rate = opt->rate,
        };
        size_t n_macs = 0;
        int r;

        if ((r = plan_probes(j)) < 0)
                return r;
        if (!j->n_targets)
                return 0;
        r = iface_select(&j->inv, opt->ifaces, opt->n_ifaces, &j->ifaces, &j->n_ifaces, err, errsize);
        if (r == -ENOENT && !opt->n_ifaces) {
                /* No LAN at all (an unplugged laptop): nothing to ask, say so. */
                j->unverified = "no interface to probe on";
                return 0;
        }
        if (r < 0)
                return r;
        if ((r = host_macs_collect(&j->inv, &macs, &n_macs)) < 0)
                return r;
        p.targets = j->targets;
        p.n_targets = j->n_targets;
        p.ifaces = j->ifaces;
        p.n_ifaces = j->n_ifaces;
        p.our_macs = (const uint8_t (*)[6])macs;
        p.n_our_macs = n_macs;
        if ((r = probe_run(&p, j->answers, &j->stats, err, errsize)) < 0)
                return r;
        j->probed = true;
        if (oui_db_load_default(&j->oui) < 0)
                return -ENOMEM;
        /* A candidate any of whose addresses answered is not free. */
        for (size_t i = 0; i < j->n_e; i++) {
                struct entry *e = &j->e[i];

                for (size_t t = e->first_target; e->ok && t < e->first_target + e->n_targets; t++) {
                        const struct probe_answer *a = &j->answers[t];
                        const struct probe_claim *c = a->n_claims ? &a->claims[0] : NULL;
                        char ip[ADDR_STRLEN], who[CLAIMANT_STRLEN];
                        struct addr ta;

                        if (a->state == PROBE_FREE || !c)
                                continue;
                        probe_target_addr(&j->targets[t], &ta);
                        addr_format(&ta, ip);
                        claimant_format(who, sizeof(who), c, oui_vendor(&j->oui, c->mac),
                                        j->ifaces[c->iface].name);
                        snprintf(e->why, sizeof(e->why), "answers on the wire: %s %s %s", ip,
                                 a->state == PROBE_IN_USE ? "is in use by" : "is being probed for by", who);
                        e->ok = false;
                }
        }
        return 0;
}

/* What was checked for one suggestion, as sentences; calls add() for each. */
static void checked(const struct job *j, const struct entry *e,
                    void (*add)(void *ud, const char *s), void *ud)
{
        char s[512];

        snprintf(s, sizeof(s), "no VMware, libvirt, Docker, Podman or Incus subnet overlaps it (%zu checked)",
                 j->ctx.n_networks);
        add(ud, s);
        if (j->ctx.n_alloc_pools) {
                snprintf(s, sizeof(s), "no Docker or Podman allocation pool overlaps it (%zu checked)",
                         j->ctx.n_alloc_pools);
                add(ud, s);
        }
        if (j->inv.have_kernel) {
                snprintf(s, sizeof(s), "no address of a host interface overlaps it (%zu checked)",
                         j->ctx.n_addresses);
                add(ud, s);
                snprintf(s, sizeof(s), "no route of any table overlaps it (%zu checked; routes broader "
                         "than the pool, such as the default route, do not count)", j->ctx.n_routes);
                add(ud, s);
        } else {
                add(ud, "host interfaces and routes not read (--offline)");
        }
        if (j->default_pools)
                add(ud, "not a crowded default of routers and virtualization tools");
        if (!j->probed) {
                snprintf(s, sizeof(s), "not verified on the wire (%s)", j->unverified);
                add(ud, s);
                return;
        }
        for (size_t t = e->first_target; t < e->first_target + e->n_targets; t++) {
                char ip[ADDR_STRLEN];
                struct addr ta;
                int n;

                probe_target_addr(&j->targets[t], &ta);
                addr_format(&ta, ip);
                n = snprintf(s, sizeof(s), "no %s answer for %s on",
                             ta.family == AF_INET6 ? "DAD (NDP)" : "ARP", ip);
                for (size_t k = 0; k < j->n_ifaces && n > 0 && (size_t)n < sizeof(s); k++)
                        n += snprintf(s + n, sizeof(s) - (size_t)n, "%s %s", k ? "," : "", j->ifaces[k].name);
                add(ud, s);
        }
}

static void add_json(void *ud, const char *s)
{
        json_object_array_add(ud, json_str(s));
}

static void add_text(void *ud, const char *s)
{
        char *t = textesc(s, true);

        fprintf(ud, "  checked: %s\n", t ? t : "?");
        free(t);
}

static bool verified(const struct job *j)
{
        return j->probed;
}

/* Entries to show: suggestions up to count, and the skips before the last. */
static size_t shown(const struct job *j, unsigned count)
{
        size_t n = 0, end = 0;

        for (size_t i = 0; i < j->n_e && n < count; i++)
                if (j->e[i].ok) {
                        n++;
                        end = i + 1;
                }
        return n < count ? j->n_e : end;
}

static json_object *render_json(const struct options *opt, const struct job *j)
{
        json_object *doc = json_object_new_object(), *sug = json_object_new_array();
        json_object *skip = json_object_new_array();
        size_t end = shown(j, opt->count);

        if (!doc || !sug || !skip) {
                json_object_put(doc);
                json_object_put(sug);
                json_object_put(skip);
                return NULL;
        }
        json_put(doc, "version", json_object_new_int(1));
        for (size_t i = 0; i < end; i++) {
                const struct entry *e = &j->e[i];
                char pfx[PREFIX_STRLEN], lines[SUGGEST_VMW_LINES][SUGGEST_LINE_MAX], ip[1024];
                json_object *o = json_object_new_object(), *chk = json_object_new_array();
                int nl;

                if (!o || !chk) {
                        json_object_put(o);
                        json_object_put(chk);
                        continue;
                }
                json_put(o, "subnet", json_object_new_string(prefix_format(&e->p, pfx)));
                if (!e->ok) {
                        json_put(o, "reason", json_str(e->why));
                        json_object_put(chk);
                        json_object_array_add(skip, o);
                        continue;
                }
                json_put(o, "verified", json_object_new_boolean(verified(j)));
                checked(j, e, add_json, chk);
                json_put(o, "checked", chk);
                nl = suggest_vmware_lines(&e->p, j->vmnet, lines);
                if (nl > 0 && j->vmnet) {
                        json_object *v = json_object_new_object(), *a = json_object_new_array();

                        for (int k = 0; a && k < nl; k++)
                                json_object_array_add(a, json_object_new_string(lines[k]));
                        json_put(v, "vmnet", json_object_new_int((int)j->vmnet));
                        json_put(v, "answers", a);
                        json_put(o, "vmware", v);
                } else {
                        json_put(o, "vmware", NULL);
                }
                json_put(o, "libvirt_ip", suggest_libvirt_ip(&e->p, ip, sizeof(ip)) == 0 ?
                         json_object_new_string(ip) : NULL);
                json_object_array_add(sug, o);
        }
        json_put(doc, "suggestions", sug);
        json_put(doc, "skipped", skip);
        if (j->probed) {
                json_object *pr = json_object_new_object(), *ifs = json_object_new_array();

                json_put(pr, "sent", json_object_new_int64((int64_t)j->stats.sent));
                for (size_t k = 0; ifs && k < j->n_ifaces; k++)
                        json_object_array_add(ifs, json_str(j->ifaces[k].name));
                json_put(pr, "interfaces", ifs);
                json_put(pr, "addresses", json_object_new_int64((int64_t)j->n_targets));
                json_put(pr, "seconds", json_object_new_double(j->stats.seconds));
                json_put(pr, "drops", json_object_new_int64((int64_t)j->stats.drops));
                json_put(doc, "probes", pr);
        } else {
                json_put(doc, "probes", NULL);
        }
        return doc;
}

static void print_text(const struct options *opt, const struct job *j)
{
        size_t end = shown(j, opt->count);

        for (size_t i = 0; i < end; i++) {
                const struct entry *e = &j->e[i];
                char pfx[PREFIX_STRLEN], lines[SUGGEST_VMW_LINES][SUGGEST_LINE_MAX], ip[1024];
                int nl;

                prefix_format(&e->p, pfx);
                if (!e->ok) {
                        if (opt->verbose) {
                                char *w = textesc(e->why, true);

                                printf("skipped %s: %s\n", pfx, w ? w : "?");
                                free(w);
                        }
                        continue;
                }
                if (verified(j))
                        printf("%s  free, verified on the wire\n", pfx);
                else
                        printf("%s  free in the inventory, NOT verified on the wire (%s)\n", pfx, j->unverified);
                checked(j, e, add_text, stdout);
                nl = suggest_vmware_lines(&e->p, j->vmnet, lines);
                if (nl > 0 && j->vmnet) {
                        printf("  VMware host-only vmnet%u (lines for /etc/vmware/networking):\n", j->vmnet);
                        for (int k = 0; k < nl; k++)
                                printf("    %s\n", lines[k]);
                }
                if (suggest_libvirt_ip(&e->p, ip, sizeof(ip)) == 0) {
                        printf("  libvirt (an <ip> element for the <network>):\n    ");
                        for (const char *c = ip; *c; c++) {
                                putchar(*c);
                                if (*c == '\n')
                                        fputs("    ", stdout);
                        }
                        putchar('\n');
                }
        }
}

static int run(const struct options *opt, struct job *j)
{
        char err[PROBE_ERRMSG_MAX] = "";
        size_t want, found = 0;
        int r;

        if (opt->n_args) {
                fprintf(stderr, "vnetaudit: suggest takes no operands ('%s')\n", opt->args[0]);
                return EX_USAGE;
        }
        if ((r = setup(opt, j)) != 0)
                return r;
        if ((r = gather_inventory(opt, &j->inv)) < 0) {
                report_diagnostics_text(stderr, &j->inv.diags, opt->verbose);
                fprintf(stderr, "vnetaudit: cannot read the host's network state: %s\n", strerror(-r));
                return r == -ENOMEM ? EX_OSERR : EX_UNAVAILABLE;
        }
        report_diagnostics_text(stderr, &j->inv.diags, opt->verbose);
        if (suggest_exclude_inventory(&j->ctx, &j->inv) < 0)
                return EX_OSERR;
        j->vmnet = suggest_free_vmnet(&j->inv);
        j->unverified = opt->offline ? "--offline" : opt->no_probe ? "--no-probe" : NULL;
        /* Room for candidates that turn out to answer on the wire. */
        want = j->unverified ? opt->count : opt->count + opt->count / 2 + 8;
        if (want > SUGGEST_MAX_CANDIDATES)
                want = opt->count > SUGGEST_MAX_CANDIDATES ? opt->count : SUGGEST_MAX_CANDIDATES;
        if (walk(j, want) < 0)
                return EX_OSERR;
        if (!j->unverified) {
                r = probe(opt, j, err, sizeof(err));
                if (r < 0) {
                        fprintf(stderr, "vnetaudit: %s\n", err[0] ? err : strerror(-r));
                        return r == -EPERM ? EX_NOPERM : r == -ENOMEM ? EX_OSERR : EX_UNAVAILABLE;
                }
                cli_probe_warnings(stderr, j->stats.warning, j->stats.drops);
        }
        for (size_t i = 0; i < j->n_e; i++)
                found += j->e[i].ok;
        if (opt->json) {
                r = cli_print_json(stdout, render_json(opt, j));
        } else {
                print_text(opt, j);
                r = cli_flush(stdout);
        }
        if (r)
                return r;
        if (!found) {
                fprintf(stderr, "vnetaudit: suggest: no free /%u in the pools\n", j->ctx.len);
                return EXIT_WARNINGS;
        }
        if (found < opt->count && !opt->quiet)
                fprintf(stderr, "vnetaudit: suggest: only %zu free /%u found\n", found, j->ctx.len);
        return EXIT_CLEAN;
}

int cmd_suggest(const struct options *opt)
{
        struct job j = { 0 };
        int status;

        inventory_init(&j.inv);
        oui_db_init(&j.oui);
        status = run(opt, &j);
        job_free(&j);
        return status;
}
