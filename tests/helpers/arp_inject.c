/*
 * arp_inject.c - test helper: puts crafted ARP traffic on a test LAN (run it
 * inside a test namespace only).  Independent of vnetaudit's codec on
 * purpose.  Bounded: at most COUNT frames, never longer than SECONDS.
 *
 *   arp_inject IFACE junk   COUNT SECONDS ADDR   truncated (also VLAN-tagged)
 *        and malformed frames claiming ADDR, plus valid replies for 203.0.113.x
 *   arp_inject IFACE claims COUNT SECONDS ADDR   valid replies claiming ADDR,
 *        each from another random MAC
 *   arp_inject IFACE probe  COUNT SECONDS ADDR   RFC 5227 probes for ADDR from
 *        IFACE's MAC (a foreign prober)
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
        struct timespec t;

        clock_gettime(CLOCK_MONOTONIC, &t);
        return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static size_t frame(unsigned char *b, int vlan, const unsigned char src[6], int op,
                    const unsigned char sha[6], uint32_t spa, uint32_t tpa)
{
        size_t o = 12;

        memset(b, 0, 64);
        memset(b, 0xff, 6);
        memcpy(b + 6, src, 6);
        if (vlan) {
                b[o++] = 0x81; b[o++] = 0x00; b[o++] = 0x00; b[o++] = 0x07;
        }
        b[o++] = 0x08; b[o++] = 0x06;
        b[o++] = 0; b[o++] = 1; b[o++] = 0x08; b[o++] = 0; b[o++] = 6; b[o++] = 4;
        b[o++] = 0; b[o++] = (unsigned char)op;
        memcpy(b + o, sha, 6); o += 6;
        memcpy(b + o, &spa, 4); o += 4;
        o += 6;
        memcpy(b + o, &tpa, 4); o += 4;
        return o < 60 ? 60 : o;
}

static void own_mac(const char *ifname, unsigned char mac[6])
{
        struct ifreq ifr;
        int fd = socket(AF_INET, SOCK_DGRAM, 0);

        memset(&ifr, 0, sizeof(ifr));
        snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
        if (fd < 0 || ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
                perror("SIOCGIFHWADDR");
                exit(1);
        }
        memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
        close(fd);
}

int main(int argc, char **argv)
{
        char ebuf[PCAP_ERRBUF_SIZE];
        unsigned char b[64], src[6], sha[6];
        struct in_addr target;
        long count, sent = 0;
        double secs, t0, gap;
        pcap_t *p;

        if (argc != 6 || inet_pton(AF_INET, argv[5], &target) != 1) {
                fprintf(stderr, "usage: arp_inject IFACE junk|claims|probe COUNT SECONDS ADDR\n");
                return 64;
        }
        count = atol(argv[3]);
        secs = atof(argv[4]);
        if (count < 1 || count > 1000000 || secs <= 0 || secs > 30)
                return 64;
        p = pcap_open_live(argv[1], 128, 0, 10, ebuf);
        if (!p) {
                fprintf(stderr, "%s\n", ebuf);
                return 1;
        }
        own_mac(argv[1], src);
        srand((unsigned)getpid());
        gap = secs / (double)count;
        t0 = now();
        while (sent < count && now() - t0 < secs) {
                uint32_t other = htonl(0xcb007100u | (unsigned)(rand() % 254 + 1)); /* 203.0.113.x */
                size_t n;

                for (int i = 0; i < 6; i++)
                        sha[i] = (unsigned char)rand();
                sha[0] &= 0xfe;                 /* unicast */
                if (strcmp(argv[2], "probe") == 0) {
                        n = frame(b, 0, src, 1, src, 0, target.s_addr);
                } else if (strcmp(argv[2], "claims") == 0) {
                        n = frame(b, 0, sha, 2, sha, target.s_addr, other);
                } else {
                        switch (sent % 6) {
                        case 0:         /* truncated inside the ARP header */
                                n = frame(b, 0, sha, 2, sha, target.s_addr, other);
                                n = 14 + (size_t)(rand() % 28);
                                break;
                        case 1:         /* claims it on VLAN 7, cut inside the ARP header */
                                n = frame(b, 1, sha, 2, sha, target.s_addr, other);
                                n = 18 + (size_t)(rand() % 28);
                                break;
                        case 2:         /* wrong hlen */
                                n = frame(b, 0, sha, 2, sha, target.s_addr, other);
                                b[18] = 8;
                                break;
                        case 3:         /* opcode 3 */
                                n = frame(b, 0, sha, 2, sha, target.s_addr, other);
                                b[21] = 3;
                                break;
                        default:        /* valid, for another address */
                                n = frame(b, 0, sha, 2, sha, other, target.s_addr);
                                break;
                        }
                }
                if (pcap_inject(p, b, n) < 0) {
                        fprintf(stderr, "inject: %s\n", pcap_geterr(p));
                        break;
                }
                sent++;
                /* Pace to the planned count over the time, in small bursts. */
                while (now() - t0 < gap * (double)sent - 0.001)
                        usleep(500);
        }
        pcap_close(p);
        fprintf(stderr, "arp_inject: %ld frames in %.2f s\n", sent, now() - t0);
        return 0;
}
