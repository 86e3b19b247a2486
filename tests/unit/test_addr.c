/*
 * test_addr.c - prefix arithmetic at the edges: /0, /32, /128, all-zero
 * and all-ones, host bits set, IPv4-mapped IPv6, netmasks, ranges.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "check_main.h"

static struct prefix P(const char *s)
{
        struct prefix p;

        ck_assert_msg(prefix_parse(s, &p) == 0, "cannot parse %s", s);
        return p;
}

static struct addr A(const char *s)
{
        struct addr a;

        ck_assert_msg(addr_parse(s, &a) == 0, "cannot parse %s", s);
        return a;
}

static const char *fmtp(struct prefix p)
{
        static char buf[PREFIX_STRLEN];
        return prefix_format(&p, buf);
}

START_TEST(parse_and_format)
{
        struct prefix p;

        ck_assert_str_eq(fmtp(P("192.168.1.0/24")), "192.168.1.0/24");
        ck_assert_str_eq(fmtp(P("10.1.2.3")), "10.1.2.3/32");
        ck_assert_str_eq(fmtp(P("2001:db8::/32")), "2001:db8::/32");
        ck_assert_str_eq(fmtp(P("::/0")), "::/0");
        ck_assert_str_eq(fmtp(P("fe80::1")), "fe80::1/128");
        ck_assert_int_eq(prefix_parse("192.168.1.0/33", &p), -EINVAL);
        ck_assert_int_eq(prefix_parse("2001:db8::/129", &p), -EINVAL);
        ck_assert_int_eq(prefix_parse("192.168.1.0/", &p), -EINVAL);
        ck_assert_int_eq(prefix_parse("192.168.1.0/-1", &p), -EINVAL);
        ck_assert_int_eq(prefix_parse("192.168.1.0/2x", &p), -EINVAL);
        ck_assert_int_eq(prefix_parse("192.168.1/24", &p), -EINVAL);
        ck_assert_int_eq(prefix_parse("300.1.1.1/8", &p), -EINVAL);
        ck_assert_int_eq(prefix_parse("", &p), -EINVAL);
        ck_assert_int_eq(prefix_parse(NULL, &p), -EINVAL);
        ck_assert_int_eq(prefix_parse(" 10.0.0.0/8", &p), -EINVAL);
}
END_TEST

START_TEST(normalise_host_bits)
{
        struct prefix p = P("192.168.1.77/24"), n = prefix_network(&p);

        ck_assert(prefix_has_host_bits(&p));
        ck_assert(!prefix_has_host_bits(&n));
        ck_assert_str_eq(fmtp(n), "192.168.1.0/24");
        p = P("10.255.255.255/0");
        ck_assert_str_eq(fmtp(prefix_network(&p)), "0.0.0.0/0");
        p = P("255.255.255.255/32");
        ck_assert(!prefix_has_host_bits(&p));
        p = P("2001:db8:ffff:ffff::1/33");
        ck_assert_str_eq(fmtp(prefix_network(&p)), "2001:db8:8000::/33");
        p = P("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
        ck_assert(!prefix_has_host_bits(&p));
        p = P("192.168.1.77/25");
        ck_assert_str_eq(fmtp(prefix_network(&p)), "192.168.1.0/25");
}
END_TEST

START_TEST(first_last)
{
        struct prefix p = P("192.168.1.0/24");
        struct addr f = prefix_first(&p), l = prefix_last(&p);
        char b[ADDR_STRLEN];

        ck_assert_str_eq(addr_format(&f, b), "192.168.1.0");
        ck_assert_str_eq(addr_format(&l, b), "192.168.1.255");
        p = P("0.0.0.0/0");
        l = prefix_last(&p);
        ck_assert_str_eq(addr_format(&l, b), "255.255.255.255");
        p = P("::/0");
        l = prefix_last(&p);
        ck_assert_str_eq(addr_format(&l, b), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        p = P("10.0.0.5/31");
        f = prefix_first(&p);
        ck_assert_str_eq(addr_format(&f, b), "10.0.0.4");
}
END_TEST

START_TEST(contains_and_overlaps)
{
        struct prefix all4 = P("0.0.0.0/0"), all6 = P("::/0"), net = P("192.168.1.0/24");
        struct prefix host = P("192.168.1.255/32"), other = P("192.168.2.0/24");
        struct addr a = A("192.168.1.1"), mapped = A("::ffff:192.168.1.1");

        ck_assert(prefix_contains(&all4, &a));
        ck_assert(prefix_contains(&net, &a));
        ck_assert(!prefix_contains(&other, &a));
        /* IPv4-mapped IPv6 stays IPv6: never inside an IPv4 prefix, but inside ::/0 */
        ck_assert(!prefix_contains(&net, &mapped));
        ck_assert(prefix_contains(&all6, &mapped));
        ck_assert(!prefix_contains(&all6, &a));
        ck_assert(prefix_contains_prefix(&net, &host));
        ck_assert(!prefix_contains_prefix(&host, &net));
        ck_assert(prefix_overlaps(&net, &host));
        ck_assert(prefix_overlaps(&host, &net));
        ck_assert(!prefix_overlaps(&net, &other));
        ck_assert(prefix_overlaps(&all4, &other));
        ck_assert(!prefix_overlaps(&all4, &all6));
        struct prefix s16 = P("172.16.0.0/12"), s = P("172.31.255.0/24"), t = P("172.32.0.0/24");
        ck_assert(prefix_overlaps(&s16, &s));
        ck_assert(!prefix_overlaps(&s16, &t));
        struct prefix v6a = P("2001:db8::/48"), v6b = P("2001:db8:0:ffff::/64"), v6c = P("2001:db8:1::/48");
        ck_assert(prefix_overlaps(&v6a, &v6b));
        ck_assert(!prefix_overlaps(&v6a, &v6c));
}
END_TEST

