/*
 * test_suggest.c - candidate generation on inventories built in code: pool
 * order, every kind of exclusion (VMware/libvirt subnet, interface address,
 * route of any table, crowded default), routes broader than the pool
 * ignored, jumps over large exclusions, overlapping pools, IPv6 and the
 * ULA default, samples to probe, the paste-ready VMware and libvirt text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "check_main.h"
#include "suggest.h"

static struct prefix P(const char *s)
{
        struct prefix p;

        ck_assert_msg(prefix_parse(s, &p) == 0, "%s", s);
        return p;
}

/* The same, as a pointer that stays valid for a few calls. */
static const struct prefix *PP(const char *s)
{
        static struct prefix ring[4];
        static unsigned k;

        ring[k % 4] = P(s);
        return &ring[k++ % 4];
}

/* The next step as "PREFIX" (free) or "-PREFIX" (skipped), "" at the end. */
static const char *step(struct suggest_ctx *c, const struct suggest_excl **why)
{
        static char buf[PREFIX_STRLEN + 1];
        struct suggest_step s;

        if (suggest_next(c, &s) == 0)
                return "";
        buf[0] = '-';
        prefix_format(&s.prefix, buf + !s.free);
        if (why)
                *why = s.why;
        ck_assert(s.free == (s.why == NULL));
        return buf;
}

static const char *next_free(struct suggest_ctx *c)
{
        const char *s;

        while ((s = step(c, NULL))[0] == '-')
                ;
        return s;
}

static void build(struct inventory *inv)
{
        struct network *n;
        struct subnet *s;
        struct interface *i;
        struct route *r;

        inventory_init(inv);
        n = inventory_add_network(inv, NET_SRC_VMWARE, "vmnet1");
        ck_assert_ptr_nonnull(n);
        s = network_add_subnet(n);
        s->prefix = P("10.77.0.0/24");
        s->origin = origin_file(inv, "/etc/vmware/networking", 4);
        n = inventory_add_network(inv, NET_SRC_VMWARE, "vmnet2");
        s = network_add_subnet(n);
        s->prefix = P("fd00:1::/64");
        i = inventory_add_interface(inv);
        i->name = strdup("eth0");
        i->ifindex = 2;
        interface_add_address(i)->prefix = P("10.77.1.10/24");
        interface_add_address(i)->prefix = P("198.51.100.10/24");
        r = inventory_add_route(inv);
        r->table = 254;
        r->dst = P("0.0.0.0/0");
        r->ifindex = 2;
        r = inventory_add_route(inv);           /* a VPN's halves */
        r->table = 254;
        r->dst = P("0.0.0.0/1");
        r = inventory_add_route(inv);
        r->table = 254;
        r->dst = P("128.0.0.0/1");
        r = inventory_add_route(inv);           /* policy routing: another table */
        r->table = 100;
        r->dst = P("10.77.4.0/23");
        r->ifindex = 2;
        r = inventory_add_route(inv);           /* covers the whole test pool: not broader */
        r->table = 254;
        r->dst = P("10.78.0.0/16");
}

