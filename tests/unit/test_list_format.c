/*
 * test_list_format.c - the pieces of `list` that are pure: -o column
 * parsing, the bounded cell text, iproute2 table names, the stable
 * network order, and the field tables feeding both the text and the JSON.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "check_main.h"
#include "inventory.h"
#include "list_columns.h"
#include "list_fields.h"
#include "list_order.h"
#include "report_list.h"
#include "rt_tables.h"

START_TEST(columns_replace_append_reject)
{
        struct list_format f;
        size_t bad = 99;

        list_format_init(&f);
        ck_assert_uint_gt(f.n_cols, 5);
        ck_assert_int_eq(f.cols[0], LC_NETWORK);
        ck_assert(!f.columns_given);
        ck_assert_int_eq(list_format_columns(&f, "network,Autostart,PERSISTENT", &bad), 0);
        ck_assert_uint_eq(f.n_cols, 3);
        ck_assert_int_eq(f.cols[1], LC_AUTOSTART);
        ck_assert_int_eq(f.cols[2], LC_PERSISTENT);
        ck_assert(f.columns_given);
        list_format_init(&f);
        size_t n = f.n_cols;
        ck_assert_int_eq(list_format_columns(&f, "+dhcp-server", &bad), 0);
        ck_assert_uint_eq(f.n_cols, n + 1);
        ck_assert_int_eq(f.cols[n], LC_DHCP_SERVER);
        ck_assert_int_eq(list_format_columns(&f, "network,nosuch,state", &bad), -EINVAL);
        ck_assert_uint_eq(bad, 8);
        ck_assert_int_eq(list_format_columns(&f, "network,", &bad), -EINVAL);
        ck_assert_uint_eq(bad, 8);
        ck_assert_int_eq(list_format_columns(&f, "", &bad), -EINVAL);
        ck_assert_int_eq(list_format_columns(&f, "NET", &bad), -EINVAL);
}
END_TEST

START_TEST(cell_text_is_bounded)
{
        char buf[LIST_CELL_MAX + 4];
        char *big = malloc(100000 + 1);
        const char *t;

        ck_assert_ptr_nonnull(big);
        ck_assert_str_eq(list_cell_text("short", buf), "short");
        ck_assert_ptr_null(list_cell_text(NULL, buf));
        memset(big, 'a', 100000);
        big[100000] = '\0';
        t = list_cell_text(big, buf);
        ck_assert_uint_eq(strlen(t), LIST_CELL_MAX + 3);
        ck_assert_str_eq(t + LIST_CELL_MAX, "...");
        /* exactly the maximum is kept whole */
        big[LIST_CELL_MAX] = '\0';
        ck_assert_ptr_eq(list_cell_text(big, buf), big);
        /* never cut inside a UTF-8 sequence: 'é' is 2 bytes at offset 199-200 */
        memset(big, 'a', 300);
        big[300] = '\0';
        big[LIST_CELL_MAX - 1] = (char)0xc3;
        big[LIST_CELL_MAX] = (char)0xa9;
        t = list_cell_text(big, buf);
        ck_assert_uint_eq(strlen(t), LIST_CELL_MAX - 1 + 3);
        ck_assert_int_eq((unsigned char)t[LIST_CELL_MAX - 2], 'a');
        free(big);
}
END_TEST

START_TEST(table_names)
{
        static const char file[] = "# comment\n255\tlocal\n254 main\n0x64 lab # hex\n101\tvpn\n"
                                   "  7  seven  \nbad\n300 two words\n102\n5 x\r\n254 primary\n";
        struct rtt_names n = { 0 };
        char buf[RTT_STRLEN];

        ck_assert_str_eq(rtt_name(NULL, 254, buf), "main");
        ck_assert_str_eq(rtt_name(NULL, 255, buf), "local");
        ck_assert_str_eq(rtt_name(NULL, 253, buf), "default");
        ck_assert_str_eq(rtt_name(NULL, 1000, buf), "1000");
        ck_assert_int_eq(rtt_parse(file, sizeof(file) - 1, &n), 0);
        ck_assert_str_eq(rtt_name(&n, 100, buf), "lab");
        ck_assert_str_eq(rtt_name(&n, 101, buf), "vpn");
        ck_assert_str_eq(rtt_name(&n, 7, buf), "seven");
        ck_assert_str_eq(rtt_name(&n, 5, buf), "x");
        ck_assert_str_eq(rtt_name(&n, 254, buf), "primary");      /* a later line wins */
        ck_assert_str_eq(rtt_name(&n, 300, buf), "300");          /* two words: skipped */
        ck_assert_str_eq(rtt_name(&n, 102, buf), "102");          /* no name: skipped */
        rtt_free(&n);
        rtt_free(&n);
}
END_TEST

