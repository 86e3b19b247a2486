/*
 * test_model.c - the inventory and its helpers: origins, MAC parsing,
 * escaping of untrusted bytes, host networks derived from interfaces,
 * state resolution, finding keys and order.
 */
#include <errno.h>
#include <json-c/json.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "check_main.h"
#include "findings.h"
#include "gather.h"
#include "jsonout.h"
#include "numparse.h"
#include "textesc.h"

START_TEST(origins)
{
        struct inventory inv;
        char buf[256];
        struct origin o;

        inventory_init(&inv);
        o = origin_file(&inv, "/etc/vmware/networking", 7);
        ck_assert_str_eq(origin_format(&o, buf, sizeof(buf)), "/etc/vmware/networking:7");
        ck_assert_ptr_eq(o.file, inventory_intern(&inv, "/etc/vmware/networking"));
        o = origin_kernel(4);
        ck_assert_str_eq(origin_format(&o, buf, sizeof(buf)), "kernel (ifindex 4)");
        inventory_free(&inv);
}
END_TEST

START_TEST(macs)
{
        unsigned char m[6];
        char buf[MAC_STRLEN];

        ck_assert_int_eq(mac_parse("00:50:56:C0:00:01", m), 0);
        mac_format(m, buf);
        ck_assert_str_eq(buf, "00:50:56:c0:00:01");
        ck_assert_int_eq(mac_parse("0:c:29:a:b:c", m), 0);
        mac_format(m, buf);
        ck_assert_str_eq(buf, "00:0c:29:0a:0b:0c");
        ck_assert_int_eq(mac_parse("52-54-00-12-34-56", m), 0);
        ck_assert_int_eq(mac_parse("52:54-00:12:34:56", m), -EINVAL);
        ck_assert_int_eq(mac_parse("52:54:00:12:34", m), -EINVAL);
        ck_assert_int_eq(mac_parse("52:54:00:12:34:56:78", m), -EINVAL);
        ck_assert_int_eq(mac_parse("52:54:00:12:34:5g", m), -EINVAL);
        ck_assert_int_eq(mac_parse("", m), -EINVAL);
}
END_TEST

START_TEST(escaping)
{
        char *e;

        e = textesc("br\"\\q\x01\xff", false);
        ck_assert_str_eq(e, "br\"\\q\x01\\xff");
        free(e);
        e = textesc("br\x01\x7f", true);
        ck_assert_str_eq(e, "br\\x01\\x7f");
        free(e);
        /* C1 controls in UTF-8 (U+009B is CSI) are controls too for a terminal. */
        e = textesc("a\xc2\x9b" "31mb\xc2\x85\xc2\xa0", true);
        ck_assert_str_eq(e, "a\\xc2\\x9b" "31mb\\xc2\\x85\xc2\xa0");
        free(e);
        e = textesc("a\xc2\x9b", false);
        ck_assert_str_eq(e, "a\xc2\x9b");
        free(e);
        e = textesc("caf\xc3\xa9 \xe2\x82\xac", true);     /* valid UTF-8 kept */
        ck_assert_str_eq(e, "caf\xc3\xa9 \xe2\x82\xac");
        free(e);
        e = textesc("\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\xe2\x82", false); /* overlong, surrogate, >U+10FFFF, truncated */
        ck_assert_str_eq(e, "\\xc0\\xaf\\xed\\xa0\\x80\\xf4\\x90\\x80\\x80\\xe2\\x82");
        free(e);
}
END_TEST

/* The one decoder (textesc.c), which mail and the map use too. */
START_TEST(utf8_decoder)
{
        static const struct { const char *s; size_t len; uint32_t cp; } cases[] = {
                { "A", 1, 0x41 }, { "\xc3\xa9", 2, 0xe9 }, { "\xe2\x82\xac", 3, 0x20ac },
                { "\xf0\x9f\x98\x80", 4, 0x1f600 }, { "\xf4\x8f\xbf\xbf", 4, 0x10ffff },
                { "\xed\x9f\xbf", 3, 0xd7ff },
                { "\xc0\xaf", 0, 0 }, { "\xc1\xbf", 0, 0 },                 /* overlong */
                { "\xe0\x80\xaf", 0, 0 }, { "\xf0\x80\x80\xaf", 0, 0 },      /* overlong */
                { "\xed\xa0\x80", 0, 0 }, { "\xed\xbf\xbf", 0, 0 },           /* surrogates */
                { "\xf4\x90\x80\x80", 0, 0 }, { "\xf5\x80\x80\x80", 0, 0 }, /* > U+10FFFF */
                { "\xe2\x82", 0, 0 }, { "\xf0\x9f\x98", 0, 0 }, { "\xc3", 0, 0 }, /* truncated */
                { "\x80", 0, 0 }, { "\xe2\x28\xa1", 0, 0 },                     /* stray, bad continuation */
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                uint32_t cp = 0xdead;
                size_t n = utf8_decode((const unsigned char *)cases[i].s, strlen(cases[i].s), &cp);

                ck_assert_msg(n == cases[i].len, "case %zu: length %zu", i, n);
                if (n)
                        ck_assert_uint_eq(cp, cases[i].cp);
                ck_assert_uint_eq(utf8_valid_len((const unsigned char *)cases[i].s, strlen(cases[i].s)), n);
        }
        /* a sequence cut by the available length, not by a NUL */
        ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xe2\x82\xac", 2, &(uint32_t){ 0 }), 0);
        ck_assert_uint_eq(utf8_decode((const unsigned char *)"", 0, &(uint32_t){ 0 }), 0);
}
END_TEST

