/*
 * sysctl_arp.h - the kernel's ARP reply policy of an interface
 * (net.ipv4.conf.*.arp_ignore) in the current network namespace, read from
 * /proc/sys.  With arp_ignore 0 (Linux's default, the weak host model)
 * the host answers ARP for any of its addresses on every interface.
 */
#ifndef VNETAUDIT_SYSCTL_ARP_H
#define VNETAUDIT_SYSCTL_ARP_H

/* The effective arp_ignore of ifname: the larger of "all" and the
 * interface's own.  0 and *ret, or -errno. */
int sysctl_arp_ignore(const char *ifname, int *ret);

#endif
