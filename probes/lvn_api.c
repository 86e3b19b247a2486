/*
 * lvn_api.c - reads libvirt's networks over the API (read-only).  Each
 * network's XML is the live definition for an active network and the
 * persistent one otherwise, exactly what `virsh net-dumpxml` prints, so the
 * line numbers of its diagnostics match that output.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "lvn_api.h"
#include "xalloc.h"

/* libvirt prints every error to stderr unless a handler is installed;
 * vnetaudit reports them itself from virGetLastErrorMessage(). */
static void silent_error(void *data, virErrorPtr err)
{
        (void)data;
        (void)err;
}

static char *last_error(void)
{
        const char *m = virGetLastErrorMessage();

        return strdup(m && *m ? m : "unknown libvirt error");
}

char *lvn_api_xml_name(const char *uri, const char *name)
{
        char *s;

        return asprintf(&s, "libvirt:%s#%s", uri, name) < 0 ? NULL : s;
}

void lvn_api_nets_free(struct lvn_api_net *v, size_t n)
{
        for (size_t i = 0; v && i < n; i++) {
                free(v[i].name);
                free(v[i].bridge);
                free(v[i].xml_file);
                lvn_network_free(&v[i].def);
        }
        free(v);
}

/* Fills one entry from one network; 0, or -ENOMEM.  A network that
 * disappears between listing and reading is reported and skipped. */
static int read_one(const char *uri, virNetworkPtr n, struct lvn_api_net *out,
                    struct diag_list *diags)
{
        const char *name = virNetworkGetName(n);
        char *xml, *bridge;
        int autostart = 0, r;

        if (!name)
                return 0;
        if (!(out->name = strdup(name)) || !(out->xml_file = lvn_api_xml_name(uri, name)))
                return -ENOMEM;
        out->active = virNetworkIsActive(n) == 1;
        out->persistent = virNetworkIsPersistent(n) == 1;
        out->autostart = virNetworkGetAutostart(n, &autostart) == 0 && autostart;
        /* Direct-mode networks have no bridge: an error here is normal. */
        if ((bridge = virNetworkGetBridgeName(n))) {
                out->bridge = strdup(bridge);
                free(bridge);
                if (!out->bridge)
                        return -ENOMEM;
        }
        if (!(xml = virNetworkGetXMLDesc(n, 0))) {
                r = diag_add(diags, out->xml_file, 0, SEV_WARNING, "cannot read the network's XML: %s",
                             virGetLastErrorMessage());
                return r;
        }
        r = lvn_xml_parse(xml, strlen(xml), out->xml_file, &out->def, diags);
        free(xml);
        if (r == -ENOMEM)
                return r;
        out->parsed = r == 0;
        return 0;
}

int lvn_api_list(const char *uri, struct lvn_api_net **ret, size_t *ret_n,
                 struct diag_list *diags, char **ret_error)
{
        struct lvn_api_net *v = NULL;
        virNetworkPtr *nets = NULL;
        virConnectPtr conn;
        int n, r = 0;

        *ret = NULL;
        *ret_n = 0;
        *ret_error = NULL;
        virSetErrorFunc(NULL, silent_error);
        if (virInitialize() < 0) {
                *ret_error = last_error();
                return -EIO;
        }
        if (!(conn = virConnectOpenReadOnly(uri))) {
                *ret_error = last_error();
                return -ECONNREFUSED;
        }
        virConnSetErrorFunc(conn, NULL, silent_error);
        n = virConnectListAllNetworks(conn, &nets, 0);
        if (n < 0) {
                *ret_error = last_error();
                r = -EIO;
                goto out;
        }
        if (n > 0 && !(v = calloc((size_t)n, sizeof(*v)))) {
                r = -ENOMEM;
                goto out;
        }
        for (int i = 0; i < n && r == 0; i++)
                r = read_one(uri, nets[i], &v[i], diags);
        if (r < 0)
                goto out;
        /* Entries whose network vanished have no name: drop them. */
        for (int i = 0; i < n; i++)
                if (v[i].name)
                        v[(*ret_n)++] = v[i];
        *ret = v;
        v = NULL;
out:
        lvn_api_nets_free(v, n > 0 ? (size_t)n : 0);
        for (int i = 0; i < n; i++)
                virNetworkFree(nets[i]);
        free(nets);
        virConnectClose(conn);
        if (r < 0 && r != -ENOMEM && !*ret_error)
                *ret_error = last_error();
        return r;
}
