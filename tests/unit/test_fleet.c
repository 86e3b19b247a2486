/*
 * test_fleet.c - the fleet layer: parsers/inv_json reads a `list --json`
 * document back (and refuses what is not one, with file:line), hosts are
 * told apart and LANs found from their interfaces, and the cross-host
 * sweeps give one finding per clashing group with every host in it.
 * Docker, Podman and Incus networks and the allocation pools survive the
 * trip list --json -> inv_json, so cross-host analysis sees them.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "check_main.h"
#include "fleet.h"
#include "fleet_analysis.h"
#include "docker_load.h"
#include "inv_json.h"
#include "options.h"
#include "podman_load.h"
#include "report_list.h"

#define LIVE FIXTURE("../fuzz/seeds/inv_json/live-r1.json")

static char *slurp(const char *path, size_t *len)
{
        FILE *f = fopen(path, "r");
        char *buf = malloc(1 << 20);

        ck_assert_ptr_nonnull(f);
        *len = fread(buf, 1, (1 << 20) - 1, f);
        fclose(f);
        buf[*len] = '\0';
        return buf;
}

static bool has_diag(const struct diag_list *d, enum severity sev, const char *part)
{
        for (size_t i = 0; i < d->n; i++)
                if (d->v[i].severity == sev && strstr(d->v[i].message, part))
                        return true;
        return false;
}

START_TEST(parse_live_inventory)
{
        struct inventory inv;
        struct invj_meta m;
        struct diag_list d = { 0 };
        size_t len;
        char *buf = slurp(LIVE, &len);
        const struct interface *eth0, *br0;

        inventory_init(&inv);
        ck_assert_int_eq(invj_parse(buf, len, "r1.json", &inv, &m, &d), 0);
        ck_assert_str_eq(inv.hostname, "r1");
        ck_assert_str_eq(m.machine_id, "0123456789abcdef0123456789abcdef");
        ck_assert_int_eq(m.timestamp, 1795991400LL);     /* 2026-11-29T22:30:00Z */
        ck_assert(!m.offline);
        ck_assert_uint_eq(inv.n_nets, 2);
        ck_assert_str_eq(inv.nets[0].id, "host:virbr1");
        ck_assert_int_eq(inv.nets[0].origin.ifindex, 4);
        ck_assert_uint_eq(inv.nets[0].subnets[0].n_ranges, 1);
        ck_assert_str_eq(inv.nets[0].subnets[0].ranges[0].origin.file, "x.conf");
        ck_assert_uint_eq(inv.nets[0].subnets[0].ranges[0].origin.line, 3);
        ck_assert_str_eq(inv.nets[0].subnets[0].hosts[0].mac, "52:54:00:aa:bb:cc");
        ck_assert_int_eq(inv.nets[1].type, NET_TYPE_BRIDGED);
        ck_assert_str_eq(inv.nets[1].origin.file, "/etc/vmware/networking");
        ck_assert_uint_eq(inv.nets[1].origin.line, 2);
        ck_assert_uint_eq(inv.n_ifs, 4);
        eth0 = inventory_find_interface(&inv, "eth0");
        br0 = inventory_find_interface(&inv, "br0");
        ck_assert_int_eq(eth0->master_ifindex, br0->ifindex);
        ck_assert_uint_eq(br0->n_addrs, 3);
        ck_assert_uint_eq(inv.n_routes, 3);
        ck_assert_int_eq(inv.routes[1].ifindex, 4);
        ck_assert_uint_eq(inv.diags.n, 1);
        ck_assert_uint_eq(d.n, 0);
        ck_assert(fleet_is_lan_interface(&inv, br0));
        ck_assert(!fleet_is_lan_interface(&inv, inventory_find_interface(&inv, "virbr1")));
        ck_assert(!fleet_is_lan_interface(&inv, inventory_find_interface(&inv, "lo")));
        ck_assert(fleet_net_bridged(&inv, &inv.nets[1]));
        ck_assert(!fleet_net_bridged(&inv, &inv.nets[0]));
        inventory_free(&inv);
        invj_meta_free(&m);
        diag_list_free(&d);
        free(buf);
}
END_TEST

static int parse_str(const char *s, struct diag_list *d, struct inventory *inv)
{
        struct invj_meta m;
        int r;

        inventory_init(inv);
        r = invj_parse(s, strlen(s), "x.json", inv, &m, d);
        invj_meta_free(&m);
        return r;
}

