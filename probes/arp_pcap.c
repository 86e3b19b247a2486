/*
 * arp_pcap.c - libpcap setup for ARP probing: immediate mode (without it
 * replies arrive late), a BPF filter for ARP in every framing, inbound
 * direction only (our own injected probes are not looped back),
 * non-blocking reads.  pcap_activate() warnings and errors are told apart;
 * errors become -errno at this boundary.
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arp_pcap.h"

#define ARP_PCAP_SNAPLEN 256            /* Ethernet + 802.1Q + ARP, or IPv6 + NS/NA + options */
#define ARP_PCAP_BUFSIZE (1 << 20)      /* kernel ring: bounded whatever arrives */
/* Everything arp-scan hears: Ethernet II ARP, the same behind one 802.1Q tag
 * (the kernel keeps a stripped tag aside; "vlan" tests it there), and IEEE
 * 802.3 frames whose LLC/SNAP header (AA AA 03, OUI 000000) carries ARP. */
#define ARP_PCAP_FILTER "arp or (vlan and arp) or (ether[12:2] <= 1500 and " \
        "ether[14:4] = 0xaaaa0300 and ether[18:4] = 0x00000806)"
/* With IPv6 targets, also Neighbor Solicitations and Advertisements
 * (ICMPv6 types 135 and 136 right after the IPv6 header, as RFC 6980 has
 * them), untagged or behind one 802.1Q tag.  libpcap's "vlan" shifts the
 * offsets of everything after it, so the tagged terms come last. */
#define ND_TERM "(icmp6 and (ip6[40] = 135 or ip6[40] = 136))"
#define ARP_ND_PCAP_FILTER ND_TERM " or arp or (ether[12:2] <= 1500 and " \
        "ether[14:4] = 0xaaaa0300 and ether[18:4] = 0x00000806) or " \
        "(vlan and (arp or " ND_TERM "))"

struct arp_pcap {
        pcap_t *pcap;
        int fd;
        arp_pcap_handler handler;
        void *userdata;
};

static int activate_errno(int status)
{
        switch (status) {
        case PCAP_ERROR_PERM_DENIED:
        case PCAP_ERROR_PROMISC_PERM_DENIED:
                return -EPERM;
        case PCAP_ERROR_NO_SUCH_DEVICE:
                return -ENODEV;
        case PCAP_ERROR_IFACE_NOT_UP:
                return -ENETDOWN;
        case PCAP_ERROR_RFMON_NOTSUP:
                return -EOPNOTSUPP;
        default:
                return -EIO;
        }
}

