/*
 * test_analysis.c - the static analysis on inventories built in code: one
 * test per finding code and per judgement rule, a clean real-world layout
 * that must produce nothing, and the sweep checked against all pairs.
 */
#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "check_main.h"

static struct inventory inv;
static struct audit_config cfg;
static struct finding_list out;

static void setup(void)
{
        inventory_init(&inv);
        audit_config_init(&cfg);
        out = (struct finding_list){ 0 };
}

static void teardown(void)
{
        inventory_free(&inv);
        audit_config_free(&cfg);
        finding_list_free(&out);
}

static struct addr A(const char *s)
{
        struct addr a;

        ck_assert_msg(addr_parse(s, &a) == 0, "bad address %s", s);
        return a;
}

static struct prefix P(const char *s)
{
        struct prefix p;

        ck_assert_msg(prefix_parse(s, &p) == 0, "bad prefix %s", s);
        return p;
}

static unsigned line_no = 1;

static struct origin O(const char *file)
{
        return origin_file(&inv, file, line_no++);
}

/* A network with one subnet; host may be NULL. Returns the subnet. */
static struct subnet *net(enum net_source src, const char *name, const char *dev, const char *cidr,
                          const char *host)
{
        const char *file = src == NET_SRC_VMWARE ? "/etc/vmware/networking" :
                           "/etc/libvirt/qemu/networks/x.xml";
        struct network *n = inventory_add_network(&inv, src, name);
        struct subnet *s;
        struct addr h;

        ck_assert_ptr_nonnull(n);
        n->type = NET_TYPE_HOSTONLY;
        n->origin = O(file);
        if (dev)
                ck_assert_int_eq(network_set_device(n, dev), 0);
        s = network_add_subnet(n);
        ck_assert_ptr_nonnull(s);
        s->prefix = prefix_network(&(struct prefix){ P(cidr).addr, P(cidr).len });
        s->origin = O(file);
        if (host) {
                h = A(host);
                addr_fact_set(&s->host_address, &h, O(file));
        }
        return s;
}

static void range(struct subnet *s, const char *a, const char *b)
{
        struct dhcp_range *r = subnet_add_range(s);

        ck_assert_ptr_nonnull(r);
        r->start = A(a);
        r->end = A(b);
        r->origin = O("/etc/vmware/vmnet/dhcpd/dhcpd.conf");
}

static void fixed(struct subnet *s, const char *mac, const char *ip)
{
        struct fixed_host *h = subnet_add_host(s);

        ck_assert_ptr_nonnull(h);
        snprintf(h->mac, sizeof(h->mac), "%s", mac);
        h->ip = A(ip);
        h->origin = O("/etc/vmware/vmnet/dhcpd/dhcpd.conf");
}

static void role(struct addr_fact *f, const char *ip)
{
        struct addr a = A(ip);

        addr_fact_set(f, &a, O("/etc/vmware/vmnet/nat/nat.conf"));
}

static struct interface *iface(const char *name, int idx, enum link_kind kind, const char *addr)
{
        struct interface *ifc = inventory_add_interface(&inv);

        ck_assert_ptr_nonnull(ifc);
        ifc->name = strdup(name);
        ifc->ifindex = idx;
        ifc->kind = kind;
        ifc->flags = 1;
        if (addr) {
                struct if_address *ia = interface_add_address(ifc);

                ck_assert_ptr_nonnull(ia);
                ia->prefix = P(addr);
                ia->origin = origin_kernel(idx);
        }
        inv.have_kernel = true;
        return ifc;
}

static void if_addr(struct interface *ifc, const char *addr)
{
        struct if_address *ia = interface_add_address(ifc);

        ck_assert_ptr_nonnull(ia);
        ia->prefix = P(addr);
        ia->origin = origin_kernel(ifc->ifindex);
}

static struct route *route(const char *dst, int ifindex, unsigned table)
{
        struct route *r = inventory_add_route(&inv);

        ck_assert_ptr_nonnull(r);
        r->dst = P(dst);
        r->ifindex = ifindex;
        r->table = table;
        r->type = 1;
        r->origin = origin_kernel(ifindex);
        return r;
}

static void run(void)
{
        finding_list_free(&out);
        ck_assert_int_eq(analysis_run(&inv, &cfg, &out), 0);
}

static size_t count(enum finding_code code)
{
        size_t n = 0;

        for (size_t i = 0; i < out.n; i++)
                n += out.v[i].code == code;
        return n;
}

static const struct finding *find(enum finding_code code)
{
        for (size_t i = 0; i < out.n; i++)
                if (out.v[i].code == code)
                        return &out.v[i];
        return NULL;
}

static bool has(char **v, size_t n, const char *s)
{
        for (size_t i = 0; i < n; i++)
                if (strcmp(v[i], s) == 0)
                        return true;
        return false;
}