START_TEST(refusals)
{
        static const struct { const char *doc, *msg; unsigned line; } cases[] = {
                { "{\n\"version\": 1,\n \"host\": \"a\",\n \"networks\": [\n", "not JSON", 5 },
                { "{\"version\": 1, \"host\": \"a\", \"networks\": []} x", "not JSON", 1 },
                { "[1, 2]", "not a JSON object", 1 },
                { "{\"host\": \"a\", \"networks\": []}", "no \"version\"", 0 },
                { "{\"version\": 2, \"host\": \"a\", \"networks\": []}", "version 2 is not supported", 0 },
                { "{\"version\": 1, \"networks\": []}", "no \"host\"", 0 },
                { "{\"version\": 1, \"host\": \"a\", \"findings\": []}", "no \"networks\"", 0 },
                { "{\"version\": 1, \"host\": \"a\", \"networks\": [], \"x\": \"\\u0000\"}", "", 0 },
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                struct diag_list d = { 0 };
                struct inventory inv;
                int r = parse_str(cases[i].doc, &d, &inv);

                if (!cases[i].msg[0]) {
                        ck_assert_int_eq(r, 0);         /* unknown keys are ignored */
                } else {
                        ck_assert_msg(r == -EINVAL, "case %zu", i);
                        ck_assert_uint_eq(d.n, 1);
                        ck_assert_msg(strstr(d.v[0].message, cases[i].msg), "case %zu: %s", i, d.v[0].message);
                        ck_assert_uint_eq(d.v[0].line, cases[i].line);
                        ck_assert_str_eq(d.v[0].file, "x.json");
                }
                inventory_free(&inv);
                diag_list_free(&d);
        }
}
END_TEST

START_TEST(bad_elements_are_skipped)
{
        struct diag_list d = { 0 };
        struct inventory inv;

        ck_assert_int_eq(parse_str("{\"version\": 1, \"host\": \"a\", \"networks\": ["
                                   "{\"id\": \"libvirt:x\", \"name\": \"x\", \"source\": \"libvirt\", \"subnets\": ["
                                   "  {\"prefix\": \"10.0.0.0/33\"},"
                                   "  {\"prefix\": \"10.1.0.0/24\", \"host_address\": \"fd00::1\","
                                   "   \"dhcp_ranges\": [{\"start\": \"10.1.0.9\", \"end\": \"10.1.0.2\"}]}]},"
                                   "{\"id\": \"libvirt:x\", \"name\": \"x\", \"source\": \"libvirt\"},"
                                   "{\"id\": \"hyperv:b\", \"name\": \"b\", \"source\": \"hyperv\"},"
                                   "{\"name\": \"noid\", \"source\": \"libvirt\"}]}", &d, &inv), 0);
        ck_assert_uint_eq(inv.n_nets, 2);
        ck_assert_uint_eq(inv.nets[0].n_subnets, 1);
        ck_assert(!inv.nets[0].subnets[0].host_address.set);
        ck_assert_uint_eq(inv.nets[0].subnets[0].n_ranges, 0);
        ck_assert(has_diag(&d, SEV_WARNING, "networks[0].subnets[0]: a subnet needs a prefix"));
        ck_assert(has_diag(&d, SEV_WARNING, "networks[0].subnets[1].host_address"));
        ck_assert(has_diag(&d, SEV_WARNING, "networks[0].subnets[1].dhcp_ranges[0]"));
        ck_assert(has_diag(&d, SEV_WARNING, "network libvirt:x specified more than once"));
        ck_assert(has_diag(&d, SEV_WARNING, "unknown source 'hyperv'"));
        ck_assert(has_diag(&d, SEV_WARNING, "networks[3]: a network needs"));
        ck_assert_str_eq(inv.nets[1].id, "hyperv:b");   /* kept, as a host network */
        ck_assert_int_eq(inv.nets[1].source, NET_SRC_HOST);
        inventory_free(&inv);
        diag_list_free(&d);
}
END_TEST

START_TEST(segments)
{
        struct fleet_segment s;

        ck_assert_int_eq(fleet_segment_parse("lab=a,b c", &s), 0);
        ck_assert_str_eq(s.name, "lab");
        ck_assert_uint_eq(s.n_hosts, 3);
        ck_assert_str_eq(s.hosts[2], "c");
        fleet_segment_free(&s);
        ck_assert_int_eq(fleet_segment_parse("lab=a", &s), -EINVAL);
        ck_assert_int_eq(fleet_segment_parse("=a,b", &s), -EINVAL);
        ck_assert_int_eq(fleet_segment_parse("a,b", &s), -EINVAL);
        ck_assert_int_eq(fleet_segment_parse("la b=a,b", &s), -EINVAL);
}
END_TEST