START_TEST(inventory_exclusions_in_pool_order)
{
        struct inventory inv;
        struct suggest_ctx c;
        const struct suggest_excl *why = NULL;
        struct prefix pool = P("10.77.0.0/21");

        build(&inv);
        suggest_init(&c, AF_INET, 24);
        ck_assert_int_eq(suggest_add_pool(&c, &pool), 0);
        ck_assert_int_eq(suggest_exclude_inventory(&c, &inv), 0);
        ck_assert_uint_eq(c.n_networks, 1);
        ck_assert_uint_eq(c.n_addresses, 2);
        ck_assert_uint_eq(c.n_routes, 5);
        /* Kept: vmnet1, 10.77.1.10/24, default, 0/1, table 100; dropped: the
         * LAN address and 10.78/16, outside the pool; 128/1 too. */
        ck_assert_uint_eq(c.n_excl, 5);
        ck_assert_str_eq(step(&c, &why), "-10.77.0.0/24");
        ck_assert_str_eq(why->why, "overlaps vmware:vmnet1 10.77.0.0/24 (/etc/vmware/networking:4)");
        ck_assert_str_eq(step(&c, &why), "-10.77.1.0/24");
        ck_assert_str_eq(why->why, "overlaps address 10.77.1.10/24 of host:eth0");
        /* The default route and the /1 halves are broader than the pool: ignored. */
        ck_assert_str_eq(step(&c, NULL), "10.77.2.0/24");
        ck_assert_str_eq(step(&c, NULL), "10.77.3.0/24");
        ck_assert_str_eq(step(&c, &why), "-10.77.4.0/24");
        ck_assert_str_eq(why->why, "overlaps route 10.77.4.0/23 dev eth0 (table 100)");
        /* A /23 exclusion is jumped over as a whole. */
        ck_assert_str_eq(step(&c, NULL), "10.77.6.0/24");
        ck_assert_str_eq(step(&c, NULL), "10.77.7.0/24");
        ck_assert_str_eq(step(&c, NULL), "");
        ck_assert_str_eq(step(&c, NULL), "");
        suggest_free(&c);

        /* A route exactly as wide as the pool is not broader: it excludes. */
        suggest_init(&c, AF_INET, 24);
        pool = P("10.78.0.0/16");
        ck_assert_int_eq(suggest_add_pool(&c, &pool), 0);
        ck_assert_int_eq(suggest_exclude_inventory(&c, &inv), 0);
        ck_assert_str_eq(step(&c, &why), "-10.78.0.0/24");
        ck_assert_str_eq(why->why, "overlaps route 10.78.0.0/16 (table main)");
        ck_assert_str_eq(step(&c, NULL), "");
        suggest_free(&c);
        inventory_free(&inv);
}
END_TEST

START_TEST(default_pools_skip_crowded)
{
        struct suggest_ctx c;
        struct prefix small = P("192.168.0.0/16");
        unsigned n = 0;
        const char *s;

        suggest_init(&c, AF_INET, 24);
        ck_assert_int_eq(suggest_default_pools(&c, NULL, 0), 0);
        ck_assert_int_eq(suggest_exclude_crowded(&c), 0);
        ck_assert_str_eq(next_free(&c), "192.168.3.0/24");
        /* libvirt's 192.168.122.0/24 never comes up. */
        while ((s = next_free(&c))[0] && strcmp(s, "192.168.255.0/24") != 0) {
                ck_assert_str_ne(s, "192.168.122.0/24");
                ck_assert_str_ne(s, "192.168.56.0/24");
                n++;
        }
        ck_assert_uint_eq(n, 256 - 9 - 2);    /* 9 crowded, .3 and .255 taken out above */
        /* Then 172.16.0.0/16 only: 172.17-31 are Docker's, jumped over. */
        ck_assert_str_eq(next_free(&c), "172.16.0.0/24");
        for (int i = 1; i < 256; i++)
                next_free(&c);
        ck_assert_str_eq(next_free(&c), "10.0.3.0/24");
        suggest_free(&c);

        /* A pool smaller than a candidate, or of the other family: refused. */
        suggest_init(&c, AF_INET, 16);
        small = P("192.168.0.0/24");
        ck_assert_int_eq(suggest_add_pool(&c, &small), -EDOM);
        small = P("fd00::/48");
        ck_assert_int_eq(suggest_add_pool(&c, &small), -EAFNOSUPPORT);
        suggest_free(&c);
        ck_assert(suggest_len_valid(AF_INET, 24) && suggest_len_valid(AF_INET, 30));
        ck_assert(!suggest_len_valid(AF_INET, 31) && !suggest_len_valid(AF_INET, 7));
        ck_assert(suggest_len_valid(AF_INET6, 64) && !suggest_len_valid(AF_INET6, 65));
}
END_TEST

