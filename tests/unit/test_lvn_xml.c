/*
 * test_lvn_xml.c - the libvirt network XML parser on fixtures written for
 * these tests (tests/fixtures/libvirt/): every element it reads, IPv6-only
 * and multi-<ip> networks, the <networkstatus> wrapper, bad documents, and
 * hostile ones (external entities, entity expansion).
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "lvn_xml.h"

#define LV(f) FIXTURE("libvirt/" f)

static struct lvn_network net;
static struct diag_list diags;

static void setup(void)
{
        net = (struct lvn_network){ 0 };
        diags = (struct diag_list){ 0 };
}

static void teardown(void)
{
        lvn_network_free(&net);
        diag_list_free(&diags);
}

static const char *fmt_addr(const struct addr *a)
{
        static char buf[4][ADDR_STRLEN];
        static int i;

        i = (i + 1) % 4;
        return addr_format(a, buf[i]);
}

static const char *fmt_prefix(const struct prefix *p)
{
        static char buf[4][PREFIX_STRLEN];
        static int i;

        i = (i + 1) % 4;
        return prefix_format(p, buf[i]);
}

/* The diagnostic at line, or NULL. */
static const struct diag *diag_at(unsigned line)
{
        for (size_t i = 0; i < diags.n; i++)
                if (diags.v[i].line == line)
                        return &diags.v[i];
        return NULL;
}

static bool diag_says(unsigned line, const char *what)
{
        const struct diag *d = diag_at(line);

        return d && strstr(d->message, what);
}

START_TEST(test_default)
{
        ck_assert_int_eq(lvn_xml_parse_file(LV("default.xml"), NULL, &net, &diags), 0);
        ck_assert_uint_eq(diags.n, 0);
        ck_assert_str_eq(net.name, "default");
        ck_assert_str_eq(net.uuid, "5d0a4c5b-6c2f-4d1e-9b7a-0f1e2d3c4b5a");
        ck_assert_str_eq(net.bridge, "virbr0");
        ck_assert_int_eq(net.forward, LVN_FWD_NAT);
        ck_assert(!net.status);
        ck_assert_uint_eq(net.line, 6);
        ck_assert_uint_eq(net.n_ips, 1);
        ck_assert_str_eq(fmt_addr(&net.ips[0].address), "192.168.122.1");
        ck_assert_str_eq(fmt_prefix(&net.ips[0].prefix), "192.168.122.0/24");
        ck_assert_uint_eq(net.ips[0].line, 12);
        ck_assert_uint_eq(net.ips[0].n_ranges, 1);
        ck_assert_str_eq(fmt_addr(&net.ips[0].ranges[0].start), "192.168.122.2");
        ck_assert_str_eq(fmt_addr(&net.ips[0].ranges[0].end), "192.168.122.254");
        ck_assert_uint_eq(net.ips[0].ranges[0].line, 14);
        ck_assert_uint_eq(net.ips[0].n_hosts, 1);
        ck_assert_str_eq(net.ips[0].hosts[0].mac, "52:54:00:aa:bb:cc");
        ck_assert_str_eq(net.ips[0].hosts[0].name, "builder");
        ck_assert_str_eq(fmt_addr(&net.ips[0].hosts[0].ip), "192.168.122.10");
        ck_assert_uint_eq(net.ips[0].hosts[0].line, 15);
}
END_TEST

