/*
 * test_ctr_analysis.c - container networks in the static analysis, on
 * inventories built in code: address-pool-overlap against another
 * manager's subnet and a LAN address (and not against the pool's own
 * networks, its own bridges or host networks twice); a Docker network is a
 * configured network for subnet-overlap; a manager's gateway inside its
 * own range is no finding.  Then the loaders on files below a temporary
 * root: Docker's and Podman's built-in defaults, daemon.json's "bridge":
 * "none", containers.conf drop-ins winning, Incus absent and silent.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "check_main.h"
#include "ctr_common.h"
#include "docker_load.h"
#include "incus_load.h"
#include "podman_load.h"

static struct inventory inv;
static struct finding_list out;

static void setup(void)
{
        inventory_init(&inv);
        out = (struct finding_list){ 0 };
}

static void teardown(void)
{
        inventory_free(&inv);
        finding_list_free(&out);
}

static struct prefix P(const char *s)
{
        struct prefix p;

        ck_assert_msg(prefix_parse(s, &p) == 0, "bad prefix %s", s);
        return p;
}

static struct subnet *net(enum net_source src, const char *name, const char *dev, const char *cidr,
                          const char *host)
{
        struct network *n = inventory_add_network(&inv, src, name);
        struct subnet *s;
        struct addr h;

        ck_assert_ptr_nonnull(n);
        n->type = NET_TYPE_NAT;
        n->origin = origin_file(&inv, "f", 1);
        if (dev)
                ck_assert_int_eq(network_set_device(n, dev), 0);
        ck_assert_ptr_nonnull(s = network_add_subnet(n));
        s->prefix = prefix_network(&(struct prefix){ P(cidr).addr, P(cidr).len });
        s->origin = origin_file(&inv, "f", 2);
        if (host) {
                ck_assert_int_eq(addr_parse(host, &h), 0);
                addr_fact_set(&s->host_address, &h, s->origin);
        }
        return s;
}

static void iface(const char *name, int idx, const char *cidr)
{
        struct interface *i = inventory_add_interface(&inv);
        struct if_address *a;

        ck_assert_ptr_nonnull(i);
        i->name = strdup(name);
        i->ifindex = idx;
        i->kind = LINK_KIND_PHYSICAL;
        ck_assert_ptr_nonnull(a = interface_add_address(i));
        a->prefix = P(cidr);
        a->origin = origin_kernel(idx);
        inv.have_kernel = true;
}

static void pool(enum net_source src, const char *base, unsigned size)
{
        struct prefix p = P(base);

        ck_assert_int_eq(ctr_add_pool(&inv, src, &p, size, origin_file(&inv, "daemon.json", 5), false), 0);
}

static size_t count(enum finding_code code)
{
        size_t n = 0;

        for (size_t i = 0; i < out.n; i++)
                n += out.v[i].code == code;
        return n;
}

static const struct finding *first(enum finding_code code)
{
        for (size_t i = 0; i < out.n; i++)
                if (out.v[i].code == code)
                        return &out.v[i];
        return NULL;
}

START_TEST(pool_covers_other_managers_and_lan)
{
        const struct finding *f;

        pool(NET_SRC_DOCKER, "192.168.0.0/16", 20);
        net(NET_SRC_VMWARE, "vmnet6", "vmnet6", "192.168.56.0/24", "192.168.56.1");
        net(NET_SRC_DOCKER, "web", "br-0123456789ab", "192.168.32.0/20", "192.168.32.1");  /* its own */
        net(NET_SRC_VMWARE, "vmnet8", "vmnet8", "172.16.68.0/24", "172.16.68.1");           /* outside */
        iface("eth0", 2, "192.168.1.20/24");                                                 /* the LAN */
        iface("br-0123456789ab", 3, "192.168.32.1/20");                                      /* Docker's own */
        iface("vmnet6", 4, "192.168.56.1/24");                                               /* counted via vmnet6 */
        ck_assert_int_eq(analysis_run(&inv, NULL, &out), 0);
        ck_assert_uint_eq(count(F_ADDRESS_POOL_OVERLAP), 2);
        for (size_t i = 0; i < out.n; i++) {
                f = &out.v[i];
                if (f->code != F_ADDRESS_POOL_OVERLAP)
                        continue;
                ck_assert_int_eq(f->severity, SEV_WARNING);
                ck_assert_uint_eq(f->n_networks, 1);
                ck_assert_str_eq(f->addresses[0], "192.168.0.0/16");
                ck_assert_str_eq(f->origins[0], "daemon.json:5");
                if (strcmp(f->networks[0], "vmware:vmnet6") == 0) {
                        ck_assert_str_eq(f->addresses[1], "192.168.56.0/24");
                        ck_assert_ptr_nonnull(strstr(f->hint, "192.168.128.0/17, 192.168.64.0/18, "
                                                              "192.168.0.0/19, 192.168.32.0/20"));
                } else {
                        ck_assert_str_eq(f->networks[0], "host:eth0");
                        ck_assert_str_eq(f->addresses[1], "192.168.1.0/24");
                        ck_assert_str_eq(f->interface, "eth0");
                        ck_assert_ptr_nonnull(strstr(f->message, "eth0's address 192.168.1.20/24"));
                }
        }
}
END_TEST

