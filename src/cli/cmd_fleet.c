/*
 * cmd_fleet.c - `vnetaudit fleet INVENTORY...`: read the `list --json`
 * output of many hosts, find what clashes between them (and in each), print
 * the findings as `check` does, with hosts[] and HOST/ID networks.  Sends
 * nothing and needs none of the hosts to be up.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_config.h"
#include "check_run.h"
#include "commands.h"
#include "exitcodes.h"
#include "fleet.h"
#include "fleet_analysis.h"
#include "jsonout.h"
#include "report_findings.h"
#include "report_list.h"

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

/* --segment on the command line replaces [fleet] segments.  0 or an exit status. */
static int segments(const struct options *opt, const struct audit_config *cfg,
                    struct fleet_segment **ret, size_t *ret_n)
{
        const char *const *src = opt->n_segments ? opt->segments : (const char *const *)cfg->fleet_segments;
        size_t n = opt->n_segments ? opt->n_segments : cfg->n_fleet_segments;
        struct fleet_segment *v = n ? calloc(n, sizeof(*v)) : NULL;

        if (n && !v)
                return EX_OSERR;
        *ret = v;
        *ret_n = 0;
        for (size_t i = 0; i < n; i++) {
                int r = fleet_segment_parse(src[i], &v[i]);

                if (r == -ENOMEM)
                        return EX_OSERR;
                if (r < 0) {
                        fprintf(stderr, "vnetaudit: invalid value '%s' for --segment: want NAME=HOST,HOST...\n",
                                src[i]);
                        return EX_USAGE;
                }
                *ret_n = i + 1;
        }
        return 0;
}

static json_object *hosts_json(const struct fleet *f)
{
        json_object *a = json_object_new_array();

        for (size_t i = 0; a && i < f->n_hosts; i++) {
                const struct fleet_host *h = &f->hosts[i];
                json_object *o = json_object_new_object();

                json_put(o, "name", json_str(h->name));
                json_put(o, "file", json_str(h->file));
                json_put(o, "machine_id", json_str(h->machine_id));
                json_put(o, "timestamp", h->timestamp >= 0 ? json_timestamp(h->timestamp) : NULL);
                json_put(o, "offline", json_object_new_boolean(h->offline));
                json_put(o, "networks", json_object_new_int64((int64_t)h->inv.n_nets));
                json_object_array_add(a, o);
        }
        return a;
}

static int report(const struct options *opt, const struct fleet *f, const struct finding_list *l)
{
        struct findings_report rep = { 0 };
        int r = 0;

        for (size_t i = 0; i < f->n_hosts; i++)
                rep.n_networks += f->hosts[i].inv.n_nets;
        if (opt->json) {
                json_object *doc = report_findings_json(l, &rep);

                if (!doc)
                        return -ENOMEM;
                json_put(doc, "hosts", hosts_json(f));
                json_put(doc, "diagnostics", report_diagnostics_json(&f->diags));
                r = json_print(stdout, doc);
                json_object_put(doc);
                return r;
        }
        report_diagnostics_text(stderr, &f->diags, opt->verbose);
        if (opt->quiet && l->n == 0)
                return 0;
        r = report_findings_text(stdout, l, &rep);
        printf("vnetaudit: fleet of %zu %s from %zu %s\n", f->n_hosts, f->n_hosts == 1 ? "host" : "hosts",
               f->n_files, f->n_files == 1 ? "inventory" : "inventories");
        return r;
}

int cmd_fleet(const struct options *opt)
{
        struct audit_config cfg;
        struct diag_list cd = { 0 };
        struct fleet f;
        struct fleet_segment *segs = NULL;
        struct finding_list l = { 0 };
        size_t n_segs = 0;
        int r, status;

        if (!opt->n_args) {
                fprintf(stderr, "vnetaudit: fleet needs at least one INVENTORY (a file, a directory or -)\n");
                return EX_USAGE;
        }
        audit_config_init(&cfg);
        fleet_init(&f);
        if ((r = audit_config_load(opt, &cfg, &cd)) < 0) {
                report_diagnostics_text(stderr, &cd, 0);
                fprintf(stderr, "vnetaudit: configuration not usable; nothing checked\n");
                status = config_status(r);
                goto out;
        }
        if ((status = segments(opt, &cfg, &segs, &n_segs)) != 0)
                goto out;
        if ((r = fleet_load(&f, opt->args, opt->n_args)) < 0 ||
            (r = fleet_lan_assign(&f, segs, n_segs)) < 0 ||
            (r = fleet_analysis_run(&f, &l)) < 0) {
                fprintf(stderr, "vnetaudit: %s\n", strerror(-r));
                status = EX_OSERR;
                goto out;
        }
        if (!f.n_hosts) {
                report_diagnostics_text(stderr, &f.diags, opt->verbose);
                fprintf(stderr, "vnetaudit: %s\n", f.n_files ? "no usable inventory; nothing checked" :
                        "no inventory found; nothing checked");
                status = f.n_files ? EX_DATAERR : EX_NOINPUT;
                goto out;
        }
        status = check_exit_status(opt, &l);
        if (report(opt, &f, &l) < 0 || fflush(stdout) != 0)
                status = EX_IOERR;
out:
        for (size_t i = 0; i < n_segs; i++)
                fleet_segment_free(&segs[i]);
        free(segs);
        finding_list_free(&l);
        fleet_free(&f);
        diag_list_free(&cd);
        audit_config_free(&cfg);
        return status;
}
