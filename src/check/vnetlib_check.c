/*
 * vnetlib_check.c - vmware-refused-network findings from vnetlib's log.
 * The log is read below --root through rootfile_read (regular files only,
 * bounded, never blocking); the parsing is parsers/vmw_vnetlib.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rootfile.h"
#include "vmw_vnetlib.h"
#include "vnetlib_check.h"
#include "xalloc.h"

#define VNETLIB_LOG "/var/log/vnetlib"
#define VNETLIB_MAX (64u << 20)         /* a log beyond this is not read */

static int feed(const char *root, const char *name, struct vmw_vnetlib *st, struct diag_list *diags)
{
        _cleanup_free_ char *buf = NULL;
        size_t len = 0;
        int r = rootfile_read(root, name, VNETLIB_MAX, &buf, &len, NULL);

        if (r == -ENOENT || r == -ENOTDIR)
                return 0;
        if (r == -ENOMEM)
                return r;
        if (r < 0)
                return diag_add(diags, name, 0, SEV_WARNING, "cannot read VMware's log: %s",
                                rootfile_strerror(r));
        return vmw_vnetlib_feed(st, buf, len, name);
}

static int refusal_finding(const struct vmw_refusal *rf, struct finding_list *out)
{
        _cleanup_free_ char *msg = NULL, *hint = NULL, *id = NULL, *where = NULL;
        struct finding *f;

        if (asprintf(&msg, "VMware refused %s at its last start-up%s%s%s: vnetlib found %s%s "
                     "not available (%s:%u), and %s did not come up (\"Virtual Ethernet failed\")",
                     rf->vnet, rf->time[0] ? " (" : "", rf->time, rf->time[0] ? ")" : "",
                     rf->subnet[0] ? "its subnet " : "its subnet", rf->subnet[0] ? rf->subnet : "",
                     rf->file, rf->line, rf->vnet) < 0 ||
            asprintf(&hint, "see the related finding for the cause; vnetlib pings the planned host "
                     "address (vmware-ping, which a firewall can silence), so also run "
                     "`vnetaudit check --net %s` while the other machines are up", rf->vnet) < 0 ||
            asprintf(&id, "vmware:%s", rf->vnet) < 0 ||
            asprintf(&where, "%s:%u", rf->file, rf->line) < 0)
                return -ENOMEM;
        if (!(f = finding_add(out, F_VMWARE_REFUSED_NETWORK, SEV_WARNING, msg, hint)) ||
            finding_add_network(f, id) < 0 || finding_add_origin(f, where) < 0 ||
            (rf->subnet[0] && finding_add_address(f, rf->subnet) < 0))
                return -ENOMEM;
        return 0;
}

int vnetlib_check(const char *root, struct finding_list *out, struct diag_list *diags)
{
        struct vmw_vnetlib st = { 0 };
        int r;

        /* The rotated copy first: the last start-up may have begun there. */
        if ((r = feed(root, VNETLIB_LOG ".1", &st, diags)) < 0 ||
            (r = feed(root, VNETLIB_LOG, &st, diags)) < 0)
                goto out;
        for (size_t i = 0; i < st.n; i++)
                if ((r = refusal_finding(&st.v[i], out)) < 0)
                        goto out;
out:
        vmw_vnetlib_free(&st);
        return r;
}

static bool explains(enum finding_code c)
{
        switch (c) {
        case F_ADDRESS_IN_USE:
        case F_ADDRESS_PROBE_COLLISION:
        case F_SUBNET_OVERLAP:
        case F_DUPLICATE_HOST_ADDRESS:
        case F_SUBNET_CONFLICTS_INTERFACE:
        case F_SUBNET_CONFLICTS_ROUTE:
                return true;
        default:
                return false;
        }
}

static bool has_network(const struct finding *f, const char *id)
{
        for (size_t i = 0; i < f->n_networks; i++)
                if (strcmp(f->networks[i], id) == 0)
                        return true;
        return false;
}

int vnetlib_link_related(struct finding_list *l)
{
        for (size_t i = 0; i < l->n; i++) {
                if (l->v[i].code != F_VMWARE_REFUSED_NETWORK || !l->v[i].n_networks)
                        continue;
                for (size_t k = 0; k < l->n; k++) {
                        if (!explains(l->v[k].code) || !has_network(&l->v[k], l->v[i].networks[0]))
                                continue;
                        if (finding_add_related(&l->v[i], &l->v[k]) < 0 ||
                            finding_add_related(&l->v[k], &l->v[i]) < 0)
                                return -ENOMEM;
                }
        }
        return 0;
}
