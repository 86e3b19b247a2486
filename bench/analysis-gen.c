/*
 * analysis-gen.c - synthetic benchmark of the analysis: builds an inventory
 * of N subnets in memory (VMware and libvirt networks, IPv4 and IPv6, one in
 * a hundred overlapping another, plus interfaces and routes as a host has
 * them) and times analysis_run().  Usage: analysis-gen N [REPEAT]
 * Prints: N seconds findings.
 */
#include <stdio.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis.h"

static unsigned long long rng = 88172645463325252ull;

static unsigned long long next(void)
{
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        return rng;
}

static void build(struct inventory *inv, size_t n)
{
        struct origin o = origin_file(inv, "/etc/vmware/networking", 1);

        for (size_t i = 0; i < n; i++) {
                char name[32];
                struct network *net;
                struct subnet *s;
                struct addr a;
                bool v6 = i % 4 == 3;
                /* Distinct /24s (or /64s) in a random order; every hundredth (IPv4)
                 * lands on an earlier one's /16 as a wider /20 overlap. */
                size_t slot = (size_t)(next() % (n * 4));

                snprintf(name, sizeof(name), "net%zu", i);
                net = inventory_add_network(inv, i % 2 ? NET_SRC_VMWARE : NET_SRC_LIBVIRT, name);
                net->type = NET_TYPE_HOSTONLY;
                net->origin = o;
                s = network_add_subnet(net);
                s->origin = o;
                if (v6) {
                        memset(&a, 0, sizeof(a));
                        a.family = AF_INET6;
                        a.b[0] = 0xfd;
                        a.b[4] = (uint8_t)(slot >> 16);
                        a.b[5] = (uint8_t)(slot >> 8);
                        a.b[6] = (uint8_t)slot;
                        a.b[7] = (uint8_t)(i >> 8);
                        prefix_make(&a, 64, &s->prefix);
                } else {
                        addr_from_ipv4((1u << 24) + ((uint32_t)(i * 4 + slot % 4) << 8), &a);
                        prefix_make(&a, i % 100 == 98 ? 20 : 24, &s->prefix);
                }
                s->prefix = prefix_network(&s->prefix);
                if (!v6) {
                        struct addr h, lo, hi;
                        struct dhcp_range *r;

                        addr_add(&s->prefix.addr, 1, &h);
                        addr_fact_set(&s->host_address, &h, o);
                        addr_add(&s->prefix.addr, 128, &lo);
                        addr_add(&s->prefix.addr, 254, &hi);
                        r = subnet_add_range(s);
                        r->start = lo;
                        r->end = hi;
                        r->origin = o;
                        addr_fact_set(&s->dhcp_server, &hi, o);
                }
        }
        /* A host's kernel view: a LAN card, a VPN and their routes. */
        for (int k = 0; k < 2; k++) {
                struct interface *ifc = inventory_add_interface(inv);
                struct if_address *ia = interface_add_address(ifc);
                struct route *rt = inventory_add_route(inv);

                ifc->name = strdup(k ? "tun0" : "eth0");
                ifc->ifindex = 2 + k;
                prefix_parse(k ? "100.64.0.2/24" : "198.51.100.10/24", &ia->prefix);
                ia->origin = origin_kernel(ifc->ifindex);
                prefix_parse(k ? "128.0.0.0/1" : "0.0.0.0/0", &rt->dst);
                rt->ifindex = ifc->ifindex;
                rt->table = 254;
                rt->type = 1;
        }
}

int main(int argc, char **argv)
{
        size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000;
        int repeat = argc > 2 ? atoi(argv[2]) : 3;
        double best = 1e9;
        size_t found = 0;
        struct inventory inv;

        inventory_init(&inv);
        build(&inv, n);
        for (int i = 0; i < repeat; i++) {
                struct finding_list out = { 0 };
                struct timespec t0, t1;
                double s;

                clock_gettime(CLOCK_MONOTONIC, &t0);
                if (analysis_run(&inv, NULL, &out) < 0) {
                        fprintf(stderr, "analysis_run failed\n");
                        return 1;
                }
                clock_gettime(CLOCK_MONOTONIC, &t1);
                s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
                if (s < best)
                        best = s;
                found = out.n;
                finding_list_free(&out);
        }
        printf("%zu %.4f %zu\n", n, best, found);
        inventory_free(&inv);
        return 0;
}
