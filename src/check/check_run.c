/*
 * check_run.c - `check` from configuration to findings, one phase at a
 * time.  The order matters: a bad vnetaudit.conf stops everything (a check
 * without the declared segments and ignores would report the wrong
 * things), missing input directories stop it too (an empty audit of a typo
 * is not clean), the inventory comes next, and probing happens last, only
 * for the networks that would come up.  Probing never stops the check: its
 * failures are findings.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis.h"
#include "check_probe.h"
#include "check_run.h"
#include "config_pass.h"
#include "exitcodes.h"
#include "gather.h"
#include "net_select.h"
#include "vnetlib_check.h"
#include "xalloc.h"

struct check_ctx {
        struct options opt;
        struct audit_config own;        /* read here when opt.conf is NULL */
        const struct audit_config *cfg; /* own, or the run's one pass */
        struct inventory *inv;          /* the caller's, or collect_result's own */
        struct check_result *res;
};

static void free_probe_summary(struct probe_summary *p)
{
        for (size_t i = 0; i < p->n_ifaces; i++)
                free((char *)p->ifaces[i]);
        free(p->ifaces);
        if (p->if_reports)
                for (size_t i = 0; i < p->n_ifaces; i++)
                        free(p->if_reports[i].name);
        free((void *)p->if_reports);
        for (size_t i = 0; p->addrs && i < p->n_addrs; i++) {
                free(p->addrs[i].address);
                free(p->addrs[i].network);
        }
        free((void *)p->addrs);
        *p = (struct probe_summary){ 0 };
}

void check_result_free(struct check_result *r)
{
        if (!r)
                return;
        free(r->host);
        finding_list_free(&r->findings);
        free_probe_summary(&r->probes);
        diag_list_free(&r->diags);
        *r = (struct check_result){ 0 };
}

int check_exit_status(const struct options *opt, const struct finding_list *l)
{
        if (opt->fail_on == FAIL_ON_NEVER)
                return EXIT_CLEAN;
        if (finding_count(l, SEV_ERROR))
                return EXIT_CONFLICTS;
        if (opt->fail_on == FAIL_ON_WARNING && finding_count(l, SEV_WARNING))
                return EXIT_WARNINGS;
        return EXIT_CLEAN;
}

__attribute__((format(printf, 4, 5)))
static int stop(struct check_ctx *c, enum check_phase ph, int e, const char *fmt, ...)
{
        va_list ap;

        c->res->failure.phase = ph;
        c->res->failure.error = e;
        va_start(ap, fmt);
        vsnprintf(c->res->failure.message, sizeof(c->res->failure.message), fmt, ap);
        va_end(ap);
        return e;
}

static int phase_config(struct check_ctx *c)
{
        struct diag_list cd = { 0 };
        int r;

        if (c->opt.conf) {      /* the command's one pass (config_pass.h) */
                c->cfg = &c->opt.conf->cfg;
                r = diag_copy(&cd, &c->opt.conf->diags) < 0 ? -ENOMEM : c->opt.conf->status;
        } else {
                c->cfg = &c->own;
                r = audit_config_load(&c->opt, &c->own, &cd);
        }

        /* Shown when the file stops the check, and the settings the trust
         * rule ignored (config_trust.h) whenever they were there. */
        if (diag_move(&c->res->diags, &cd) < 0)
                r = -ENOMEM;
        diag_list_free(&cd);
        if (r < 0)
                return stop(c, CHECK_PHASE_CONFIG, r, "configuration not usable; nothing checked");
        config_merge(c->cfg, &c->opt);
        if (!c->opt.timeout_set && !(c->cfg->timeout > 0))
                c->opt.timeout = CHECK_DEFAULT_WINDOW;
        return 0;
}

/* A directory the user named must exist: an audit of nothing is not clean.
 * Default directories that are absent mean "not installed". */
static int need_dir(struct check_ctx *c, const char *opt_name, const char *dir, bool below_root)
{
        char path[4096];
        struct stat st;

        if (snprintf(path, sizeof(path), "%s%s", below_root ? c->opt.root : "", dir) >= (int)sizeof(path))
                return stop(c, CHECK_PHASE_INPUT, -ENAMETOOLONG, "--%s %s: path too long", opt_name, dir);
        if (stat(path, &st) < 0)
                return stop(c, CHECK_PHASE_INPUT, -errno, "--%s %s: %s", opt_name, path, strerror(errno));
        if (!S_ISDIR(st.st_mode))
                return stop(c, CHECK_PHASE_INPUT, -ENOTDIR, "--%s %s: not a directory", opt_name, path);
        return 0;
}