START_TEST(ranges)
{
        struct prefix net = P("192.168.1.0/24");
        struct addr s = A("192.168.1.128"), e = A("192.168.1.254"), out = A("192.168.2.1");
        struct addr s2 = A("192.168.1.200"), e2 = A("192.168.1.210");

        ck_assert(range_in_prefix(&net, &s, &e));
        ck_assert(!range_in_prefix(&net, &e, &s));      /* reversed */
        ck_assert(!range_in_prefix(&net, &s, &out));
        ck_assert(ranges_overlap(&s, &e, &s2, &e2));
        ck_assert(ranges_overlap(&s, &e, &e, &out));    /* touching at one address */
        ck_assert(!ranges_overlap(&s, &s2, &out, &out));
}
END_TEST

START_TEST(netmasks)
{
        struct addr a = A("192.168.1.0"), m;
        struct prefix p;
        unsigned len;

        ck_assert_int_eq(prefix_from_netmask(&a, "255.255.255.0", &p), 0);
        ck_assert_uint_eq(p.len, 24);
        ck_assert_int_eq(prefix_from_netmask(&a, "0.0.0.0", &p), 0);
        ck_assert_uint_eq(p.len, 0);
        ck_assert_int_eq(prefix_from_netmask(&a, "255.255.255.255", &p), 0);
        ck_assert_uint_eq(p.len, 32);
        ck_assert_int_eq(prefix_from_netmask(&a, "255.0.255.0", &p), -EINVAL);
        ck_assert_int_eq(prefix_from_netmask(&a, "255.255.255.1", &p), -EINVAL);
        ck_assert_int_eq(prefix_from_netmask(&a, "ffff::", &p), -EINVAL);
        m = A("ffff:ffff:ffff:ffff::");
        ck_assert_int_eq(netmask_to_len(&m, &len), 0);
        ck_assert_uint_eq(len, 64);
}
END_TEST

START_TEST(arithmetic)
{
        struct addr a = A("192.168.1.0"), r;
        char b[ADDR_STRLEN];

        ck_assert_int_eq(addr_add(&a, 1, &r), 0);
        ck_assert_str_eq(addr_format(&r, b), "192.168.1.1");
        ck_assert_int_eq(addr_add(&a, 254, &r), 0);
        ck_assert_str_eq(addr_format(&r, b), "192.168.1.254");
        ck_assert_int_eq(addr_add(&a, 256, &r), 0);
        ck_assert_str_eq(addr_format(&r, b), "192.168.2.0");
        ck_assert_int_eq(addr_add(&a, -1, &r), 0);
        ck_assert_str_eq(addr_format(&r, b), "192.168.0.255");
        a = A("255.255.255.255");
        ck_assert_int_eq(addr_add(&a, 1, &r), -ERANGE);
        a = A("0.0.0.0");
        ck_assert_int_eq(addr_add(&a, -1, &r), -ERANGE);
        a = A("2001:db8::ffff");
        ck_assert_int_eq(addr_add(&a, 1, &r), 0);
        ck_assert_str_eq(addr_format(&r, b), "2001:db8::1:0");
        a = A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        ck_assert_int_eq(addr_add(&a, 1, &r), -ERANGE);
        ck_assert_uint_eq(addr_ipv4(&(struct addr){ .family = AF_INET, .b = { 10, 0, 0, 1 } }), 0x0a000001u);
}
END_TEST

START_TEST(ordering)
{
        struct prefix a = P("10.0.0.0/8"), b = P("10.0.0.0/16"), c = P("9.255.0.0/16"), d = P("::/0");

        ck_assert_int_lt(prefix_cmp(&a, &b), 0);
        ck_assert_int_gt(prefix_cmp(&a, &c), 0);
        ck_assert_int_lt(prefix_cmp(&a, &d), 0);        /* IPv4 before IPv6 */
        ck_assert_int_eq(prefix_cmp(&a, &a), 0);
}
END_TEST

static Suite *addr_suite(void)
{
        Suite *s = suite_create("addr");
        TCase *tc = tcase_create("core");

        tcase_add_test(tc, parse_and_format);
        tcase_add_test(tc, normalise_host_bits);
        tcase_add_test(tc, first_last);
        tcase_add_test(tc, contains_and_overlaps);
        tcase_add_test(tc, ranges);
        tcase_add_test(tc, netmasks);
        tcase_add_test(tc, arithmetic);
        tcase_add_test(tc, ordering);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(addr_suite)
