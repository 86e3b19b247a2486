/*
 * vmware_vnet.h - what the two halves of the VMware loader share (not API:
 * vmware_load.h is): vmware_load.c reads the files, vmware_vnet.c decides
 * what one vmnet means from them.
 */
#ifndef VNETAUDIT_VMWARE_VNET_H
#define VNETAUDIT_VMWARE_VNET_H

#include "vmw_dhcpd.h"
#include "vmw_locations.h"
#include "vmw_natconf.h"
#include "vmw_networking.h"
#include "vmware_load.h"

struct loader {
        struct inventory *inv;
        const struct options *opt;
        const char *root;               /* --root; "" for / */
        const char *dir;                /* VMware directory on the audited host */
};

/* The configuration that says which vmnets exist: networking, or legacy
 * locations. */
struct conf {
        const char *file;               /* path on the audited host, interned */
        bool legacy;
        struct vmw_vnets *vnets;
        const struct vmw_bridge_map *bridges;
        size_t n_bridges;
        const struct vmw_mac_ip *macs;
        size_t n_macs;
};

/* One vmnet's own files, parsed when present and enabled. */
struct vnet_files {
        const char *dhcpd_file, *nat_file;      /* interned; NULL when absent */
        bool have_dhcpd, have_nat;
        struct vmw_dhcpd dhcpd;
        struct vmw_natconf nat;
};


/* vmware_load.c: reads (or reports as stale) the dhcpd.conf and nat.conf
 * of one vmnet; f is freed with vmware_vnet_files_free. */
int vmware_load_vnet_files(struct loader *L, const struct conf *c, const struct vmw_vnet *v,
                           enum net_type type, struct vnet_files *f);
void vmware_vnet_files_free(struct vnet_files *f);

/* vmware_vnet.c: adds one vmnet, its type, subnet, addresses, pool and
 * fixed hosts to the inventory (once per name). */
int vmware_load_vnet(struct loader *L, const struct conf *c, const struct vmw_vnet *v);

#endif
