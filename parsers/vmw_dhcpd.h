/*
 * vmw_dhcpd.h - parser of VMware's vmnet-dhcpd configuration
 * (vmnet<n>/dhcpd/dhcpd.conf; ISC dhcpd 2.0 syntax, the subset VMware writes
 * and people add to): subnet declarations with ranges and routers, host
 * declarations with MAC and fixed address, and the SHA-1 of the generated
 * DO-NOT-MODIFY section.  Pure: a buffer in, records + diagnostics out.
 */
#ifndef VNETAUDIT_VMW_DHCPD_H
#define VNETAUDIT_VMW_DHCPD_H

#include "vmw_answers.h"

struct vmw_dhcp_range {
        struct addr start, end;
        unsigned line;
};

struct vmw_dhcp_subnet {
        struct prefix prefix;           /* network address and netmask length */
        unsigned line;
        struct vmw_dhcp_range *ranges;
        size_t n_ranges, cap_ranges;
        struct vmw_addr_val routers;    /* first "option routers" address */
        struct vmw_addr_val broadcast;
};

struct vmw_dhcp_host {
        char *name;
        unsigned line;
        bool has_mac;
        unsigned char mac[6];
        struct vmw_addr_val ip;         /* first IPv4 fixed-address */
        int subnet;                     /* index of the enclosing subnet, -1 */
};

struct vmw_dhcpd {
        struct vmw_dhcp_subnet *subnets;
        size_t n_subnets, cap_subnets;
        struct vmw_dhcp_host *hosts;
        size_t n_hosts, cap_hosts;
        unsigned section_line;          /* "Start of" marker line; 0 when none */
        char section_hash[41];          /* upper-case SHA-1 of the section */
};

/* 0 or -ENOMEM; syntax errors go to diags as file:line, parsing goes on. */
int vmw_dhcpd_parse(const char *buf, size_t size, const char *file, struct vmw_dhcpd *ret,
                    struct diag_list *diags);
void vmw_dhcpd_free(struct vmw_dhcpd *d);

#endif
