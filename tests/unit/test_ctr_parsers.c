/*
 * test_ctr_parsers.c - the container-manager parsers: jsonloc's lines by
 * path, daemon.json (bip, fixed-cidr, pools, wrong values at their lines),
 * Docker's GET /networks answer, a netavark network file as Podman writes
 * it, containers.conf's [network] keys among other TOML, the Incus/LXD
 * networks answer, and the pool split behind address-pool-overlap's hint.
 */
#include <check.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "analysis_pools.h"
#include "check_main.h"
#include "containers_conf.h"
#include "docker_json.h"
#include "incus_json.h"
#include "jsonloc.h"
#include "podman_json.h"
#include "vmw_test_util.h"

static struct diag_list d;

static void setup(void)
{
        d = (struct diag_list){ 0 };
}

static void teardown(void)
{
        diag_list_free(&d);
}

static const char *pfx(const struct prefix *p)
{
        static char buf[4][PREFIX_STRLEN];
        static int k;

        k = (k + 1) % 4;
        return prefix_format(p, buf[k]);
}

START_TEST(jsonloc_lines)
{
        const char *t = "{\n  \"a\": 1,\n  \"b\": [\n    {\"c\": \"x\\\"y\"},\n    2\n  ],\n"
                        "  \"d/e\": {\"f\": null},\n  \"a\": 3\n}\n";
        struct jsonloc l;

        ck_assert_int_eq(jsonloc_index(t, strlen(t), &l), 0);
        ck_assert_uint_eq(jsonloc_line(&l, ""), 1);
        ck_assert_uint_eq(jsonloc_line(&l, "/a"), 8);          /* the later duplicate wins */
        ck_assert_uint_eq(jsonloc_line(&l, "/b"), 3);
        ck_assert_uint_eq(jsonloc_line(&l, "/b/0/c"), 4);
        ck_assert_uint_eq(jsonloc_line(&l, "/b/1"), 5);
        ck_assert_uint_eq(jsonloc_line(&l, "/d~1e/f"), 7);
        ck_assert_uint_eq(jsonloc_linef(&l, "/b/%d", 0), 4);
        ck_assert_uint_eq(jsonloc_line(&l, "/nope"), 0);
        jsonloc_free(&l);
        ck_assert_int_eq(jsonloc_index("{\"a\": [1,", 9, &l), -EINVAL);
        ck_assert_uint_eq(jsonloc_line(&l, "/a/0"), 1);
        jsonloc_free(&l);
}
END_TEST

START_TEST(daemon_json)
{
        const char *t = "{\n"
                        "  \"log-driver\": \"journald\",\n"
                        "  \"bip\": \"172.16.61.1/24\",\n"
                        "  \"fixed-cidr\": \"172.16.61.128/25\",\n"
                        "  \"ipv6\": true,\n"
                        "  \"fixed-cidr-v6\": \"fd00:dead:beef::/64\",\n"
                        "  \"default-address-pools\": [\n"
                        "    {\"base\": \"172.80.0.0/16\", \"size\": 24},\n"
                        "    {\"base\": \"192.168.0.0/16\", \"size\": 20}\n"
                        "  ]\n"
                        "}\n";
        struct dk_daemon c;

        ck_assert_int_eq(dk_daemon_parse(t, strlen(t), "daemon.json", &c, &d), 0);
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert(c.has_bip);
        ck_assert_str_eq(pfx(&c.bip), "172.16.61.1/24");
        ck_assert_uint_eq(c.bip_line, 3);
        ck_assert(c.has_fixed_cidr);
        ck_assert_str_eq(pfx(&c.fixed_cidr), "172.16.61.128/25");
        ck_assert_uint_eq(c.fixed_cidr_line, 4);
        ck_assert(c.ipv6 && c.has_fixed_cidr_v6);
        ck_assert_uint_eq(c.n_pools, 2);
        ck_assert_str_eq(pfx(&c.pools[1].base), "192.168.0.0/16");
        ck_assert_uint_eq(c.pools[1].size, 20);
        ck_assert_uint_eq(c.pools[1].line, 9);
        dk_daemon_free(&c);
}
END_TEST