static void dump(void)
{
        for (size_t i = 0; i < out.n; i++)
                fprintf(stderr, "  %s %s: %s\n", severity_name(out.v[i].severity),
                        finding_code_name(out.v[i].code), out.v[i].message);
}

#define ASSERT_ONLY(want, sev)                                                          \
        do {                                                                            \
                if (out.n != 1) dump();                                                 \
                ck_assert_uint_eq(out.n, 1);                                            \
                ck_assert_str_eq(finding_code_name(out.v[0].code), finding_code_name(want)); \
                ck_assert_int_eq(out.v[0].severity, sev);                               \
        } while (0)

#define ASSERT_NONE()                                                                   \
        do {                                                                            \
                if (out.n) dump();                                                      \
                ck_assert_uint_eq(out.n, 0);                                            \
        } while (0)

/* VMware's standard layout: host .1, NAT gateway .2, DHCP server .254 inside
 * its generated range .128-.254, fixed hosts below .128; libvirt's default. */
static void clean_host(void)
{
        struct subnet *s;
        struct interface *ifc;

        s = net(NET_SRC_VMWARE, "vmnet1", "vmnet1", "172.16.130.0/24", "172.16.130.1");
        role(&s->dhcp_server, "172.16.130.254");
        range(s, "172.16.130.128", "172.16.130.254");
        s = net(NET_SRC_VMWARE, "vmnet8", "vmnet8", "192.168.231.0/24", "192.168.231.1");
        role(&s->gateway, "192.168.231.2");
        role(&s->dhcp_server, "192.168.231.254");
        range(s, "192.168.231.128", "192.168.231.254");
        fixed(s, "00:0c:29:aa:bb:cc", "192.168.231.10");
        s = net(NET_SRC_LIBVIRT, "default", "virbr0", "192.168.122.0/24", "192.168.122.1");
        range(s, "192.168.122.2", "192.168.122.254");
        fixed(s, "52:54:00:11:22:33", "192.168.122.50");       /* dnsmasq reserves it */
        s = network_add_subnet(inventory_find_network(&inv, NET_SRC_LIBVIRT, "default"));
        s->prefix = P("fd00:122::/64");
        s->origin = O("/etc/libvirt/qemu/networks/default.xml");
        role(&s->host_address, "fd00:122::1");

        iface("lo", 1, LINK_KIND_LOOPBACK, "127.0.0.1/8");
        ifc = iface("eth0", 2, LINK_KIND_PHYSICAL, "198.51.100.10/24");
        if_addr(ifc, "fe80::1/64");
        iface("vmnet1", 3, LINK_KIND_VMNET, "172.16.130.1/24");
        iface("vmnet8", 4, LINK_KIND_VMNET, "192.168.231.1/24");
        ifc = iface("virbr0", 5, LINK_KIND_BRIDGE, "192.168.122.1/24");
        if_addr(ifc, "fd00:122::1/64");
        route("0.0.0.0/0", 2, 254);
        route("198.51.100.0/24", 2, 254);
        route("172.16.130.0/24", 3, 254);
        route("192.168.231.0/24", 4, 254);
        route("192.168.122.0/24", 5, 254);
        route("192.168.122.1/32", 5, 255);
        route("fe80::/64", 2, 254);
        route("fd00:122::/64", 5, 254);
        route("::/0", 2, 254);
}

START_TEST(clean_layout_is_silent)
{
        clean_host();
        run();
        ASSERT_NONE();
}
END_TEST

START_TEST(overlap_names_both_sides)
{
        struct subnet *s;
        const struct finding *f;

        s = net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.100.0/24", "192.168.100.1");
        (void)s;
        net(NET_SRC_LIBVIRT, "default", "virbr0", "192.168.100.0/24", "192.168.100.10");
        run();
        ASSERT_ONLY(F_SUBNET_OVERLAP, SEV_ERROR);
        f = &out.v[0];
        ck_assert(has(f->networks, f->n_networks, "vmware:vmnet6"));
        ck_assert(has(f->networks, f->n_networks, "libvirt:default"));
        ck_assert(has(f->origins, f->n_origins, "/etc/vmware/networking:2"));
        ck_assert_uint_eq(f->n_origins, 2);
        ck_assert_ptr_nonnull(strstr(f->message, "vmnet6"));
        ck_assert_ptr_nonnull(strstr(f->message, "libvirt network default"));
        ck_assert_ptr_nonnull(strstr(f->hint, "[segment]"));
}
END_TEST

