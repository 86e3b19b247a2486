/*
 * fleet_duplicates.c - duplicate-host-address across hosts: the host
 * address of a network (or a LAN card's address) held on two hosts of one
 * LAN, which Linux then answers ARP for on both.  One finding per address.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fleet_checks.h"

static const struct origin *dup_origin(const struct ctx *c, const struct fact *x)
{
        if (x->kind == FK_LAN)
                return &fact_iface(c, x)->addrs[x->b].origin;
        return &fact_subnet(c, x)->host_address.origin;
}

static void emit_duplicate(struct ctx *c, const struct fact *const *m, size_t n)
{
        bool has_net = false, vmware = false, bridged = false;
        char *names = NULL, *msg = NULL, *hint = NULL;
        char addr[ADDR_STRLEN];
        struct finding *fd;

        for (size_t i = 0; i < n; i++)
                if (m[i]->kind == FK_NET) {
                        has_net = true;
                        vmware |= fact_net(c, m[i])->source == NET_SRC_VMWARE;
                        bridged |= fact_bridged(c, m[i]);
                }
        if (!has_net || !fleet_two_hosts(m, n))
                return;
        addr_format(&m[0]->first, addr);
        if (vmware)
                hint = emit_fmt("vnetlib refuses to start a VMware network whose host address answers on the LAN; "
                                "Linux answers ARP for every local address on every interface, so %s held on one host "
                                "is claimed on the LAN by all of them: give each network its own subnet, or on the "
                                "other hosts set net.ipv4.conf.all.arp_ignore=1 and arp_filter=1", addr);
        else if (bridged)
                hint = emit_fmt("a network bridged onto the LAN puts %s on the wire itself: give one of the hosts "
                                "another address or subnet", addr);
        else
                hint = emit_fmt("Linux answers ARP for every local address on every interface (the weak host model), "
                                "so each host answers for %s on the LAN while that network is up: give the networks "
                                "different subnets, or set net.ipv4.conf.all.arp_ignore=1 and arp_filter=1 on the hosts",
                                addr);
        if (!hint || !(fd = finding_add(c->out, F_DUPLICATE_HOST_ADDRESS,
                                        vmware || bridged ? SEV_ERROR : SEV_WARNING, "", hint))) {
                free(hint);
                c->enomem = 1;
                return;
        }
        free(hint);
        check(c, finding_add_address(fd, addr));
        if (!(names = fleet_add_members(c, fd, m, n, dup_origin)) ||
            !(msg = emit_fmt("host address %s is held by %zu hosts on one LAN: %s", addr, fd->n_hosts, names)))
                c->enomem = 1;
        else {
                free(fd->message);
                fd->message = msg;
        }
        free(names);
}

void fleet_duplicates(struct ctx *c)
{
        struct fact *v = NULL, *x;
        size_t n = 0, cap = 0;

        for (size_t h = 0; h < c->f->n_hosts && !c->enomem; h++) {
                const struct inventory *inv = &c->f->hosts[h].inv;

                for (size_t i = 0; i < inv->n_nets; i++)
                        for (size_t k = 0; k < inv->nets[i].n_subnets; k++) {
                                const struct subnet *s = &inv->nets[i].subnets[k];

                                if (!s->host_address.set || !(x = fleet_push(c, &v, &n, &cap)))
                                        continue;
                                *x = (struct fact){ .first = s->host_address.addr, .host = h,
                                                    .kind = FK_NET, .a = i, .b = k };
                        }
                for (size_t i = 0; i < inv->n_ifs; i++) {
                        const struct interface *ifc = &inv->ifs[i];

                        if (!fleet_is_lan_interface(inv, ifc))
                                continue;
                        for (size_t k = 0; k < ifc->n_addrs; k++) {
                                if (!ifc->addrs[k].prefix.addr.family || !(x = fleet_push(c, &v, &n, &cap)))
                                        continue;
                                *x = (struct fact){ .first = ifc->addrs[k].prefix.addr, .host = h,
                                                    .kind = FK_LAN, .a = i, .b = k };
                        }
                }
        }
        if (n > 1 && !c->enomem) {
                qsort(v, n, sizeof(*v), fleet_cmp_addr_fact);
                fleet_runs(c, v, n, emit_duplicate);
        }
        free(v);
}
