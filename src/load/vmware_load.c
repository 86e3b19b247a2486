/*
 * vmware_load.c - reads VMware's files below --root/--vmware-dir, hands the
 * bytes to the pure parsers in parsers/vmw_*.c and decides what the vmnets
 * mean: type, subnet, planned host address, NAT gateway, DHCP server, pool
 * and fixed hosts, each with the file:line it rests on.  Files that the
 * networking file no longer enables are reported as stale and not trusted.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vmware_load.h"
#include "rootfile.h"
#include "vmw_dhcpd.h"
#include "vmw_locations.h"
#include "vmw_natconf.h"
#include "vmw_networking.h"
#include "xalloc.h"

#define MAX_FILE_SIZE (16u << 20)

struct loader {
        struct inventory *inv;
        const struct options *opt;
        const char *root;               /* --root; "" for / */
        const char *dir;                /* VMware directory on the audited host */
};

/* The configuration that says which vmnets exist: networking, or legacy
 * locations. */
struct conf {
        const char *file;               /* path on the audited host, interned */
        bool legacy;
        struct vmw_vnets *vnets;
        const struct vmw_bridge_map *bridges;
        size_t n_bridges;
        const struct vmw_mac_ip *macs;
        size_t n_macs;
};

/* One vmnet's own files, parsed when present and enabled. */
struct vnet_files {
        const char *dhcpd_file, *nat_file;      /* interned; NULL when absent */
        bool have_dhcpd, have_nat;
        struct vmw_dhcpd dhcpd;
        struct vmw_natconf nat;
};

static char *join(const char *a, const char *b)
{
        char *s;
        size_t la = strlen(a);

        while (la && a[la - 1] == '/')
                la--;
        while (*b == '/')
                b++;
        if (asprintf(&s, "%.*s/%s", (int)la, a, b) < 0)
                return NULL;
        return s;
}

/* Reads a whole file below the root.  0; -ENOENT quietly when it does not
 * exist; another -errno after a diagnostic naming the file (never its
 * content, never where a link would have led outside the root). */
static int read_file(struct loader *L, const char *path, char **ret_buf, size_t *ret_size)
{
        int r = rootfile_read(L->root, path, MAX_FILE_SIZE, ret_buf, ret_size, NULL);

        if (r < 0 && r != -ENOENT && r != -ENOMEM &&
            diag_add(&L->inv->diags, path, 0, SEV_ERROR, "cannot read: %s", rootfile_strerror(r)) < 0)
                return -ENOMEM;
        return r;
}

/* Reads the first existing file of a vmnet among its Linux and Fusion
 * places.  0 with *ret_file set, -ENOENT when none, else -errno. */
static int read_vnet_file(struct loader *L, unsigned num, const char *const *rel,
                          const char **ret_file, char **ret_buf, size_t *ret_size)
{
        for (size_t i = 0; rel[i]; i++) {
                _cleanup_free_ char *sub = NULL, *path = NULL;
                int r;

                if (asprintf(&sub, "vmnet%u/%s", num, rel[i]) < 0 || !(path = join(L->dir, sub)))
                        return -ENOMEM;
                r = read_file(L, path, ret_buf, ret_size);
                if (r == -ENOENT)
                        continue;
                if (!(*ret_file = inventory_intern(L->inv, path))) {
                        if (r == 0)
                                free(*ret_buf);
                        return -ENOMEM;
                }
                return r;
        }
        return -ENOENT;
}

static const char *const dhcpd_places[] = { "dhcpd/dhcpd.conf", "dhcpd.conf", NULL };
static const char *const nat_places[] = { "nat/nat.conf", "nat.conf", NULL };

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

static int warn_stale(struct loader *L, const char *file, const char *why)
{
        return diag_add(&L->inv->diags, file, 0, SEV_WARNING, "%s; stale file not used", why);
}

/* Reads (or reports as stale) the dhcpd.conf and nat.conf of one vmnet. */
static int load_vnet_files(struct loader *L, const struct conf *c, const struct vmw_vnet *v,
                           enum net_type type, struct vnet_files *f)
{
        char *buf = NULL, why[160];
        const char *file = NULL;
        size_t size;
        int r;