START_TEST(nested_and_ipv6_overlaps)
{
        net(NET_SRC_VMWARE, "vmnet2", "vmnet2", "10.0.0.0/16", NULL);
        net(NET_SRC_LIBVIRT, "lab", "virbr3", "10.0.200.0/24", NULL);
        net(NET_SRC_LIBVIRT, "far", "virbr4", "10.1.0.0/24", NULL);
        net(NET_SRC_VMWARE, "vmnet3", "vmnet3", "fd00:1::/48", NULL);
        net(NET_SRC_LIBVIRT, "v6", "virbr5", "fd00:1:0:5::/64", NULL);
        net(NET_SRC_LIBVIRT, "v6b", "virbr6", "fd00:2::/64", NULL);
        run();
        ck_assert_uint_eq(count(F_SUBNET_OVERLAP), 2);
        ck_assert_uint_eq(out.n, 2);
}
END_TEST

START_TEST(duplicate_host_address_across_networks)
{
        net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.100.0/24", "192.168.100.1");
        net(NET_SRC_LIBVIRT, "default", "virbr0", "192.168.100.0/24", "192.168.100.1");
        run();
        ck_assert_uint_eq(count(F_SUBNET_OVERLAP), 1);
        ck_assert_uint_eq(count(F_DUPLICATE_HOST_ADDRESS), 1);
        ck_assert(has(find(F_DUPLICATE_HOST_ADDRESS)->addresses,
                      find(F_DUPLICATE_HOST_ADDRESS)->n_addresses, "192.168.100.1"));
}
END_TEST

START_TEST(duplicate_roles_inside_one_subnet)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet8", "vmnet8", "192.168.8.0/24", "192.168.8.2");

        role(&s->gateway, "192.168.8.2");
        run();
        ASSERT_ONLY(F_DUPLICATE_HOST_ADDRESS, SEV_ERROR);
}
END_TEST

START_TEST(interface_on_planned_subnet)
{
        const struct finding *f;

        net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.6.0/24", "192.168.6.1");
        iface("eth0", 2, LINK_KIND_PHYSICAL, "192.168.6.20/24");
        route("192.168.6.0/24", 2, 254);        /* eth0's connected route: same cause */
        run();
        ASSERT_ONLY(F_SUBNET_CONFLICTS_INTERFACE, SEV_ERROR);
        f = &out.v[0];
        ck_assert_str_eq(f->interface, "eth0");
        ck_assert(has(f->networks, f->n_networks, "host:eth0"));
        ck_assert(has(f->origins, f->n_origins, "kernel (ifindex 2)"));
}
END_TEST

START_TEST(own_device_address_is_not_a_conflict)
{
        net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.6.0/24", "192.168.6.1");
        net(NET_SRC_LIBVIRT, "default", "virbr0", "192.168.122.0/24", "192.168.122.1");
        iface("vmnet6", 7, LINK_KIND_VMNET, "192.168.6.1/24");
        iface("virbr0", 8, LINK_KIND_BRIDGE, "192.168.122.1/24");
        route("192.168.6.0/24", 7, 254);
        route("192.168.122.0/24", 8, 254);
        run();
        ASSERT_NONE();
}
END_TEST

START_TEST(interface_holding_the_planned_address)
{
        net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.6.0/24", "192.168.6.1");
        iface("br-lab", 9, LINK_KIND_BRIDGE, "192.168.6.1/24");
        run();
        ASSERT_ONLY(F_SUBNET_CONFLICTS_INTERFACE, SEV_ERROR);
        ck_assert_ptr_nonnull(strstr(out.v[0].message, "already holds vmnet6's planned host address"));
}
END_TEST

START_TEST(default_and_own_routes_are_fine)
{
        net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.6.0/24", "192.168.6.1");
        iface("eth0", 2, LINK_KIND_PHYSICAL, "198.51.100.5/24");
        iface("vmnet6", 3, LINK_KIND_VMNET, NULL);
        route("0.0.0.0/0", 2, 254);
        route("0.0.0.0/0", 2, 100);
        route("192.168.6.0/24", 3, 254);
        route("192.168.6.1/32", 3, 255);
        run();
        ASSERT_NONE();
}
END_TEST

START_TEST(vpn_broad_routes_warn)
{
        net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.6.0/24", "192.168.6.1");
        iface("tun0", 4, LINK_KIND_TUN, "10.8.0.2/24");
        route("0.0.0.0/1", 4, 254);
        route("128.0.0.0/1", 4, 254);
        run();
        ASSERT_ONLY(F_SUBNET_CONFLICTS_ROUTE, SEV_WARNING);
        ck_assert(has(out.v[0].addresses, out.v[0].n_addresses, "128.0.0.0/1"));
        ck_assert(has(out.v[0].networks, out.v[0].n_networks, "host:tun0"));
}
END_TEST

/* A VPN's split default over many networks: one warning per route, each
 * listing every network it covers, not one per network. */
