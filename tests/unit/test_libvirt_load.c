/*
 * test_libvirt_load.c - libvirt networks into the inventory: files mode on
 * a fixture root (defined, autostart, live status, transient, broken
 * files), API mode through libvirt's test driver (test:///default is shared
 * within a process, so the test makes networks inactive over its own
 * read-write connection and libvirt_load sees them), and the fallback from
 * an unreachable daemon to the files.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "check_main.h"
#include "libvirt_load.h"

#define ROOT FIXTURE("libvirt/root-files")
#define NETS "/etc/libvirt/qemu/networks/"
#define RUN "/run/libvirt/network/"   /* origins name files as on the host */

static struct inventory inv;
static struct options opt;

static void setup(void)
{
        inventory_init(&inv);
        opt = (struct options){
                .root = ROOT, .libvirt_uri = "none", .libvirt_dir = "/etc/libvirt",
                .libvirt_run_dir = "/run/libvirt",
        };
}

static void teardown(void)
{
        inventory_free(&inv);
}

static const struct network *net(const char *name)
{
        const struct network *n = inventory_find_network(&inv, NET_SRC_LIBVIRT, name);

        ck_assert_msg(n != NULL, "no network %s", name);
        return n;
}

static const char *origin(const struct origin *o)
{
        static char buf[4][512];
        static int i;

        i = (i + 1) % 4;
        return origin_format(o, buf[i], sizeof(buf[i]));
}

static bool diag_has(const char *file_end, unsigned line, const char *what)
{
        for (size_t i = 0; i < inv.diags.n; i++) {
                const struct diag *d = &inv.diags.v[i];
                size_t fl = d->file ? strlen(d->file) : 0, el = strlen(file_end);

                if (fl >= el && strcmp(d->file + fl - el, file_end) == 0 && d->line == line &&
                    strstr(d->message, what))
                        return true;
        }
        return false;
}

START_TEST(test_files_mode)
{
        const struct network *n;
        char buf[PREFIX_STRLEN];

        ck_assert_int_eq(libvirt_load(&inv, &opt), 0);
        /* default, lab, six, host-bridge, direct-pass, leaky + transient scratch */
        ck_assert_uint_eq(inv.n_nets, 7);

        n = net("default");             /* running: described by its status file */
        ck_assert_int_eq(n->state, NET_STATE_UP);
        ck_assert(n->persistent && n->autostart);
        ck_assert_int_eq(n->type, NET_TYPE_NAT);
        ck_assert_str_eq(n->device, "virbr0");
        ck_assert_str_eq(origin(&n->origin), RUN "default.xml:4");
        ck_assert_str_eq(n->uuid, "5d0a4c5b-6c2f-4d1e-9b7a-0f1e2d3c4b5a");
        ck_assert_uint_eq(n->n_subnets, 1);
        ck_assert_str_eq(prefix_format(&n->subnets[0].prefix, buf), "192.168.122.0/24");
        ck_assert(n->subnets[0].host_address.set);
        ck_assert_str_eq(origin(&n->subnets[0].ranges[0].origin), RUN "default.xml:16");

        n = net("lab");                 /* defined, autostart, not running */
        ck_assert_int_eq(n->state, NET_STATE_INACTIVE);
        ck_assert(n->persistent && n->autostart);
        ck_assert_uint_eq(n->mtu, 9000);
        ck_assert_uint_eq(n->n_subnets, 3);
        ck_assert_uint_eq(n->subnets[0].n_ranges, 2);
        /* two DHCP hosts + the dns host printer (10.20.0.50) */
        ck_assert_uint_eq(n->subnets[0].n_hosts, 3);
        ck_assert_str_eq(n->subnets[0].hosts[2].name, "printer");
        ck_assert_str_eq(origin(&n->subnets[0].hosts[2].origin), NETS "lab.xml:18");
        ck_assert_uint_eq(n->subnets[2].n_hosts, 3);        /* gamma, delta, printer6 */
        ck_assert_str_eq(origin(&n->subnets[1].origin), NETS "lab.xml:42");

        n = net("six");
        ck_assert_int_eq(n->type, NET_TYPE_ISOLATED);
        ck_assert(n->persistent && !n->autostart);
        ck_assert_str_eq(prefix_format(&n->subnets[1].prefix, buf), "fd12:3456::/64");

        n = net("host-bridge");
        ck_assert_int_eq(n->type, NET_TYPE_BRIDGED);
        ck_assert_ptr_null(n->device);
        ck_assert_uint_eq(n->n_bridged_to, 1);
        ck_assert_str_eq(n->bridged_to[0], "br0");

        n = net("direct-pass");
        ck_assert_int_eq(n->type, NET_TYPE_DIRECT);
        ck_assert_ptr_null(n->device);
        ck_assert_uint_eq(n->n_bridged_to, 2);
        ck_assert_str_eq(n->bridged_to[1], "eth3");

        n = net("leaky");               /* bad range dropped, network kept */
        ck_assert_uint_eq(n->subnets[0].n_ranges, 1);

        n = net("scratch");             /* transient: status file only */
        ck_assert_int_eq(n->state, NET_STATE_UP);
        ck_assert(!n->persistent && !n->autostart);
        ck_assert_str_eq(n->device, "virbr9");

        ck_assert(diag_has(NETS "noname.xml", 1, "network has no name"));
        ck_assert(diag_has(NETS "domain.xml", 1, "root element is <domain>"));
        ck_assert(diag_has(NETS "leaky.xml", 6, "outside the network"));
        ck_assert(diag_has(NETS "xxe.xml", 2, "DTD"));
        ck_assert(diag_has(NETS "zz-dup.xml", 1, "network 'lab' is defined more than once"));
        ck_assert(diag_has(NETS "zz-dup.xml", 1, "") == true);
        ck_assert_ptr_null(inventory_find_network(&inv, NET_SRC_LIBVIRT, "not-a-network"));
}
END_TEST

