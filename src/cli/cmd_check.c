/*
 * cmd_check.c - `vnetaudit check`: run the check pipeline (check_run.c),
 * print the report (text or JSON; nothing with -q when clean), and decide
 * the exit status: 0/1/2 by the findings and --fail-on, whatever happened
 * to probing (that is a probe-incomplete finding); a sysexits status only
 * when a phase stopped the check before anything could be checked.  Also
 * the findings source of `audit`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_run.h"
#include "claimant.h"
#include "cli_out.h"
#include "commands.h"
#include "exitcodes.h"
#include "jsonout.h"
#include "report_findings.h"
#include "report_list.h"
#include "textesc.h"

static int failure_status(const struct check_failure *f)
{
        if (f->error == -ENOMEM)
                return EX_OSERR;
        switch (f->phase) {
        case CHECK_PHASE_CONFIG:
                switch (f->error) {
                case -ENOENT: return EX_NOINPUT;
                case -EACCES:
                case -EPERM: return EX_NOPERM;
                default: return EX_CONFIG;
                }
        case CHECK_PHASE_INPUT:
                return f->error == -EACCES || f->error == -EPERM ? EX_NOPERM : EX_NOINPUT;
        case CHECK_PHASE_SELECT:
                return EX_USAGE;
        default:
                return EX_UNAVAILABLE;
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
        free(l.v);      /* the entries belong to the result */
}

/* -v: what was probed on which interface, how long, and the answers. */
static void probes_verbose(FILE *err, const struct probe_summary *p)
{
        if (!p->if_reports) {
                if (p->n_targets)
                        fprintf(err, "vnetaudit: probes: none sent\n");
                return;
        }
        fprintf(err, "vnetaudit: probes: %zu %s, %lu sent in %.2f s (window %.2f s)\n",
                p->n_targets, p->n_targets == 1 ? "address" : "addresses", p->sent, p->seconds,
                p->window);
        for (size_t k = 0; k < p->n_ifaces; k++) {
                const struct probe_if_report *r = &p->if_reports[k];
                char *n = textesc(r->name, true);

                fprintf(err, "vnetaudit:   %s: %s", n ? n : "?", probe_if_status_name(r->status));
                if (r->reason[0]) {
                        char *e = textesc(r->reason, true);

                        fprintf(err, " (%s)", e ? e : "?");
                        free(e);
                }
                fprintf(err, ", %lu sent", r->sent);
                if (r->first_send >= 0)
                        fprintf(err, " from %.2f s to %.2f s", r->first_send, r->last_send);
                fprintf(err, ", %lu ARP/NDP frames received\n", r->received);
                free(n);
        }
        for (size_t i = 0; i < p->n_addrs; i++) {
                const struct probe_addr_report *a = &p->addrs[i];
                char *net = textesc(a->network, true);

                fprintf(err, "vnetaudit:   %s (%s): %s", a->address, net ? net : "?",
                        probe_state_name(a->state));
                for (size_t c = 0; c < a->n_claims; c++) {
                        char who[CLAIMANT_STRLEN];
                        char *ifn = a->claims[c].iface < p->n_ifaces ?
                                    textesc(p->if_reports[a->claims[c].iface].name, true) : NULL;

                        claimant_format(who, sizeof(who), &a->claims[c], NULL, ifn ? ifn : "?");
                        fprintf(err, "%s %s %s at %.3f s", c ? "," : ";",
                                a->claims[c].probe ? "probe from" : "reply from", who, a->claims[c].at);
                        free(ifn);
                }
                fputc('\n', err);
                free(net);
        }
}

/* Runs the pipeline and says on err what the user should know besides the
 * report.  0, or the sysexits status of a stopped check. */
static int collect(const struct options *opt, struct check_result *res, struct inventory *inv,
                   FILE *err)
{
        int r = inv ? check_collect_inventory(opt, res, inv) : check_collect_result(opt, res);

        if (r < 0) {
                report_diagnostics_text(err, &res->diags, opt->verbose);
                fprintf(err, "vnetaudit: %s\n", res->failure.message);
                return failure_status(&res->failure);
        }
        if (!opt->json && !opt->quiet)
                warnings_text(err, &res->diags, opt->verbose);
        if (!opt->quiet)
                cli_probe_warnings(err, res->probes.warning, res->probes.drops);
        if (opt->verbose)
                probes_verbose(err, &res->probes);
        return 0;
}

int cmd_check_run(const struct options *opt, struct check_result *res, struct inventory *inv,
                  FILE *err)
{
        return collect(opt, res, inv, err);
}

int cmd_check_collect(const struct options *opt, struct finding_list *ret)
{
        struct check_result res;
        int status = collect(opt, &res, NULL, stderr);

        if (status == 0) {
                *ret = res.findings;
                res.findings = (struct finding_list){ 0 };
        }
        check_result_free(&res);
        return status;
}

int cmd_check(const struct options *opt)
{
        struct check_result res;
        struct findings_report rep;
        int status, r = 0;

        if (opt->n_args) {
                fprintf(stderr, "vnetaudit: check takes no operands ('%s')\n", opt->args[0]);
                return EX_USAGE;
        }
        status = collect(opt, &res, NULL, stderr);
        if (status != 0) {
                check_result_free(&res);
                return status;
        }
        rep = (struct findings_report){ .host = res.host, .n_networks = res.n_networks,
                                        .probes = &res.probes };
        if (opt->json) {
                json_object *doc = report_findings_json(&res.findings, &rep);

                r = doc ? json_print(stdout, doc) : -1;
                json_object_put(doc);
        } else if (!(opt->quiet && res.findings.n == 0)) {
                r = report_findings_text(stdout, &res.findings, &rep);
        }
        status = check_exit_status(opt, &res.findings);
        check_result_free(&res);
        if (r < 0 || fflush(stdout) != 0)
                return EX_IOERR;
        return status;
}