        r = read_vnet_file(L, v->num, dhcpd_places, &file, &buf, &size);
        if (r == 0) {
                if (type == NET_TYPE_BRIDGED || v->dhcp.value != 1) {
                        free(buf);
                        if (v->dhcp.value == 0)
                                snprintf(why, sizeof(why), "DHCP is off for vmnet%u in %s:%u", v->num,
                                         c->file, v->dhcp.line);
                        else
                                snprintf(why, sizeof(why), "DHCP is not enabled for vmnet%u in %s",
                                         v->num, c->file);
                        if ((r = warn_stale(L, file, why)) < 0)
                                return r;
                } else {
                        r = vmw_dhcpd_parse(buf, size, file, &f->dhcpd, &L->inv->diags);
                        free(buf);
                        if (r < 0)
                                return r;
                        f->have_dhcpd = true;
                        f->dhcpd_file = file;
                }
        } else if (r == -ENOMEM) {
                return r;
        }

        file = NULL;
        r = read_vnet_file(L, v->num, nat_places, &file, &buf, &size);
        if (r == 0) {
                if (type != NET_TYPE_NAT) {
                        free(buf);
                        if (v->nat.value == 0)
                                snprintf(why, sizeof(why), "NAT is off for vmnet%u in %s:%u", v->num,
                                         c->file, v->nat.line);
                        else
                                snprintf(why, sizeof(why), "NAT is not enabled for vmnet%u in %s",
                                         v->num, c->file);
                        if ((r = warn_stale(L, file, why)) < 0)
                                return r;
                } else {
                        char dev[16];

                        r = vmw_natconf_parse(buf, size, file, &f->nat, &L->inv->diags);
                        free(buf);
                        if (r < 0)
                                return r;
                        /* A copied nat.conf that still names another vmnet. */
                        snprintf(dev, sizeof(dev), "vmnet%u", v->num);
                        if (f->nat.device && strcmp(f->nat.device, dev) != 0 &&
                            (r = diag_add(&L->inv->diags, file, f->nat.device_line, SEV_WARNING,
                                          "device %s is not %s", f->nat.device, dev)) < 0)
                                return r;
                        f->have_nat = true;
                        f->nat_file = file;
                }
        } else if (r == -ENOMEM) {
                return r;
        }
        return 0;
}

static void vnet_files_free(struct vnet_files *f)
{
        vmw_dhcpd_free(&f->dhcpd);
        vmw_natconf_free(&f->nat);
}

/* The dhcpd.conf "host vmnetN" entry VMware writes for the host adapter. */
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

static int load_vnet(struct loader *L, const struct conf *c, const struct vmw_vnet *v)
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
        if ((r = load_vnet_files(L, c, v, type, &f)) < 0)
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
        vnet_files_free(&f);
        return r;
}

/* vmnet<N> directories whose N the configuration does not know at all. */
static int report_unknown_dirs(struct loader *L, const struct conf *c)
{
        bool seen[VMW_VNET_MAX + 1] = { false };
        struct dirent *de;
        DIR *dir;
        int fd, r = 0;

        if ((fd = rootfile_opendir(L->root, L->dir)) < 0)
                return fd == -ENOMEM ? fd : 0;
        if (!(dir = fdopendir(fd))) {
                close(fd);
                return 0;
        }

        /* Collected first so the report does not depend on readdir order. */
        while ((de = readdir(dir))) {
                int num;

                if (strncmp(de->d_name, "vmnet", 5) == 0 &&
                    (num = vmw_parse_vnet_num(de->d_name + 5, strlen(de->d_name + 5))) >= 0 &&
                    !vmw_vnets_find(c->vnets, (unsigned)num))
                        seen[num] = true;
        }
        closedir(dir);
        for (int num = 0; num <= VMW_VNET_MAX && r >= 0; num++) {
                static const char *const *const places[] = { dhcpd_places, nat_places };

                if (!seen[num])
                        continue;
                for (size_t k = 0; k < 2 && r >= 0; k++)
                        for (size_t i = 0; places[k][i] && r >= 0; i++) {
                                _cleanup_free_ char *sub = NULL, *file = NULL;
                                char why[160];
                                struct stat st;

                                if (asprintf(&sub, "vmnet%d/%s", num, places[k][i]) < 0 ||
                                    !(file = join(L->dir, sub))) {
                                        r = -ENOMEM;
                                        break;
                                }
                                if (rootfile_stat(L->root, file, &st) < 0)
                                        continue;
                                snprintf(why, sizeof(why), "vmnet%d is not configured in %s", num, c->file);
                                r = warn_stale(L, file, why);
                        }
        }
        return r;
}

