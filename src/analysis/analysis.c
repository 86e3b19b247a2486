/*
 * analysis.c - find what clashes in the address plan: the driver.  It
 * builds the context (segments of vnetaudit.conf, devices of configured
 * networks), runs the families of checks (analysis_checks.h lists them),
 * then applies the ignores and deduplicates.  Overlaps come from one sweep
 * (analysis_sweep.c); checks inside one network look at its facts directly.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_checks.h"
#include "analysis_pools.h"
#include "xalloc.h"

const char *analysis_net_label(const struct network *n, char *buf, size_t size)
{
        switch (n->source) {
        case NET_SRC_VMWARE:
                snprintf(buf, size, "%s", n->name);
                break;
        case NET_SRC_LIBVIRT:
                snprintf(buf, size, "libvirt network %s", n->name);
                break;
        case NET_SRC_DOCKER:
        case NET_SRC_PODMAN:
        case NET_SRC_INCUS:
                snprintf(buf, size, "%s network %s", net_source_name(n->source), n->name);
                break;
        default:
                snprintf(buf, size, "%s %s", n->type == NET_TYPE_BRIDGE ? "bridge" : "device",
                         n->device ? n->device : n->name);
                break;
        }
        return buf;
}

static int cmp_devmap(const void *a, const void *b)
{
        return strcmp(((const struct devmap *)a)->dev, ((const struct devmap *)b)->dev);
}

const struct network *analysis_net_of_device(const struct ctx *c, const char *dev)
{
        struct devmap key = { .dev = dev }, *m;

        if (!dev || !c->n_devs)
                return NULL;
        m = bsearch(&key, c->devs, c->n_devs, sizeof(*c->devs), cmp_devmap);
        return m ? &c->inv->nets[m->net] : NULL;
}

/* ---- diagnostics, ignores, entry point ----------------------------------- */

static void config_errors(struct ctx *c)
{
        for (size_t i = 0; i < c->inv->diags.n; i++) {
                const struct diag *d = &c->inv->diags.v[i];
                struct finding *fd;
                char where[512];

                if (d->severity != SEV_ERROR)
                        continue;
                if (d->file && d->line)
                        snprintf(where, sizeof(where), "%s:%u", d->file, d->line);
                else
                        snprintf(where, sizeof(where), "%s", d->file ? d->file : "vnetaudit");
                fd = emit_finding(&c->em, &(struct emit){ F_CONFIG_ERROR, SEV_ERROR,
                        /* the message names file:line already: read once */
                        emit_fmt("fix that %s: what could not be read cannot be checked",
                                 d->file && d->line ? "line" : "file") },
                        "%s: %s", where, d->message);
                if (fd && finding_add_origin(fd, where) < 0)
                        c->em.enomem = 1;
        }
}

struct ignore_ctx {
        const struct inventory *inv;
        const struct audit_config *cfg;
};

static bool keep_not_ignored(const struct finding *f, void *ud)
{
        const struct ignore_ctx *ic = ud;

        for (size_t i = 0; i < f->n_networks; i++) {
                const char *id = f->networks[i], *colon = strchr(id, ':');
                const char *name = colon ? colon + 1 : id, *device = NULL;

                const struct network *net = inventory_find_network_by_id(ic->inv, id);

                if (net)
                        device = net->device;
                if (audit_config_ignored(ic->cfg, f->code, id, name, device))
                        return false;
        }
        return true;
}

void analysis_apply_ignores(const struct inventory *inv, const struct audit_config *cfg,
                            struct finding_list *l)
{
        struct ignore_ctx ic = { inv, cfg };

        if (cfg && cfg->n_ignores)
                finding_list_filter(l, keep_not_ignored, &ic);
}

int analysis_run(const struct inventory *inv, const struct audit_config *cfg,
                 struct finding_list *out)
{
        struct finding_list found = { 0 };
        struct ctx c = { .inv = inv, .cfg = cfg, .em.out = &found };
        int r = -ENOMEM;

        if (inv->n_nets && !(c.segment = calloc(inv->n_nets, sizeof(*c.segment))))
                goto out;
        if (inv->n_nets && !(c.devs = calloc(inv->n_nets, sizeof(*c.devs))))
                goto out;
        for (size_t i = 0; i < inv->n_nets; i++) {
                const struct network *n = &inv->nets[i];

                c.segment[i] = is_configured(n) ?
                        audit_config_segment_of(cfg, n->id, n->name, n->device) : -1;
                if (n->device && is_configured(n))
                        c.devs[c.n_devs++] = (struct devmap){ n->device, i };
        }
        if (c.n_devs > 1)
                qsort(c.devs, c.n_devs, sizeof(*c.devs), cmp_devmap);

        config_errors(&c);
        for (size_t i = 0; i < inv->n_nets && !c.em.enomem; i++)
                if (is_configured(&inv->nets[i]))
                        analysis_check_network(&c, &inv->nets[i]);
        if (c.em.enomem || analysis_sweep(&c) < 0 || analysis_pools(inv, &found) < 0)
                goto out;
        analysis_broad_routes(&c);
        if (c.em.enomem)
                goto out;
        analysis_apply_ignores(inv, cfg, &found);
        if (finding_list_dedup(&found) < 0)
                goto out;
        /* hand over */
        for (size_t i = 0; i < found.n; i++) {
                struct finding *dst = ARRAY_PUSH(out->v, out->n, out->cap);

                if (!dst)
                        goto out;
                *dst = found.v[i];
                found.v[i] = (struct finding){ 0 };
        }
        r = 0;
out:
        finding_list_free(&found);
        free(c.segment);
        free(c.devs);
        free(c.broad);
        return r;
}
