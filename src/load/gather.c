/*
 * gather.c - assemble the inventory: kernel facts first (so loaders and
 * state resolution can look devices up), then the configuration loaders,
 * then host networks for virtual devices nobody configured, then states.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docker_load.h"
#include "gather.h"
#include "incus_load.h"
#include "host_identity.h"
#include "libvirt_load.h"
#include "nlq.h"
#include "podman_load.h"
#include "vmware_load.h"

bool gather_is_virtual_name(const char *name)
{
        static const char *const prefixes[] = {
                "vmnet", "virbr", "docker", "br-", "lxcbr", "lxdbr", "vboxnet", "incusbr", "podman",
        };

        for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
                if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
                        return true;
        return false;
}

static bool is_ipv6_link_local(const struct prefix *p)
{
        return p->addr.family == AF_INET6 && p->addr.b[0] == 0xfe && (p->addr.b[1] & 0xc0) == 0x80;
}

/* A host network's subnets are the device's own addresses. */
static int add_interface_subnets(struct network *net, const struct interface *ifc)
{
        for (size_t i = 0; i < ifc->n_addrs; i++) {
                const struct if_address *ia = &ifc->addrs[i];
                struct subnet *s;

                if (is_ipv6_link_local(&ia->prefix))
                        continue;
                if (!(s = network_add_subnet(net)))
                        return -ENOMEM;
                s->prefix = prefix_network(&ia->prefix);
                s->origin = ia->origin;
                addr_fact_set(&s->host_address, &ia->prefix.addr, ia->origin);
        }
        return 0;
}

int gather_host_networks(struct inventory *inv)
{
        /* Index-based: adding networks does not move interfaces. */
        for (size_t i = 0; i < inv->n_ifs; i++) {
                const struct interface *ifc = &inv->ifs[i];
                struct network *net;

                if (ifc->kind != LINK_KIND_BRIDGE && ifc->kind != LINK_KIND_VMNET &&
                    !gather_is_virtual_name(ifc->name))
                        continue;
                if (inventory_find_network_by_device(inv, ifc->name))
                        continue;       /* a configured network owns it */
                if (!(net = inventory_add_network(inv, NET_SRC_HOST, ifc->name)) ||
                    network_set_device(net, ifc->name) < 0)
                        return -ENOMEM;
                net->type = ifc->kind == LINK_KIND_BRIDGE ? NET_TYPE_BRIDGE : NET_TYPE_DEVICE;
                net->origin = origin_kernel(ifc->ifindex);
                if (add_interface_subnets(net, ifc) < 0)
                        return -ENOMEM;
        }
        return 0;
}

void gather_resolve_states(struct inventory *inv)
{
        if (!inv->have_kernel)
                return;
        for (size_t i = 0; i < inv->n_nets; i++) {
                struct network *net = &inv->nets[i];
                const struct interface *ifc;

                if (net->state == NET_STATE_INACTIVE || !net->device)
                        continue;
                ifc = inventory_find_interface(inv, net->device);
                if (!ifc)
                        net->state = NET_STATE_ABSENT;
                else
                        net->state = ifc->flags & IFF_UP ? NET_STATE_UP : NET_STATE_DOWN;
        }
}

static int gather_all(const struct options *opt, struct inventory *inv, struct libvirt_prefetch *lv)
{
        int r;

        if ((r = host_identity_read(opt->root, &inv->hostname, &inv->machine_id)) < 0)
                return r;
        if (!opt->offline && (r = nlq_load(inv)) < 0)
                return r;

        /* Configuration loaders go here, one call each; their problems are
         * diagnostics in inv->diags, only ENOMEM is fatal. */
        if ((r = vmware_load(inv, opt)) < 0)
                return r;
        if ((r = libvirt_load_prefetched(inv, opt, lv)) < 0)
                return r;
        if ((r = docker_load(inv, opt)) < 0 || (r = podman_load(inv, opt)) < 0 ||
            (r = incus_load(inv, opt)) < 0)
                return r;

        if ((r = gather_host_networks(inv)) < 0)
                return r;
        gather_resolve_states(inv);
        return 0;
}

int gather_inventory(const struct options *opt, struct inventory *inv)
{
        /* libvirt's files (thousands on a big host) are read in the
         * background while the kernel dumps its tables. */
        struct libvirt_prefetch *lv = libvirt_prefetch_start(opt);
        int r = gather_all(opt, inv, lv);

        libvirt_prefetch_free(lv);
        return r;
}
