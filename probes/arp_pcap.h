/*
 * arp_pcap.h - ARP capture and injection on one interface through libpcap.
 * The only file that includes pcap.h.  Opens in immediate, non-blocking
 * mode with an inbound ARP filter, hands out a pollable descriptor, and
 * translates libpcap's errors to -errno plus a message at this boundary.
 */
#ifndef VNETAUDIT_ARP_PCAP_H
#define VNETAUDIT_ARP_PCAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arp_pcap;

typedef void (*arp_pcap_handler)(void *userdata, const uint8_t *frame, size_t len);

/* Opens and activates a capture on ifname: ARP in every framing, and with
 * ndp also ICMPv6 Neighbor Solicitations/Advertisements (tagged too).
 * Returns 0 and *ret, or -errno
 * (-EPERM no permission, -ENODEV no such interface, -ENETDOWN interface
 * down, -EIO other failures) with a message (not naming ifname) in err.
 * A warning from pcap_activate() is not an error: it is copied to warn (may be "" ). */
int arp_pcap_open(const char *ifname, bool ndp, struct arp_pcap **ret,
                  char *err, size_t errsize, char *warn, size_t warnsize);
void arp_pcap_close(struct arp_pcap *p);

/* A descriptor to poll() for input. */
int arp_pcap_fd(const struct arp_pcap *p);

/* Sends one frame.  0 or -errno (message in err): -ENETDOWN, -ENXIO or
 * -ENODEV when the interface went away, else -EIO. */
int arp_pcap_inject(struct arp_pcap *p, const void *frame, size_t len,
                    char *err, size_t errsize);

/* Hands at most max pending frames to handler without blocking.  Returns the
 * number handled (0 when none is pending) or -errno with a message in err:
 * -ENETDOWN (went down), -ENODEV (disappeared), -EIO. */
int arp_pcap_dispatch(struct arp_pcap *p, int max, arp_pcap_handler handler,
                      void *userdata, char *err, size_t errsize);

/* Frames the kernel or libpcap dropped so far.  0 or -EIO. */
int arp_pcap_drops(struct arp_pcap *p, unsigned long *ret);

#endif