static int phase_input(struct check_ctx *c)
{
        int r;

        if (c->opt.root && c->opt.root[0] && (r = need_dir(c, "root", c->opt.root, false)) < 0)
                return r;
        if (c->opt.vmware_dir_set && (r = need_dir(c, "vmware-dir", c->opt.vmware_dir, true)) < 0)
                return r;
        if (c->opt.libvirt_dir_set && (r = need_dir(c, "libvirt-dir", c->opt.libvirt_dir, true)) < 0)
                return r;
        return 0;
}

static int phase_gather(struct check_ctx *c)
{
        int r = gather_inventory(&c->opt, c->inv);

        if (r < 0)
                return stop(c, CHECK_PHASE_GATHER, r, "cannot read the host's network state: %s",
                            strerror(-r));
        if (!(c->res->host = strdup(c->inv->hostname ? c->inv->hostname : "localhost")))
                return stop(c, CHECK_PHASE_GATHER, -ENOMEM, "out of memory");
        return 0;
}

/* A plain --net name must name a network here; a pattern may match none. */
static int phase_select(struct check_ctx *c)
{
        for (size_t i = 0; i < c->opt.n_nets; i++) {
                bool found = false;

                if (net_select_is_pattern(c->opt.nets[i]))
                        continue;
                for (size_t n = 0; n < c->inv->n_nets && !found; n++)
                        found = check_net_selected(&c->inv->nets[n], &c->opt.nets[i], 1);
                if (!found)
                        return stop(c, CHECK_PHASE_SELECT, -ENOENT, "--net %s: no such network",
                                    c->opt.nets[i]);
        }
        for (size_t n = 0; n < c->inv->n_nets; n++)
                c->res->n_networks += check_net_selected(&c->inv->nets[n], c->opt.nets, c->opt.n_nets);
        return 0;
}

struct keep_sel {
        const struct inventory *inv;
        const struct options *opt;
};

/* With --net, a finding stays when one of its networks is selected;
 * configuration errors always stay (what could not be read may matter). */
static bool keep_selected(const struct finding *f, void *ud)
{
        const struct keep_sel *k = ud;

        if (f->code == F_CONFIG_ERROR)
                return true;
        for (size_t i = 0; i < f->n_networks; i++) {
                const struct network *n = inventory_find_network_by_id(k->inv,
                                                                       f->networks[i]);

                if (n && check_net_selected(n, k->opt->nets, k->opt->n_nets))
                        return true;
        }
        return false;
}

static int phase_analyse(struct check_ctx *c)
{
        if (analysis_run(c->inv, c->cfg, &c->res->findings) < 0 ||
            vnetlib_check(c->opt.root, &c->res->findings, &c->inv->diags) < 0)
                return stop(c, CHECK_PHASE_ANALYSE, -ENOMEM, "out of memory");
        if (c->opt.n_nets) {
                struct keep_sel k = { c->inv, &c->opt };

                finding_list_filter(&c->res->findings, keep_selected, &k);
        }
        return 0;
}

/* Copies of what the probe phase did, for reports that outlive the inventory. */
static int summarise(struct check_ctx *c, const struct check_probe_outcome *o)
{
        struct probe_summary *s = &c->res->probes;
        struct probe_if_report *ifr;
        struct probe_addr_report *ar;

        s->ran = o->n_targets > 0 && !o->error;
        s->sent = o->stats.sent;
        s->drops = o->stats.drops;
        snprintf(s->warning, sizeof(s->warning), "%s", o->stats.warning);
        s->seconds = o->stats.seconds;
        s->n_targets = o->n_targets;
        s->window = o->window;
        if (o->error || !o->n_targets)
                return 0;
        if (!(s->ifaces = calloc(o->n_ifaces ? o->n_ifaces : 1, sizeof(*s->ifaces))) ||
            !(ifr = calloc(o->n_ifaces ? o->n_ifaces : 1, sizeof(*ifr))))
                return -ENOMEM;
        s->if_reports = ifr;
        for (size_t k = 0; k < o->n_ifaces; k++) {
                const struct probe_if_result *r = &o->ifres[k];

                if (!(s->ifaces[k] = strdup(o->ifaces[k].name)) || !(ifr[k].name = strdup(o->ifaces[k].name))) {
                        free((char *)s->ifaces[k]);
                        return -ENOMEM;
                }
                s->n_ifaces = k + 1;
                ifr[k].status = r->status;
                snprintf(ifr[k].reason, sizeof(ifr[k].reason), "%s", r->reason);
                ifr[k].sent = r->sent;
                ifr[k].received = r->received;
                ifr[k].first_send = r->first_send;
                ifr[k].last_send = r->last_send;
        }
        if (!(ar = calloc(o->n_targets, sizeof(*ar))))
                return -ENOMEM;
        s->addrs = ar;
        for (size_t i = 0; i < o->n_targets; i++) {
                char ip[ADDR_STRLEN];

                addr_format(&o->targets[i].addr, ip);
                s->n_addrs = i + 1;
                if (!(ar[i].address = strdup(ip)) ||
                    !(ar[i].network = strdup(c->inv->nets[o->targets[i].net].id)))
                        return -ENOMEM;
                ar[i].state = o->answers[i].state;
                ar[i].n_claims = o->answers[i].n_claims;
                memcpy(ar[i].claims, o->answers[i].claims, sizeof(ar[i].claims));
        }
        return 0;
}

