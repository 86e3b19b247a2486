/*
 * test_map.c - the map's escaper, layout and renderers on inventories
 * built in code: the axis keeps a /24 visible next to a /8 and nests
 * subnets inside their parents, findings mark exactly the bars they name
 * (cross-host findings by "HOST/ID"), free RFC 1918 space is the
 * complement of what is used, hostile names stay text, the SVG is
 * well-formed XML (libxml2) and every link points at a bar that exists.
 */
#include <arpa/inet.h>
#include <check.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "check_main.h"
#include "map_escape.h"
#include "map_render.h"
#include "textesc.h"

static struct inventory inv[3];
static struct finding_list fl[3], cross;

static void setup(void)
{
        for (int i = 0; i < 3; i++) {
                inventory_init(&inv[i]);
                fl[i] = (struct finding_list){ 0 };
        }
        cross = (struct finding_list){ 0 };
}

static void teardown(void)
{
        for (int i = 0; i < 3; i++) {
                inventory_free(&inv[i]);
                finding_list_free(&fl[i]);
        }
        finding_list_free(&cross);
}

static struct prefix P(const char *s)
{
        struct prefix p;

        ck_assert_msg(prefix_parse(s, &p) == 0, "bad prefix %s", s);
        return p;
}

/* A network with one subnet whose host address is .1. */
static struct network *net(struct inventory *iv, enum net_source src, const char *name, const char *cidr)
{
        struct network *n = inventory_add_network(iv, src, name);
        struct subnet *s;
        struct prefix p = P(cidr);
        struct addr host;

        ck_assert_ptr_nonnull(n);
        ck_assert_int_eq(network_set_device(n, name), 0);
        n->type = NET_TYPE_HOSTONLY;
        n->origin = origin_file(iv, "/etc/test", 1);
        ck_assert_ptr_nonnull(s = network_add_subnet(n));
        s->prefix = prefix_network(&p);
        s->origin = origin_file(iv, "/etc/test", 2);
        ck_assert_int_eq(addr_add(&s->prefix.addr, 1, &host), 0);
        addr_fact_set(&s->host_address, &host, s->origin);
        return n;
}

static char *render(const struct map_model *m, enum map_format fmt, size_t *ret_len)
{
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);

        ck_assert_ptr_nonnull(f);
        ck_assert_int_eq(map_render(f, m, fmt), 0);
        ck_assert_int_eq(fclose(f), 0);
        if (ret_len)
                *ret_len = len;
        return buf;
}

static const struct map_bar *bar_of(const struct map_layout *l, size_t host, const char *id)
{
        char buf[300];

        for (size_t i = 0; i < l->n_bars; i++)
                if (l->bars[i].host == host && strcmp(map_bar_id(&l->bars[i], buf, sizeof(buf)), id) == 0)
                        return &l->bars[i];
        ck_abort_msg("no bar %s on host %zu", id, host);
        return NULL;
}

