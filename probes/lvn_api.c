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

#include "hindex.h"
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

/* Fills one entry from one network: its XML is the only round trip (name
 * and state come from the listings).  0, or -ENOMEM.  A network that
 * disappears between listing and reading is reported and skipped. */
static int read_one(const char *uri, virNetworkPtr n, struct lvn_api_net *out,
                    struct diag_list *diags)
{
        const char *name = virNetworkGetName(n);
        char *xml;
        int r;

        if (!name)
                return 0;
        if (!(out->name = strdup(name)) || !(out->xml_file = lvn_api_xml_name(uri, name)))
                return -ENOMEM;
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
        /* The live XML of an active network names the bridge it runs with,
         * the persistent one the bridge libvirt assigned when it was defined:
         * what virNetworkGetBridgeName would have answered. */
        if (out->parsed && out->def.bridge && !(out->bridge = strdup(out->def.bridge)))
                return -ENOMEM;
        return 0;
}

enum api_flag { API_ACTIVE, API_PERSISTENT, API_AUTOSTART };

/* One listing with a filter flag sets that flag on every network it names:
 * one round trip for all networks instead of one per network. */
static int mark(virConnectPtr conn, enum api_flag which, struct lvn_api_net *v, size_t n,
                const struct hindex *by_name)
{
        static const unsigned filter[] = {
                [API_ACTIVE] = VIR_CONNECT_LIST_NETWORKS_ACTIVE,
                [API_PERSISTENT] = VIR_CONNECT_LIST_NETWORKS_PERSISTENT,
                [API_AUTOSTART] = VIR_CONNECT_LIST_NETWORKS_AUTOSTART,
        };
        virNetworkPtr *nets = NULL;
        int k = virConnectListAllNetworks(conn, &nets, filter[which]);

        if (k < 0)
                return -EIO;
        for (int i = 0; i < k; i++) {
                const char *name = virNetworkGetName(nets[i]);
                uint64_t h = name ? hindex_hash_str(HINDEX_SEED, name) : 0;

                for (size_t it = name ? hindex_first(by_name, h) : 0; it; it = hindex_next(by_name, it, h)) {
                        struct lvn_api_net *e = &v[it - 1];

                        if (it - 1 >= n || strcmp(e->name, name) != 0)
                                continue;
                        if (which == API_ACTIVE)
                                e->active = true;
                        else if (which == API_PERSISTENT)
                                e->persistent = true;
                        else
                                e->autostart = true;
                }
                virNetworkFree(nets[i]);
        }
        free(nets);
        return 0;
}

int lvn_api_list(const char *uri, struct lvn_api_net **ret, size_t *ret_n,
                 struct diag_list *diags, char **ret_error)
{
        struct lvn_api_net *v = NULL;
        virNetworkPtr *nets = NULL;
        struct hindex by_name = { 0 };
        virConnectPtr conn;
        size_t n_v = 0;         /* entries of v to free on failure */
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
        n_v = (size_t)n;
        for (int i = 0; i < n && r == 0; i++)
                r = read_one(uri, nets[i], &v[i], diags);
        if (r < 0)
                goto out;
        /* Entries whose network vanished have no name: drop them. */
        for (int i = 0; i < n; i++)
                if (v[i].name)
                        v[(*ret_n)++] = v[i];
        n_v = *ret_n;           /* the tail holds copies of moved entries */
        for (size_t i = 0; i < *ret_n && r == 0; i++)
                if (hindex_put(&by_name, i, hindex_hash_str(HINDEX_SEED, v[i].name)) < 0)
                        r = -ENOMEM;
        for (int f = API_ACTIVE; f <= API_AUTOSTART && r == 0; f++)
                r = mark(conn, (enum api_flag)f, v, *ret_n, &by_name);
        if (r < 0) {
                if (!*ret_error && r != -ENOMEM)
                        *ret_error = last_error();
                *ret_n = 0;
                goto out;
        }
        *ret = v;
        v = NULL;
out:
        lvn_api_nets_free(v, n_v);
        hindex_free(&by_name);
        for (int i = 0; i < n; i++)
                virNetworkFree(nets[i]);
        free(nets);
        virConnectClose(conn);
        if (r < 0 && r != -ENOMEM && !*ret_error)
                *ret_error = last_error();
        return r;
}