static int load_conf(struct loader *L, struct conf *c)
{
        int r;

        /* A bridge mapping alone makes a vmnet exist (add_bridge_mapping en0 2). */
        for (size_t i = 0; i < c->n_bridges; i++)
                if (c->bridges[i].vnet >= 0 &&
                    !vmw_vnets_get(c->vnets, (unsigned)c->bridges[i].vnet, c->bridges[i].line))
                        return -ENOMEM;
        for (size_t i = 0; i < c->n_macs; i++)
                if (!vmw_vnets_find(c->vnets, c->macs[i].vnet) &&
                    (r = diag_add(&L->inv->diags, c->file, c->macs[i].line, SEV_WARNING,
                                  "add_dhcp_mac_to_ip: vmnet%u is not configured", c->macs[i].vnet)) < 0)
                        return r;
        for (size_t i = 0; i < c->vnets->n; i++)
                if ((r = load_vnet(L, c, &c->vnets->v[i])) < 0)
                        return r;
        return report_unknown_dirs(L, c);
}

int vmware_load(struct inventory *inv, const struct options *opt)
{
        struct loader L = { .inv = inv, .opt = opt, .root = opt->root ? opt->root : "",
                            .dir = opt->vmware_dir ? opt->vmware_dir : "/etc/vmware" };
        _cleanup_free_ char *nfile = NULL, *lfile = NULL;
        struct conf c = { 0 };
        char *buf = NULL;
        size_t size;
        struct stat st;
        int r;

        if (!(nfile = join(L.dir, "networking")) || !(lfile = join(L.dir, "locations")))
                return -ENOMEM;
        if (rootfile_stat(L.root, L.dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
                if (opt->verbose)
                        return diag_add(&inv->diags, L.dir, 0, SEV_INFO,
                                        "VMware is not installed (no such directory)");
                return 0;
        }

        r = read_file(&L, nfile, &buf, &size);
        if (r == 0) {
                struct vmw_networking n;

                c.file = inventory_intern(inv, nfile);
                r = vmw_networking_parse(buf, size, nfile, &n, &inv->diags);
                free(buf);
                if (r == 0 && c.file) {
                        c.vnets = &n.vnets;
                        c.bridges = n.bridges;
                        c.n_bridges = n.n_bridges;
                        c.macs = n.macs;
                        c.n_macs = n.n_macs;
                        r = load_conf(&L, &c);
                } else if (r == 0) {
                        r = -ENOMEM;
                }
                vmw_networking_free(&n);
                return r;
        }
        if (r != -ENOENT)
                return r == -ENOMEM ? r : 0;    /* reported by read_file */

        r = read_file(&L, lfile, &buf, &size);
        if (r == 0) {
                struct vmw_locations l;

                c.file = inventory_intern(inv, lfile);
                c.legacy = true;
                r = vmw_locations_parse(buf, size, lfile, &l, &inv->diags);
                free(buf);
                if (r == 0 && c.file) {
                        c.vnets = &l.vnets;
                        r = load_conf(&L, &c);
                } else if (r == 0) {
                        r = -ENOMEM;
                }
                vmw_locations_free(&l);
                return r;
        }
        if (r == -ENOENT && opt->verbose)
                return diag_add(&inv->diags, L.dir, 0, SEV_INFO,
                                "VMware networking is not configured (neither networking nor locations)");
        return r == -ENOMEM ? r : 0;
}