/* One host's inventory: an interface (or none) and one network. */
static void add(struct fleet *f, const char *host, const char *lan_cidr, const char *type,
                const char *prefix, const char *hostaddr, const char *range, const char *fixed)
{
        char ifs[512] = "", sub[1024], doc[4096];

        if (lan_cidr)
                snprintf(ifs, sizeof(ifs), "{\"name\": \"eth0\", \"ifindex\": 2, \"kind\": \"physical\", \"up\": true,"
                         " \"addresses\": [\"%s\", \"fe80::1/64\"]}", lan_cidr);
        snprintf(sub, sizeof(sub), "{\"prefix\": \"%s\", \"host_address\": %s%s%s, \"origin\": \"/etc/n.xml:7\","
                 " \"host_address_origin\": \"/etc/n.xml:7\", \"dhcp_ranges\": [%s], \"fixed_hosts\": [%s]}",
                 prefix, hostaddr ? "\"" : "", hostaddr ? hostaddr : "null", hostaddr ? "\"" : "",
                 range ? range : "", fixed ? fixed : "");
        snprintf(doc, sizeof(doc), "{\"version\": 1, \"host\": \"%s\", \"networks\": [{\"id\": \"libvirt:n\","
                 " \"name\": \"n\", \"source\": \"libvirt\", \"device\": \"virbr0\", \"type\": \"%s\","
                 " \"bridged_to\": [%s], \"subnets\": [%s]}], \"interfaces\": [%s]}",
                 host, type, strcmp(type, "bridged") == 0 ? "\"eth0\"" : "", sub, ifs);
        ck_assert_int_eq(fleet_add_buffer(f, doc, strlen(doc), host), 0);
}

static const struct finding *find(const struct finding_list *l, enum finding_code c, size_t nth)
{
        for (size_t i = 0; i < l->n; i++)
                if (l->v[i].code == c && nth-- == 0)
                        return &l->v[i];
        return NULL;
}

static void hosts_are(const struct finding *f, const char *want)
{
        char got[256] = "";

        ck_assert_ptr_nonnull(f);
        for (size_t i = 0; i < f->n_hosts; i++)
                snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", i ? "," : "", f->hosts[i]);
        ck_assert_str_eq(got, want);
}

START_TEST(lans_from_interfaces)
{
        struct fleet f;
        struct finding_list l = { 0 };

        fleet_init(&f);
        add(&f, "r1", "198.51.100.10/25", "isolated", "10.9.9.0/24", "10.9.9.1", NULL, NULL);
        add(&f, "r2", "198.51.100.20/25", "isolated", "10.9.9.0/24", "10.9.9.1", NULL, NULL);
        add(&f, "r3", "198.51.100.200/25", "isolated", "10.9.9.0/24", "10.9.9.1", NULL, NULL);
        add(&f, "r4", "198.51.100.130/25", "nat", "10.8.8.0/24", "198.51.100.20", NULL, NULL);
        ck_assert_int_eq(fleet_lan_assign(&f, NULL, 0), 0);
        ck_assert(fleet_same_lan(&f, 0, 1));
        ck_assert(!fleet_same_lan(&f, 0, 2));   /* fe80::/64 everywhere does not join */
        ck_assert(fleet_same_lan(&f, 2, 3));
        ck_assert_int_eq(fleet_analysis_cross(&f, &l), 0);
        /* 10.9.9.1: r1+r2 on one LAN; r3 alone on its LAN */
        hosts_are(find(&l, F_DUPLICATE_HOST_ADDRESS, 0), "r1,r2");
        ck_assert_int_eq(find(&l, F_DUPLICATE_HOST_ADDRESS, 0)->severity, SEV_WARNING);
        /* r4's NAT network holds r2's LAN address, but r4 is on the other LAN */
        ck_assert_ptr_null(find(&l, F_DUPLICATE_HOST_ADDRESS, 1));
        /* the subnet reuse is one finding over every host, any LAN */
        hosts_are(find(&l, F_SUBNET_OVERLAP, 0), "r1,r2,r3");
        ck_assert_int_eq(find(&l, F_SUBNET_OVERLAP, 0)->severity, SEV_INFO);
        finding_list_free(&l);
        fleet_free(&f);
}
END_TEST