START_TEST(jumps_and_overlapping_pools)
{
        struct suggest_ctx c;
        struct prefix p1 = P("10.0.0.0/8"), p2 = P("10.5.0.0/16"), p3 = P("192.168.7.0/24");
        const struct suggest_excl *why;
        struct suggest_step s;
        unsigned steps = 0;

        /* A /30 walk through 10/8 with all but the last /16 excluded takes
         * few steps: exclusions are jumped, not stepped through. */
        suggest_init(&c, AF_INET, 30);
        ck_assert_int_eq(suggest_add_pool(&c, &p1), 0);
        for (int i = 0; i < 255; i++) {
                struct prefix e;
                char t[32];

                snprintf(t, sizeof(t), "10.%d.0.0/16", i);
                e = P(t);
                ck_assert_int_eq(suggest_add_exclusion(&c, &e, SUGGEST_EXCL_OTHER, t), 0);
        }
        while (suggest_next(&c, &s) == 1 && !s.free)
                steps++;
        ck_assert_uint_eq(steps, 255);
        ck_assert(s.free);
        ck_assert_str_eq(prefix_format(&s.prefix, (char[PREFIX_STRLEN]){ 0 }), "10.255.0.0/30");
        suggest_free(&c);

        /* A pool inside an earlier one offers nothing twice. */
        suggest_init(&c, AF_INET, 24);
        ck_assert_int_eq(suggest_add_pool(&c, &p3), 0);
        ck_assert_int_eq(suggest_add_pool(&c, &p2), 0);
        ck_assert_int_eq(suggest_add_pool(&c, &p3), 0);
        ck_assert_str_eq(step(&c, NULL), "192.168.7.0/24");
        ck_assert_str_eq(step(&c, NULL), "10.5.0.0/24");
        for (int i = 1; i < 256; i++)
                ck_assert_str_ne(step(&c, &why), "");
        ck_assert_str_eq(step(&c, NULL), "");
        suggest_free(&c);

        /* The top of the address space ends the walk cleanly. */
        suggest_init(&c, AF_INET, 24);
        p1 = P("255.255.254.0/23");
        ck_assert_int_eq(suggest_add_pool(&c, &p1), 0);
        ck_assert_str_eq(step(&c, NULL), "255.255.254.0/24");
        ck_assert_str_eq(step(&c, NULL), "255.255.255.0/24");
        ck_assert_str_eq(step(&c, NULL), "");
        suggest_free(&c);
}
END_TEST

START_TEST(ipv6)
{
        struct inventory inv;
        struct suggest_ctx c, d;
        struct prefix pool = P("fd00:1::/62");
        char buf[256];

        build(&inv);
        suggest_init(&c, AF_INET6, 64);
        ck_assert_int_eq(suggest_add_pool(&c, &pool), 0);
        ck_assert_int_eq(suggest_exclude_inventory(&c, &inv), 0);
        ck_assert_str_eq(step(&c, NULL), "-fd00:1::/64");
        ck_assert_str_eq(step(&c, NULL), "fd00:1:0:1::/64");
        ck_assert_str_eq(step(&c, NULL), "fd00:1:0:2::/64");
        ck_assert_str_eq(step(&c, NULL), "fd00:1:0:3::/64");
        ck_assert_str_eq(step(&c, NULL), "");
        suggest_free(&c);
        ck_assert_int_eq(suggest_libvirt_ip(PP("fd00:1:0:3::/64"), buf, sizeof(buf)), 0);
        ck_assert_str_eq(buf, "<ip family='ipv6' address='fd00:1:0:3::1' prefix='64'/>");

        /* The ULA default: one /48 per seed, fd + 40 bits, stable. */
        suggest_init(&c, AF_INET6, 64);
        suggest_init(&d, AF_INET6, 64);
        ck_assert_int_eq(suggest_default_pools(&c, NULL, 0), -EINVAL);
        ck_assert_int_eq(suggest_default_pools(&c, "host-a\n", 7), 0);
        ck_assert_int_eq(suggest_default_pools(&d, "host-a\n", 7), 0);
        ck_assert_uint_eq(c.n_pools, 1);
        ck_assert_uint_eq(c.pools[0].len, 48);
        ck_assert_uint_eq(c.pools[0].addr.b[0], 0xfd);
        ck_assert_mem_eq(c.pools[0].addr.b, d.pools[0].addr.b, 16);
        suggest_free(&d);
        suggest_init(&d, AF_INET6, 64);
        ck_assert_int_eq(suggest_default_pools(&d, "host-b\n", 7), 0);
        ck_assert_mem_ne(c.pools[0].addr.b, d.pools[0].addr.b, 6);
        suggest_free(&c);
        suggest_free(&d);
        inventory_free(&inv);
}
END_TEST