START_TEST(daemon_json_errors)
{
        const char *t = "{\n"
                        "  \"bip\": \"172.16.61.0/24\",\n"
                        "  \"fixed-cidr\": 12,\n"
                        "  \"default-address-pools\": [\n"
                        "    {\"base\": \"10.10.0.0/16\", \"size\": 8},\n"
                        "    {\"base\": \"10.300.0.0/16\", \"size\": 24},\n"
                        "    {\"size\": 24},\n"
                        "    \"10.20.0.0/16\",\n"
                        "    {\"base\": \"10.30.0.0/16\", \"size\": 24}\n"
                        "  ]\n"
                        "}\n";
        struct dk_daemon c;

        ck_assert_int_eq(dk_daemon_parse(t, strlen(t), "daemon.json", &c, &d), 0);
        ck_assert_str_eq(diags_str(&d),
                "daemon.json:2: error: bip must be the bridge's own address with its length (such as 172.17.0.1/16), not a network address\n"
                "daemon.json:3: error: fixed-cidr must be a string\n"
                "daemon.json:5: error: size must be between 16 and 32 for base 10.10.0.0/16\n"
                "daemon.json:6: error: base: invalid subnet '10.300.0.0/16' (want ADDRESS/LENGTH)\n"
                "daemon.json:7: error: default-address-pools: pool without base\n"
                "daemon.json:8: error: default-address-pools: each pool must be an object with base and size\n");
        ck_assert(!c.has_bip && !c.has_fixed_cidr);
        ck_assert_uint_eq(c.n_pools, 1);
        ck_assert_str_eq(pfx(&c.pools[0].base), "10.30.0.0/16");
        dk_daemon_free(&c);
        diag_list_free(&d);

        t = "{\n\"bip\": \"1.2.3.4/24\"\n,}";
        ck_assert_int_eq(dk_daemon_parse(t, strlen(t), "daemon.json", &c, &d), -EINVAL);
        ck_assert_uint_eq(d.n, 1);
        ck_assert_uint_eq(d.v[0].line, 3);
        diag_list_free(&d);
        ck_assert_int_eq(dk_daemon_parse("[]", 2, "daemon.json", &c, &d), -EINVAL);
        ck_assert_str_eq(diags_str(&d), "daemon.json:1: error: daemon.json must hold one JSON object\n");
}
END_TEST

START_TEST(docker_networks)
{
        const char *t =
                "[{\"Name\":\"bridge\",\"Id\":\"f2de39df4171b0dc801e8002d1d999b77256983dfc63041c0f34030aa3977566\","
                "\"Scope\":\"local\",\"Driver\":\"bridge\",\"EnableIPv6\":false,\"IPAM\":{\"Driver\":\"default\","
                "\"Options\":null,\"Config\":[{\"Subnet\":\"172.17.0.0/16\",\"Gateway\":\"172.17.0.1\"}]},"
                "\"Internal\":false,\"Options\":{\"com.docker.network.bridge.default_bridge\":\"true\","
                "\"com.docker.network.bridge.name\":\"docker0\"},\"Labels\":{}},"
                "{\"Name\":\"lab\",\"Id\":\"0123456789abcdef\",\"Driver\":\"bridge\",\"Internal\":true,"
                "\"IPAM\":{\"Config\":[{\"Subnet\":\"172.16.61.0/24\",\"IPRange\":\"172.16.61.128/25\"}]},"
                "\"Options\":{}},"
                "{\"Name\":\"host\",\"Driver\":\"host\",\"IPAM\":{\"Config\":[]}},"
                "{\"Name\":\"mv\",\"Driver\":\"macvlan\",\"Options\":{\"parent\":\"eth0\"},"
                "\"IPAM\":{\"Config\":[{\"Subnet\":\"198.51.100.0/24\",\"Gateway\":\"198.51.100.1\"}]}},"
                "{\"Id\":\"noname\"},"
                "{\"Name\":\"bad\",\"IPAM\":{\"Config\":[{\"Subnet\":\"nope\"}]}}]";
        struct dk_net *v;
        size_t n;

        ck_assert_int_eq(dk_networks_parse(t, strlen(t), "api", &v, &n, &d), 0);
        ck_assert_uint_eq(n, 5);
        ck_assert_str_eq(v[0].name, "bridge");
        ck_assert_str_eq(v[0].bridge, "docker0");
        ck_assert_uint_eq(v[0].n_ipam, 1);
        ck_assert_str_eq(pfx(&v[0].ipam[0].subnet), "172.17.0.0/16");
        ck_assert(v[0].ipam[0].has_gateway);
        ck_assert_str_eq(v[1].name, "lab");
        ck_assert_ptr_null(v[1].bridge);
        ck_assert(v[1].internal);
        ck_assert(v[1].ipam[0].has_range && !v[1].ipam[0].has_gateway);
        ck_assert_str_eq(v[3].parent, "eth0");
        ck_assert_uint_eq(v[4].n_ipam, 0);
        ck_assert_str_eq(diags_str(&d),
                "api:1: error: network 4 has no name; skipped\n"
                "api:1: error: Subnet: invalid subnet 'nope' (want ADDRESS/LENGTH)\n");
        dk_networks_free(v, n);
}
END_TEST

