/*
 * fuzz_lvn_xml.c - libFuzzer target for the libvirt network XML parser:
 * any bytes in, no crash, no leak, no unbounded time; the record and the
 * diagnostics it returns are walked so that bad pointers show.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lvn_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct diag_list diags = { 0 };
        struct lvn_network net;
        volatile size_t sink = 0;

        if (lvn_xml_parse((const char *)data, size, "fuzz.xml", &net, &diags) == 0) {
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
        lvn_network_free(&net);
        diag_list_free(&diags);
        (void)sink;
        return 0;
}
