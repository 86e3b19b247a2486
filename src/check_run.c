/*
 * check_run.c - `check` from configuration to findings.  The order matters:
 * a bad vnetaudit.conf stops everything (exit 78: a check run without the
 * declared segments and ignores would report the wrong things), the
 * inventory comes next, and probing happens last, only for the networks
 * that would come up.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "check_probe.h"
#include "check_run.h"
#include "exitcodes.h"
#include "gather.h"
#include "report_list.h"
#include "xalloc.h"

void check_result_free(struct check_result *r)
{
        if (!r)
                return;
        free(r->host);
        finding_list_free(&r->findings);
        for (size_t i = 0; i < r->probes.n_ifaces; i++)
                free((char *)r->probes.ifaces[i]);
        free(r->probes.ifaces);
        *r = (struct check_result){ 0 };
}

int check_apply_config(const struct audit_config *cfg, struct options *opt)
{
        if (!opt->n_ifaces && cfg->n_ifaces) {
                opt->ifaces = (const char **)cfg->ifaces;
                opt->n_ifaces = cfg->n_ifaces;
        }
        if (!opt->timeout_set && cfg->timeout > 0)
                opt->timeout = cfg->timeout;
        if (!opt->retries_set && cfg->retries)
                opt->retries = cfg->retries;
        if (!opt->rate_set && cfg->rate)
                opt->rate = cfg->rate;
        if (!opt->n_mail_to && cfg->n_mail_to) {
                opt->mail_to = (const char **)cfg->mail_to;
                opt->n_mail_to = cfg->n_mail_to;
        }
        if (cfg->sendmail)
                opt->sendmail = cfg->sendmail;
        if (cfg->state_dir)
                opt->state_dir = cfg->state_dir;
        return 0;
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

static int config_status(int r)
{
        switch (r) {
        case -ENOENT: return EX_NOINPUT;
        case -EACCES:
        case -EPERM: return EX_NOPERM;
        case -ENOMEM: return EX_OSERR;
        default: return EX_CONFIG;
        }
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
                const struct network *n = inventory_find_network_by_id((struct inventory *)k->inv,
                                                                       f->networks[i]);

                if (n && check_net_selected(n, k->opt->nets, k->opt->n_nets))
                        return true;
        }
        return false;
}

static int gather_status(int r)
{
        return r == -ENOMEM ? EX_OSERR : EX_UNAVAILABLE;
}

static int probe_status(int r)
{
        switch (r) {
        case -EPERM: return EX_NOPERM;
        case -ENOMEM: return EX_OSERR;
        case -EINVAL: return EX_USAGE;
        default: return EX_UNAVAILABLE;
        }
}

/* Diagnostics of severity error are config-error findings already; the
 * rest go to stderr as list prints them. */
static void warnings_text(FILE *err, const struct diag_list *all, int verbose)
{
        struct diag_list l = { 0 };

        if (!all->n || !(l.v = calloc(all->n, sizeof(*l.v))))
                return;
        for (size_t i = 0; i < all->n; i++)
                if (all->v[i].severity != SEV_ERROR)
                        l.v[l.n++] = all->v[i];
        report_diagnostics_text(err, &l, verbose);
        free(l.v);      /* the entries belong to the inventory */
}

static int run(struct options *o, struct audit_config *cfg, struct inventory *inv,
               struct check_result *res, FILE *err)
{
        struct diag_list cd = { 0 };
        _cleanup_free_ struct check_target *targets = NULL;
        size_t n_targets = 0;
        char msg[PROBE_ERRMSG_MAX] = "";
        int r;

        r = audit_config_load(o, cfg, &cd);
        if (r < 0) {
                report_diagnostics_text(err, &cd, 0);
                diag_list_free(&cd);
                fprintf(err, "vnetaudit: configuration not usable; nothing checked\n");
                return config_status(r);
        }
        if (!o->quiet)  /* settings ignored by the trust rule, said once */
                report_diagnostics_text(err, &cd, 0);
        diag_list_free(&cd);
        check_apply_config(cfg, o);

        if ((r = gather_inventory(o, inv)) < 0) {
                report_diagnostics_text(err, &inv->diags, o->verbose);
                fprintf(err, "vnetaudit: cannot read the host's network state: %s\n", strerror(-r));
                return gather_status(r);
        }
        for (size_t i = 0; i < o->n_nets; i++) {
                bool found = false;

                for (size_t n = 0; n < inv->n_nets && !found; n++)
                        found = check_net_selected(&inv->nets[n], &o->nets[i], 1);
                if (!found) {
                        fprintf(err, "vnetaudit: --net %s: no such network\n", o->nets[i]);
                        return EX_USAGE;
                }
        }
        for (size_t n = 0; n < inv->n_nets; n++)
                res->n_networks += check_net_selected(&inv->nets[n], o->nets, o->n_nets);
        if (!(res->host = strdup(inv->hostname ? inv->hostname : "localhost")))
                return EX_OSERR;

        if (analysis_run(inv, cfg, &res->findings) < 0)
                return EX_OSERR;
        if (o->n_nets) {
                struct keep_sel k = { inv, o };

                finding_list_filter(&res->findings, keep_selected, &k);
        }

        if (!o->offline && !o->no_probe) {
                struct probe_summary sum = { 0 };

                if (check_probe_targets(inv, o->nets, o->n_nets, &targets, &n_targets) < 0)
                        return EX_OSERR;
                r = check_probe_run(o, inv, targets, n_targets, &res->findings, &sum, msg, sizeof(msg));
                if (r < 0) {
                        fprintf(err, "vnetaudit: probing failed: %s\n", msg[0] ? msg : strerror(-r));
                        return probe_status(r);
                }
                if (sum.warning[0] && !o->quiet)
                        fprintf(err, "vnetaudit: warning: %s\n", sum.warning);
                if (sum.drops && !o->quiet)
                        fprintf(err, "vnetaudit: warning: the capture dropped %lu frames; answers may be missing\n",
                                sum.drops);
                /* names point into the inventory, which goes away first */
                res->probes = sum;
                for (size_t i = 0; i < sum.n_ifaces; i++)
                        if (!(((const char **)res->probes.ifaces)[i] = strdup(sum.ifaces[i]))) {
                                res->probes.n_ifaces = i;
                                return EX_OSERR;
                        }
                analysis_apply_ignores(inv, cfg, &res->findings);
        }
        if (finding_list_dedup(&res->findings) < 0)
                return EX_OSERR;
        if (!o->json && !o->quiet)
                warnings_text(err, &inv->diags, o->verbose);
        return 0;
}

int check_collect_inventory(const struct options *opt, struct check_result *res,
                            struct inventory *inv, FILE *err)
{
        struct options o = *opt;
        struct audit_config cfg;
        int status;

        *res = (struct check_result){ 0 };
        audit_config_init(&cfg);
        status = run(&o, &cfg, inv, res, err);
        audit_config_free(&cfg);
        return status;
}

int check_collect_result(const struct options *opt, struct check_result *res, FILE *err)
{
        struct inventory inv;
        int status;

        inventory_init(&inv);
        status = check_collect_inventory(opt, res, &inv, err);
        inventory_free(&inv);
        return status;
}

int check_collect(const struct options *opt, struct finding_list *ret)
{
        struct check_result res;
        int status = check_collect_result(opt, &res, stderr);

        if (status == 0) {
                *ret = res.findings;
                res.findings = (struct finding_list){ 0 };
        }
        check_result_free(&res);
        return status;
}