START_TEST(broad_route_aggregated_per_route)
{
        net(NET_SRC_VMWARE, "vmnet1", "vmnet1", "172.16.61.0/24", "172.16.61.1");
        net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.6.0/24", "192.168.6.1");
        net(NET_SRC_VMWARE, "vmnet8", "vmnet8", "172.16.68.0/24", "172.16.68.1");
        net(NET_SRC_VMWARE, "vmnet9", "vmnet9", "10.9.0.0/24", "10.9.0.1");
        iface("tun0", 4, LINK_KIND_TUN, "100.64.0.2/24");
        route("0.0.0.0/1", 4, 254);
        route("128.0.0.0/1", 4, 254);
        run();
        ck_assert_uint_eq(out.n, 2);
        for (size_t i = 0; i < out.n; i++) {
                const struct finding *f = &out.v[i];
                bool low = has(f->addresses, f->n_addresses, "0.0.0.0/1");

                ck_assert_int_eq(f->code, F_SUBNET_CONFLICTS_ROUTE);
                ck_assert_int_eq(f->severity, SEV_WARNING);
                ck_assert(has(f->networks, f->n_networks, "host:tun0"));
                if (low) {      /* 10.9.0.0/24 only */
                        ck_assert_uint_eq(f->n_networks, 2);
                        ck_assert(has(f->networks, f->n_networks, "vmware:vmnet9"));
                } else {        /* 172.16.61, 172.16.68, 192.168.6 */
                        ck_assert_uint_eq(f->n_networks, 4);
                        ck_assert(has(f->networks, f->n_networks, "vmware:vmnet1"));
                        ck_assert(has(f->networks, f->n_networks, "vmware:vmnet6"));
                        ck_assert(has(f->networks, f->n_networks, "vmware:vmnet8"));
                        ck_assert(has(f->addresses, f->n_addresses, "192.168.6.0/24"));
                        ck_assert(strstr(f->message, "covers the subnets of 3 networks") != NULL);
                }
        }
}
END_TEST

START_TEST(specific_route_elsewhere_is_an_error)
{
        net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.6.0/24", "192.168.6.1");
        iface("wlan0", 5, LINK_KIND_PHYSICAL, "203.0.113.9/24");
        route("192.168.6.0/25", 5, 254);
        route("192.168.6.0/25", 5, 100);        /* same conflict: reported once */
        run();
        ASSERT_ONLY(F_SUBNET_CONFLICTS_ROUTE, SEV_ERROR);
        ck_assert_str_eq(out.v[0].interface, "wlan0");
}
END_TEST

START_TEST(range_outside_subnet)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet1", "vmnet1", "192.168.1.0/24", "192.168.1.1");

        range(s, "192.168.1.128", "192.168.2.10");
        run();
        ASSERT_ONLY(F_DHCP_RANGE_OUTSIDE_SUBNET, SEV_ERROR);
}
END_TEST

START_TEST(ranges_overlap_inside_subnet)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet1", "vmnet1", "192.168.1.0/24", "192.168.1.1");

        range(s, "192.168.1.100", "192.168.1.150");
        range(s, "192.168.1.10", "192.168.1.20");
        range(s, "192.168.1.140", "192.168.1.200");
        run();
        ASSERT_ONLY(F_DHCP_RANGE_OVERLAP, SEV_ERROR);
}
END_TEST

START_TEST(host_address_inside_own_pool)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet1", "vmnet1", "192.168.1.0/24", "192.168.1.1");

        range(s, "192.168.1.1", "192.168.1.100");
        run();
        ASSERT_ONLY(F_DHCP_RANGE_CONTAINS_ADDRESS, SEV_ERROR);
        ck_assert_ptr_nonnull(strstr(out.v[0].message, "planned host address"));
}
END_TEST

START_TEST(vmware_dhcp_server_in_own_range_is_normal)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet1", "vmnet1", "192.168.1.0/24", "192.168.1.1");

        role(&s->dhcp_server, "192.168.1.254");
        range(s, "192.168.1.128", "192.168.1.254");
        run();
        ASSERT_NONE();
}
END_TEST

START_TEST(gateway_inside_pool)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet8", "vmnet8", "192.168.8.0/24", "192.168.8.1");

        role(&s->gateway, "192.168.8.130");
        range(s, "192.168.8.128", "192.168.8.254");
        run();
        ASSERT_ONLY(F_DHCP_RANGE_CONTAINS_ADDRESS, SEV_ERROR);
        ck_assert_ptr_nonnull(strstr(out.v[0].message, "NAT gateway"));
}
END_TEST

START_TEST(vmware_fixed_host_inside_pool_warns)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet8", "vmnet8", "192.168.8.0/24", "192.168.8.1");

        range(s, "192.168.8.128", "192.168.8.254");
        fixed(s, "00:0c:29:00:00:01", "192.168.8.200");
        run();
        ASSERT_ONLY(F_DHCP_RANGE_CONTAINS_ADDRESS, SEV_WARNING);
}
END_TEST

