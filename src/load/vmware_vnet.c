/*
 * vmware_vnet.c - what one vmnet means: its type (NAT, host-only,
 * bridged), subnet, planned host address, NAT gateway, DHCP server, pool
 * and fixed hosts, from networking (or locations) with its dhcpd.conf and
 * nat.conf, each with the file:line it rests on; where the files disagree,
 * which one wins and a warning naming both.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vmware_vnet.h"
#include "xalloc.h"

static bool bridged_to_vnet(const struct conf *c, unsigned num)
{
        for (size_t i = 0; i < c->n_bridges; i++)
                if (c->bridges[i].vnet == (int)num)
                        return true;
        return false;
}

static enum net_type vnet_type(const struct conf *c, const struct vmw_vnet *v)
{
        if (v->nat.value == 1)
                return NET_TYPE_NAT;
        if (bridged_to_vnet(c, v->num) || v->interface)
                return NET_TYPE_BRIDGED;
        /* vmnet0 is VMware's bridged network unless configured otherwise. */
        if (v->num == 0 && !v->subnet.set && !v->hostaddr.set && v->dhcp.value != 1 &&
            v->virtual_adapter.value != 1)
                return NET_TYPE_BRIDGED;
        return NET_TYPE_HOSTONLY;
}


static const struct vmw_dhcp_host *host_entry(const struct vnet_files *f, unsigned num)
{
        char name[16];

        if (!f->have_dhcpd)
                return NULL;
        snprintf(name, sizeof(name), "vmnet%u", num);
        for (size_t i = 0; i < f->dhcpd.n_hosts; i++)
                if (strcasecmp(f->dhcpd.hosts[i].name, name) == 0 && f->dhcpd.hosts[i].ip.set)
                        return &f->dhcpd.hosts[i];
        return NULL;
}

/* The vmnet's subnet: networking, else legacy host address, else the
 * adapter address with the netmask, else what dhcpd.conf or nat.conf say. */
static int vnet_subnet(struct loader *L, const struct conf *c, const struct vmw_vnet *v,
                       const struct vnet_files *f, struct prefix *ret, struct origin *ret_origin)
{
        struct diag_list *d = &L->inv->diags;
        const char *kind = c->legacy ? "HOSTONLY_HOSTADDR" : "HOSTONLY_SUBNET";
        const struct vmw_addr_val *base = v->subnet.set ? &v->subnet
                                        : v->hostaddr.set ? &v->hostaddr
                                        : v->netmask.set && v->adapter_addr.set ? &v->adapter_addr
                                        : NULL;
        unsigned len = 24;
        int r;

        if (base) {
                if (v->netmask.set) {
                        if (netmask_to_len(&v->netmask.addr, &len) < 0)
                                return diag_add(d, c->file, v->netmask.line, SEV_ERROR,
                                                "VNET_%u_HOSTONLY_NETMASK is not a contiguous netmask", v->num);
                } else if ((r = diag_add(d, c->file, base->line, SEV_WARNING,
                                         "VNET_%u_HOSTONLY_NETMASK missing; assuming 255.255.255.0",
                                         v->num)) < 0) {
                        return r;
                }
                prefix_make(&base->addr, len, ret);
                if (base == &v->subnet && prefix_has_host_bits(ret) &&
                    (r = diag_add(d, c->file, base->line, SEV_WARNING,
                                  "VNET_%u_HOSTONLY_SUBNET has host bits set", v->num)) < 0)
                        return r;
                *ret = prefix_network(ret);
                *ret_origin = origin_file(L->inv, c->file, base->line);
                return 1;
        }
        if (v->subnet.line || v->hostaddr.line) {
                /* Given but invalid: already reported at its line. */
        } else if ((r = diag_add(d, c->file, v->line, SEV_WARNING, "VNET_%u_%s missing for vmnet%u%s",
                          v->num, kind, v->num,
                          f->have_dhcpd && f->dhcpd.n_subnets ? "; using the subnet of dhcpd.conf"
                          : f->have_nat && f->nat.ip.set ? "; using the NAT address of nat.conf"
                                                         : "")) < 0)
                return r;
        if (f->have_dhcpd && f->dhcpd.n_subnets) {
                *ret = f->dhcpd.subnets[0].prefix;
                *ret = prefix_network(ret);
                *ret_origin = origin_file(L->inv, f->dhcpd_file, f->dhcpd.subnets[0].line);
                return 1;
        }
        if (f->have_nat && f->nat.ip.set && (f->nat.netmask.set || f->nat.ip_prefixlen >= 0)) {
                if (f->nat.ip_prefixlen >= 0)
                        len = (unsigned)f->nat.ip_prefixlen;
                else
                        netmask_to_len(&f->nat.netmask.addr, &len);
                prefix_make(&f->nat.ip.addr, len, ret);
                *ret = prefix_network(ret);
                *ret_origin = origin_file(L->inv, f->nat_file, f->nat.ip.line);
                return 1;
        }
        return 0;
}