START_TEST(test_full)
{
        const struct lvn_ip *ip;

        ck_assert_int_eq(lvn_xml_parse_file(LV("full.xml"), "shown-as.xml", &net, &diags), 0);
        ck_assert_uint_eq(diags.n, 0);
        ck_assert_str_eq(net.name, "lab");
        ck_assert_str_eq(net.uuid, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        ck_assert_str_eq(net.bridge, "virbr7");
        ck_assert_int_eq(net.forward, LVN_FWD_NAT);
        ck_assert_uint_eq(net.n_forward_devs, 1);
        ck_assert_str_eq(net.forward_devs[0], "eth0");
        ck_assert_uint_eq(net.mtu, 9000);
        ck_assert_uint_eq(net.n_ips, 3);

        ip = &net.ips[0];
        ck_assert_str_eq(fmt_prefix(&ip->prefix), "10.20.0.0/24");
        ck_assert_uint_eq(ip->n_ranges, 2);
        ck_assert_str_eq(fmt_addr(&ip->ranges[0].start), "10.20.0.100");
        ck_assert_str_eq(fmt_addr(&ip->ranges[0].end), "10.20.0.199");
        ck_assert_uint_eq(ip->ranges[0].line, 30);
        ck_assert_str_eq(fmt_addr(&ip->ranges[1].end), "10.20.0.220");
        ck_assert_uint_eq(ip->n_hosts, 2);
        ck_assert_str_eq(ip->hosts[0].mac, "52:54:00:00:00:01");
        ck_assert_str_eq(ip->hosts[1].mac, "");
        ck_assert_str_eq(ip->hosts[1].name, "beta");
        ck_assert_str_eq(fmt_addr(&ip->hosts[1].ip), "10.20.0.12");

        ip = &net.ips[1];
        ck_assert_str_eq(fmt_addr(&ip->address), "10.21.0.1");
        ck_assert_str_eq(fmt_prefix(&ip->prefix), "10.21.0.0/16");
        ck_assert_uint_eq(ip->n_ranges + ip->n_hosts, 0);

        ip = &net.ips[2];
        ck_assert_int_eq(ip->address.family, AF_INET6);
        ck_assert_str_eq(fmt_prefix(&ip->prefix), "fd00:20::/64");
        ck_assert_uint_eq(ip->n_ranges, 1);
        ck_assert_str_eq(fmt_addr(&ip->ranges[0].start), "fd00:20::100");
        ck_assert_uint_eq(ip->n_hosts, 2);
        ck_assert_str_eq(ip->hosts[0].id, "0:4:7e:7d:f0:7d:a8:bc:c5:d2:13:32:11:ed:16:ea:84:63");
        ck_assert_str_eq(ip->hosts[0].name, "gamma");
        ck_assert_str_eq(ip->hosts[0].mac, "");
        ck_assert_ptr_null(ip->hosts[1].id);
        ck_assert_str_eq(fmt_addr(&ip->hosts[1].ip), "fd00:20::12");

        ck_assert_uint_eq(net.n_dns_hosts, 2);
        ck_assert_str_eq(fmt_addr(&net.dns_hosts[0].ip), "10.20.0.50");
        ck_assert_str_eq(net.dns_hosts[0].hostname, "printer");
        ck_assert_uint_eq(net.dns_hosts[0].line, 18);
        ck_assert_str_eq(net.dns_hosts[1].hostname, "printer6");
}
END_TEST

START_TEST(test_ipv6_only)
{
        ck_assert_int_eq(lvn_xml_parse_file(LV("ipv6-only.xml"), NULL, &net, &diags), 0);
        ck_assert_uint_eq(diags.n, 0);
        ck_assert_int_eq(net.forward, LVN_FWD_NONE);
        ck_assert_uint_eq(net.n_ips, 2);
        ck_assert_str_eq(fmt_prefix(&net.ips[0].prefix), "2001:db8:ca2:2::/64");
        ck_assert_str_eq(fmt_addr(&net.ips[0].ranges[0].end), "2001:db8:ca2:2:1::ff");
        /* libvirt's default for an IPv6 <ip> without prefix is /64. */
        ck_assert_str_eq(fmt_prefix(&net.ips[1].prefix), "fd12:3456::/64");
}
END_TEST

START_TEST(test_classful)
{
        ck_assert_int_eq(lvn_xml_parse_file(LV("classful.xml"), NULL, &net, &diags), 0);
        ck_assert_uint_eq(net.n_ips, 3);
        ck_assert_str_eq(fmt_prefix(&net.ips[0].prefix), "10.0.0.0/8");
        ck_assert_str_eq(fmt_prefix(&net.ips[1].prefix), "172.20.0.0/16");
        ck_assert_str_eq(fmt_prefix(&net.ips[2].prefix), "192.168.50.0/24");
}
END_TEST

START_TEST(test_class_d_refused)
{
        static const char doc[] = "<network><name>m</name>\n<ip address='224.1.1.1'/></network>";

        ck_assert_int_eq(lvn_xml_parse(doc, sizeof(doc) - 1, "m.xml", &net, &diags), 0);
        ck_assert_uint_eq(net.n_ips, 0);
        ck_assert(diag_says(2, "no class default"));
}
END_TEST

START_TEST(test_forward_modes)
{
        static const struct { const char *file; enum lvn_forward fwd; const char *dev0; size_t ndev; } t[] = {
                { LV("route.xml"), LVN_FWD_ROUTE, "eth1", 1 },
                { LV("open.xml"), LVN_FWD_OPEN, NULL, 0 },
                { LV("bridge.xml"), LVN_FWD_BRIDGE, NULL, 0 },
                { LV("macvtap.xml"), LVN_FWD_PASSTHROUGH, "eth2", 2 },
                { LV("hostdev.xml"), LVN_FWD_HOSTDEV, "enp4s0f0", 1 },
        };

        for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
                setup();
                ck_assert_int_eq(lvn_xml_parse_file(t[i].file, NULL, &net, &diags), 0);
                ck_assert_msg(net.forward == t[i].fwd, "%s: mode %s", t[i].file,
                              lvn_forward_name(net.forward));
                ck_assert_uint_eq(net.n_forward_devs, t[i].ndev);
                if (t[i].dev0)
                        ck_assert_str_eq(net.forward_devs[0], t[i].dev0);
                teardown();
        }
        setup();
        ck_assert_int_eq(lvn_xml_parse_file(LV("open.xml"), NULL, &net, &diags), 0);
        ck_assert_str_eq(fmt_prefix(&net.ips[0].prefix), "10.9.8.0/25");
        ck_assert_str_eq(net.bridge, "virbr4");
        teardown();
        setup();
        ck_assert_int_eq(lvn_xml_parse_file(LV("bridge.xml"), NULL, &net, &diags), 0);
        ck_assert_str_eq(net.bridge, "br0");
}
END_TEST