START_TEST(samples_and_paste)
{
        struct addr s[SUGGEST_SAMPLES_MAX];
        char a[ADDR_STRLEN], lines[SUGGEST_VMW_LINES][SUGGEST_LINE_MAX], buf[512];
        struct inventory inv;
        size_t n = suggest_samples(PP("10.77.3.0/24"), s);

        ck_assert_uint_eq(n, 5);
        ck_assert_str_eq(addr_format(&s[0], a), "10.77.3.1");
        ck_assert_str_eq(addr_format(&s[1], a), "10.77.3.254");
        ck_assert_str_eq(addr_format(&s[2], a), "10.77.3.64");
        ck_assert_str_eq(addr_format(&s[3], a), "10.77.3.128");
        ck_assert_str_eq(addr_format(&s[4], a), "10.77.3.192");
        ck_assert_uint_eq(suggest_samples(PP("10.77.3.4/30"), s), 2);
        ck_assert_str_eq(addr_format(&s[0], a), "10.77.3.5");
        ck_assert_str_eq(addr_format(&s[1], a), "10.77.3.6");
        ck_assert_uint_eq(suggest_samples(PP("fd00::/64"), s), 2);      /* DAD-probed */
        ck_assert_str_eq(addr_format(&s[0], a), "fd00::1");
        ck_assert_str_eq(addr_format(&s[1], a), "fd00::2");

        ck_assert_int_eq(suggest_vmware_lines(PP("10.77.3.0/24"), 2, lines), 4);
        ck_assert_str_eq(lines[0], "answer VNET_2_DHCP yes");
        ck_assert_str_eq(lines[1], "answer VNET_2_HOSTONLY_NETMASK 255.255.255.0");
        ck_assert_str_eq(lines[2], "answer VNET_2_HOSTONLY_SUBNET 10.77.3.0");
        ck_assert_str_eq(lines[3], "answer VNET_2_VIRTUAL_ADAPTER yes");
        ck_assert_int_eq(suggest_vmware_lines(PP("fd00::/64"), 2, lines), 0);
        ck_assert_int_eq(suggest_libvirt_ip(PP("10.77.3.0/24"), buf, sizeof(buf)), 0);
        ck_assert_str_eq(buf, "<ip address='10.77.3.1' netmask='255.255.255.0'>\n  <dhcp>\n"
                         "    <range start='10.77.3.128' end='10.77.3.254'/>\n  </dhcp>\n</ip>");
        ck_assert_int_eq(suggest_libvirt_ip(PP("10.77.3.0/24"), buf, 20), -ENOBUFS);
        ck_assert_int_eq(suggest_libvirt_ip(PP("10.77.3.4/30"), buf, sizeof(buf)), 0);
        ck_assert_str_eq(buf, "<ip address='10.77.3.5' netmask='255.255.255.252'/>");

        build(&inv);
        ck_assert_uint_eq(suggest_free_vmnet(&inv), 3);         /* 1 and 2 taken */
        inventory_free(&inv);
        inventory_init(&inv);
        ck_assert_uint_eq(suggest_free_vmnet(&inv), 1);
        inventory_free(&inv);
}
END_TEST

/* Docker, Podman and Incus networks are excluded like VMware ones, and so
 * is every allocation pool, configured or built in: the next
 * `docker network create` may take any subnet of it. */