START_TEST(lan_address_of_another_host)
{
        struct fleet f;
        struct finding_list l = { 0 };
        const struct finding *d;

        fleet_init(&f);
        add(&f, "r2", "198.51.100.20/25", "isolated", "10.9.9.0/24", NULL, NULL, NULL);
        add(&f, "r4", "198.51.100.30/25", "nat", "198.51.100.16/28", "198.51.100.20", NULL, NULL);
        ck_assert_int_eq(fleet_lan_assign(&f, NULL, 0), 0);
        ck_assert_int_eq(fleet_analysis_cross(&f, &l), 0);
        d = find(&l, F_DUPLICATE_HOST_ADDRESS, 0);
        hosts_are(d, "r2,r4");
        ck_assert_str_eq(d->networks[0], "r2/host:eth0");
        ck_assert_str_eq(d->networks[1], "r4/libvirt:n");
        ck_assert_str_eq(d->origins[1], "r4: /etc/n.xml:7");
        finding_list_free(&l);
        fleet_free(&f);
}
END_TEST

START_TEST(bridged_pools_on_one_wire)
{
        struct fleet f;
        struct finding_list l = { 0 };
        const struct finding *o;

        fleet_init(&f);
        add(&f, "a", NULL, "bridged", "203.0.113.0/24", NULL,
            "{\"start\": \"203.0.113.50\", \"end\": \"203.0.113.99\", \"origin\": \"/etc/a:3\"}",
            "{\"mac\": \"52:54:00:00:00:01\", \"ip\": \"203.0.113.5\"}");
        add(&f, "b", NULL, "bridged", "203.0.113.0/24", NULL,
            "{\"start\": \"203.0.113.90\", \"end\": \"203.0.113.120\"}",
            "{\"mac\": \"52:54:00:00:00:02\", \"ip\": \"203.0.113.5\"}");
        add(&f, "c", NULL, "bridged", "203.0.113.0/24", NULL,
            "{\"start\": \"203.0.113.200\", \"end\": \"203.0.113.210\"}",
            "{\"mac\": \"52:54:00:00:00:03\", \"ip\": \"203.0.113.6\"}");
        ck_assert_int_eq(fleet_lan_assign(&f, NULL, 0), 0);    /* offline: one LAN */
        ck_assert_int_eq(fleet_analysis_cross(&f, &l), 0);
        hosts_are(find(&l, F_DHCP_RANGE_OVERLAP, 0), "a,b");
        ck_assert_ptr_null(find(&l, F_DHCP_RANGE_OVERLAP, 1));         /* c's pool is apart */
        ck_assert_str_eq(find(&l, F_DHCP_RANGE_OVERLAP, 0)->origins[0], "a: /etc/a:3");
        hosts_are(find(&l, F_FIXED_ADDRESS_DUPLICATE, 0), "a,b");
        o = find(&l, F_SUBNET_OVERLAP, 0);
        hosts_are(o, "a,b,c");
        ck_assert_int_eq(o->severity, SEV_ERROR);       /* bridged onto one LAN */
        finding_list_free(&l);
        fleet_free(&f);
}
END_TEST

START_TEST(a_thousand_default_networks)
{
        struct fleet f;
        struct finding_list l = { 0 };
        char name[32];

        fleet_init(&f);
        for (int i = 0; i < 1000; i++) {
                snprintf(name, sizeof(name), "kvm%04d", i);
                add(&f, name, NULL, "nat", "192.168.122.0/24", "192.168.122.1",
                    "{\"start\": \"192.168.122.2\", \"end\": \"192.168.122.254\"}", NULL);
        }
        ck_assert_int_eq(fleet_lan_assign(&f, NULL, 0), 0);
        ck_assert_int_eq(fleet_analysis_run(&f, &l), 0);
        ck_assert_uint_eq(l.n, 2);
        ck_assert_uint_eq(find(&l, F_DUPLICATE_HOST_ADDRESS, 0)->n_hosts, 1000);
        ck_assert_uint_eq(find(&l, F_SUBNET_OVERLAP, 0)->n_hosts, 1000);
        ck_assert(strstr(find(&l, F_SUBNET_OVERLAP, 0)->message, "and 994 more"));
        finding_list_free(&l);
        fleet_free(&f);
}
END_TEST