START_TEST(fixed_address_outside_subnet)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet8", "vmnet8", "192.168.8.0/24", "192.168.8.1");

        fixed(s, "00:0c:29:00:00:01", "192.168.9.3");
        run();
        ASSERT_ONLY(F_FIXED_ADDRESS_OUTSIDE_SUBNET, SEV_WARNING);
        ck_assert(has(out.v[0].addresses, out.v[0].n_addresses, "192.168.9.3"));
}
END_TEST

START_TEST(fixed_address_duplicate)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet8", "vmnet8", "192.168.8.0/24", "192.168.8.1");

        fixed(s, "00:0c:29:00:00:01", "192.168.8.3");
        fixed(s, "00:0c:29:00:00:02", "192.168.8.3");
        fixed(s, "00:0c:29:00:00:03", "192.168.8.4");
        fixed(s, "00:0c:29:00:00:03", "192.168.8.4");   /* same machine twice: fine */
        run();
        ASSERT_ONLY(F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR);
        ck_assert_ptr_nonnull(strstr(out.v[0].message, "00:0c:29:00:00:01"));
        ck_assert_ptr_nonnull(strstr(out.v[0].message, "00:0c:29:00:00:02"));
}
END_TEST

START_TEST(fixed_address_is_the_host_address)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet8", "vmnet8", "192.168.8.0/24", "192.168.8.1");

        fixed(s, "00:0c:29:00:00:01", "192.168.8.1");
        run();
        ASSERT_ONLY(F_FIXED_ADDRESS_DUPLICATE, SEV_ERROR);
}
END_TEST

START_TEST(adapter_address_outside_subnet)
{
        net(NET_SRC_VMWARE, "vmnet4", "vmnet4", "192.168.4.0/24", "192.168.44.1");
        run();
        ASSERT_ONLY(F_ADAPTER_ADDRESS_OUTSIDE_SUBNET, SEV_ERROR);
}
END_TEST

START_TEST(dhcp_config_stale)
{
        struct network *n;

        net(NET_SRC_VMWARE, "vmnet8", "vmnet8", "192.168.8.0/24", "192.168.8.1");
        n = inventory_find_network(&inv, NET_SRC_VMWARE, "vmnet8");
        n->dhcp_config_stale = true;
        n->dhcp_config_origin = origin_file(&inv, "/etc/vmware/vmnet8/dhcpd/dhcpd.conf", 0);
        run();
        ASSERT_ONLY(F_DHCP_CONFIG_STALE, SEV_WARNING);
        ck_assert(has(out.v[0].origins, out.v[0].n_origins, "/etc/vmware/vmnet8/dhcpd/dhcpd.conf"));
}
END_TEST

START_TEST(config_errors_become_findings)
{
        diag_add(&inv.diags, "/etc/vmware/networking", 12, SEV_ERROR, "VNET_1_HOSTONLY_NETMASK is not a netmask");
        diag_add(&inv.diags, "/etc/vmware/networking", 13, SEV_WARNING, "unknown key");
        run();
        ASSERT_ONLY(F_CONFIG_ERROR, SEV_ERROR);
        ck_assert(has(out.v[0].origins, out.v[0].n_origins, "/etc/vmware/networking:12"));
        ck_assert_ptr_nonnull(strstr(out.v[0].message, "/etc/vmware/networking:12: "));
}
END_TEST

static void couple(const char *a, const char *b)
{
        char buf[200];
        struct diag_list d = { 0 };

        snprintf(buf, sizeof(buf), "[segment lab]\nnetworks = %s %s\n", a, b);
        ck_assert_int_eq(audit_config_parse(buf, strlen(buf), "/etc/vnetaudit.conf", &cfg, &d), 0);
        diag_list_free(&d);
}

START_TEST(coupled_segment_allows_overlap_not_pool_clash)
{
        struct subnet *s1, *s2;

        s1 = net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.6.0/24", "192.168.6.1");
        role(&s1->dhcp_server, "192.168.6.254");
        range(s1, "192.168.6.128", "192.168.6.254");
        s2 = net(NET_SRC_LIBVIRT, "lab", "virbr6", "192.168.6.0/24", "192.168.6.2");
        range(s2, "192.168.6.100", "192.168.6.140");
        couple("vmnet6", "libvirt:lab");
        run();
        ck_assert_uint_eq(count(F_SUBNET_OVERLAP), 0);
        ck_assert_uint_eq(count(F_DHCP_RANGE_OVERLAP), 1);
        ck_assert_uint_eq(out.n, 1);
        ck_assert(has(out.v[0].networks, out.v[0].n_networks, "vmware:vmnet6"));
        ck_assert(has(out.v[0].networks, out.v[0].n_networks, "libvirt:lab"));
}
END_TEST

