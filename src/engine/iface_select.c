/*
 * iface_select.c - the default probe interfaces.  Probing a vmnet or virbr
 * would ask the virtual network itself (whose address is the one being
 * planned); a bridge port sees the same segment as its bridge, and an
 * address on a port-less bridge is what a probe on the bridge finds.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iface_select.h"

static bool is_up(const struct interface *ifc)
{
        if (!(ifc->flags & IFF_UP))
                return false;
        /* UNKNOWN is what tun/tap and some drivers report while working. */
        return ifc->oper == OPER_UP || ifc->oper == OPER_UNKNOWN;
}

/* A device of a configured (not host:) network of the inventory. */
static bool is_audited_device(const struct inventory *inv, const char *name)
{
        /* The first network with that device: a host network is only made
         * for a device no configured network has. */
        const struct network *n = inventory_find_network_by_device(inv, name);

        return n && n->source != NET_SRC_HOST;
}

bool iface_excluded(const struct inventory *inv, const struct interface *ifc, const char **why)
{
        const char *w = NULL;

        if (ifc->flags & IFF_LOOPBACK || ifc->kind == LINK_KIND_LOOPBACK)
                w = "loopback";
        else if (!is_up(ifc))
                w = "down";
        else if (!(ifc->flags & IFF_BROADCAST) || !ifc->has_mac)
                w = "not broadcast-capable";
        else if (ifc->kind == LINK_KIND_VMNET || strncmp(ifc->name, "vmnet", 5) == 0 ||
                 strncmp(ifc->name, "virbr", 5) == 0 || is_audited_device(inv, ifc->name))
                w = "a virtual network under audit";
        else if (ifc->master_ifindex)
                w = "a bridge port (probed on its bridge)";
        if (why)
                *why = w;
        return w != NULL;
}

static int push(struct probe_iface **arr, size_t *n, const struct interface *ifc)
{
        struct probe_iface *a = realloc(*arr, (*n + 1) * sizeof(**arr));

        if (!a)
                return -ENOMEM;
        *arr = a;
        a[*n].name = ifc->name;
        a[*n].ifindex = ifc->ifindex;
        memcpy(a[*n].mac, ifc->mac, 6);
        (*n)++;
        return 0;
}

int iface_select(const struct inventory *inv, const char *const *names, size_t n_names,
                 struct probe_iface **ret, size_t *n_ret, char *err, size_t errsize)
{
        struct probe_iface *arr = NULL;
        size_t n = 0;
        int r = 0;

        for (size_t i = 0; i < n_names && r == 0; i++) {
                const struct interface *ifc = inventory_find_interface(inv, names[i]);
                bool dup = false;

                for (size_t k = 0; ifc && k < n; k++)
                        dup |= arr[k].ifindex == ifc->ifindex;
                if (dup)
                        continue;
                if (!ifc || !ifc->has_mac) {
                        snprintf(err, errsize, "%s: %s", names[i],
                                 !ifc ? "no such interface" : "interface has no MAC address");
                        r = -ENODEV;
                } else if (ifc->flags & (IFF_LOOPBACK | IFF_NOARP) || ifc->kind == LINK_KIND_LOOPBACK ||
                           !(ifc->flags & IFF_BROADCAST)) {
                        /* ARP needs a broadcast link that does ARP */
                        snprintf(err, errsize, "%s: %s interface cannot carry ARP probes", names[i],
                                 ifc->flags & IFF_LOOPBACK || ifc->kind == LINK_KIND_LOOPBACK ?
                                 "a loopback" : "a non-ARP");
                        r = -EINVAL;
                } else if (!is_up(ifc)) {
                        snprintf(err, errsize, "%s: interface is down", names[i]);
                        r = -ENETDOWN;
                } else {
                        r = push(&arr, &n, ifc);
                }
        }
        for (size_t k = 0; !n_names && k < inv->n_ifs && r == 0; k++)
                if (!iface_excluded(inv, &inv->ifs[k], NULL))
                        r = push(&arr, &n, &inv->ifs[k]);
        if (r == 0 && n == 0) {
                snprintf(err, errsize, "no up, broadcast-capable interface to probe on (use -i)");
                r = -ENOENT;
        }
        if (r < 0) {
                if (r == -ENOMEM)
                        snprintf(err, errsize, "out of memory");
                free(arr);
                return r;
        }
        *ret = arr;
        *n_ret = n;
        return 0;
}