/* As Podman 4/5 writes a network file: five-space indent, lease_range. */
static const char podman_file[] =
        "{\n"
        "     \"name\": \"labnet\",\n"
        "     \"id\": \"8c3a9a0b4f2be1f0a8b19b6c6a3ef1d70a7f8d5fbf3a0e6d3d9c1b2a4e5f6071\",\n"
        "     \"driver\": \"bridge\",\n"
        "     \"network_interface\": \"podman1\",\n"
        "     \"created\": \"2024-03-11T09:14:27.518744213+01:00\",\n"
        "     \"subnets\": [\n"
        "          {\n"
        "               \"subnet\": \"172.16.68.0/24\",\n"
        "               \"gateway\": \"172.16.68.1\",\n"
        "               \"lease_range\": {\n"
        "                    \"start_ip\": \"172.16.68.100\",\n"
        "                    \"end_ip\": \"172.16.68.200\"\n"
        "               }\n"
        "          },\n"
        "          {\n"
        "               \"subnet\": \"fd3e:1a2b:3c4d::/64\",\n"
        "               \"gateway\": \"fd3e:1a2b:3c4d::1\"\n"
        "          }\n"
        "     ],\n"
        "     \"ipv6_enabled\": true,\n"
        "     \"internal\": false,\n"
        "     \"dns_enabled\": true,\n"
        "     \"ipam_options\": {\n"
        "          \"driver\": \"host-local\"\n"
        "     }\n"
        "}\n";

START_TEST(podman_network)
{
        struct pdm_net n;

        ck_assert_int_eq(pdm_net_parse(podman_file, strlen(podman_file), "labnet.json", &n, &d), 0);
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_str_eq(n.name, "labnet");
        ck_assert_uint_eq(n.line, 2);
        ck_assert_str_eq(n.driver, "bridge");
        ck_assert_str_eq(n.iface, "podman1");
        ck_assert(n.ipv6 && !n.internal);
        ck_assert_uint_eq(n.n_subnets, 2);
        ck_assert_str_eq(pfx(&n.subnets[0].subnet), "172.16.68.0/24");
        ck_assert_uint_eq(n.subnets[0].line, 9);
        ck_assert_str_eq(addr_str(&n.subnets[0].gateway), "172.16.68.1");
        ck_assert_uint_eq(n.subnets[0].gateway_line, 10);
        ck_assert(n.subnets[0].has_range);
        ck_assert_str_eq(addr_str(&n.subnets[0].range_start), "172.16.68.100");
        ck_assert_str_eq(addr_str(&n.subnets[0].range_end), "172.16.68.200");
        ck_assert_uint_eq(n.subnets[0].range_line, 11);
        ck_assert_str_eq(pfx(&n.subnets[1].subnet), "fd3e:1a2b:3c4d::/64");
        ck_assert(!n.subnets[1].has_range);
        pdm_net_free(&n);
}
END_TEST

START_TEST(podman_network_errors)
{
        const char *t = "{\n \"name\": \"x\",\n \"subnets\": [\n"
                        "  {\"subnet\": \"10.1.0.0/24\", \"gateway\": \"10.2.0.1\"},\n"
                        "  {\"subnet\": \"10.3.0.0/24\",\n   \"lease_range\": {\"start_ip\": \"10.3.0.200\", \"end_ip\": \"10.3.0.100\"}},\n"
                        "  {\"gateway\": \"10.4.0.1\"}\n ]\n}\n";
        struct pdm_net n;

        ck_assert_int_eq(pdm_net_parse(t, strlen(t), "x.json", &n, &d), 0);
        ck_assert_str_eq(diags_str(&d),
                "x.json:4: error: gateway 10.2.0.1 is outside the subnet 10.1.0.0/24\n"
                "x.json:6: error: lease_range is not an ascending range inside the subnet 10.3.0.0/24\n"
                "x.json:7: error: subnets: entry without subnet\n");
        ck_assert_uint_eq(n.n_subnets, 2);
        ck_assert(!n.subnets[0].has_gateway && !n.subnets[1].has_range);
        pdm_net_free(&n);
        diag_list_free(&d);
        ck_assert_int_eq(pdm_net_parse("{\"driver\": \"bridge\"}", 20, "y.json", &n, &d), -EINVAL);
        ck_assert_str_eq(diags_str(&d), "y.json:1: error: network without name\n");
}
END_TEST