START_TEST(test_private_vepa_inline)
{
        static const char priv[] = "<network><name>p</name><forward mode='private' dev='eth5'/></network>";
        static const char vepa[] = "<network><name>v</name><forward mode='vepa'><interface dev='eth6'/></forward></network>";
        static const char nat[] = "<network><name>n</name><forward/></network>";

        ck_assert_int_eq(lvn_xml_parse(priv, sizeof(priv) - 1, "p", &net, &diags), 0);
        ck_assert_int_eq(net.forward, LVN_FWD_PRIVATE);
        ck_assert(lvn_forward_is_direct(net.forward));
        ck_assert_str_eq(net.forward_devs[0], "eth5");
        teardown();
        setup();
        ck_assert_int_eq(lvn_xml_parse(vepa, sizeof(vepa) - 1, "v", &net, &diags), 0);
        ck_assert_int_eq(net.forward, LVN_FWD_VEPA);
        ck_assert_str_eq(net.forward_devs[0], "eth6");
        teardown();
        setup();
        ck_assert_int_eq(lvn_xml_parse(nat, sizeof(nat) - 1, "n", &net, &diags), 0);
        ck_assert_int_eq(net.forward, LVN_FWD_NAT);
        ck_assert(!lvn_forward_is_direct(net.forward));
}
END_TEST

START_TEST(test_status_wrapper)
{
        ck_assert_int_eq(lvn_xml_parse_file(LV("status.xml"), NULL, &net, &diags), 0);
        ck_assert_uint_eq(diags.n, 0);
        ck_assert(net.status);
        ck_assert_str_eq(net.name, "default");
        ck_assert_str_eq(net.bridge, "virbr0");
        ck_assert_uint_eq(net.line, 4);
        ck_assert_uint_eq(net.n_ips, 1);
        ck_assert_uint_eq(net.ips[0].ranges[0].line, 16);
}
END_TEST

