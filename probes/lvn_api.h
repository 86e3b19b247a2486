/*
 * lvn_api.h - libvirt networks through the libvirt API: a read-only
 * connection to any URI, every network active and inactive with its state
 * flags and bridge, and its XML parsed by lvn_xml.  With lvn_events.c and
 * lvn_evloop.c (watch's lifecycle events) the only code that includes
 * libvirt's headers; libvirt's own error printing is silenced and its
 * errors come back as messages.
 */
#ifndef VNETAUDIT_LVN_API_H
#define VNETAUDIT_LVN_API_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "lvn_xml.h"

struct lvn_api_net {
        char *name;
        char *bridge;           /* virNetworkGetBridgeName, NULL when none */
        char *xml_file;         /* the name its XML diagnostics use */
        bool active, persistent, autostart;
        bool parsed;            /* def holds its parsed XML */
        struct lvn_network def;
};

/* The name under which the XML of network name on uri is reported
 * ("libvirt:URI#NAME"); NULL on ENOMEM. */
char *lvn_api_xml_name(const char *uri, const char *name);

/* Connects read-only to uri and reads every network.  0 with *ret and *ret_n
 * filled (problems with single networks go to diags); -ECONNREFUSED (or
 * another -errno) when no connection could be made, with *ret_error set to
 * libvirt's reason (malloc'd; may be NULL).  -ENOMEM. */
int lvn_api_list(const char *uri, struct lvn_api_net **ret, size_t *ret_n,
                 struct diag_list *diags, char **ret_error);
void lvn_api_nets_free(struct lvn_api_net *v, size_t n);

#endif