START_TEST(containers_conf)
{
        const char *t =
                "# containers.conf\n"
                "[containers]\n"
                "default_sysctls = [\n"
                "  \"net.ipv4.ping_group_range=0 0\",\n"
                "]\n"
                "env = ['a=]', \"b=[\"]   # brackets inside strings\n"
                "label = \"\"\"\n"
                "multi ] line\n"
                "\"\"\"\n"
                "\n"
                "[network]\n"
                "network_backend = \"netavark\"\n"
                "default_network = \"podman\"\n"
                "default_subnet = \"10.77.0.0/16\"\n"
                "default_subnet_pools = [\n"
                "  {\"base\" = \"10.89.0.0/16\", \"size\" = 24},\n"
                "  # a comment inside the array\n"
                "  { base = \"10.90.0.0/15\", size = 24 },\n"
                "]\n"
                "[engine]\n"
                "default_subnet = \"not read: another table\"\n";
        struct ctr_conf c;

        ck_assert_int_eq(ctr_conf_parse(t, strlen(t), "containers.conf", &c, &d), 0);
        ck_assert_str_eq(diags_str(&d), "");
        ck_assert_str_eq(c.default_network, "podman");
        ck_assert_uint_eq(c.default_network_line, 13);
        ck_assert(c.has_default_subnet);
        ck_assert_str_eq(pfx(&c.default_subnet), "10.77.0.0/16");
        ck_assert_uint_eq(c.default_subnet_line, 14);
        ck_assert(c.has_pools);
        ck_assert_uint_eq(c.pools_line, 15);
        ck_assert_uint_eq(c.n_pools, 2);
        ck_assert_str_eq(pfx(&c.pools[1].base), "10.90.0.0/15");
        ck_assert_uint_eq(c.pools[1].line, 18);
        ck_assert_uint_eq(c.pools[1].size, 24);
        ctr_conf_free(&c);
}
END_TEST

START_TEST(containers_conf_errors)
{
        const char *t =
                "[network]\n"
                "default_subnet = 10.88.0.0/16\n"
                "default_subnet = \"10.88.0.0/16\"\n"
                "default_subnet = \"10.99.0.0/16\"\n"
                "default_subnet_pools = [{\"base\" = \"10.89.0.0/16\", \"size\" = 8}, {\"base\" = \"10.1.0.0/16\"}]\n"
                "= 3\n"
                "[network\n"
                "key = \"unterminated\n";
        struct ctr_conf c;

        ck_assert_int_eq(ctr_conf_parse(t, strlen(t), "c.conf", &c, &d), 0);
        ck_assert_str_eq(diags_str(&d),
                "c.conf:2: error: default_subnet must be a quoted subnet such as \"10.88.0.0/16\"\n"
                "c.conf:3: error: default_subnet specified more than once\n"
                "c.conf:4: error: default_subnet specified more than once\n"
                "c.conf:5: error: default_subnet_pools: size must be between 16 and 32 for base 10.89.0.0/16\n"
                "c.conf:5: error: default_subnet_pools: a pool needs both base and size\n"
                "c.conf:6: error: expected key = value\n"
                "c.conf:7: error: malformed table header\n"
                "c.conf:8: error: malformed value of key\n");
        /* The first default_subnet was unusable; TOML allows no second. */
        ck_assert(!c.has_default_subnet);
        ck_assert(c.has_pools);
        ck_assert_uint_eq(c.n_pools, 0);
        ctr_conf_free(&c);
}
END_TEST