static int add_fixed(struct subnet *s, const unsigned char *mac, const struct addr *ip,
                     const char *name, struct origin o)
{
        struct fixed_host *h = subnet_add_host(s);

        if (!h || (name && !(h->name = strdup(name))))
                return -ENOMEM;
        if (mac)
                mac_format(mac, h->mac);
        h->ip = *ip;
        h->origin = o;
        return 0;
}

/* A second source that names another address than the one chosen:
 * "hostIp 10.0.0.3 differs from the host address 10.0.0.1 (networking:7)". */
static int disagree(struct inventory *inv, const struct addr_fact *chosen,
                    const struct vmw_addr_val *other, const char *file, const char *what,
                    const char *role)
{
        char a[ADDR_STRLEN], b[ADDR_STRLEN];
        const char *base;

        if (!chosen->set || !other->set || addr_is_zero(&other->addr) ||
            addr_eq(&chosen->addr, &other->addr) ||
            (chosen->origin.file && strcmp(chosen->origin.file, file) == 0 &&
             chosen->origin.line == other->line))
                return 0;
        base = chosen->origin.file ? strrchr(chosen->origin.file, '/') : NULL;
        base = base ? base + 1 : chosen->origin.file ? chosen->origin.file : "?";
        return diag_add(&inv->diags, file, other->line, SEV_WARNING,
                        "%s %s differs from %s %s (%s:%u)", what, addr_format(&other->addr, a), role,
                        addr_format(&chosen->addr, b), base, chosen->origin.line);
}

static int fill_subnet(struct loader *L, const struct conf *c, const struct vmw_vnet *v,
                       enum net_type type, const struct vnet_files *f, struct network *net)
{
        struct inventory *inv = L->inv;
        struct diag_list *d = &inv->diags;
        const struct vmw_dhcp_host *he = host_entry(f, v->num);
        struct origin po;
        struct prefix p;
        struct subnet *s;
        struct addr a, first, last;
        int r;

        if ((r = vnet_subnet(L, c, v, f, &p, &po)) <= 0)
                return r;
        if (!(s = network_add_subnet(net)))
                return -ENOMEM;
        s->prefix = p;
        s->origin = po;
        first = prefix_first(&p);
        last = prefix_last(&p);

        /* Planned host address: none without a host adapter. */
        if (v->virtual_adapter.value != 0) {
                if (v->adapter_addr.set)
                        addr_fact_set(&s->host_address, &v->adapter_addr.addr,
                                      origin_file(inv, c->file, v->adapter_addr.line));
                else if (v->hostaddr.set)
                        addr_fact_set(&s->host_address, &v->hostaddr.addr,
                                      origin_file(inv, c->file, v->hostaddr.line));
                else if (f->have_nat && f->nat.host_ip.set)
                        addr_fact_set(&s->host_address, &f->nat.host_ip.addr,
                                      origin_file(inv, f->nat_file, f->nat.host_ip.line));
                else if (he)
                        addr_fact_set(&s->host_address, &he->ip.addr,
                                      origin_file(inv, f->dhcpd_file, he->ip.line));
                else if (p.len <= 30 && addr_add(&first, 1, &a) == 0)
                        addr_fact_set(&s->host_address, &a, po);
                if ((f->have_nat && (r = disagree(inv, &s->host_address, &f->nat.host_ip, f->nat_file,
                                                  "hostIp", "the host address")) < 0) ||
                    (he && (r = disagree(inv, &s->host_address, &he->ip, f->dhcpd_file,
                                         "fixed-address of the host entry", "the host address")) < 0))
                        return r;
        }

        /* NAT gateway: nat.conf's ip, else VMware's default .2. */
        if (type == NET_TYPE_NAT) {
                if (f->have_nat && f->nat.ip.set) {
                        addr_fact_set(&s->gateway, &f->nat.ip.addr,
                                      origin_file(inv, f->nat_file, f->nat.ip.line));
                        if (!prefix_contains(&p, &f->nat.ip.addr) &&
                            (r = diag_add(d, f->nat_file, f->nat.ip.line, SEV_WARNING,
                                          "NAT address is outside vmnet%u's subnet", v->num)) < 0)
                                return r;
                } else if (p.len <= 30 && addr_add(&first, 2, &a) == 0) {
                        addr_fact_set(&s->gateway, &a, origin_file(inv, c->file, v->nat.line));
                }
                /* Guests would route through whatever dhcpd hands out. */
                for (size_t i = 0; f->have_dhcpd && i < f->dhcpd.n_subnets; i++)
                        if ((r = disagree(inv, &s->gateway, &f->dhcpd.subnets[i].routers, f->dhcpd_file,
                                          "option routers", "the NAT gateway")) < 0)
                                return r;
        } else if (f->have_dhcpd) {
                for (size_t i = 0; i < f->dhcpd.n_subnets; i++) {
                        const struct vmw_addr_val *rt = &f->dhcpd.subnets[i].routers;

                        if (rt->set && !addr_is_zero(&rt->addr)) {
                                addr_fact_set(&s->gateway, &rt->addr,
                                              origin_file(inv, f->dhcpd_file, rt->line));
                                break;
                        }
                }
        }