START_TEST(test_status_empty)
{
        static const char doc[] = "<networkstatus>\n<class_id bitmap='0'/>\n</networkstatus>";

        ck_assert_int_eq(lvn_xml_parse(doc, sizeof(doc) - 1, "s.xml", &net, &diags), -EINVAL);
        ck_assert(diag_says(1, "holds no <network>"));
}
END_TEST

START_TEST(test_bad_noname)
{
        ck_assert_int_eq(lvn_xml_parse_file(LV("bad-noname.xml"), NULL, &net, &diags), -EINVAL);
        ck_assert_ptr_null(net.name);
        ck_assert_uint_eq(net.n_ips, 0);
        ck_assert(diag_says(1, "network has no name"));
        ck_assert_str_eq(diags.v[0].file, LV("bad-noname.xml"));
}
END_TEST

START_TEST(test_bad_address)
{
        ck_assert_int_eq(lvn_xml_parse_file(LV("bad-address.xml"), NULL, &net, &diags), 0);
        ck_assert_str_eq(net.name, "typo");
        /* Only the last <ip> survives, with the one good host. */
        ck_assert_uint_eq(net.n_ips, 1);
        ck_assert_str_eq(fmt_prefix(&net.ips[0].prefix), "10.104.0.0/24");
        ck_assert_uint_eq(net.ips[0].n_hosts, 1);
        ck_assert_str_eq(net.ips[0].hosts[0].mac, "52:54:00:00:00:08");
        ck_assert(diag_says(4, "'10.100.0.300' is not an IP address"));
        ck_assert(diag_says(5, "prefix must be between 0 and 32"));
        ck_assert(diag_says(6, "not a valid netmask"));
        ck_assert(diag_says(7, "is not an ipv6 address"));
        ck_assert(diag_says(10, "is not a MAC address"));
        ck_assert(diag_says(11, "'10.104.0.x' is not an IP address"));
        ck_assert(diag_says(12, "needs a mac or a name"));
        ck_assert(diag_says(16, "mtu size must be between 68 and 65535"));
        ck_assert(diag_says(17, "<name> specified more than once"));
        ck_assert_uint_eq(diags.n, 9);
        ck_assert_uint_eq(net.mtu, 0);
}
END_TEST

START_TEST(test_bad_range)
{
        ck_assert_int_eq(lvn_xml_parse_file(LV("bad-range.xml"), NULL, &net, &diags), 0);
        ck_assert_uint_eq(net.ips[0].n_ranges, 1);
        ck_assert_str_eq(fmt_addr(&net.ips[0].ranges[0].start), "192.168.77.10");
        ck_assert(diag_says(6, "range 192.168.78.2 - 192.168.78.254 is outside the network 192.168.77.0/24"));
        ck_assert(diag_says(7, "is after its end"));
        ck_assert_uint_eq(diags.n, 2);
}
END_TEST

START_TEST(test_bad_root)
{
        ck_assert_int_eq(lvn_xml_parse_file(LV("bad-root.xml"), NULL, &net, &diags), -EINVAL);
        ck_assert(diag_says(1, "root element is <domain>"));
}
END_TEST

START_TEST(test_bad_forward)
{
        ck_assert_int_eq(lvn_xml_parse_file(LV("bad-forward.xml"), NULL, &net, &diags), -EINVAL);
        ck_assert(diag_says(3, "unknown forward mode 'teleport'"));
        ck_assert_ptr_null(net.name);
}
END_TEST

START_TEST(test_bad_truncated)
{
        ck_assert_int_eq(lvn_xml_parse_file(LV("bad-truncated.xml"), NULL, &net, &diags), -EINVAL);
        ck_assert_uint_eq(diags.n, 1);
        ck_assert_uint_gt(diags.v[0].line, 0);
        ck_assert(strstr(diags.v[0].message, "XML: "));
}
END_TEST