START_TEST(same_host_twice)
{
        struct fleet f;
        const char *a = "{\"version\": 1, \"host\": \"h\", \"timestamp\": \"2026-01-01T00:00:00Z\", \"networks\": []}";
        const char *b = "{\"version\": 1, \"host\": \"h\", \"timestamp\": \"2026-01-02T00:00:00Z\", \"networks\": []}";
        const char *c = "{\"version\": 1, \"host\": \"h\", \"machine_id\": \"ffffffffffffffffffffffffffffffff\", \"networks\": []}";

        fleet_init(&f);
        ck_assert_int_eq(fleet_add_buffer(&f, b, strlen(b), "b"), 0);
        ck_assert_int_eq(fleet_add_buffer(&f, a, strlen(a), "a"), 0);
        ck_assert_uint_eq(f.n_hosts, 1);
        ck_assert_str_eq(f.hosts[0].file, "b");
        ck_assert(has_diag(&f.diags, SEV_WARNING, "which is newer"));
        ck_assert_int_eq(fleet_add_buffer(&f, b, strlen(b), "b2"), 0);
        ck_assert(has_diag(&f.diags, SEV_ERROR, "neither inventory is newer"));
        ck_assert_uint_eq(f.n_hosts, 1);
        /* no machine id on one side: the name decides */
        ck_assert_int_eq(fleet_add_buffer(&f, c, strlen(c), "c"), 0);
        ck_assert_uint_eq(f.n_hosts, 1);
        fleet_free(&f);
}
END_TEST

static bool same_origin(const struct origin *a, const struct origin *b)
{
        return a->line == b->line && a->ifindex == b->ifindex &&
               (a->file && b->file ? strcmp(a->file, b->file) == 0 : a->file == b->file);
}

/* The real loaders read the containers fixture (Docker's daemon.json and
 * built-in bridge, Podman's network files, containers.conf pools), one
 * Incus network is added as its API loader would; list --json's document
 * read back by inv_json gives the same networks and pools. */
START_TEST(container_sources_round_trip)
{
        struct options opt = { .root = FIXTURE("containers/ws"), .offline = true, .docker_socket = "none",
                               .incus_socket = "none" };
        struct inventory a, b;
        struct invj_meta m;
        struct diag_list d = { 0 };
        struct network *n;
        struct subnet *sn;
        json_object *doc;
        const char *text;
        size_t nsrc[_NET_SRC_MAX] = { 0 };

        inventory_init(&a);
        a.hostname = strdup("ws");
        ck_assert_int_eq(docker_load(&a, &opt), 0);
        ck_assert_int_eq(podman_load(&a, &opt), 0);
        n = inventory_add_network(&a, NET_SRC_INCUS, "incusbr0");
        ck_assert_int_eq(network_set_device(n, "incusbr0"), 0);
        n->type = NET_TYPE_NAT;
        n->origin = origin_file(&a, "unix:/var/lib/incus/unix.socket/1.0/networks/incusbr0", 0);
        sn = network_add_subnet(n);
        sn->prefix = prefix_network(&(struct prefix){ .addr = { .family = AF_INET, .b = { 10, 71, 0, 1 } }, .len = 24 });
        sn->origin = n->origin;
        ck_assert_uint_ge(a.n_pools, 3);
        for (size_t i = 0; i < a.n_nets; i++)
                nsrc[a.nets[i].source]++;
        ck_assert_uint_ge(nsrc[NET_SRC_DOCKER], 1);
        ck_assert_uint_ge(nsrc[NET_SRC_PODMAN], 2);
        ck_assert_uint_eq(nsrc[NET_SRC_INCUS], 1);

        ck_assert_ptr_nonnull(doc = report_list_json(&a));
        text = json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY);
        inventory_init(&b);
        ck_assert_int_eq(invj_parse(text, strlen(text), "ws.json", &b, &m, &d), 0);
        ck_assert_msg(d.n == 0, "%s", d.n ? d.v[0].message : "");

        ck_assert_uint_eq(b.n_nets, a.n_nets);
        for (size_t i = 0; i < a.n_nets; i++) {
                const struct network *x = &a.nets[i], *y = inventory_find_network_by_id(&b, x->id);

                ck_assert_msg(y != NULL, "%s lost", x->id);
                ck_assert_int_eq(y->source, x->source);
                ck_assert_int_eq(y->type, x->type);
                ck_assert_str_eq(y->device ? y->device : "-", x->device ? x->device : "-");
                ck_assert(same_origin(&y->origin, &x->origin));
                ck_assert_uint_eq(y->n_subnets, x->n_subnets);
                for (size_t k = 0; k < x->n_subnets; k++) {
                        const struct subnet *p = &x->subnets[k], *q = &y->subnets[k];

                        ck_assert(prefix_cmp(&p->prefix, &q->prefix) == 0);
                        ck_assert(same_origin(&p->origin, &q->origin));
                        ck_assert_int_eq(q->host_address.set, p->host_address.set);
                        ck_assert(!p->host_address.set || addr_cmp(&p->host_address.addr, &q->host_address.addr) == 0);
                        ck_assert_int_eq(q->gateway.set, p->gateway.set);
                        ck_assert_uint_eq(q->n_ranges, p->n_ranges);
                }
        }
        ck_assert_uint_eq(b.n_pools, a.n_pools);
        for (size_t i = 0; i < a.n_pools; i++) {
                const struct addr_pool *x = &a.pools[i], *y = &b.pools[i];

                ck_assert_int_eq(y->source, x->source);
                ck_assert(prefix_cmp(&y->base, &x->base) == 0);
                ck_assert_uint_eq(y->size, x->size);
                ck_assert_int_eq(y->builtin, x->builtin);
                ck_assert_msg(same_origin(&y->origin, &x->origin), "pool %zu origin", i);
        }
        /* The daemon.json pool keeps its file and line. */
        ck_assert_str_eq(b.pools[0].origin.file, "/etc/docker/daemon.json");
        ck_assert_uint_eq(b.pools[0].origin.line, 5);

        json_object_put(doc);
        inventory_free(&a);
        inventory_free(&b);
        invj_meta_free(&m);
        diag_list_free(&d);
}
END_TEST