START_TEST(json_any_bytes)
{
        json_object *o = json_object_new_object(), *back;
        const char *text;

        json_put(o, "name", json_str("a\"b\\c\x01\xff/"));
        text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_NOSLASHESCAPE);
        back = json_tokener_parse(text);
        ck_assert_ptr_nonnull(back);
        ck_assert_str_eq(json_object_get_string(json_object_object_get(back, "name")),
                         "a\"b\\c\x01\\xff/");
        json_object_put(back);
        json_object_put(o);
}
END_TEST

static struct interface *add_if(struct inventory *inv, const char *name, int idx,
                                enum link_kind kind, unsigned flags, int master)
{
        struct interface *ifc = inventory_add_interface(inv);

        ck_assert_ptr_nonnull(ifc);
        ifc->name = strdup(name);
        ifc->ifindex = idx;
        ifc->kind = kind;
        ifc->flags = flags;
        ifc->master_ifindex = master;
        return ifc;
}

static void add_ifaddr(struct interface *ifc, const char *p)
{
        struct if_address *ia = interface_add_address(ifc);

        ck_assert_int_eq(prefix_parse(p, &ia->prefix), 0);
        ia->origin = origin_kernel(ifc->ifindex);
}

START_TEST(host_networks)
{
        struct inventory inv;
        struct network *net;
        char buf[PREFIX_STRLEN];

        inventory_init(&inv);
        inv.have_kernel = true;
        add_ifaddr(add_if(&inv, "br0", 5, LINK_KIND_BRIDGE, IFF_UP, 0), "203.0.113.1/24");
        add_ifaddr(&inv.ifs[0], "fe80::1/64");
        add_if(&inv, "veth0", 6, LINK_KIND_VETH, IFF_UP, 5);
        add_ifaddr(add_if(&inv, "eth0", 2, LINK_KIND_PHYSICAL, IFF_UP, 0), "198.51.100.2/24");
        add_if(&inv, "vmnet8", 7, LINK_KIND_VMNET, 0, 0);
        add_if(&inv, "virbr0", 8, LINK_KIND_BRIDGE, IFF_UP, 0);
        /* virbr0 belongs to a configured libvirt network: no host network for it */
        net = inventory_add_network(&inv, NET_SRC_LIBVIRT, "default");
        network_set_device(net, "virbr0");
        net->state = NET_STATE_UP;
        net = inventory_add_network(&inv, NET_SRC_LIBVIRT, "gone");
        network_set_device(net, "virbr9");
        net->state = NET_STATE_UP;
        net = inventory_add_network(&inv, NET_SRC_LIBVIRT, "off");
        network_set_device(net, "virbr7");
        net->state = NET_STATE_INACTIVE;

        ck_assert_int_eq(gather_host_networks(&inv), 0);
        gather_resolve_states(&inv);
        ck_assert_uint_eq(inv.n_nets, 5);
        net = inventory_find_network(&inv, NET_SRC_HOST, "br0");
        ck_assert_ptr_nonnull(net);
        ck_assert_str_eq(net->id, "host:br0");
        ck_assert_int_eq(net->type, NET_TYPE_BRIDGE);
        ck_assert_int_eq(net->state, NET_STATE_UP);
        ck_assert_uint_eq(net->n_subnets, 1);   /* link-local skipped */
        ck_assert_str_eq(prefix_format(&net->subnets[0].prefix, buf), "203.0.113.0/24");
        ck_assert(net->subnets[0].host_address.set);
        net = inventory_find_network(&inv, NET_SRC_HOST, "vmnet8");
        ck_assert_ptr_nonnull(net);
        ck_assert_int_eq(net->state, NET_STATE_DOWN);
        ck_assert_ptr_null(inventory_find_network(&inv, NET_SRC_HOST, "eth0"));
        ck_assert_ptr_null(inventory_find_network(&inv, NET_SRC_HOST, "veth0"));
        ck_assert_ptr_null(inventory_find_network(&inv, NET_SRC_HOST, "virbr0"));
        ck_assert_int_eq(inventory_find_network(&inv, NET_SRC_LIBVIRT, "default")->state, NET_STATE_UP);
        ck_assert_int_eq(inventory_find_network(&inv, NET_SRC_LIBVIRT, "gone")->state, NET_STATE_ABSENT);
        ck_assert_int_eq(inventory_find_network(&inv, NET_SRC_LIBVIRT, "off")->state, NET_STATE_INACTIVE);
        inventory_free(&inv);
}
END_TEST

