/*
 * map-gen.c - synthetic benchmark of the map: H hosts with N networks each
 * (VMware and libvirt, a /24 in RFC 1918 space per network, every fifth
 * also an IPv6 /64, a LAN card per host), each host analysed by the real
 * analysis, then the whole fleet rendered by the real renderer into FILE.
 * Hosts reuse each other's /24s now and then, as fleets do; one network
 * in fifty overlaps another on its own host, so findings are drawn too.
 * Usage: map-gen HOSTS NETS FORMAT FILE   (FORMAT html, svg or dot)
 * Prints: hosts networks findings seconds-analysis seconds-render bytes
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "analysis.h"
#include "map_render.h"

static unsigned long long rng = 88172645463325252ull;

static unsigned long long next(void)
{
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        return rng;
}

static double now(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void build(struct inventory *inv, size_t host, size_t n)
{
        struct origin o = origin_file(inv, "/etc/vmware/networking", 1);
        struct interface *ifc = inventory_add_interface(inv);
        struct if_address *ia = interface_add_address(ifc);
        char name[64];

        snprintf(name, sizeof(name), "host%05zu.example.org", host);
        inv->hostname = strdup(name);
        ifc->name = strdup("eth0");
        ifc->kind = LINK_KIND_PHYSICAL;
        prefix_parse(host % 2 ? "198.51.100.10/24" : "203.0.113.10/24", &ia->prefix);
        for (size_t i = 0; i < n; i++) {
                bool vm = i % 2 == 0;
                struct network *net;
                struct subnet *s;
                struct addr a;
                unsigned long long r = next();
                uint32_t base;

                snprintf(name, sizeof(name), vm ? "vmnet%zu" : "lab%zu", i);
                net = inventory_add_network(inv, vm ? NET_SRC_VMWARE : NET_SRC_LIBVIRT, name);
                network_set_device(net, vm ? name : "virbr9");
                net->type = vm ? NET_TYPE_HOSTONLY : NET_TYPE_NAT;
                net->origin = o;
                s = network_add_subnet(net);
                switch (r % 3) {        /* a /24 in one of the three blocks */
                case 0: base = 0x0a000000u | (uint32_t)((r >> 8) % 65536) << 8; break;
                case 1: base = 0xac100000u | (uint32_t)((r >> 8) % 4096) << 8; break;
                default: base = 0xc0a80000u | (uint32_t)((r >> 8) % 256) << 8; break;
                }
                if (i % 50 == 49)       /* overlaps the previous network of this host */
                        base = addr_ipv4(&net[-1].subnets[0].prefix.addr) & 0xfffff000u;
                addr_from_ipv4(base, &a);
                prefix_make(&a, i % 50 == 49 ? 20 : 24, &s->prefix);
                s->origin = o;
                addr_from_ipv4(base + 1, &a);
                addr_fact_set(&s->host_address, &a, o);
                if (i % 5 == 4) {
                        char six[64];

                        s = network_add_subnet(net);
                        snprintf(six, sizeof(six), "fd%02x:%x:%x::/64", (unsigned)(r % 256),
                                 (unsigned)(host % 65536), (unsigned)i);
                        prefix_parse(six, &s->prefix);
                        s->origin = o;
                }
        }
}

int main(int argc, char **argv)
{
        size_t hosts, nets, findings = 0;
        struct inventory *inv;
        struct finding_list *fl;
        struct map_host *mh;
        struct map_model m = { 0 };
        enum map_format fmt;
        double t0, t1, t2;
        FILE *f;
        long bytes;

        if (argc != 5) {
                fprintf(stderr, "usage: map-gen HOSTS NETS html|svg|dot FILE\n");
                return 64;
        }
        hosts = strtoul(argv[1], NULL, 10);
        nets = strtoul(argv[2], NULL, 10);
        fmt = strcmp(argv[3], "svg") == 0 ? MAP_FORMAT_SVG : strcmp(argv[3], "dot") == 0 ? MAP_FORMAT_DOT
                                                                                        : MAP_FORMAT_HTML;
        inv = calloc(hosts, sizeof(*inv));
        fl = calloc(hosts, sizeof(*fl));
        mh = calloc(hosts, sizeof(*mh));
        if (!inv || !fl || !mh)
                return 71;
        for (size_t h = 0; h < hosts; h++) {
                inventory_init(&inv[h]);
                build(&inv[h], h, nets);
        }
        t0 = now();
        for (size_t h = 0; h < hosts; h++) {
                if (analysis_run(&inv[h], NULL, &fl[h]) < 0)
                        return 71;
                findings += fl[h].n;
                mh[h] = (struct map_host){ inv[h].hostname, &inv[h], &fl[h] };
        }
        t1 = now();
        m.hosts = mh;
        m.n_hosts = hosts;
        if (!(f = fopen(argv[4], "w")) || map_render(f, &m, fmt) < 0 || fclose(f) != 0) {
                perror(argv[4]);
                return 74;
        }
        t2 = now();
        f = fopen(argv[4], "r");
        fseek(f, 0, SEEK_END);
        bytes = ftell(f);
        fclose(f);
        printf("%zu %zu %zu %.3f %.3f %ld\n", hosts, hosts * nets, findings, t1 - t0, t2 - t1, bytes);
        for (size_t h = 0; h < hosts; h++) {
                inventory_free(&inv[h]);
                finding_list_free(&fl[h]);
        }
        free(inv);
        free(fl);
        free(mh);
        return 0;
}
