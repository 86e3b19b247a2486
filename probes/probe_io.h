/*
 * probe_io.h - the seam between the probe engine and the wire: open a
 * link-layer endpoint on an interface, send a whole Ethernet frame, hand
 * over received frames, tell the time and wait.  The engine knows nothing
 * else about I/O, so a test backend with a fake clock can drive it (like
 * sd-ipv4acd's arp-util), and an NDP/DAD prober can reuse it: frames, not
 * ARP packets, cross it.  The real backend is libpcap (probe_io_pcap.c).
 */
#ifndef VNETAUDIT_PROBE_IO_H
#define VNETAUDIT_PROBE_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct in6_addr;

/* What an endpoint receives: PROBE_IO_ETH_ARP, ARP frames; PROBE_IO_ETH_IPV6,
 * ARP frames and ICMPv6 Neighbor Solicitations/Advertisements both (a run
 * with IPv6 targets, which may hold IPv4 ones too). */
#define PROBE_IO_ETH_ARP  0x0806
#define PROBE_IO_ETH_IPV6 0x86dd

typedef void (*probe_io_frame_fn)(void *userdata, const uint8_t *frame, size_t len);

struct probe_io_ops {
        /* Opens an endpoint on ifname receiving inbound frames of ethertype.
         * 0 and *ret, or -errno with a message (without the interface name)
         * in err; a warning that does not stop the capture goes to warn. */
        int (*open)(void *ctx, const char *ifname, uint16_t ethertype, void **ret,
                    char *err, size_t errsize, char *warn, size_t warnsize);
        void (*close)(void *ctx, void *h);
        /* Sends one complete frame.  0 or -errno (-ENETDOWN, -ENXIO,
         * -ENODEV: the interface went away) with a message in err. */
        int (*send)(void *ctx, void *h, const void *frame, size_t len, char *err, size_t errsize);
        /* Hands at most max pending frames to fn without blocking: the
         * number handed, or -errno with a message in err. */
        int (*receive)(void *ctx, void *h, int max, probe_io_frame_fn fn, void *userdata,
                       char *err, size_t errsize);
        /* Seconds on a monotonic clock. */
        double (*now)(void *ctx);
        /* Blocks until a frame is pending on one of the n endpoints (ready[k]
         * set) or the clock reaches until.  0, or -errno (-EINTR is retried
         * by the engine). */
        int (*wait)(void *ctx, void *const *h, size_t n, double until, bool *ready);
        /* Every endpoint is open (the pcap backend drops privileges here).
         * May be NULL.  0 or -errno with a message. */
        int (*opened)(void *ctx, char *err, size_t errsize);
        /* Frames the backend dropped so far.  May be NULL. */
        int (*drops)(void *ctx, void *h, unsigned long *ret);
        /* Joins the IPv6 multicast group on the endpoint's interface until
         * close, so that an MLD report goes out and the group's frames
         * reach us.  Called after open, before opened.  May be NULL.
         * 0 or -errno with a message in err. */
        int (*join)(void *ctx, void *h, const struct in6_addr *group, char *err, size_t errsize);
};

/* The wait of the backends that have descriptors (libpcap, and watch's
 * persistent endpoints): polls fd_of(h[k]) for each of the n endpoints (a
 * NULL one is skipped) and the nx extra descriptors for at most left
 * seconds, then sets ready[k] and extra_ready[k] (input or an error).  An
 * extra descriptor waits for extra_events[k] (0 or a NULL array: POLLIN);
 * extra_revents, when not NULL, receives what poll() said.  0 or -errno
 * (-EINTR when a signal came). */
int probe_io_poll(void *const *h, size_t n, int (*fd_of)(void *h), const int *extra,
                  const short *extra_events, size_t nx, double left, bool *ready,
                  bool *extra_ready, short *extra_revents);

/* The libpcap backend.  ctx: a struct probe_io_pcap. */
struct probe_io_pcap {
        bool keep_privileges;           /* tests: do not drop capabilities in opened() */
};
extern const struct probe_io_ops probe_io_pcap_ops;
/* The pollable descriptor of one of its endpoints (for probe_io_poll). */
int probe_io_pcap_fd(void *h);

/* The descriptor to poll() for an endpoint of probe_io_pcap_ops. */
int probe_io_pcap_fd(void *h);

#endif