START_TEST(order_by_source_then_name)
{
        struct inventory inv;
        static const struct { enum net_source s; const char *name; } add[] = {
                { NET_SRC_HOST, "br0" }, { NET_SRC_LIBVIRT, "zeta" }, { NET_SRC_VMWARE, "vmnet10" },
                { NET_SRC_LIBVIRT, "default" }, { NET_SRC_VMWARE, "vmnet2" }, { NET_SRC_VMWARE, "vmnet1" },
        };
        static const char *const want[] = { "vmware:vmnet1", "vmware:vmnet2", "vmware:vmnet10",
                                            "libvirt:default", "libvirt:zeta", "host:br0" };
        size_t *o;

        inventory_init(&inv);
        for (size_t i = 0; i < sizeof(add) / sizeof(add[0]); i++)
                ck_assert_ptr_nonnull(inventory_add_network(&inv, add[i].s, add[i].name));
        o = list_network_order(&inv);
        ck_assert_ptr_nonnull(o);
        for (size_t i = 0; i < 6; i++)
                ck_assert_str_eq(inv.nets[o[i]].id, want[i]);
        /* the inventory itself keeps load order */
        ck_assert_str_eq(inv.nets[0].id, "host:br0");
        free(o);
        inventory_free(&inv);
}
END_TEST

/* Every field of the tables is in the JSON under its key and, when it has
 * a column, in the text table under that column with the same value:
 * what is added to list_fields.c once shows in both renderers. */
START_TEST(one_field_table_feeds_both)
{
        struct inventory inv;
        struct network *n;
        struct subnet *s;
        struct addr a;
        json_object *doc, *net, *sub, *j;
        char *text = NULL, spec[64], buf[FIELD_TEXT_MAX];
        size_t len = 0, bad;

        inventory_init(&inv);
        ck_assert_ptr_nonnull(n = inventory_add_network(&inv, NET_SRC_LIBVIRT, "default"));
        ck_assert_int_eq(network_set_device(n, "virbr0"), 0);
        n->origin = (struct origin){ .file = "/etc/libvirt/qemu/networks/default.xml", .line = 3 };
        n->autostart = true;
        n->mtu = 1400;
        ck_assert_ptr_nonnull(s = network_add_subnet(n));
        ck_assert_int_eq(prefix_parse("192.168.122.0/24", &s->prefix), 0);
        ck_assert_int_eq(addr_parse("192.168.122.1", &a), 0);
        addr_fact_set(&s->host_address, &a, n->origin);
        ck_assert_int_eq(addr_parse("192.168.122.2", &a), 0);
        addr_fact_set(&s->gateway, &a, n->origin);
        ck_assert_int_eq(addr_parse("192.168.122.254", &a), 0);
        addr_fact_set(&s->dhcp_server, &a, n->origin);

        ck_assert_ptr_nonnull(doc = report_list_json(&inv));
        ck_assert(json_object_object_get_ex(doc, "networks", &j));
        net = json_object_array_get_idx(j, 0);
        ck_assert(json_object_object_get_ex(net, "subnets", &j));
        sub = json_object_array_get_idx(j, 0);
        for (size_t i = 0; i < n_net_fields + n_subnet_fields; i++) {
                bool is_net = i < n_net_fields;
                const char *key = is_net ? net_fields[i].key : subnet_fields[i - n_net_fields].key;
                enum list_col col = is_net ? net_fields[i].col : subnet_fields[i - n_net_fields].col;
                struct field_value v = is_net ? net_fields[i].get(n) : subnet_fields[i - n_net_fields].get(s);
                const char *t = field_text(&v, buf);
                struct list_format fmt;
                FILE *f;

                if (v.kind == FV_ABSENT)
                        continue;
                ck_assert_msg(json_object_object_get_ex(is_net ? net : sub, key, NULL), "no JSON key %s", key);
                if (col == _LC_MAX || !t)
                        continue;
                list_format_init(&fmt);
                snprintf(spec, sizeof(spec), "%s", list_cols[col].name);
                ck_assert_int_eq(list_format_columns(&fmt, spec, &bad), 0);
                fmt.noheadings = fmt.raw = fmt.networks_only = true;
                ck_assert_ptr_nonnull(f = open_memstream(&text, &len));
                ck_assert_int_eq(report_list_text_format(f, &inv, &fmt, NULL), 0);
                fclose(f);
                ck_assert_msg(strstr(text, t), "column %s lacks '%s': %s", spec, t, text);
                free(text);
                text = NULL;
        }
        json_object_put(doc);
        /* an interface: every field under its key, the text ones in the tree */
        {
                struct interface *ifc = inventory_add_interface(&inv);
                json_object *io;

                ck_assert_ptr_nonnull(ifc);
                ck_assert_ptr_nonnull(ifc->name = strdup("eth0"));
                ifc->ifindex = 2;
                ifc->has_mac = true;
                memcpy(ifc->mac, (const unsigned char[6]){ 0x52, 0x54, 0, 0x12, 0x34, 0x56 }, 6);
                inv.have_kernel = true;
                ck_assert_ptr_nonnull(doc = report_list_json(&inv));
                ck_assert(json_object_object_get_ex(doc, "interfaces", &j));
                io = json_object_array_get_idx(j, 0);
                for (size_t i = 0; i < n_if_fields; i++)
                        ck_assert_msg(json_object_object_get_ex(io, if_fields[i].key, NULL),
                                      "no JSON key %s", if_fields[i].key);
                json_object_put(doc);
        }
        /* the DHCP server is a default column of the text table */
        text = NULL;
        {
                FILE *f = open_memstream(&text, &len);

                ck_assert_int_eq(report_list_text(f, &inv, 0), 0);
                fclose(f);
                ck_assert_ptr_nonnull(strstr(text, "DHCP-SERVER"));
                ck_assert_ptr_nonnull(strstr(text, "192.168.122.254"));
                ck_assert_ptr_nonnull(strstr(text, "52:54:00:12:34:56"));
                free(text);
        }
        inventory_free(&inv);
}
END_TEST