START_TEST(test_files_missing_dirs)
{
        opt.root = FIXTURE("libvirt/no-such-root");
        ck_assert_int_eq(libvirt_load(&inv, &opt), 0);
        ck_assert_uint_eq(inv.n_nets, 0);
        ck_assert_uint_eq(inv.diags.n, 0);
}
END_TEST

START_TEST(test_files_dir_overrides)
{
        /* --libvirt-dir / --libvirt-run-dir name absolute directories (below root). */
        opt.root = "";
        opt.libvirt_dir = ROOT "/etc/libvirt";
        opt.libvirt_run_dir = ROOT "/run/libvirt";
        ck_assert_int_eq(libvirt_load(&inv, &opt), 0);
        ck_assert_uint_eq(inv.n_nets, 7);
        ck_assert_int_eq(net("default")->state, NET_STATE_UP);
}
END_TEST

START_TEST(test_unreachable_falls_back)
{
        opt.libvirt_uri = "qemu+unix:///system?socket=/nonexistent/vnetaudit-test-sock";
        ck_assert_int_eq(libvirt_load(&inv, &opt), 0);
        ck_assert_uint_eq(inv.n_nets, 7);
        ck_assert_ptr_null(inv.diags.v[0].file);
        ck_assert_int_eq(inv.diags.v[0].severity, SEV_WARNING);
        ck_assert_msg(strstr(inv.diags.v[0].message, "libvirt: cannot connect to qemu+unix:///system") &&
                      strstr(inv.diags.v[0].message, "; reading files"), "%s", inv.diags.v[0].message);
}
END_TEST

START_TEST(test_offline_never_connects)
{
        opt.offline = true;
        opt.libvirt_uri = "test:///default";
        ck_assert_int_eq(libvirt_load(&inv, &opt), 0);
        ck_assert_uint_eq(inv.n_nets, 7);       /* the files, not test:///default */
        ck_assert_ptr_null(inventory_find_network(&inv, NET_SRC_LIBVIRT, "vat-off"));
}
END_TEST

/* Read in background threads (files mode), the result is what the
 * sequential read gives: the same networks from the same origins and the
 * same diagnostics in the same order, after any already in the list. */