START_TEST(finding_keys_and_order)
{
        struct finding_list l = { 0 };
        struct finding *f;
        char *k1, *k2;

        f = finding_add(&l, F_DHCP_CONFIG_STALE, SEV_WARNING, "w", "h");
        finding_add_network(f, "vmware:vmnet1");
        f = finding_add(&l, F_SUBNET_OVERLAP, SEV_ERROR, "e", "h");
        finding_add_network(f, "vmware:vmnet8");
        finding_add_network(f, "libvirt:default");
        finding_add_network(f, "libvirt:default");      /* duplicates collapse */
        ck_assert_uint_eq(f->n_networks, 2);
        finding_add_address(f, "192.168.122.0/24");
        f = finding_add(&l, F_SUBNET_OVERLAP, SEV_ERROR, "e2", "h");
        finding_add_network(f, "libvirt:default");
        finding_add_network(f, "vmware:vmnet8");
        finding_add_address(f, "192.168.122.0/24");
        k1 = finding_key(&l.v[1]);
        k2 = finding_key(&l.v[2]);
        ck_assert_str_eq(k1, k2);       /* order of sides does not matter */
        ck_assert_str_eq(k1, "subnet-overlap|libvirt:default,vmware:vmnet8|192.168.122.0/24|");
        finding_list_sort(&l);
        ck_assert_int_eq(l.v[0].severity, SEV_ERROR);
        ck_assert_int_eq(l.v[2].code, F_DHCP_CONFIG_STALE);
        ck_assert_uint_eq(finding_count(&l, SEV_ERROR), 2);
        ck_assert_int_eq(finding_code_from_name("address-in-use"), F_ADDRESS_IN_USE);
        ck_assert_int_eq(finding_code_from_name("nope"), -1);
        free(k1);
        free(k2);
        finding_list_free(&l);
}
END_TEST

START_TEST(virtual_names)
{
        ck_assert(gather_is_virtual_name("vmnet8"));
        ck_assert(gather_is_virtual_name("virbr0"));
        ck_assert(gather_is_virtual_name("docker0"));
        ck_assert(gather_is_virtual_name("br-1a2b3c"));
        ck_assert(gather_is_virtual_name("lxcbr0"));
        ck_assert(gather_is_virtual_name("vboxnet0"));
        ck_assert(!gather_is_virtual_name("eth0"));
        ck_assert(!gather_is_virtual_name("wlp3s0"));
}
END_TEST

START_TEST(decimals)
{
        unsigned long v = 7;

        ck_assert_int_eq(parse_decimal("0", 0, 32, &v), 0);
        ck_assert_uint_eq(v, 0);
        ck_assert_int_eq(parse_decimal("65535", 1, 65535, &v), 0);
        ck_assert_uint_eq(v, 65535);
        ck_assert_int_eq(parse_decimal("65536", 1, 65535, &v), -ERANGE);
        ck_assert_int_eq(parse_decimal("0", 1, 65535, &v), -ERANGE);
        ck_assert_int_eq(parse_decimal("99999999999999999999999", 0, 10, &v), -ERANGE);
        ck_assert_int_eq(parse_decimal("", 0, 10, &v), -EINVAL);
        ck_assert_int_eq(parse_decimal(NULL, 0, 10, &v), -EINVAL);
        ck_assert_int_eq(parse_decimal("+1", 0, 10, &v), -EINVAL);
        ck_assert_int_eq(parse_decimal("-1", 0, 10, &v), -EINVAL);
        ck_assert_int_eq(parse_decimal(" 1", 0, 10, &v), -EINVAL);
        ck_assert_int_eq(parse_decimal("1 ", 0, 10, &v), -EINVAL);
        ck_assert_int_eq(parse_decimal("0x1", 0, 10, &v), -EINVAL);
        ck_assert_uint_eq(v, 65535);    /* untouched on failure */
}
END_TEST

static Suite *model_suite(void)
{
        Suite *s = suite_create("model");
        TCase *tc = tcase_create("core");

        tcase_add_test(tc, origins);
        tcase_add_test(tc, macs);
        tcase_add_test(tc, escaping);
        tcase_add_test(tc, utf8_decoder);
        tcase_add_test(tc, json_any_bytes);
        tcase_add_test(tc, host_networks);
        tcase_add_test(tc, finding_keys_and_order);
        tcase_add_test(tc, virtual_names);
        tcase_add_test(tc, decimals);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(model_suite)
