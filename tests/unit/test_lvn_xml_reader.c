/*
 * test_lvn_xml_reader.c - one libxml2 context for many documents gives, for
 * each, exactly what a fresh context gives: the same record and the same
 * diagnostics (lines included), whatever the documents before it did -
 * a DTD stopped mid-parse, broken encodings, truncation, a dictionary full
 * enough to renew the context.  Read from memory and from a directory.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "lvn_xml.h"
#include "rootfile_dir.h"

#define LVDIR "tests/fixtures/libvirt"

/* Everything a parse hands back, as text. */
static char *describe(int r, const struct lvn_network *n, const struct diag_list *d)
{
        char *out = NULL, a[ADDR_STRLEN], b[ADDR_STRLEN], p[PREFIX_STRLEN];
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);

        ck_assert_ptr_nonnull(f);
        fprintf(f, "r=%d name=%s uuid=%s bridge=%s fwd=%d mtu=%u status=%d line=%u\n", r,
                n->name ? n->name : "-", n->uuid ? n->uuid : "-", n->bridge ? n->bridge : "-",
                (int)n->forward, n->mtu, n->status, n->line);
        for (size_t i = 0; i < n->n_forward_devs; i++)
                fprintf(f, " dev %s\n", n->forward_devs[i]);
        for (size_t i = 0; i < n->n_ips; i++) {
                const struct lvn_ip *ip = &n->ips[i];

                fprintf(f, " ip %s %s line %u\n", addr_format(&ip->address, a),
                        prefix_format(&ip->prefix, p), ip->line);
                for (size_t k = 0; k < ip->n_ranges; k++)
                        fprintf(f, "  range %s %s %u\n", addr_format(&ip->ranges[k].start, a),
                                addr_format(&ip->ranges[k].end, b), ip->ranges[k].line);
                for (size_t k = 0; k < ip->n_hosts; k++)
                        fprintf(f, "  host %s %s %s %s %u\n", ip->hosts[k].mac,
                                ip->hosts[k].id ? ip->hosts[k].id : "-",
                                ip->hosts[k].name ? ip->hosts[k].name : "-",
                                ip->hosts[k].ip.family ? addr_format(&ip->hosts[k].ip, a) : "-",
                                ip->hosts[k].line);
        }
        for (size_t i = 0; i < n->n_dns_hosts; i++)
                fprintf(f, " dns %s %s %u\n", addr_format(&n->dns_hosts[i].ip, a),
                        n->dns_hosts[i].hostname ? n->dns_hosts[i].hostname : "-",
                        n->dns_hosts[i].line);
        for (size_t i = 0; i < d->n; i++)
                fprintf(f, " diag %s:%u %d %s\n", d->v[i].file ? d->v[i].file : "-", d->v[i].line,
                        (int)d->v[i].severity, d->v[i].message);
        fclose(f);
        return out;
}

static char *fresh(const char *buf, size_t len)
{
        struct lvn_network n;
        struct diag_list d = { 0 };
        int r = lvn_xml_parse(buf, len, "doc.xml", &n, &d);
        char *s = describe(r, &n, &d);

        lvn_network_free(&n);
        diag_list_free(&d);
        return s;
}

static char *reused(struct lvn_xml_reader *rd, const char *buf, size_t len)
{
        struct lvn_network n;
        struct diag_list d = { 0 };
        int r = lvn_xml_reader_parse(rd, buf, len, "doc.xml", &n, &d);
        char *s = describe(r, &n, &d);

        lvn_network_free(&n);
        diag_list_free(&d);
        return s;
}

struct doc {
        char *buf;
        size_t len;
};

static void add_doc(struct doc *v, size_t *n, const char *buf, size_t len)
{
        ck_assert_ptr_nonnull(v[*n].buf = malloc(len + 1));
        memcpy(v[*n].buf, buf, len);
        v[*n].buf[len] = '\0';
        v[*n].len = len;
        (*n)++;
}

/* Every fixture file, hostile inline documents, and one whose thousands
 * of element names fill the dictionary. */