/* A pool with a bad base, a size shorter than its base or an unknown
 * source is skipped with a warning naming it; the rest are kept. */
START_TEST(bad_pools_are_skipped)
{
        struct diag_list d = { 0 };
        struct inventory inv;

        ck_assert_int_eq(parse_str("{\"version\": 1, \"host\": \"a\", \"networks\": [], \"pools\": ["
                                   "{\"source\": \"docker\", \"base\": \"10.9.0.0/16\", \"size\": 24, "
                                   "\"origin\": \"/etc/docker/daemon.json:3\", \"builtin\": false},"
                                   "{\"source\": \"docker\", \"base\": \"10.9.0.0/16\", \"size\": 8},"
                                   "{\"source\": \"podman\", \"base\": \"nonsense\", \"size\": 24},"
                                   "{\"source\": \"zzz\", \"base\": \"10.1.0.0/16\", \"size\": 24},"
                                   "{\"source\": \"podman\", \"base\": \"fd00::/48\", \"size\": 64, \"builtin\": true}]}",
                                   &d, &inv), 0);
        ck_assert_uint_eq(inv.n_pools, 2);
        ck_assert_int_eq(inv.pools[0].source, NET_SRC_DOCKER);
        ck_assert_uint_eq(inv.pools[0].size, 24);
        ck_assert_str_eq(inv.pools[0].origin.file, "/etc/docker/daemon.json");
        ck_assert_uint_eq(inv.pools[0].origin.line, 3);
        ck_assert(!inv.pools[0].builtin);
        ck_assert(inv.pools[1].builtin);
        ck_assert_uint_eq(d.n, 3);
        ck_assert(has_diag(&d, SEV_WARNING, "pools[1]:"));
        ck_assert(has_diag(&d, SEV_WARNING, "pools[2]:"));
        ck_assert(has_diag(&d, SEV_WARNING, "pools[3]: unknown source 'zzz'"));
        inventory_free(&inv);
        diag_list_free(&d);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("fleet");
        TCase *tc = tcase_create("fleet");

        tcase_set_timeout(tc, 60);
        tcase_add_test(tc, parse_live_inventory);
        tcase_add_test(tc, refusals);
        tcase_add_test(tc, bad_elements_are_skipped);
        tcase_add_test(tc, segments);
        tcase_add_test(tc, lans_from_interfaces);
        tcase_add_test(tc, lan_address_of_another_host);
        tcase_add_test(tc, bridged_pools_on_one_wire);
        tcase_add_test(tc, a_thousand_default_networks);
        tcase_add_test(tc, same_host_twice);
        tcase_add_test(tc, container_sources_round_trip);
        tcase_add_test(tc, bad_pools_are_skipped);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