START_TEST(coupled_segment_clean_split)
{
        struct subnet *s1, *s2;

        s1 = net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.6.0/24", "192.168.6.1");
        role(&s1->dhcp_server, "192.168.6.254");
        range(s1, "192.168.6.128", "192.168.6.254");
        fixed(s1, "00:0c:29:00:00:01", "192.168.6.10");
        s2 = net(NET_SRC_LIBVIRT, "lab", "virbr6", "192.168.6.0/24", "192.168.6.2");
        range(s2, "192.168.6.20", "192.168.6.99");
        fixed(s2, "52:54:00:00:00:01", "192.168.6.11");
        iface("vmnet6", 3, LINK_KIND_VMNET, "192.168.6.1/24");
        iface("virbr6", 4, LINK_KIND_BRIDGE, "192.168.6.2/24");
        route("192.168.6.0/24", 3, 254);
        route("192.168.6.0/24", 4, 254);
        couple("vmware:vmnet6", "lab");
        run();
        ASSERT_NONE();
}
END_TEST

START_TEST(coupled_segment_host_and_fixed_clashes)
{
        struct subnet *s1, *s2;

        s1 = net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.6.0/24", "192.168.6.1");
        fixed(s1, "00:0c:29:00:00:01", "192.168.6.10");
        s2 = net(NET_SRC_LIBVIRT, "lab", "virbr6", "192.168.6.0/24", "192.168.6.1");
        fixed(s2, "52:54:00:00:00:01", "192.168.6.10");
        range(s2, "192.168.6.5", "192.168.6.50");
        couple("vmnet6", "lab");
        run();
        ck_assert_uint_eq(count(F_SUBNET_OVERLAP), 0);
        ck_assert_uint_eq(count(F_DUPLICATE_HOST_ADDRESS), 1);
        ck_assert_uint_eq(count(F_FIXED_ADDRESS_DUPLICATE), 1);
        /* vmnet6's host .1 is outside lab's pool; its fixed .10 is inside */
        ck_assert_uint_eq(count(F_DHCP_RANGE_CONTAINS_ADDRESS), 1);
}
END_TEST

START_TEST(ignores_per_network)
{
        struct diag_list d = { 0 };
        const char *conf = "[network vmnet6]\nignore = subnet-overlap\n";

        net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.100.0/24", "192.168.100.1");
        net(NET_SRC_LIBVIRT, "default", "virbr0", "192.168.100.0/24", "192.168.100.10");
        ck_assert_int_eq(audit_config_parse(conf, strlen(conf), "c", &cfg, &d), 0);
        diag_list_free(&d);
        run();
        ASSERT_NONE();
}
END_TEST

START_TEST(host_networks_only_via_interfaces)
{
        struct network *n;
        struct subnet *s;

        net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "172.17.0.0/16", "172.17.0.1");
        iface("docker0", 6, LINK_KIND_BRIDGE, "172.17.0.1/16");
        n = inventory_add_network(&inv, NET_SRC_HOST, "docker0");
        network_set_device(n, "docker0");
        n->type = NET_TYPE_BRIDGE;
        s = network_add_subnet(n);
        s->prefix = P("172.17.0.0/16");
        route("172.17.0.0/16", 6, 254);
        run();
        ASSERT_ONLY(F_SUBNET_CONFLICTS_INTERFACE, SEV_ERROR);
        ck_assert(has(out.v[0].networks, out.v[0].n_networks, "host:docker0"));
}
END_TEST

START_TEST(report_order_most_severe_first)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet8", "vmnet8", "192.168.8.0/24", "192.168.8.1");

        fixed(s, "00:0c:29:00:00:01", "10.9.9.9");                      /* warning */
        net(NET_SRC_LIBVIRT, "x", "virbr9", "192.168.8.0/25", NULL);     /* error */
        run();
        ck_assert_uint_eq(out.n, 2);
        ck_assert_int_eq(out.v[0].severity, SEV_ERROR);
        ck_assert_int_eq(out.v[1].severity, SEV_WARNING);
}
END_TEST

/* The sweep must find exactly the pairs that comparing all pairs finds:
 * every two networks named together in a subnet-overlap overlap, and every
 * overlapping two are named together in one (a pair, or a group of networks
 * on one prefix or on two nested ones, all of which overlap each other). */
static int net_index(const char *id)
{
        int i = -1;

        ck_assert_int_eq(sscanf(strchr(id, ':') + 2, "%d", &i), 1);     /* "vmware:nNN" */
        return i;
}