START_TEST(escape_markup_and_dot)
{
        char *e = map_escape("<a href=\"x\">&'", 14, MAP_ESC_MARKUP, 0);

        ck_assert_str_eq(e, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        free(e);
        e = map_escape("a\"b\\c", 5, MAP_ESC_DOT, 0);
        ck_assert_str_eq(e, "a\\\"b\\\\c");
        free(e);
        /* invalid UTF-8, a C0 control, NUL, and an RLO become visible bytes */
        e = map_escape("x\xff\t\0\xe2\x80\xaey", 8, MAP_ESC_MARKUP, 0);
        ck_assert_str_eq(e, "x\\xff\\x09\\x00\\xe2\\x80\\xaey");
        free(e);
        e = map_escape("\xe2\x80\xae", 3, MAP_ESC_DOT, 0);
        ck_assert_str_eq(e, "\\\\xe2\\\\x80\\\\xae");
        free(e);
        /* valid multi-byte text passes; truncation counts characters */
        e = map_escape("Zürich-Büro", strlen("Zürich-Büro"), MAP_ESC_MARKUP, 6);
        ck_assert_str_eq(e, "Zürich\xe2\x80\xa6");
        free(e);
        e = map_escape("short", 5, MAP_ESC_MARKUP, 6);
        ck_assert_str_eq(e, "short");
        free(e);
}
END_TEST

START_TEST(axis_keeps_small_subnets_visible)
{
        struct map_host h = { "h", &inv[0], NULL };
        struct map_model m = { &h, 1, NULL, NULL };
        struct map_layout l;
        const struct map_bar *big, *small, *mid, *inner;

        net(&inv[0], NET_SRC_HOST, "wide", "10.0.0.0/8");
        net(&inv[0], NET_SRC_VMWARE, "vmnet1", "192.168.56.0/24");
        net(&inv[0], NET_SRC_LIBVIRT, "lab", "172.16.0.0/16");
        net(&inv[0], NET_SRC_LIBVIRT, "inner", "172.16.3.0/24");
        ck_assert_int_eq(map_layout_build(&m, &l), 0);
        big = bar_of(&l, 0, "host:wide");
        small = bar_of(&l, 0, "vmware:vmnet1");
        mid = bar_of(&l, 0, "libvirt:lab");
        inner = bar_of(&l, 0, "libvirt:inner");
        /* 65,536 times smaller, still at least a quarter of the /8's width */
        ck_assert_double_ge(small->x1 - small->x0, 20.0);
        ck_assert_double_ge(4 * (small->x1 - small->x0), big->x1 - big->x0);
        /* nested: inside its parent, stacked on a second row */
        ck_assert_double_ge(inner->x0, mid->x0);
        ck_assert_double_le(inner->x1, mid->x1);
        ck_assert_uint_eq(mid->row, 0);
        ck_assert_uint_eq(inner->row, 1);
        ck_assert_uint_eq(l.v4.rows[0], 2);
        /* blocks in address order, apart: 10/8, 172.16/12, 192.168/16 */
        ck_assert_uint_eq(l.v4.n_blocks, 3);
        ck_assert(l.v4.blocks[0].x1 < l.v4.blocks[1].x0);
        ck_assert(big->x1 <= mid->x0 && mid->x1 <= small->x0);
        ck_assert_double_le(l.v4.blocks[2].x1, l.v4.width + 0.001);
        map_layout_free(&l);
}
END_TEST

START_TEST(axis_outside_rfc1918)
{
        struct map_host h = { "h", &inv[0], NULL };
        struct map_model m = { &h, 1, NULL, NULL };
        struct map_layout l;
        struct interface *ifc = inventory_add_interface(&inv[0]);
        struct if_address *ia;

        ifc->name = strdup("eth0");
        ifc->kind = LINK_KIND_PHYSICAL;
        ia = interface_add_address(ifc);
        ia->prefix = P("198.51.100.10/24");
        ia = interface_add_address(ifc);
        ia->prefix = P("fe80::1/64");           /* link-local: not drawn */
        ia = interface_add_address(ifc);
        ia->prefix = P("2001:db8:5:7::10/64");
        ck_assert_int_eq(map_layout_build(&m, &l), 0);
        ck_assert_uint_eq(l.n_bars, 2);
        ck_assert_uint_eq(l.v4.n_blocks, 4);    /* the RFC 1918 three and 198.51.0.0/16 */
        ck_assert(l.v4.blocks[3].is_prefix);
        ck_assert_uint_eq(l.v4.blocks[3].prefix.len, 16);
        ck_assert_uint_eq(l.v6.n_bars, 1);
        ck_assert_uint_eq(l.v6.n_blocks, 1);
        ck_assert_uint_eq(l.v6.blocks[0].prefix.len, 48);
        ck_assert_str_eq(bar_of(&l, 0, "host:eth0")->ifc->name, "eth0");
        map_layout_free(&l);
}
END_TEST

START_TEST(findings_mark_their_bars)
{
        struct map_host h = { "ws", &inv[0], &fl[0] };
        struct map_model m = { &h, 1, NULL, NULL };
        struct map_layout l;

        net(&inv[0], NET_SRC_VMWARE, "vmnet6", "192.168.56.0/24");
        net(&inv[0], NET_SRC_LIBVIRT, "testbridge", "192.168.56.0/24");
        net(&inv[0], NET_SRC_VMWARE, "vmnet8", "172.16.68.0/24");
        ck_assert_int_eq(analysis_run(&inv[0], NULL, &fl[0]), 0);      /* the real analysis */
        ck_assert_uint_ge(fl[0].n, 2);
        ck_assert_int_eq(map_layout_build(&m, &l), 0);
        ck_assert(bar_of(&l, 0, "vmware:vmnet6")->marked);
        ck_assert_int_eq(bar_of(&l, 0, "vmware:vmnet6")->sev, SEV_ERROR);
        ck_assert(bar_of(&l, 0, "libvirt:testbridge")->marked);
        ck_assert(!bar_of(&l, 0, "vmware:vmnet8")->marked);
        ck_assert_uint_ge(bar_of(&l, 0, "vmware:vmnet6")->n_marks, 2);
        ck_assert_uint_eq(l.n_findings, fl[0].n);
        for (size_t i = 0; i < l.n_findings; i++)
                ck_assert(l.findings[i].first_bar != SIZE_MAX);
        ck_assert_uint_eq(l.by_sev[SEV_ERROR], finding_count(&fl[0], SEV_ERROR));
        /* free space: 192.168/16 minus the one /24 both use */
        ck_assert_uint_eq(l.v4.n_free, 5);      /* 10/8; 172.16/12 in two; 192.168/16 in two */
        map_layout_free(&l);
}
END_TEST

/* A cross-host finding as fleet names networks: "HOST/ID".  Built by hand
 * here, standing in for fleet's analysis, which is not part of this tree. */
START_TEST(cross_host_findings)
{
        struct map_host h[2] = { { "workstation", &inv[0], NULL }, { "testserver", &inv[1], NULL } };
        struct map_model m = { h, 2, &cross, NULL };
        struct map_layout l;
        struct finding *f;

        net(&inv[0], NET_SRC_VMWARE, "vmnet6", "192.168.56.0/24");
        net(&inv[0], NET_SRC_LIBVIRT, "default", "192.168.122.0/24");
        net(&inv[1], NET_SRC_LIBVIRT, "default", "192.168.122.0/24");
        net(&inv[1], NET_SRC_LIBVIRT, "testbridge", "192.168.56.0/24");
        f = finding_add(&cross, F_DUPLICATE_HOST_ADDRESS, SEV_ERROR, "both hold 192.168.56.1", "fix");
        ck_assert_int_eq(finding_add_network(f, "workstation/vmware:vmnet6"), 0);
        ck_assert_int_eq(finding_add_network(f, "testserver/libvirt:testbridge"), 0);
        ck_assert_int_eq(finding_add_network(f, "nosuchhost/libvirt:x"), 0);
        ck_assert_int_eq(finding_add_address(f, "192.168.56.1"), 0);
        f = finding_add(&cross, F_DHCP_CONFIG_STALE, SEV_WARNING, "testserver: stale", "fix");
        ck_assert_int_eq(finding_add_network(f, "testserver/libvirt:default"), 0);
        ck_assert_int_eq(map_layout_build(&m, &l), 0);
        ck_assert(bar_of(&l, 0, "vmware:vmnet6")->marked);
        ck_assert(bar_of(&l, 1, "libvirt:testbridge")->marked);
        ck_assert(!bar_of(&l, 0, "libvirt:default")->marked);
        ck_assert(bar_of(&l, 1, "libvirt:default")->marked);    /* the second finding */
        ck_assert_int_eq(bar_of(&l, 1, "libvirt:default")->sev, SEV_WARNING);
        ck_assert_uint_eq(l.n_marks, 3);
        ck_assert_uint_eq(l.findings[0].host, SIZE_MAX);        /* spans two hosts */
        ck_assert_uint_eq(l.findings[1].host, 1);               /* about testserver only */
        ck_assert(l.findings[1].cross);
        map_layout_free(&l);
}
END_TEST

static bool valid_utf8(const char *s, size_t n)
{
        for (size_t i = 0; i < n;) {
                size_t k = utf8_valid_len((const unsigned char *)s + i, n - i);

                if (!k)
                        return false;
                i += k;
        }
        return true;
}

/* Every href="#bN" names an element with id="bN". */
static void check_links(const char *doc)
{
        size_t n = 0;

        for (const char *p = doc; (p = strstr(p, "href=\"#b")); p++) {
                char id[40];
                unsigned long k = strtoul(p + 8, NULL, 10);

                snprintf(id, sizeof(id), "id=\"b%lu\"", k);
                ck_assert_msg(strstr(doc, id), "link to missing bar b%lu", k);
                n++;
        }
        ck_assert_uint_gt(n, 0);
}

START_TEST(html_hostile_names_are_text)
{
        static const char hostile[] = "<script>alert(1)</script>\"'\xe2\x80\xae" "evil\xff";
        struct map_host h[2] = { { hostile, &inv[0], &fl[0] }, { "b", &inv[1], NULL } };
        struct map_model m = { h, 2, NULL, "2026-01-01 00:00 UTC" };
        size_t len;
        char *doc;

        net(&inv[0], NET_SRC_LIBVIRT, hostile, "10.9.0.0/16");
        net(&inv[0], NET_SRC_LIBVIRT, "same", "10.9.1.0/24");
        net(&inv[1], NET_SRC_HOST, "<b>", "fd00:1::/64");
        ck_assert_int_eq(analysis_run(&inv[0], NULL, &fl[0]), 0);
        ck_assert_uint_ge(fl[0].n, 1);
        doc = render(&m, MAP_FORMAT_HTML, &len);
        ck_assert(valid_utf8(doc, len));
        ck_assert_ptr_null(strstr(doc, "<script"));
        ck_assert_ptr_null(strstr(doc, "<b>"));
        ck_assert_ptr_null(strstr(doc, "\xe2\x80\xae"));
        ck_assert_ptr_nonnull(strstr(doc, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;\\xe2\\x80\\xaeevil\\xff"));
        ck_assert_ptr_nonnull(strstr(doc, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
        ck_assert_ptr_nonnull(strstr(doc, "subnet-overlap"));
        ck_assert_ptr_nonnull(strstr(doc, "Generated 2026-01-01 00:00 UTC"));
        ck_assert_ptr_nonnull(strstr(doc, "IPv6 prefixes"));
        /* nothing that fetches */
        ck_assert_ptr_null(strstr(doc, "src=\"http"));
        ck_assert_ptr_null(strstr(doc, "<link"));
        ck_assert_ptr_null(strstr(doc, "@import"));
        check_links(doc);
        free(doc);
}
END_TEST

START_TEST(svg_is_well_formed_xml)
{
        static const char hostile[] = "x<y>&\"'\xe2\x80\xae\x01\xc3";
        struct map_host h = { hostile, &inv[0], &fl[0] };
        struct map_model m = { &h, 1, NULL, NULL };
        size_t len;
        char *doc;
        xmlDocPtr x;

        net(&inv[0], NET_SRC_LIBVIRT, hostile, "10.9.0.0/16");
        net(&inv[0], NET_SRC_LIBVIRT, "same", "10.9.1.0/24");
        net(&inv[0], NET_SRC_LIBVIRT, "six", "fd00:2::/64");
        ck_assert_int_eq(analysis_run(&inv[0], NULL, &fl[0]), 0);
        doc = render(&m, MAP_FORMAT_SVG, &len);
        ck_assert(strncmp(doc, "<?xml", 5) == 0);
        x = xmlReadMemory(doc, (int)len, "map.svg", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR |
                          XML_PARSE_NOWARNING);
        ck_assert_msg(x != NULL, "SVG is not well-formed XML");
        ck_assert_str_eq((const char *)xmlDocGetRootElement(x)->name, "svg");
        xmlFreeDoc(x);
        ck_assert_ptr_nonnull(strstr(doc, "x&lt;y&gt;&amp;&quot;&#39;\\xe2\\x80\\xae\\x01\\xc3"));
        ck_assert_ptr_nonnull(strstr(doc, "IPv6 prefixes"));
        free(doc);
}
END_TEST

START_TEST(dot_graph)
{
        struct map_host h = { "ws\"x", &inv[0], &fl[0] };
        struct map_model m = { &h, 1, NULL, NULL };
        struct interface *ifc = inventory_add_interface(&inv[0]);
        struct if_address *ia;
        struct network *n;
        char *doc;

        ifc->name = strdup("eth0");
        ifc->kind = LINK_KIND_PHYSICAL;
        ia = interface_add_address(ifc);
        ia->prefix = P("198.51.100.10/24");
        n = net(&inv[0], NET_SRC_VMWARE, "vmnet6", "192.168.56.0/24");
        (void)n;
        net(&inv[0], NET_SRC_LIBVIRT, "testbridge", "192.168.56.0/24");
        ck_assert_int_eq(analysis_run(&inv[0], NULL, &fl[0]), 0);
        doc = render(&m, MAP_FORMAT_DOT, NULL);
        ck_assert(strncmp(doc, "graph vnetaudit {\n", 18) == 0);
        ck_assert_ptr_nonnull(strstr(doc, "label=\"ws\\\"x\""));
        ck_assert_ptr_nonnull(strstr(doc, "lan0 [shape=doubleoctagon, label=\"LAN\\n198.51.100.0/24\"]"));
        ck_assert_ptr_nonnull(strstr(doc, "h0i0 -- lan0"));
        ck_assert_ptr_nonnull(strstr(doc, "h0n0 -- h0n1 [color=\"#b71c1c\""));
        ck_assert_ptr_nonnull(strstr(doc, "error subnet-overlap"));
        free(doc);
}
END_TEST

static Suite *map_suite(void)
{
        Suite *s = suite_create("map");
        TCase *tc = tcase_create("map");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, escape_markup_and_dot);
        tcase_add_test(tc, axis_keeps_small_subnets_visible);
        tcase_add_test(tc, axis_outside_rfc1918);
        tcase_add_test(tc, findings_mark_their_bars);
        tcase_add_test(tc, cross_host_findings);
        tcase_add_test(tc, html_hostile_names_are_text);
        tcase_add_test(tc, svg_is_well_formed_xml);
        tcase_add_test(tc, dot_graph);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(map_suite)
