/*
 * map_fleet.c - fleet support for `map`: an adapter to `fleet`'s loader
 * and analysis (fleet.h, fleet_analysis.h: issue 13, a separate branch).
 * It is compiled in when those headers are in the tree; until then `map`
 * says that INVENTORY operands need fleet support (exit 64).  The LAN
 * segments are fleet's: --segment when the command line has it, else the
 * [fleet] segments of vnetaudit.conf.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "map_fleet.h"

#if __has_include("fleet.h") && __has_include("fleet_analysis.h")
#include "audit_config.h"
#include "fleet.h"
#include "fleet_analysis.h"
#include "report_list.h"

static int load_segments(const struct options *opt, struct fleet_segment **ret, size_t *ret_n)
{
        struct audit_config cfg;
        struct diag_list cd = { 0 };
        const char *const *src;
        size_t n;
        int r = 0;

        *ret = NULL;
        *ret_n = 0;
        audit_config_init(&cfg);
        if (!opt->n_segments && audit_config_load(opt, &cfg, &cd) < 0)
                goto out;       /* no usable vnetaudit.conf: no declared segments */
        src = opt->n_segments ? opt->segments : (const char *const *)cfg.fleet_segments;
        n = opt->n_segments ? opt->n_segments : cfg.n_fleet_segments;
        if (n && !(*ret = calloc(n, sizeof(**ret)))) {
                r = -ENOMEM;
                goto out;
        }
        for (size_t i = 0; i < n; i++) {
                if ((r = fleet_segment_parse(src[i], &(*ret)[*ret_n])) == -ENOMEM)
                        goto out;
                if (r == 0)
                        (*ret_n)++;
                r = 0;
        }
out:
        diag_list_free(&cd);
        audit_config_free(&cfg);
        return r;
}

int map_fleet_load(const struct options *opt, struct map_fleet *ret, FILE *err)
{
        struct fleet *f = calloc(1, sizeof(*f));
        struct fleet_segment *segs = NULL;
        size_t n_segs = 0;
        int r;

        memset(ret, 0, sizeof(*ret));
        if (!f)
                return -ENOMEM;
        fleet_init(f);
        ret->priv = f;
        if ((r = load_segments(opt, &segs, &n_segs)) < 0 ||
            (r = fleet_load(f, opt->args, opt->n_args)) < 0 ||
            (r = fleet_lan_assign(f, segs, n_segs)) < 0)
                goto out;
        report_diagnostics_text(err, &f->diags, opt->verbose);
        if (!f->n_hosts) {
                r = f->n_files ? -EINVAL : -ENOENT;
                goto out;
        }
        if ((r = fleet_analysis_run(f, &ret->findings)) < 0)
                goto out;
        if (!(ret->hosts = calloc(f->n_hosts, sizeof(*ret->hosts)))) {
                r = -ENOMEM;
                goto out;
        }
        for (size_t i = 0; i < f->n_hosts; i++)
                ret->hosts[i] = (struct map_host){ .name = f->hosts[i].name, .inv = &f->hosts[i].inv };
        ret->n_hosts = f->n_hosts;
out:
        for (size_t i = 0; i < n_segs; i++)
                fleet_segment_free(&segs[i]);
        free(segs);
        if (r < 0)
                map_fleet_free(ret);
        return r;
}

void map_fleet_free(struct map_fleet *mf)
{
        if (!mf)
                return;
        if (mf->priv) {
                fleet_free(mf->priv);
                free(mf->priv);
        }
        free(mf->hosts);
        finding_list_free(&mf->findings);
        memset(mf, 0, sizeof(*mf));
}

#else   /* built without fleet support */

int map_fleet_load(const struct options *opt, struct map_fleet *ret, FILE *err)
{
        (void)opt;
        (void)err;
        memset(ret, 0, sizeof(*ret));
        return -EOPNOTSUPP;
}

void map_fleet_free(struct map_fleet *mf)
{
        if (mf)
                memset(mf, 0, sizeof(*mf));
}

#endif