static size_t load_docs(struct doc *v, size_t max)
{
        static const char *const inline_docs[] = {
                "<?xml version='1.0'?>\n<!DOCTYPE network [\n<!ENTITY a 'b'>\n]>\n<network><name>&a;</name></network>",
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?><network>",
                "<network><name>x</name><\xff/></network>",
                "<network>\n<name>&x;</name></network>",
                "<network>\n<name>a/b</name>\n<uuid>nope</uuid></network>",
                "<network><name>t</name><ip address='10.0.0.1' prefix='24'><dhcp>",
                "",
                "not xml",
                "<networkstatus>\n</networkstatus>",
        };
        struct dirent **ents;
        size_t n = 0;
        int k = scandir(LVDIR, &ents, NULL, alphasort);

        ck_assert_int_gt(k, 0);
        for (int i = 0; i < k; i++) {
                char path[512], *buf = NULL;
                size_t len;
                FILE *f;

                snprintf(path, sizeof(path), LVDIR "/%s", ents[i]->d_name);
                if (strstr(ents[i]->d_name, ".xml") && (f = fopen(path, "r"))) {
                        ck_assert_ptr_nonnull(buf = malloc(1 << 16));
                        len = fread(buf, 1, 1 << 16, f);
                        fclose(f);
                        ck_assert_uint_lt(n, max);
                        add_doc(v, &n, buf, len);
                        free(buf);
                }
                free(ents[i]);
        }
        free(ents);
        for (size_t i = 0; i < sizeof(inline_docs) / sizeof(inline_docs[0]); i++) {
                ck_assert_uint_lt(n, max);
                add_doc(v, &n, inline_docs[i], strlen(inline_docs[i]));
        }
        {
                char *big = NULL;
                size_t len = 0;
                FILE *f = open_memstream(&big, &len);

                fputs("<network>\n<name>many</name>\n", f);
                for (int i = 0; i < 6000; i++)
                        fprintf(f, "<e%d/>\n", i);
                fputs("<bridge name='virbr9'/>\n</network>\n", f);
                fclose(f);
                ck_assert_uint_lt(n, max);
                add_doc(v, &n, big, len);
                free(big);
        }
        return n;
}

START_TEST(reader_agrees_with_fresh_parses)
{
        struct doc docs[64];
        size_t n = load_docs(docs, 64);
        char **want = calloc(n, sizeof(*want));
        struct lvn_xml_reader *rd = lvn_xml_reader_new();

        ck_assert_ptr_nonnull(rd);
        ck_assert_ptr_nonnull(want);
        for (size_t i = 0; i < n; i++)
                want[i] = fresh(docs[i].buf, docs[i].len);
        /* forwards, backwards, and each document right after every other */
        for (size_t pass = 0; pass < 2; pass++)
                for (size_t k = 0; k < n; k++) {
                        size_t i = pass ? n - 1 - k : k;
                        char *got = reused(rd, docs[i].buf, docs[i].len);

                        ck_assert_str_eq(got, want[i]);
                        free(got);
                }
        for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++) {
                        char *a = reused(rd, docs[i].buf, docs[i].len);
                        char *b = reused(rd, docs[j].buf, docs[j].len);

                        ck_assert_str_eq(a, want[i]);
                        ck_assert_str_eq(b, want[j]);
                        free(a);
                        free(b);
                }
        lvn_xml_reader_free(rd);
        for (size_t i = 0; i < n; i++) {
                free(want[i]);
                free(docs[i].buf);
        }
        free(want);
}
END_TEST

/* Through a directory: what lvn_xml_parse_rootfile gives for each entry. */
START_TEST(reader_dir_agrees_with_rootfile)
{
        struct lvn_xml_reader *rd = lvn_xml_reader_new();
        struct rootfile_dir dir;
        struct dirent **ents;
        int k = scandir(LVDIR, &ents, NULL, alphasort);

        ck_assert_int_gt(k, 0);
        ck_assert_int_eq(rootfile_dir_open(&dir, "", LVDIR), 0);
        for (int i = 0; i < k; i++) {
                char path[512], *a, *b;
                struct lvn_network n;
                struct diag_list d = { 0 };
                int r;

                snprintf(path, sizeof(path), LVDIR "/%s", ents[i]->d_name);
                r = lvn_xml_parse_rootfile("", path, NULL, &n, &d);
                a = describe(r, &n, &d);
                lvn_network_free(&n);
                diag_list_free(&d);
                r = lvn_xml_reader_parse_entry(rd, &dir, ents[i]->d_name, path, NULL, &n, &d);
                b = describe(r, &n, &d);
                lvn_network_free(&n);
                diag_list_free(&d);
                ck_assert_str_eq(b, a);
                free(a);
                free(b);
                free(ents[i]);
        }
        free(ents);
        rootfile_dir_close(&dir);
        lvn_xml_reader_free(rd);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("lvn_xml_reader");
        TCase *tc = tcase_create("reuse");

        tcase_set_timeout(tc, 60);
        tcase_add_test(tc, reader_agrees_with_fresh_parses);
        tcase_add_test(tc, reader_dir_agrees_with_rootfile);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