/* The text of `list -v` from the line after title up to the next blank line. */
static char *text_section(const struct inventory *inv, const struct rtt_names *tables, const char *title)
{
        struct list_format fmt;
        char *text = NULL, *start, *end;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);

        ck_assert_ptr_nonnull(f);
        list_format_init(&fmt);
        fmt.verbose = 1;
        ck_assert_int_eq(report_list_text_format(f, inv, &fmt, tables), 0);
        fclose(f);
        ck_assert_msg((start = strstr(text, title)) != NULL, "no %s in %s", title, text);
        start += strlen(title);
        if ((end = strstr(start, "\n\n")))
                *end = '\0';
        memmove(text, start, strlen(start) + 1);
        return text;
}

/* A field with a column is in the text section with the text value; every
 * field with a value is in the JSON object under its key, numbers with the
 * number the text spells. */
static void check_field(json_object *o, const char *key, bool has_col, const struct field_value *v,
                        const char *section)
{
        char buf[FIELD_TEXT_MAX];
        const char *t = field_text(v, buf);
        json_object *j;

        if (v->kind == FV_ABSENT)
                return;
        ck_assert_msg(json_object_object_get_ex(o, key, &j), "no JSON key %s", key);
        if (v->kind == FV_PREFIXLEN)
                ck_assert_int_eq(json_object_get_int64(j), v->u.i);
        else if (v->kind == FV_RTTABLE)
                ck_assert_int_eq(json_object_get_int64(j), v->u.t.id);
        else if (v->kind == FV_TEXT || v->kind == FV_WORD || v->kind == FV_ADDR || v->kind == FV_PREFIX)
                ck_assert_str_eq(json_object_get_string(j), t);
        if (has_col && t)
                ck_assert_msg(strstr(section, t), "text lacks %s '%s': %s", key, t, section);
}

/* Pools, routes, DHCP ranges and fixed hosts: the same walk as
 * one_field_table_feeds_both (a range's text is the DHCP cell). */