START_TEST(pool_whole_and_other_manager)
{
        /* Podman's pool inside a libvirt /8: the whole pool is taken. */
        pool(NET_SRC_PODMAN, "10.89.0.0/16", 24);
        net(NET_SRC_LIBVIRT, "big", "virbr9", "10.0.0.0/8", "10.0.0.1");
        net(NET_SRC_INCUS, "incusbr0", "incusbr0", "10.200.0.0/24", "10.200.0.1");
        ck_assert_int_eq(analysis_run(&inv, NULL, &out), 0);
        ck_assert_uint_eq(count(F_ADDRESS_POOL_OVERLAP), 1);
        ck_assert_ptr_nonnull(strstr(first(F_ADDRESS_POOL_OVERLAP)->hint,
                                     "remove Podman's pool 10.89.0.0/16 from default_subnet_pools"));
}
END_TEST

START_TEST(container_networks_are_configured)
{
        struct subnet *s;
        struct dhcp_range *r;

        net(NET_SRC_VMWARE, "vmnet1", "vmnet1", "172.16.61.0/24", "172.16.61.1");
        s = net(NET_SRC_DOCKER, "bridge", "docker0", "172.16.61.0/24", "172.16.61.254");
        /* Docker's ip-range covering its own gateway is normal. */
        ck_assert_ptr_nonnull(r = subnet_add_range(s));
        r->start = prefix_first(&s->prefix);
        r->end = prefix_last(&s->prefix);
        ck_assert_int_eq(analysis_run(&inv, NULL, &out), 0);
        ck_assert_uint_eq(count(F_SUBNET_OVERLAP), 1);
        ck_assert_str_eq(first(F_SUBNET_OVERLAP)->networks[1], "docker:bridge");
        ck_assert_ptr_nonnull(strstr(first(F_SUBNET_OVERLAP)->message, "docker network bridge's subnet"));
        ck_assert_uint_eq(count(F_DHCP_RANGE_CONTAINS_ADDRESS), 0);
        ck_assert_uint_eq(out.n, 1);
}
END_TEST

/* ---- loaders on a temporary root ---- */

static char root[64];