static int phase_probe(struct check_ctx *c)
{
        _cleanup_free_ struct check_target *targets = NULL;
        struct check_probe_outcome o = { 0 };
        struct oui_db oui;
        size_t n_targets = 0;
        int r;

        if (c->opt.offline || c->opt.no_probe)
                return 0;
        if (check_probe_targets(c->inv, c->opt.nets, c->opt.n_nets, &targets, &n_targets) < 0 ||
            check_probe_phase(&c->opt, c->inv, targets, n_targets, &o) < 0)
                goto enomem;
        if (o.error == -EINVAL) {       /* -i names loopback or a link without ARP */
                r = stop(c, CHECK_PHASE_SELECT, -EINVAL, "%s", o.reason);
                check_probe_outcome_free(&o);
                return r;
        }
        oui_db_init(&oui);
        r = 0;
        if (!o.error && o.answers)
                r = oui_db_load_default(&oui) < 0 ? -ENOMEM :
                    check_probe_findings(c->inv, targets, n_targets, o.answers, o.ifaces, &oui,
                                         &c->res->findings);
        oui_db_free(&oui);
        if (r < 0 || check_probe_incomplete(c->inv, &o, &c->res->findings) < 0 ||
            (!o.error && check_probe_visible(c->inv, &o, &c->res->findings) < 0) ||
            summarise(c, &o) < 0)
                goto enomem;
        check_probe_outcome_free(&o);
        analysis_apply_ignores(c->inv, c->cfg, &c->res->findings);
        return 0;
enomem:
        check_probe_outcome_free(&o);
        return stop(c, CHECK_PHASE_PROBE, -ENOMEM, "out of memory");
}

static int collect_all(const struct options *opt, struct check_result *res,
                       struct inventory *inv, struct audit_config *keep_cfg)
{
        struct check_ctx c = { .opt = *opt, .inv = inv, .res = res };
        int r;

        *res = (struct check_result){ 0 };
        audit_config_init(&c.own);
        c.cfg = &c.own;
        if (keep_cfg)
                c.opt.conf = NULL;      /* the keeper (watch) re-reads on every rebuild */
        if ((r = phase_config(&c)) == 0 && (r = phase_input(&c)) == 0 &&
            (r = phase_gather(&c)) == 0 && (r = phase_select(&c)) == 0 &&
            (r = phase_analyse(&c)) == 0 && (r = phase_probe(&c)) == 0 &&
            (finding_list_dedup(&res->findings) < 0 || vnetlib_link_related(&res->findings) < 0))
                r = stop(&c, CHECK_PHASE_ANALYSE, -ENOMEM, "out of memory");
        /* Error diagnostics became config-error findings; all are shown. */
        if (diag_move(&res->diags, &c.inv->diags) < 0 && r == 0)
                r = stop(&c, CHECK_PHASE_GATHER, -ENOMEM, "out of memory");
        if (keep_cfg && r == 0) {
                *keep_cfg = c.own;      /* moved: the caller frees it */
                return 0;
        }
        audit_config_free(&c.own);
        return r;
}

int check_collect_inventory(const struct options *opt, struct check_result *res,
                            struct inventory *inv)
{
        return collect_all(opt, res, inv, NULL);
}

int check_collect_keep(const struct options *opt, struct check_result *res,
                       struct inventory *inv, struct audit_config *cfg)
{
        int r = collect_all(opt, res, inv, cfg);

        if (r < 0) {            /* left as the caller gave it: empty */
                inventory_free(inv);
                inventory_init(inv);
        }
        return r;
}

int check_collect_result(const struct options *opt, struct check_result *res)
{
        struct inventory inv;
        int r;

        inventory_init(&inv);
        r = check_collect_inventory(opt, res, &inv);
        inventory_free(&inv);
        return r;
}