        if (v->dhcp.value != 1 || type == NET_TYPE_BRIDGED)
                goto fixed;
        /* VMware's DHCP server sits on the last usable address (.254). */
        if (p.len <= 30 && addr_add(&last, -1, &a) == 0)
                addr_fact_set(&s->dhcp_server, &a, origin_file(inv, c->file, v->dhcp.line));

        if (f->have_dhcpd) {
                for (size_t i = 0; i < f->dhcpd.n_subnets; i++) {
                        const struct vmw_dhcp_subnet *ds = &f->dhcpd.subnets[i];
                        char b1[PREFIX_STRLEN], b2[PREFIX_STRLEN];

                        if (prefix_cmp(&ds->prefix, &p) != 0 &&
                            (r = diag_add(d, f->dhcpd_file, ds->line, SEV_WARNING,
                                          "subnet %s differs from vmnet%u's subnet %s",
                                          prefix_format(&ds->prefix, b1), v->num,
                                          prefix_format(&p, b2))) < 0)
                                return r;
                        for (size_t j = 0; j < ds->n_ranges; j++) {
                                struct dhcp_range *rg = subnet_add_range(s);

                                if (!rg)
                                        return -ENOMEM;
                                rg->start = ds->ranges[j].start;
                                rg->end = ds->ranges[j].end;
                                rg->origin = origin_file(inv, f->dhcpd_file, ds->ranges[j].line);
                        }
                }
                if (c->legacy || !v->hash[0]) {
                        /* Nothing to compare with. */
                } else if (!f->dhcpd.section_line || strcmp(v->hash, f->dhcpd.section_hash) != 0) {
                        net->dhcp_config_stale = true;
                        net->dhcp_config_origin = origin_file(inv, f->dhcpd_file, f->dhcpd.section_line);
                }
        } else if (p.len <= 30) {
                /* No dhcpd.conf yet: VMware generates the upper half up to .254. */
                struct dhcp_range *rg = subnet_add_range(s);
                int64_t half = (int64_t)1 << (31 - p.len);

                if (!rg)
                        return -ENOMEM;
                addr_add(&first, half, &rg->start);
                addr_add(&last, -1, &rg->end);
                rg->origin = origin_file(inv, c->file, v->dhcp.line);
        }

fixed:
        if (f->have_dhcpd)
                for (size_t i = 0; i < f->dhcpd.n_hosts; i++) {
                        const struct vmw_dhcp_host *h = &f->dhcpd.hosts[i];

                        if (h == he || !h->ip.set)
                                continue;
                        if ((r = add_fixed(s, h->has_mac ? h->mac : NULL, &h->ip.addr, h->name,
                                           origin_file(inv, f->dhcpd_file, h->line))) < 0)
                                return r;
                }
        for (size_t i = 0; i < c->n_macs; i++)
                if (c->macs[i].vnet == v->num &&
                    (r = add_fixed(s, c->macs[i].mac, &c->macs[i].ip, NULL,
                                   origin_file(inv, c->file, c->macs[i].line))) < 0)
                        return r;
        return 0;
}

int vmware_load_vnet(struct loader *L, const struct conf *c, const struct vmw_vnet *v)
{
        struct inventory *inv = L->inv;
        struct vnet_files f = { 0 };
        enum net_type type = vnet_type(c, v);
        struct network *net;
        char name[16];
        unsigned line = v->subnet.set ? v->subnet.line : v->hostaddr.set ? v->hostaddr.line : v->line;
        int r;

        snprintf(name, sizeof(name), "vmnet%u", v->num);
        if (inventory_find_network(inv, NET_SRC_VMWARE, name))
                return 0;
        if ((r = vmware_load_vnet_files(L, c, v, type, &f)) < 0)
                goto out;
        r = -ENOMEM;
        if (!(net = inventory_add_network(inv, NET_SRC_VMWARE, name)))
                goto out;
        net->type = type;
        net->state = NET_STATE_UNKNOWN;         /* gather decides from the kernel */
        net->origin = origin_file(inv, c->file, line);
        net->mtu = v->mtu;
        if (v->uuid && !(net->uuid = strdup(v->uuid)))
                goto out;
        if (type != NET_TYPE_BRIDGED && v->virtual_adapter.value != 0 &&
            network_set_device(net, name) < 0)
                goto out;
        for (size_t i = 0; i < c->n_bridges; i++)
                if (c->bridges[i].vnet == (int)v->num &&
                    network_add_bridged_to(net, c->bridges[i].ifname) < 0)
                        goto out;
        if (v->interface && network_add_bridged_to(net, v->interface) < 0)
                goto out;
        r = type == NET_TYPE_BRIDGED ? 0 : fill_subnet(L, c, v, type, &f, net);
out:
        vmware_vnet_files_free(&f);
        return r;
}

/* vmnet<N> directories whose N the configuration does not know at all. */
