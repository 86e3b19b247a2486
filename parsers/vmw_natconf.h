/*
 * vmw_natconf.h - parser of VMware's NAT daemon configuration
 * (vmnet<n>/nat/nat.conf, an INI file): the [host] addresses (NAT gateway
 * ip, netmask, device, hostIp, IPv6 prefix) and the [incomingtcp] /
 * [incomingudp] port forwards.  Pure: a buffer in, records + diags out.
 */
#ifndef VNETAUDIT_VMW_NATCONF_H
#define VNETAUDIT_VMW_NATCONF_H

#include "vmw_answers.h"

struct vmw_nat_fwd {
        char proto[4];                  /* "tcp" or "udp" */
        unsigned host_port, guest_port;
        struct addr guest_ip;
        unsigned line;
};

struct vmw_natconf {
        struct vmw_addr_val ip;         /* NAT gateway address */
        int ip_prefixlen;               /* from "ip = A/N"; -1 when none */
        struct vmw_addr_val netmask;
        struct vmw_addr_val host_ip;    /* hostIp: the host's own address */
        char *device;                   /* "vmnet8" (a "/dev/" prefix removed) */
        unsigned device_line;
        struct vmw_bool_val ip6_enable;
        bool has_ip6_prefix;
        struct prefix ip6_prefix;
        unsigned ip6_prefix_line;
        struct vmw_nat_fwd *fwds;
        size_t n_fwds, cap_fwds;
};

/* 0 or -ENOMEM; bad lines go to diags as file:line and are skipped. */
int vmw_natconf_parse(const char *buf, size_t size, const char *file, struct vmw_natconf *ret,
                      struct diag_list *diags);
void vmw_natconf_free(struct vmw_natconf *n);

#endif