START_TEST(pool_and_route_tables_feed_both)
{
        static const char names[] = "100 lab\n";
        struct rtt_names tables = { 0 };
        struct inventory inv;
        struct interface *ifc;
        struct addr_pool *p;
        struct route *rt;
        struct network *n;
        struct subnet *s;
        struct dhcp_range *dr;
        struct fixed_host *fh;
        struct addr a;
        json_object *doc, *j, *po, *ro, *so, *rgo, *fho;
        char *pools, *routes, *nets;

        inventory_init(&inv);
        inv.have_kernel = true;
        ck_assert_int_eq(rtt_parse(names, sizeof(names) - 1, &tables), 0);
        ck_assert_ptr_nonnull(ifc = inventory_add_interface(&inv));
        ck_assert_ptr_nonnull(ifc->name = strdup("uplink7"));
        ifc->ifindex = 7;
        ck_assert_ptr_nonnull(p = inventory_add_pool(&inv));
        p->source = NET_SRC_PODMAN;
        ck_assert_int_eq(prefix_parse("10.89.0.0/16", &p->base), 0);
        p->size = 24;
        p->origin = (struct origin){ .file = "/etc/containers/containers.conf", .line = 12 };
        ck_assert_ptr_nonnull(rt = inventory_add_route(&inv));
        rt->table = 100;
        ck_assert_int_eq(prefix_parse("198.51.100.0/24", &rt->dst), 0);
        rt->ifindex = 7;
        ck_assert_int_eq(addr_parse("203.0.113.9", &a), 0);
        addr_fact_set(&rt->gateway, &a, (struct origin){ 0 });
        ck_assert_ptr_nonnull(n = inventory_add_network(&inv, NET_SRC_LIBVIRT, "lab"));
        ck_assert_ptr_nonnull(s = network_add_subnet(n));
        ck_assert_int_eq(prefix_parse("198.51.100.0/24", &s->prefix), 0);
        ck_assert_ptr_nonnull(dr = subnet_add_range(s));
        ck_assert_int_eq(addr_parse("198.51.100.100", &dr->start), 0);
        ck_assert_int_eq(addr_parse("198.51.100.199", &dr->end), 0);
        dr->origin = (struct origin){ .file = "/etc/libvirt/qemu/networks/lab.xml", .line = 9 };
        ck_assert_ptr_nonnull(fh = subnet_add_host(s));
        strcpy(fh->mac, "52:54:00:aa:bb:cc");
        ck_assert_int_eq(addr_parse("198.51.100.5", &fh->ip), 0);
        ck_assert_ptr_nonnull(fh->name = strdup("web"));
        fh->origin = dr->origin;

        ck_assert_ptr_nonnull(doc = report_list_json(&inv));
        ck_assert(json_object_object_get_ex(doc, "networks", &j));
        ck_assert(json_object_object_get_ex(json_object_array_get_idx(j, 0), "subnets", &j));
        ck_assert_ptr_nonnull(so = json_object_array_get_idx(j, 0));
        ck_assert(json_object_object_get_ex(so, "dhcp_ranges", &j));
        ck_assert_ptr_nonnull(rgo = json_object_array_get_idx(j, 0));
        ck_assert(json_object_object_get_ex(so, "fixed_hosts", &j));
        ck_assert_ptr_nonnull(fho = json_object_array_get_idx(j, 0));
        nets = text_section(&inv, &tables, "Virtual networks\n");
        for (size_t i = 0; i < n_range_fields; i++) {
                struct field_value v = range_fields[i].get(dr);

                check_field(rgo, range_fields[i].key, range_fields[i].text_sep != NULL, &v, nets);
        }
        for (size_t i = 0; i < n_host_fields; i++) {
                struct field_value v = host_fields[i].get(fh);

                check_field(fho, host_fields[i].key, false, &v, nets);
        }
        ck_assert_msg(strstr(nets, "198.51.100.100-198.51.100.199; 1 fixed"), "%s", nets);
        free(nets);
        ck_assert(json_object_object_get_ex(doc, "pools", &j));
        ck_assert_ptr_nonnull(po = json_object_array_get_idx(j, 0));
        ck_assert(json_object_object_get_ex(doc, "routes", &j));
        ck_assert_ptr_nonnull(ro = json_object_array_get_idx(j, 0));
        pools = text_section(&inv, &tables, "Address pools\n");
        routes = text_section(&inv, &tables, "Routes\n");
        for (size_t i = 0; i < n_pool_fields; i++) {
                struct field_value v = pool_fields[i].get(p);

                check_field(po, pool_fields[i].key, pool_fields[i].col != PC_NONE, &v, pools);
        }
        for (size_t i = 0; i < n_route_fields; i++) {
                struct field_value v = route_fields[i].get(&inv, &tables, rt);

                check_field(ro, route_fields[i].key, route_fields[i].col != RC_NONE, &v, routes);
        }
        /* the values themselves, as a reader sees them */
        ck_assert_ptr_nonnull(strstr(pools, "podman 10.89.0.0/16 /24  /etc/containers/containers.conf:12"));
        ck_assert_ptr_nonnull(strstr(routes, "lab   198.51.100.0/24 uplink7 203.0.113.9"));
        free(pools);
        free(routes);
        json_object_put(doc);
        rtt_free(&tables);
        inventory_free(&inv);
}
END_TEST

static Suite *list_format_suite(void)
{
        Suite *s = suite_create("list_format");
        TCase *tc = tcase_create("core");

        tcase_add_test(tc, columns_replace_append_reject);
        tcase_add_test(tc, cell_text_is_bounded);
        tcase_add_test(tc, table_names);
        tcase_add_test(tc, order_by_source_then_name);
        tcase_add_test(tc, one_field_table_feeds_both);
        tcase_add_test(tc, pool_and_route_tables_feed_both);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(list_format_suite)