START_TEST(test_not_xml_and_empty)
{
        static const char junk[] = "VERSION=1,0\nanswer VNET_1_DHCP yes\n";

        ck_assert_int_eq(lvn_xml_parse(junk, sizeof(junk) - 1, "j", &net, &diags), -EINVAL);
        ck_assert_int_eq(lvn_xml_parse("", 0, "e", &net, &diags), -EINVAL);
        ck_assert_uint_eq(diags.n, 2);
        ck_assert_int_eq(lvn_xml_parse_file(LV("does-not-exist.xml"), NULL, &net, &diags), -ENOENT);
        ck_assert(strstr(diags.v[2].message, "cannot read"));
        ck_assert_int_eq(lvn_xml_parse_file(LV(""), NULL, &net, &diags), -EINVAL);
}
END_TEST

START_TEST(test_too_large)
{
        size_t len = LVN_XML_MAX_SIZE + 100;
        char *big = malloc(len);
        char path[] = "/tmp/lvn-big.XXXXXX";
        FILE *f;
        int fd;

        ck_assert_ptr_nonnull(big);
        memset(big, ' ', len);
        memcpy(big, "<network><name>x</name>", 23);
        memcpy(big + len - 10, "</network>", 10);
        ck_assert_int_eq(lvn_xml_parse(big, len, "big", &net, &diags), -EINVAL);
        ck_assert(strstr(diags.v[0].message, "larger than"));
        fd = mkstemp(path);
        ck_assert_int_ge(fd, 0);
        f = fdopen(fd, "w");
        ck_assert_uint_eq(fwrite(big, 1, len, f), len);
        fclose(f);
        ck_assert_int_eq(lvn_xml_parse_file(path, NULL, &net, &diags), -EINVAL);
        ck_assert(strstr(diags.v[1].message, "larger than"));
        unlink(path);
        free(big);
}
END_TEST

/* An external entity naming a local file: refused, and the file's bytes
 * appear nowhere in what the parser hands back. */
START_TEST(test_xxe_refused)
{
        char secret[] = "/tmp/lvn-secret.XXXXXX";
        char doc[512];
        int fd = mkstemp(secret), n;

        ck_assert_int_ge(fd, 0);
        ck_assert_int_eq(write(fd, "TOPSECRET-4711\n", 15), 15);
        close(fd);
        n = snprintf(doc, sizeof(doc),
                     "<?xml version='1.0'?>\n<!DOCTYPE network [\n<!ENTITY s SYSTEM 'file://%s'>\n]>\n"
                     "<network><name>&s;</name><bridge name='&s;'/></network>\n", secret);
        ck_assert_int_eq(lvn_xml_parse(doc, (size_t)n, "xxe.xml", &net, &diags), -EINVAL);
        unlink(secret);
        ck_assert_ptr_null(net.name);
        ck_assert_ptr_null(net.bridge);
        ck_assert_uint_eq(diags.n, 1);
        ck_assert(strstr(diags.v[0].message, "DTD"));
        ck_assert_ptr_null(strstr(diags.v[0].message, "TOPSECRET"));
}
END_TEST

START_TEST(test_xxe_fixtures)
{
        ck_assert_int_eq(lvn_xml_parse_file(LV("xxe.xml"), NULL, &net, &diags), -EINVAL);
        ck_assert_int_eq(lvn_xml_parse_file(LV("xxe-external-dtd.xml"), NULL, &net, &diags), -EINVAL);
        ck_assert_uint_eq(diags.n, 2);
        ck_assert(strstr(diags.v[0].message, "DTD"));
        ck_assert(strstr(diags.v[1].message, "DTD"));
        ck_assert_uint_eq(diags.v[1].line, 2);
}
END_TEST

/* A DTD in UTF-16 must be caught by the parser hook, not by byte search. */
START_TEST(test_dtd_utf16)
{
        static const char ascii[] = "<?xml version='1.0' encoding='UTF-16'?>"
                "<!DOCTYPE network [<!ENTITY a 'b'>]><network><name>&a;</name></network>";
        char doc[2 * sizeof(ascii) + 2];
        size_t n = 0;

        doc[n++] = (char)0xff;
        doc[n++] = (char)0xfe;
        for (size_t i = 0; i < sizeof(ascii) - 1; i++) {
                doc[n++] = ascii[i];
                doc[n++] = 0;
        }
        ck_assert_int_eq(lvn_xml_parse(doc, n, "u16", &net, &diags), -EINVAL);
        ck_assert(strstr(diags.v[0].message, "DTD"));
}
END_TEST