START_TEST(sweep_matches_all_pairs)
{
        unsigned seed = 12345;
        size_t naive = 0, covered = 0;
        enum { N = 160 };
        struct prefix ps[N];
        static bool seen[N][N];

        for (int i = 0; i < N; i++) {
                char name[16], cidr[32];
                unsigned len;

                seed = seed * 1103515245u + 12345u;
                len = 20 + (seed >> 16) % 9;           /* /20 .. /28 */
                seed = seed * 1103515245u + 12345u;
                snprintf(cidr, sizeof(cidr), "10.%u.%u.%u/%u", (seed >> 8) % 2, (seed >> 16) % 16,
                         (seed >> 4) % 256, len);
                snprintf(name, sizeof(name), "n%d", i);
                net(i % 2 ? NET_SRC_VMWARE : NET_SRC_LIBVIRT, name, NULL, cidr, NULL);
                ps[i] = inv.nets[inv.n_nets - 1].subnets[0].prefix;
        }
        memset(seen, 0, sizeof(seen));
        for (int i = 0; i < N; i++)
                for (int j = i + 1; j < N; j++)
                        naive += prefix_overlaps(&ps[i], &ps[j]);
        run();
        for (size_t f = 0; f < out.n; f++) {
                if (out.v[f].code != F_SUBNET_OVERLAP)
                        continue;
                for (size_t a = 0; a < out.v[f].n_networks; a++)
                        for (size_t b = a + 1; b < out.v[f].n_networks; b++) {
                                int x = net_index(out.v[f].networks[a]), y = net_index(out.v[f].networks[b]);

                                ck_assert_msg(prefix_overlaps(&ps[x], &ps[y]), "n%d and n%d do not overlap", x, y);
                                if (!seen[x][y])
                                        covered++;
                                seen[x][y] = seen[y][x] = true;
                        }
        }
        ck_assert_uint_gt(naive, 10);
        ck_assert_uint_eq(covered, naive);
        ck_assert_uint_lt(count(F_SUBNET_OVERLAP), naive);      /* grouped, not all pairs */
}
END_TEST

/* Issue 15: 500 networks on one subnet are one group, not 124,750 pairs. */
START_TEST(networks_on_one_prefix_are_one_group)
{
        const struct finding *f;

        for (int i = 0; i < 500; i++) {
                char name[16];

                snprintf(name, sizeof(name), "n%d", i);
                net(NET_SRC_LIBVIRT, name, NULL, "10.5.0.0/24", "10.5.0.1");
        }
        net(NET_SRC_LIBVIRT, "inner", NULL, "10.5.0.0/25", "10.5.0.2");
        run();
        ck_assert_uint_eq(count(F_SUBNET_OVERLAP), 2);          /* the 500, and the 500 with inner */
        ck_assert_uint_eq(count(F_DUPLICATE_HOST_ADDRESS), 1);
        f = find(F_DUPLICATE_HOST_ADDRESS);
        ck_assert_uint_eq(f->n_networks, 500);
        ck_assert_ptr_nonnull(strstr(f->message, "500 networks plan the host address 10.5.0.1: "));
        ck_assert_ptr_nonnull(strstr(f->message, " and 492 more"));
        for (size_t i = 0; i < out.n; i++)
                if (out.v[i].code == F_SUBNET_OVERLAP && out.v[i].n_networks == 500)
                        ck_assert_ptr_nonnull(strstr(out.v[i].message, "500 networks share 10.5.0.0/24: "));
                else if (out.v[i].code == F_SUBNET_OVERLAP)
                        ck_assert_uint_eq(out.v[i].n_networks, 501);
        ck_assert_uint_eq(out.n, 3);
}
END_TEST

/* Issue 15: 500 ranges and 500 fixed hosts in one dhcpd.conf (the 2,000 of
 * the report run in tests/integration/hostile_inputs.sh). */
START_TEST(one_subnet_clashes_are_grouped)
{
        struct subnet *s = net(NET_SRC_VMWARE, "vmnet1", "vmnet1", "10.50.1.0/24", "10.50.1.1");

        for (int i = 0; i < 500; i++) {
                char mac[18], ip[16];

                range(s, "10.50.1.10", "10.50.1.250");
                snprintf(mac, sizeof(mac), "00:50:56:00:%02x:%02x", i / 256, i % 256);
                snprintf(ip, sizeof(ip), "10.50.1.%d", 10 + i % 10);
                fixed(s, mac, ip);
        }
        range(s, "10.50.1.1", "10.50.1.5");     /* holds the host address: one more pool */
        range(s, "10.50.1.1", "10.50.1.3");
        run();
        ck_assert_uint_eq(count(F_DHCP_RANGE_OVERLAP), 2);              /* two clusters */
        ck_assert_uint_eq(count(F_FIXED_ADDRESS_DUPLICATE), 10);        /* one per address */
        ck_assert_uint_eq(count(F_DHCP_RANGE_CONTAINS_ADDRESS), 2);     /* hosts in the pool; the host address */
        for (size_t i = 0; i < out.n; i++) {
                const struct finding *f = &out.v[i];

                if (f->code == F_FIXED_ADDRESS_DUPLICATE)
                        ck_assert_ptr_nonnull(strstr(f->message, "is given to 50 hosts: "));
                if (f->code == F_DHCP_RANGE_CONTAINS_ADDRESS && f->severity == SEV_WARNING)
                        ck_assert_ptr_nonnull(strstr(f->message, "500 fixed addresses of vmnet1 lie inside its own DHCP pool"));
                if (f->code == F_DHCP_RANGE_CONTAINS_ADDRESS && f->severity == SEV_ERROR)
                        ck_assert_ptr_nonnull(strstr(f->message, "lies inside 2 DHCP ranges of its own: "));
        }
        ck_assert_uint_eq(out.n, 14);
}
END_TEST