START_TEST(incus_networks)
{
        const char *t =
                "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\","
                "\"error_code\":0,\"error\":\"\",\"metadata\":["
                "{\"config\":{},\"description\":\"\",\"name\":\"eth0\",\"type\":\"physical\",\"managed\":false,"
                "\"status\":\"\",\"locations\":null},"
                "{\"config\":{\"ipv4.address\":\"10.99.12.1/24\",\"ipv4.nat\":\"true\","
                "\"ipv4.dhcp.ranges\":\"10.99.12.100-10.99.12.150,10.99.12.200-10.99.12.210\","
                "\"ipv6.address\":\"fd42:7a1b:1c2d:3e4f::1/64\",\"ipv6.nat\":\"true\"},"
                "\"description\":\"\",\"name\":\"incusbr0\",\"type\":\"bridge\",\"managed\":true,"
                "\"status\":\"Created\",\"locations\":[\"none\"],\"project\":\"default\"},"
                "{\"config\":{\"ipv4.address\":\"none\",\"ipv6.address\":\"auto\",\"ipv4.dhcp.ranges\":\"x-y\"},"
                "\"name\":\"bare\",\"type\":\"bridge\",\"managed\":true},"
                "{\"config\":{\"ipv4.address\":\"10.5.0.1\"},\"name\":\"bad\",\"type\":\"bridge\",\"managed\":true}]}";
        struct inc_net *v;
        size_t n;

        ck_assert_int_eq(inc_networks_parse(t, strlen(t), "api", &v, &n, &d), 0);
        ck_assert_str_eq(diags_str(&d), "api:1: error: ipv4.address: invalid address '10.5.0.1' (want ADDRESS/LENGTH)\n");
        ck_assert_uint_eq(n, 4);
        ck_assert(!v[0].managed);
        ck_assert(v[1].managed && v[1].nat4 && v[1].has_v4 && v[1].has_v6);
        ck_assert_str_eq(pfx(&v[1].v4), "10.99.12.1/24");
        ck_assert_uint_eq(v[1].n_ranges, 2);
        ck_assert_str_eq(addr_str(&v[1].ranges[1].start), "10.99.12.200");
        ck_assert(!v[2].has_v4 && !v[2].has_v6);
        ck_assert_uint_eq(v[2].n_ranges, 0);
        inc_networks_free(v, n);
        diag_list_free(&d);

        t = "{\"type\":\"error\",\"error\":\"not authorized\",\"error_code\":403}";
        ck_assert_int_eq(inc_networks_parse(t, strlen(t), "api", &v, &n, &d), -EINVAL);
        ck_assert_str_eq(diags_str(&d), "api:1: error: the daemon answered with an error: not authorized\n");
}
END_TEST

static const char *split_str(const char *base, unsigned size, const char *taken)
{
        static char out[1024];
        struct prefix b, t, parts[128];
        size_t n, off = 0;

        ck_assert_int_eq(prefix_parse(base, &b), 0);
        ck_assert_int_eq(prefix_parse(taken, &t), 0);
        n = analysis_pool_split(&b, size, &t, parts, 128);
        out[0] = '\0';
        for (size_t i = 0; i < n; i++)
                off += (size_t)snprintf(out + off, sizeof(out) - off, "%s%s", i ? " " : "", pfx(&parts[i]));
        return out;
}

START_TEST(pool_split)
{
        /* A /24 inside a pool of /20s costs its whole /20. */
        ck_assert_str_eq(split_str("192.168.0.0/16", 20, "192.168.56.0/24"),
                         "192.168.128.0/17 192.168.64.0/18 192.168.0.0/19 192.168.32.0/20");
        ck_assert_str_eq(split_str("172.16.0.0/12", 16, "172.16.61.0/24"),
                         "172.24.0.0/13 172.20.0.0/14 172.18.0.0/15 172.17.0.0/16");
        ck_assert_str_eq(split_str("10.89.0.0/16", 24, "10.89.0.0/22"),
                         "10.89.128.0/17 10.89.64.0/18 10.89.32.0/19 10.89.16.0/20 10.89.8.0/21 10.89.4.0/22");
        ck_assert_str_eq(split_str("172.17.0.0/16", 16, "172.17.5.0/24"), "");
        ck_assert_str_eq(split_str("10.0.0.0/8", 24, "192.168.1.0/24"), "");
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("ctr_parsers");
        TCase *tc = tcase_create("all");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, jsonloc_lines);
        tcase_add_test(tc, daemon_json);
        tcase_add_test(tc, daemon_json_errors);
        tcase_add_test(tc, docker_networks);
        tcase_add_test(tc, podman_network);
        tcase_add_test(tc, podman_network_errors);
        tcase_add_test(tc, containers_conf);
        tcase_add_test(tc, containers_conf_errors);
        tcase_add_test(tc, incus_networks);
        tcase_add_test(tc, pool_split);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
