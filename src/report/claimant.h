/*
 * claimant.h - who is who on the wire, written once: this host's own MACs
 * (an answer from any of them is ours, never a conflict) and the one way
 * every report names a claimant of an address:
 * "MAC (vendor; ARP sender MAC) on IFACE in VLAN N".
 */
#ifndef VNETAUDIT_CLAIMANT_H
#define VNETAUDIT_CLAIMANT_H

#include <stddef.h>
#include <stdint.h>

#include "inventory.h"
#include "probe_engine.h"

/* The MAC of every interface of inv that has one, in a malloc'd array
 * (never NULL on success) for probe_params.our_macs.  0 or -ENOMEM. */
int host_macs_collect(const struct inventory *inv, uint8_t (**ret)[6], size_t *ret_n);

/* Room for any claimant text with an interface name of IFNAMSIZ and a
 * vendor cut to fit. */
#define CLAIMANT_STRLEN 256

/* Writes the claimant into buf: the Ethernet source MAC, then in
 * parentheses the vendor (NULL: none known) and the ARP sender's MAC (for
 * NDP the advertised link-layer address) when it differs, then " on IFACE" (ifname NULL: left out, the sentence names
 * it already) and " in VLAN N" for a tagged answer.  The caller escapes
 * vendor and ifname for where the text goes.  Returns buf. */
char *claimant_format(char *buf, size_t size, const struct probe_claim *c, const char *vendor,
                      const char *ifname);

#endif