START_TEST(container_networks_and_pools)
{
        static const struct { enum net_source src; const char *name, *pfx; } nets[] = {
                { NET_SRC_DOCKER, "bridge", "10.70.0.0/24" },
                { NET_SRC_PODMAN, "podman", "10.70.1.0/24" },
                { NET_SRC_INCUS, "incusbr0", "10.70.2.0/24" },
        };
        struct inventory inv;
        struct suggest_ctx c;
        const struct suggest_excl *why = NULL;
        struct addr_pool *ap;

        inventory_init(&inv);
        for (size_t i = 0; i < sizeof(nets) / sizeof(nets[0]); i++) {
                struct subnet *sn = network_add_subnet(inventory_add_network(&inv, nets[i].src, nets[i].name));

                sn->prefix = P(nets[i].pfx);
                sn->origin = origin_file(&inv, "/etc/x.json", (unsigned)i + 1);
        }
        ap = inventory_add_pool(&inv);                  /* configured (daemon.json) */
        *ap = (struct addr_pool){ .source = NET_SRC_DOCKER, .base = P("10.70.4.0/23"), .size = 26,
                                  .origin = origin_file(&inv, "/etc/docker/daemon.json", 4) };
        ap = inventory_add_pool(&inv);                  /* built in */
        *ap = (struct addr_pool){ .source = NET_SRC_PODMAN, .base = P("10.70.7.0/24"), .size = 24,
                                  .origin = origin_file(&inv, "podman built-in default", 0), .builtin = true };
        ap = inventory_add_pool(&inv);                  /* other family: ignored */
        *ap = (struct addr_pool){ .source = NET_SRC_DOCKER, .base = P("fd00:9::/48"), .size = 64 };

        suggest_init(&c, AF_INET, 24);
        ck_assert_int_eq(suggest_add_pool(&c, PP("10.70.0.0/21")), 0);
        ck_assert_int_eq(suggest_exclude_inventory(&c, &inv), 0);
        ck_assert_uint_eq(c.n_networks, 3);
        ck_assert_uint_eq(c.n_alloc_pools, 2);
        ck_assert_str_eq(step(&c, &why), "-10.70.0.0/24");
        ck_assert_str_eq(why->why, "overlaps docker:bridge 10.70.0.0/24 (/etc/x.json:1)");
        ck_assert_str_eq(step(&c, &why), "-10.70.1.0/24");
        ck_assert_str_eq(why->why, "overlaps podman:podman 10.70.1.0/24 (/etc/x.json:2)");
        ck_assert_str_eq(step(&c, &why), "-10.70.2.0/24");
        ck_assert_str_eq(why->why, "overlaps incus:incusbr0 10.70.2.0/24 (/etc/x.json:3)");
        ck_assert_str_eq(step(&c, NULL), "10.70.3.0/24");
        ck_assert_str_eq(step(&c, &why), "-10.70.4.0/24");
        ck_assert_int_eq(why->kind, SUGGEST_EXCL_POOL);
        ck_assert_str_eq(why->why, "overlaps docker allocation pool 10.70.4.0/23 size 26 "
                                   "(/etc/docker/daemon.json:4)");
        ck_assert_str_eq(step(&c, NULL), "10.70.6.0/24");       /* the /23 jumped */
        ck_assert_str_eq(step(&c, &why), "-10.70.7.0/24");
        ck_assert_str_eq(why->why, "overlaps podman allocation pool 10.70.7.0/24 size 24 "
                                   "(podman built-in default)");
        ck_assert_str_eq(step(&c, NULL), "");
        suggest_free(&c);
        inventory_free(&inv);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("suggest");
        TCase *tc = tcase_create("suggest");

        tcase_add_test(tc, inventory_exclusions_in_pool_order);
        tcase_add_test(tc, default_pools_skip_crowded);
        tcase_add_test(tc, jumps_and_overlapping_pools);
        tcase_add_test(tc, ipv6);
        tcase_add_test(tc, samples_and_paste);
        tcase_add_test(tc, container_networks_and_pools);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