/* Issue 15: a segment declared in the audited root's own vnetaudit.conf
 * couples two networks with 300 hosts and 300 ranges each: groups, not
 * 90,000 host x range findings. */
START_TEST(coupled_clashes_are_grouped)
{
        struct subnet *s1, *s2;

        s1 = net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.6.0/24", "192.168.6.1");
        s2 = net(NET_SRC_LIBVIRT, "lab", "virbr6", "192.168.6.0/24", "192.168.6.2");
        for (int i = 0; i < 300; i++) {
                char mac[18], ip[16];

                snprintf(ip, sizeof(ip), "192.168.6.%d", 10 + i % 5);
                snprintf(mac, sizeof(mac), "00:0c:29:00:%02x:%02x", i / 256, i % 256);
                fixed(s1, mac, ip);
                snprintf(mac, sizeof(mac), "52:54:00:00:%02x:%02x", i / 256, i % 256);
                fixed(s2, mac, ip);
                range(s1, "192.168.6.5", "192.168.6.50");
                range(s2, "192.168.6.5", "192.168.6.50");
        }
        couple("vmnet6", "lab");
        run();
        ck_assert_uint_eq(count(F_SUBNET_OVERLAP), 0);
        ck_assert_uint_eq(count(F_DHCP_RANGE_OVERLAP), 3);              /* each own cluster, and the shared one */
        /* vmnet6's hosts in its own pool (a warning), and each side's hosts in
         * the other's pool: same networks, addresses and ranges, so one key */
        ck_assert_uint_eq(count(F_DHCP_RANGE_CONTAINS_ADDRESS), 2);
        ck_assert_uint_le(count(F_FIXED_ADDRESS_DUPLICATE), 15);        /* per address, not per pair */
        ck_assert_uint_lt(out.n, 40);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("analysis");
        TCase *tc = tcase_create("analysis");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, clean_layout_is_silent);
        tcase_add_test(tc, overlap_names_both_sides);
        tcase_add_test(tc, nested_and_ipv6_overlaps);
        tcase_add_test(tc, duplicate_host_address_across_networks);
        tcase_add_test(tc, duplicate_roles_inside_one_subnet);
        tcase_add_test(tc, interface_on_planned_subnet);
        tcase_add_test(tc, own_device_address_is_not_a_conflict);
        tcase_add_test(tc, interface_holding_the_planned_address);
        tcase_add_test(tc, default_and_own_routes_are_fine);
        tcase_add_test(tc, vpn_broad_routes_warn);
        tcase_add_test(tc, broad_route_aggregated_per_route);
        tcase_add_test(tc, specific_route_elsewhere_is_an_error);
        tcase_add_test(tc, range_outside_subnet);
        tcase_add_test(tc, ranges_overlap_inside_subnet);
        tcase_add_test(tc, host_address_inside_own_pool);
        tcase_add_test(tc, vmware_dhcp_server_in_own_range_is_normal);
        tcase_add_test(tc, gateway_inside_pool);
        tcase_add_test(tc, vmware_fixed_host_inside_pool_warns);
        tcase_add_test(tc, fixed_address_outside_subnet);
        tcase_add_test(tc, fixed_address_duplicate);
        tcase_add_test(tc, fixed_address_is_the_host_address);
        tcase_add_test(tc, adapter_address_outside_subnet);
        tcase_add_test(tc, dhcp_config_stale);
        tcase_add_test(tc, config_errors_become_findings);
        tcase_add_test(tc, coupled_segment_allows_overlap_not_pool_clash);
        tcase_add_test(tc, coupled_segment_clean_split);
        tcase_add_test(tc, coupled_segment_host_and_fixed_clashes);
        tcase_add_test(tc, ignores_per_network);
        tcase_add_test(tc, networks_on_one_prefix_are_one_group);
        tcase_add_test(tc, one_subnet_clashes_are_grouped);
        tcase_add_test(tc, coupled_clashes_are_grouped);
        tcase_add_test(tc, host_networks_only_via_interfaces);
        tcase_add_test(tc, report_order_most_severe_first);
        tcase_add_test(tc, sweep_matches_all_pairs);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
