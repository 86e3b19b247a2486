/*
 * vmw_networking.h - parser of VMware Workstation's /etc/vmware/networking
 * (VERSION=1,0; answer/remove_answer; add_/remove_ bridge mappings, NAT port
 * forwards and DHCP MAC-to-IP reservations).  Pure: a buffer and its file
 * name in, the final state of the file plus located diagnostics out.
 */
#ifndef VNETAUDIT_VMW_NETWORKING_H
#define VNETAUDIT_VMW_NETWORKING_H

#include "vmw_answers.h"

struct vmw_bridge_map {
        char *ifname;
        int vnet;               /* -1: the interface is excluded from bridging */
        unsigned line;
};

struct vmw_mac_ip {
        unsigned vnet;
        unsigned char mac[6];
        struct addr ip;
        unsigned line;
};

struct vmw_portfwd {
        unsigned vnet;
        char proto[4];          /* "tcp" or "udp" */
        unsigned host_port, guest_port;
        struct addr guest_ip;
        unsigned line;
};

struct vmw_networking {
        unsigned version_line;          /* 0 when the file has no VERSION line */
        struct vmw_answers answers;     /* final answers, last line wins */
        struct vmw_vnets vnets;         /* typed VNET_<n>_* view of answers */
        struct vmw_bridge_map *bridges;
        size_t n_bridges, cap_bridges;
        struct vmw_mac_ip *macs;
        size_t n_macs, cap_macs;
        struct vmw_portfwd *fwds;
        size_t n_fwds, cap_fwds;
};

/* Parses buf (size bytes, need not be NUL-terminated).  Every bad line is
 * reported in diags as file:line and skipped.  0 or -ENOMEM; on error ret
 * is still safe to free. */
int vmw_networking_parse(const char *buf, size_t size, const char *file,
                         struct vmw_networking *ret, struct diag_list *diags);
void vmw_networking_free(struct vmw_networking *n);

#endif