static void put(const char *rel, const char *text)
{
        char path[256], *slash;

        snprintf(path, sizeof(path), "%s%s", root, rel);
        for (slash = strchr(path + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
                *slash = '\0';
                mkdir(path, 0755);
                *slash = '/';
        }
        if (text) {
                FILE *f = fopen(path, "w");

                ck_assert_ptr_nonnull(f);
                fputs(text, f);
                fclose(f);
        } else {
                mkdir(path, 0755);
        }
}

static void load_setup(void)
{
        setup();
        snprintf(root, sizeof(root), "/tmp/vnetaudit-ctr.XXXXXX");
        ck_assert_ptr_nonnull(mkdtemp(root));
}

static void load_teardown(void)
{
        char cmd[128];

        teardown();
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
        ck_assert_int_eq(system(cmd), 0);
}

static struct options opts(void)
{
        return (struct options){ .root = root, .offline = true };
}

START_TEST(nothing_installed_is_silent)
{
        struct options o = opts();

        o.offline = false;
        ck_assert_int_eq(docker_load(&inv, &o), 0);
        ck_assert_int_eq(podman_load(&inv, &o), 0);
        ck_assert_int_eq(incus_load(&inv, &o), 0);
        ck_assert_uint_eq(inv.n_nets, 0);
        ck_assert_uint_eq(inv.n_pools, 0);
        ck_assert_uint_eq(inv.diags.n, 0);
}
END_TEST

START_TEST(docker_builtin_defaults)
{
        struct options o = opts();

        put("/etc/docker/", NULL);
        ck_assert_int_eq(docker_load(&inv, &o), 0);
        ck_assert_uint_eq(inv.n_nets, 1);
        ck_assert_str_eq(inv.nets[0].id, "docker:bridge");
        ck_assert_str_eq(inv.nets[0].device, "docker0");
        ck_assert_str_eq(inv.nets[0].subnets[0].origin.file, DOCKER_BUILTIN_ORIGIN);
        ck_assert_uint_eq(inv.n_pools, 7);
        ck_assert(inv.pools[6].builtin);
        ck_assert_uint_eq(inv.pools[6].size, 20);
        ck_assert_uint_eq(inv.diags.n, 1);
        ck_assert_int_eq(inv.diags.v[0].severity, SEV_INFO);
}
END_TEST

START_TEST(docker_bridge_none_and_pool_first)
{
        struct options o = opts();

        put("/etc/docker/daemon.json", "{\"bridge\": \"none\"}\n");
        ck_assert_int_eq(docker_load(&inv, &o), 0);
        ck_assert_uint_eq(inv.n_nets, 0);
        inventory_free(&inv);
        inventory_init(&inv);
        put("/etc/docker/daemon.json", "{\n \"default-address-pools\": [\n  {\"base\": \"10.10.0.0/16\", \"size\": 24}\n ]\n}\n");
        ck_assert_int_eq(docker_load(&inv, &o), 0);
        ck_assert_uint_eq(inv.n_nets, 1);
        /* Without bip the default bridge takes the first pool's first subnet. */
        ck_assert_str_eq(prefix_format(&inv.nets[0].subnets[0].prefix, (char[PREFIX_STRLEN]){ 0 }), "10.10.0.0/24");
        ck_assert_uint_eq(inv.nets[0].subnets[0].origin.line, 3);
        ck_assert_uint_eq(inv.n_pools, 1);
        ck_assert(!inv.pools[0].builtin);
}
END_TEST

START_TEST(podman_dropins_win)
{
        struct options o = opts();

        put("/usr/share/containers/containers.conf", "[network]\ndefault_subnet = \"10.88.0.0/16\"\n");
        put("/etc/containers/containers.conf", "[network]\ndefault_subnet = \"10.70.0.0/16\"\n");
        put("/etc/containers/containers.conf.d/10-a.conf", "[network]\ndefault_subnet = \"10.71.0.0/16\"\n");
        put("/etc/containers/containers.conf.d/20-b.conf", "\n[network]\ndefault_subnet = \"10.72.0.0/16\"\n");
        put("/etc/containers/containers.conf.d/30-c.conf.bak", "[network]\ndefault_subnet = \"10.73.0.0/16\"\n");
        ck_assert_int_eq(podman_load(&inv, &o), 0);
        ck_assert_uint_eq(inv.n_nets, 1);
        ck_assert_str_eq(inv.nets[0].id, "podman:podman");
        ck_assert_str_eq(prefix_format(&inv.nets[0].subnets[0].prefix, (char[PREFIX_STRLEN]){ 0 }), "10.72.0.0/16");
        ck_assert_str_eq(inv.nets[0].subnets[0].origin.file, "/etc/containers/containers.conf.d/20-b.conf");
        ck_assert_uint_eq(inv.nets[0].subnets[0].origin.line, 3);
        ck_assert_uint_eq(inv.n_pools, 5);
        ck_assert_str_eq(inv.pools[0].origin.file, PODMAN_BUILTIN_ORIGIN);
        ck_assert_uint_eq(inv.diags.n, 0);
}
END_TEST

START_TEST(podman_file_overrides_default)
{
        struct options o = opts();

        put("/etc/containers/networks/podman.json",
            "{\"name\": \"podman\", \"driver\": \"bridge\", \"network_interface\": \"podman0\",\n"
            " \"subnets\": [{\"subnet\": \"10.66.0.0/16\", \"gateway\": \"10.66.0.1\"}]}\n");
        ck_assert_int_eq(podman_load(&inv, &o), 0);
        ck_assert_uint_eq(inv.n_nets, 1);
        ck_assert_str_eq(prefix_format(&inv.nets[0].subnets[0].prefix, (char[PREFIX_STRLEN]){ 0 }), "10.66.0.0/16");
        ck_assert_str_eq(inv.nets[0].subnets[0].origin.file, "/etc/containers/networks/podman.json");
}
END_TEST

START_TEST(incus_explicit_socket_missing)
{
        struct options o = opts();

        o.offline = false;
        o.incus_socket = "/nonexistent/incus.sock";
        ck_assert_int_eq(incus_load(&inv, &o), 0);
        ck_assert_uint_eq(inv.n_nets, 0);
        ck_assert_uint_eq(inv.diags.n, 1);
        ck_assert_int_eq(inv.diags.v[0].severity, SEV_WARNING);
        ck_assert_ptr_nonnull(strstr(inv.diags.v[0].message, "No such file or directory"));
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("ctr_analysis");
        TCase *tc = tcase_create("analysis"), *tl = tcase_create("loaders");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, pool_covers_other_managers_and_lan);
        tcase_add_test(tc, pool_whole_and_other_manager);
        tcase_add_test(tc, container_networks_are_configured);
        suite_add_tcase(s, tc);
        tcase_add_checked_fixture(tl, load_setup, load_teardown);
        tcase_add_test(tl, nothing_installed_is_silent);
        tcase_add_test(tl, docker_builtin_defaults);
        tcase_add_test(tl, docker_bridge_none_and_pool_first);
        tcase_add_test(tl, podman_dropins_win);
        tcase_add_test(tl, podman_file_overrides_default);
        tcase_add_test(tl, incus_explicit_socket_missing);
        suite_add_tcase(s, tl);
        return s;
}

CHECK_MAIN(suite)