START_TEST(test_billion_laughs)
{
        struct timespec t0, t1;
        double secs;

        clock_gettime(CLOCK_MONOTONIC, &t0);
        ck_assert_int_eq(lvn_xml_parse_file(LV("billion-laughs.xml"), NULL, &net, &diags), -EINVAL);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        ck_assert_msg(secs < 0.1, "took %.3f s", secs);
        ck_assert(strstr(diags.v[0].message, "DTD"));
}
END_TEST

/* An undeclared entity without a DTD is a well-formedness error. */
START_TEST(test_undeclared_entity)
{
        static const char doc[] = "<network>\n<name>&x;</name></network>";

        ck_assert_int_eq(lvn_xml_parse(doc, sizeof(doc) - 1, "e.xml", &net, &diags), -EINVAL);
        ck_assert_uint_eq(diags.v[0].line, 2);
}
END_TEST

START_TEST(test_name_slash_and_uuid)
{
        static const char doc[] = "<network>\n<name>a/b</name>\n<uuid>nope</uuid></network>";

        ck_assert_int_eq(lvn_xml_parse(doc, sizeof(doc) - 1, "s.xml", &net, &diags), -EINVAL);
        ck_assert(diag_says(2, "must not contain '/'"));
        ck_assert(diag_says(3, "is not a UUID"));
}
END_TEST

/* libxml2 reports some errors (encoding conversion) process-wide; none may
 * reach stderr. */
START_TEST(test_nothing_on_stderr)
{
        static const char bad_enc[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><network>\0o\0r\0k";
        static const char bad_name[] = "<network><name>x</name><\xff/></network>";
        char path[] = "/tmp/lvn-stderr.XXXXXX";
        int fd = mkstemp(path), saved = dup(2);
        off_t size;

        ck_assert_int_ge(fd, 0);
        ck_assert_int_ge(saved, 0);
        unlink(path);
        dup2(fd, 2);
        lvn_xml_parse(bad_enc, sizeof(bad_enc) - 1, "enc", &net, &diags);
        lvn_network_free(&net);
        lvn_xml_parse(bad_name, sizeof(bad_name) - 1, "name", &net, &diags);
        fflush(stderr);
        dup2(saved, 2);
        close(saved);
        size = lseek(fd, 0, SEEK_END);
        close(fd);
        ck_assert_int_eq(size, 0);
        ck_assert_uint_eq(diags.n, 2);
}
END_TEST

static Suite *lvn_xml_suite(void)
{
        Suite *s = suite_create("lvn_xml");
        TCase *tc = tcase_create("parse");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, test_default);
        tcase_add_test(tc, test_full);
        tcase_add_test(tc, test_ipv6_only);
        tcase_add_test(tc, test_classful);
        tcase_add_test(tc, test_class_d_refused);
        tcase_add_test(tc, test_forward_modes);
        tcase_add_test(tc, test_private_vepa_inline);
        tcase_add_test(tc, test_status_wrapper);
        tcase_add_test(tc, test_status_empty);
        tcase_add_test(tc, test_bad_noname);
        tcase_add_test(tc, test_bad_address);
        tcase_add_test(tc, test_bad_range);
        tcase_add_test(tc, test_bad_root);
        tcase_add_test(tc, test_bad_forward);
        tcase_add_test(tc, test_bad_truncated);
        tcase_add_test(tc, test_not_xml_and_empty);
        tcase_add_test(tc, test_too_large);
        tcase_add_test(tc, test_xxe_refused);
        tcase_add_test(tc, test_xxe_fixtures);
        tcase_add_test(tc, test_dtd_utf16);
        tcase_add_test(tc, test_billion_laughs);
        tcase_add_test(tc, test_undeclared_entity);
        tcase_add_test(tc, test_name_slash_and_uuid);
        tcase_add_test(tc, test_nothing_on_stderr);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(lvn_xml_suite)