START_TEST(test_prefetch_same)
{
        struct inventory inv2;
        struct libvirt_prefetch *pf;

        inventory_init(&inv2);
        ck_assert_int_eq(diag_add(&inv.diags, "/etc/vmware/networking", 3, SEV_WARNING, "before"), 0);
        ck_assert_int_eq(diag_add(&inv2.diags, "/etc/vmware/networking", 3, SEV_WARNING, "before"), 0);
        ck_assert_int_eq(libvirt_load(&inv, &opt), 0);
        ck_assert_ptr_nonnull(pf = libvirt_prefetch_start(&opt));
        ck_assert_int_eq(libvirt_load_prefetched(&inv2, &opt, pf), 0);
        libvirt_prefetch_free(pf);
        ck_assert_uint_eq(inv.n_nets, inv2.n_nets);
        for (size_t i = 0; i < inv.n_nets; i++) {
                const struct network *a = &inv.nets[i], *b = &inv2.nets[i];

                ck_assert_str_eq(a->id, b->id);
                ck_assert_str_eq(origin(&a->origin), origin(&b->origin));
                ck_assert_int_eq(a->state, b->state);
                ck_assert_int_eq(a->autostart, b->autostart);
                ck_assert_uint_eq(a->n_subnets, b->n_subnets);
        }
        ck_assert_uint_gt(inv.diags.n, 5);
        ck_assert_uint_eq(inv.diags.n, inv2.diags.n);
        for (size_t i = 0; i < inv.diags.n; i++) {
                ck_assert_str_eq(inv.diags.v[i].file, inv2.diags.v[i].file);
                ck_assert_uint_eq(inv.diags.v[i].line, inv2.diags.v[i].line);
                ck_assert_str_eq(inv.diags.v[i].message, inv2.diags.v[i].message);
        }
        inventory_free(&inv2);

        /* API mode reads no files up front; an unused prefetch frees cleanly */
        opt.libvirt_uri = "test:///default";
        ck_assert_ptr_null(libvirt_prefetch_start(&opt));
        opt.libvirt_uri = "none";
        libvirt_prefetch_free(libvirt_prefetch_start(&opt));
}
END_TEST

static void quiet(void *d, virErrorPtr e)
{
        (void)d;
        (void)e;
}

/* Through the API: test:///default's "default" network destroyed, one more
 * network defined (inactive) and one created (transient, active). */
START_TEST(test_api_testdriver)
{
        static const char off[] =
                "<network><name>vat-off</name><bridge name='vatoff0'/>"
                "<ip address='203.0.113.1' prefix='24'><dhcp>"
                "<range start='203.0.113.10' end='203.0.113.20'/></dhcp></ip></network>";
        static const char tr[] =
                "<network><name>vat-tr</name><forward mode='route'/><bridge name='vattr0'/>"
                "<ip family='ipv6' address='2001:db8:77::1' prefix='64'/></network>";
        virConnectPtr rw;
        virNetworkPtr n;
        const struct network *d;
        char buf[PREFIX_STRLEN];

        virSetErrorFunc(NULL, quiet);
        rw = virConnectOpen("test:///default");
        ck_assert_ptr_nonnull(rw);
        ck_assert_ptr_nonnull(n = virNetworkLookupByName(rw, "default"));
        ck_assert_int_eq(virNetworkDestroy(n), 0);
        virNetworkFree(n);
        ck_assert_ptr_nonnull(n = virNetworkDefineXML(rw, off));
        virNetworkFree(n);
        ck_assert_ptr_nonnull(n = virNetworkCreateXML(rw, tr));
        virNetworkFree(n);

        opt.libvirt_uri = "test:///default";
        ck_assert_int_eq(libvirt_load(&inv, &opt), 0);
        virConnectClose(rw);
        ck_assert_uint_eq(inv.diags.n, 0);
        ck_assert_uint_eq(inv.n_nets, 3);

        d = net("default");
        ck_assert_int_eq(d->state, NET_STATE_INACTIVE);
        ck_assert(d->persistent);
        ck_assert_str_eq(d->device, "virbr0");
        ck_assert_str_eq(prefix_format(&d->subnets[0].prefix, buf), "192.168.122.0/24");
        ck_assert_uint_eq(d->subnets[0].n_ranges, 1);
        ck_assert_str_eq(d->origin.file, "libvirt:test:///default#default");

        d = net("vat-off");
        ck_assert_int_eq(d->state, NET_STATE_INACTIVE);
        ck_assert(d->persistent && !d->autostart);
        ck_assert_str_eq(d->device, "vatoff0");
        ck_assert_str_eq(prefix_format(&d->subnets[0].prefix, buf), "203.0.113.0/24");

        d = net("vat-tr");
        ck_assert_int_eq(d->state, NET_STATE_UP);
        ck_assert(!d->persistent);
        ck_assert_int_eq(d->type, NET_TYPE_ROUTED);
        ck_assert_str_eq(prefix_format(&d->subnets[0].prefix, buf), "2001:db8:77::/64");
}
END_TEST

static Suite *libvirt_load_suite(void)
{
        Suite *s = suite_create("libvirt_load");
        TCase *tc = tcase_create("load");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, test_files_mode);
        tcase_add_test(tc, test_files_missing_dirs);
        tcase_add_test(tc, test_files_dir_overrides);
        tcase_add_test(tc, test_unreachable_falls_back);
        tcase_add_test(tc, test_offline_never_connects);
        tcase_add_test(tc, test_prefetch_same);
        tcase_add_test(tc, test_api_testdriver);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(libvirt_load_suite)
