/*
 * fuzz_lvn_xml.c - libFuzzer target for the libvirt network XML parser:
 * any bytes in, no crash, no leak, no unbounded time; the record and the
 * diagnostics it returns are walked so that bad pointers show.  Each input
 * is also parsed by one long-lived reader (a reused libxml2 context, as
 * the files loader uses): it must say exactly what the fresh parse said,
 * whatever the inputs before it left behind.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lvn_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void reader_agrees(const uint8_t *data, size_t size, int want, const struct lvn_network *wn,
                          const struct diag_list *wd)
{
        static struct lvn_xml_reader *rd;
        struct diag_list diags = { 0 };
        struct lvn_network net;
        int r;

        if (!rd && !(rd = lvn_xml_reader_new()))
                return;
        r = lvn_xml_reader_parse(rd, (const char *)data, size, "fuzz.xml", &net, &diags);
        if (r == -ENOMEM || want == -ENOMEM)
                goto out;
        if (r != want || diags.n != wd->n || (net.name == NULL) != (wn->name == NULL) ||
            (net.name && strcmp(net.name, wn->name) != 0) || net.n_ips != wn->n_ips)
                abort();
        for (size_t i = 0; i < diags.n; i++)
                if (diags.v[i].line != wd->v[i].line || strcmp(diags.v[i].message, wd->v[i].message) != 0)
                        abort();
out:
        lvn_network_free(&net);
        diag_list_free(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct diag_list diags = { 0 };
        struct lvn_network net;
        volatile size_t sink = 0;

        int r = lvn_xml_parse((const char *)data, size, "fuzz.xml", &net, &diags);

        if (r == 0) {
                sink += strlen(net.name);
                sink += net.bridge ? strlen(net.bridge) : 0;
                for (size_t i = 0; i < net.n_forward_devs; i++)
                        sink += strlen(net.forward_devs[i]);
                for (size_t i = 0; i < net.n_ips; i++) {
                        sink += net.ips[i].n_ranges;
                        for (size_t j = 0; j < net.ips[i].n_hosts; j++)
                                sink += net.ips[i].hosts[j].name ? strlen(net.ips[i].hosts[j].name) : 0;
                }
                for (size_t i = 0; i < net.n_dns_hosts; i++)
                        sink += net.dns_hosts[i].hostname ? strlen(net.dns_hosts[i].hostname) : 0;
        }
        for (size_t i = 0; i < diags.n; i++)
                sink += strlen(diags.v[i].message);
        reader_agrees(data, size, r, &net, &diags);
        lvn_network_free(&net);
        diag_list_free(&diags);
        (void)sink;
        return 0;
}