int arp_pcap_open(const char *ifname, bool ndp, struct arp_pcap **ret,
                  char *err, size_t errsize, char *warn, size_t warnsize)
{
        char ebuf[PCAP_ERRBUF_SIZE] = "";
        struct bpf_program prog;
        struct arp_pcap *p;
        int r;

        if (warnsize)
                warn[0] = '\0';
        p = calloc(1, sizeof(*p));
        if (!p) {
                snprintf(err, errsize, "out of memory");
                return -ENOMEM;
        }
        p->pcap = pcap_create(ifname, ebuf);
        if (!p->pcap) {
                snprintf(err, errsize, "%s", ebuf);
                free(p);
                return -EIO;
        }
        if (pcap_set_snaplen(p->pcap, ARP_PCAP_SNAPLEN) != 0 ||
            pcap_set_promisc(p->pcap, 0) != 0 ||
            pcap_set_immediate_mode(p->pcap, 1) != 0 ||
            pcap_set_buffer_size(p->pcap, ARP_PCAP_BUFSIZE) != 0) {
                snprintf(err, errsize, "cannot configure the capture");
                r = -EIO;
                goto fail;
        }
        r = pcap_activate(p->pcap);
        if (r < 0) {
                /* PCAP_ERROR carries its text in pcap_geterr(); the others
                 * are better said by pcap_statustostr() plus that text. */
                snprintf(err, errsize, "%s%s%s", pcap_statustostr(r),
                         *pcap_geterr(p->pcap) ? ": " : "", pcap_geterr(p->pcap));
                r = activate_errno(r);
                goto fail;
        }
        if (r > 0 && warnsize)  /* a warning: the capture works */
                snprintf(warn, warnsize, "%s%s%s", pcap_statustostr(r),
                         *pcap_geterr(p->pcap) ? ": " : "", pcap_geterr(p->pcap));
        if (pcap_datalink(p->pcap) != DLT_EN10MB) {
                snprintf(err, errsize, "not an Ethernet interface");
                r = -EPROTONOSUPPORT;
                goto fail;
        }
        if (pcap_compile(p->pcap, &prog, ndp ? ARP_ND_PCAP_FILTER : ARP_PCAP_FILTER, 1, PCAP_NETMASK_UNKNOWN) != 0) {
                snprintf(err, errsize, "BPF filter: %s", pcap_geterr(p->pcap));
                r = -EIO;
                goto fail;
        }
        r = pcap_setfilter(p->pcap, &prog);
        pcap_freecode(&prog);
        if (r != 0) {
                snprintf(err, errsize, "BPF filter: %s", pcap_geterr(p->pcap));
                r = -EIO;
                goto fail;
        }
        if (pcap_setdirection(p->pcap, PCAP_D_IN) != 0) {
                snprintf(err, errsize, "capture direction: %s", pcap_geterr(p->pcap));
                r = -EIO;
                goto fail;
        }
        if (pcap_setnonblock(p->pcap, 1, ebuf) != 0) {
                snprintf(err, errsize, "non-blocking mode: %s", ebuf);
                r = -EIO;
                goto fail;
        }
        p->fd = pcap_get_selectable_fd(p->pcap);
        if (p->fd < 0) {
                snprintf(err, errsize, "no selectable descriptor");
                r = -EOPNOTSUPP;
                goto fail;
        }
        *ret = p;
        return 0;
fail:
        arp_pcap_close(p);
        return r;
}

void arp_pcap_close(struct arp_pcap *p)
{
        if (!p)
                return;
        if (p->pcap)
                pcap_close(p->pcap);
        free(p);
}

int arp_pcap_fd(const struct arp_pcap *p)
{
        return p->fd;
}

int arp_pcap_inject(struct arp_pcap *p, const void *frame, size_t len,
                    char *err, size_t errsize)
{
        int n, e;

        errno = 0;
        n = pcap_inject(p->pcap, frame, len);
        e = errno;
        if (n < 0) {
                /* libpcap's text already says "send: ..."; the caller names
                 * the interface.  Keep the kernel's errno: ENETDOWN, ENXIO
                 * and ENODEV mean the interface went away mid-run. */
                if (e == ENETDOWN || e == ENXIO || e == ENODEV) {
                        snprintf(err, errsize, "%s", strerror(e));
                        return -e;
                }
                snprintf(err, errsize, "%s", pcap_geterr(p->pcap));
                return -EIO;
        }
        if ((size_t)n != len) {
                snprintf(err, errsize, "short write (%d of %zu bytes)", n, len);
                return -EIO;
        }
        return 0;
}

static void trampoline(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
        struct arp_pcap *p = (struct arp_pcap *)user;

        /* caplen, not len: only captured bytes may be read. */
        p->handler(p->userdata, bytes, h->caplen);
}

int arp_pcap_dispatch(struct arp_pcap *p, int max, arp_pcap_handler handler,
                      void *userdata, char *err, size_t errsize)
{
        int n;

        p->handler = handler;
        p->userdata = userdata;
        n = pcap_dispatch(p->pcap, max, trampoline, (u_char *)p);
        if (n == PCAP_ERROR_IFACE_NOT_UP) {
                snprintf(err, errsize, "the interface went down");
                return -ENETDOWN;
        }
        if (n == PCAP_ERROR) {
                const char *m = pcap_geterr(p->pcap);

                snprintf(err, errsize, "%s", m);
                return strstr(m, "disappeared") ? -ENODEV : -EIO;
        }
        return n < 0 ? 0 : n;
}

int arp_pcap_drops(struct arp_pcap *p, unsigned long *ret)
{
        struct pcap_stat st;

        if (pcap_stats(p->pcap, &st) != 0)
                return -EIO;
        *ret = (unsigned long)st.ps_drop + st.ps_ifdrop;
        return 0;
}
