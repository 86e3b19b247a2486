/*
 * claimant.c - this host's MACs and the claimant wording (claimant.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimant.h"

int host_macs_collect(const struct inventory *inv, uint8_t (**ret)[6], size_t *ret_n)
{
        uint8_t (*macs)[6] = calloc(inv->n_ifs + 1, sizeof(*macs));
        size_t n = 0;

        if (!macs)
                return -ENOMEM;
        for (size_t i = 0; i < inv->n_ifs; i++)
                if (inv->ifs[i].has_mac)
                        memcpy(macs[n++], inv->ifs[i].mac, 6);
        *ret = macs;
        *ret_n = n;
        return 0;
}

char *claimant_format(char *buf, size_t size, const struct probe_claim *c, const char *vendor,
                      const char *ifname)
{
        char mac[MAC_STRLEN], amac[MAC_STRLEN] = "", vlan[24] = "";
        bool paren = vendor || c->arp_mac_differs;

        mac_format(c->mac, mac);
        if (c->arp_mac_differs)
                mac_format(c->arp_mac, amac);
        if (c->vlan)
                snprintf(vlan, sizeof(vlan), " in VLAN %u", (unsigned)c->vlan_id);
        snprintf(buf, size, "%s%s%s%s%s%s%s%s%s%s", mac, paren ? " (" : "", vendor ? vendor : "",
                 vendor && c->arp_mac_differs ? "; " : "", c->arp_mac_differs ? (c->ndp ? "advertised link-layer address " : "ARP sender ") : "",
                 amac, paren ? ")" : "", ifname ? " on " : "", ifname ? ifname : "", vlan);
        return buf;
}
