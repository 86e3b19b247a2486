/*
 * report_list_text.c - the human `vnetaudit list`: a table of virtual
 * networks (one row per subnet), a tree of local interfaces with bridge
 * ports under their bridge, and with -v the routes.  Untrusted strings are
 * escaped by libsmartcols on output.
 */
#include <errno.h>
#include <libsmartcols.h>
#include <stdlib.h>
#include <string.h>

#include "report_list.h"
#include "textesc.h"

/* Sets a cell; NULL or "" leaves it empty.  libsmartcols itself shows
 * control characters and invalid UTF-8 as \xNN (and '\' as \x5c). */
static int cell(struct libscols_line *ln, size_t col, const char *s)
{
        if (!s || !*s)
                return 0;
        return scols_line_set_data(ln, col, s);
}

static const char *fact(const struct addr_fact *f, char buf[static ADDR_STRLEN])
{
        return f->set ? addr_format(&f->addr, buf) : NULL;
}

/* "start-end, start-end; N fixed" into a malloc'd string. */
static char *dhcp_text(const struct subnet *s)
{
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        char a[ADDR_STRLEN], b[ADDR_STRLEN];

        if (!f)
                return NULL;
        for (size_t i = 0; i < s->n_ranges; i++)
                fprintf(f, "%s%s-%s", i ? ", " : "", addr_format(&s->ranges[i].start, a),
                        addr_format(&s->ranges[i].end, b));
        if (s->n_hosts)
                fprintf(f, "%s%zu fixed", s->n_ranges ? "; " : "", s->n_hosts);
        fclose(f);
        return out;
}

/* Bridged-to interfaces of a network, or the ports of its bridge. */
static char *links_text(const struct inventory *inv, const struct network *n)
{
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        const struct interface *br = n->device ?
                inventory_find_interface((struct inventory *)inv, n->device) : NULL;
        const struct interface *port;
        size_t it = 0;
        int k = 0;

        if (!f)
                return NULL;
        for (size_t i = 0; i < n->n_bridged_to; i++)
                fprintf(f, "%s%s", i ? "," : "bridged to ", n->bridged_to[i]);
        while (br && (port = inventory_next_port((struct inventory *)inv, br->ifindex, &it)))
                fprintf(f, "%s%s", k++ ? "," : (n->n_bridged_to ? "; ports " : "ports "), port->name);
        fclose(f);
        return out;
}

enum { N_NAME, N_DEVICE, N_TYPE, N_STATE, N_SUBNET, N_HOST, N_GATEWAY, N_DHCP, N_LINKS, N_ORIGIN };

static int network_rows(struct libscols_table *tb, const struct inventory *inv,
                        const struct network *n)
{
        struct libscols_line *first = scols_table_new_line(tb, NULL);
        char buf[4096], a[ADDR_STRLEN];
        char *links = links_text(inv, n);
        int r;

        if (!first || !links) {
                free(links);
                return -ENOMEM;
        }
        r = cell(first, N_NAME, n->id) | cell(first, N_DEVICE, n->device) |
            cell(first, N_TYPE, net_type_name(n->type)) | cell(first, N_STATE, net_state_name(n->state)) |
            cell(first, N_LINKS, links) | cell(first, N_ORIGIN, origin_format(&n->origin, buf, sizeof(buf)));
        free(links);
        for (size_t i = 0; r >= 0 && i < n->n_subnets; i++) {
                const struct subnet *s = &n->subnets[i];
                struct libscols_line *ln = i ? scols_table_new_line(tb, first) : first;
                char pbuf[PREFIX_STRLEN], *dhcp = dhcp_text(s);

                if (!ln || !dhcp) {
                        free(dhcp);
                        return -ENOMEM;
                }
                r = cell(ln, N_SUBNET, prefix_format(&s->prefix, pbuf)) |
                    cell(ln, N_HOST, fact(&s->host_address, a));
                r |= cell(ln, N_GATEWAY, fact(&s->gateway, a)) | cell(ln, N_DHCP, dhcp);
                if (i)
                        r |= cell(ln, N_ORIGIN, origin_format(&s->origin, buf, sizeof(buf)));
                free(dhcp);
        }
        return r < 0 ? -ENOMEM : 0;
}

static struct libscols_table *new_table(FILE *out, const char *const *cols, size_t n, size_t tree_col)
{
        struct libscols_table *tb = scols_new_table();

        if (!tb)
                return NULL;
        scols_table_set_stream(tb, out);
        for (size_t i = 0; i < n; i++)
                if (!scols_table_new_column(tb, cols[i], 0, i == tree_col ? SCOLS_FL_TREE : 0)) {
                        scols_unref_table(tb);
                        return NULL;
                }
        return tb;
}

static int print_networks(FILE *out, const struct inventory *inv)
{
        static const char *const cols[] = { "NETWORK", "DEVICE", "TYPE", "STATE", "SUBNET",
                                            "HOST", "GATEWAY", "DHCP", "LINKS", "ORIGIN" };
        struct libscols_table *tb = new_table(out, cols, 10, 0);
        int r = 0;

        if (!tb)
                return -ENOMEM;
        for (size_t i = 0; r >= 0 && i < inv->n_nets; i++)
                r = network_rows(tb, inv, &inv->nets[i]);
        if (r >= 0) {
                fprintf(out, "Virtual networks\n");
                if (inv->n_nets)
                        scols_print_table(tb);
                else
                        fprintf(out, "  (none)\n");
        }
        scols_unref_table(tb);
        return r;
}

/* Container managers' allocation pools: plans for networks not yet made. */
static int print_pools(FILE *out, const struct inventory *inv)
{
        static const char *const cols[] = { "POOL", "BASE", "SIZE", "ORIGIN" };
        struct libscols_table *tb;
        int r = 0;

        if (!inv->n_pools)
                return 0;
        if (!(tb = new_table(out, cols, 4, (size_t)-1)))
                return -ENOMEM;
        for (size_t i = 0; r >= 0 && i < inv->n_pools; i++) {
                const struct addr_pool *p = &inv->pools[i];
                struct libscols_line *ln = scols_table_new_line(tb, NULL);
                char pbuf[PREFIX_STRLEN], sbuf[8], obuf[4096];

                if (!ln) {
                        r = -ENOMEM;
                        break;
                }
                snprintf(sbuf, sizeof(sbuf), "/%u", p->size);
                r = cell(ln, 0, net_source_name(p->source)) | cell(ln, 1, prefix_format(&p->base, pbuf)) |
                    cell(ln, 2, sbuf) | cell(ln, 3, origin_format(&p->origin, obuf, sizeof(obuf)));
        }
        if (r >= 0) {
                fprintf(out, "\nAddress pools\n");
                scols_print_table(tb);
        }
        scols_unref_table(tb);
        return r < 0 ? -ENOMEM : 0;
}

enum { I_NAME, I_KIND, I_STATE, I_MAC, I_ADDRS };

/* Adds ifc and, below it, every interface whose master it is. */
static int interface_rows(struct libscols_table *tb, const struct inventory *inv,
                          const struct interface *ifc, struct libscols_line *parent, int depth)
{
        struct libscols_line *ln = scols_table_new_line(tb, parent);
        char mac[MAC_STRLEN], pbuf[PREFIX_STRLEN];
        const struct interface *port;
        char *addrs = NULL;
        size_t len = 0, it = 0;
        FILE *f;
        int r;

        if (!ln || !(f = open_memstream(&addrs, &len)))
                return -ENOMEM;
        for (size_t i = 0; i < ifc->n_addrs; i++) {
                fprintf(f, "%s%s", i ? " " : "", prefix_format(&ifc->addrs[i].prefix, pbuf));
                if (ifc->addrs[i].has_peer)
                        fprintf(f, " peer %s", prefix_format(&ifc->addrs[i].peer, pbuf));
        }
        fclose(f);
        if (ifc->has_mac)
                mac_format(ifc->mac, mac);
        r = cell(ln, I_NAME, ifc->name) | cell(ln, I_KIND, link_kind_name(ifc->kind)) |
            cell(ln, I_STATE, oper_state_name(ifc->oper)) | cell(ln, I_MAC, ifc->has_mac ? mac : NULL) |
            cell(ln, I_ADDRS, addrs);
        free(addrs);
        /* depth bounds a (kernel-impossible) master loop */
        while (r >= 0 && depth < 8 &&
               (port = inventory_next_port((struct inventory *)inv, ifc->ifindex, &it)))
                if (port != ifc)
                        r = interface_rows(tb, inv, port, ln, depth + 1);
        return r < 0 ? -ENOMEM : 0;
}

static int print_interfaces(FILE *out, const struct inventory *inv)
{
        static const char *const cols[] = { "INTERFACE", "KIND", "STATE", "MAC", "ADDRESSES" };
        struct libscols_table *tb = new_table(out, cols, 5, 0);
        int r = 0;

        if (!tb)
                return -ENOMEM;
        for (size_t i = 0; r >= 0 && i < inv->n_ifs; i++) {
                const struct interface *ifc = &inv->ifs[i];

                /* Ports are shown under their master. */
                if (ifc->master_ifindex && inventory_interface_by_index((struct inventory *)inv,
                                                                        ifc->master_ifindex))
                        continue;
                r = interface_rows(tb, inv, ifc, NULL, 0);
        }
        if (r >= 0) {
                fprintf(out, "\nLocal interfaces\n");
                scols_print_table(tb);
        }
        scols_unref_table(tb);
        return r;
}

static int print_routes(FILE *out, const struct inventory *inv)
{
        static const char *const cols[] = { "TABLE", "DESTINATION", "DEVICE", "GATEWAY" };
        struct libscols_table *tb = new_table(out, cols, 4, (size_t)-1);
        int r = 0;

        if (!tb)
                return -ENOMEM;
        for (size_t i = 0; r >= 0 && i < inv->n_routes; i++) {
                const struct route *rt = &inv->routes[i];
                const struct interface *dev = inventory_interface_by_index((struct inventory *)inv, rt->ifindex);
                struct libscols_line *ln = scols_table_new_line(tb, NULL);
                char tbuf[16], pbuf[PREFIX_STRLEN], a[ADDR_STRLEN];

                if (!ln) {
                        r = -ENOMEM;
                        break;
                }
                snprintf(tbuf, sizeof(tbuf), "%u", rt->table);
                r = cell(ln, 0, tbuf) | cell(ln, 1, prefix_format(&rt->dst, pbuf)) |
                    cell(ln, 2, dev ? dev->name : NULL) | cell(ln, 3, fact(&rt->gateway, a));
        }
        if (r >= 0) {
                fprintf(out, "\nRoutes\n");
                scols_print_table(tb);
        }
        scols_unref_table(tb);
        return r < 0 ? -ENOMEM : 0;
}

int report_list_text(FILE *out, const struct inventory *inv, int verbose)
{
        int r = print_networks(out, inv);

        if (r >= 0)
                r = print_pools(out, inv);

        if (r >= 0 && inv->have_kernel)
                r = print_interfaces(out, inv);
        if (r >= 0 && inv->have_kernel && verbose)
                r = print_routes(out, inv);
        return r;
}

void report_diagnostics_text(FILE *err, const struct diag_list *l, int verbose)
{
        for (size_t i = 0; i < l->n; i++) {
                const struct diag *d = &l->v[i];
                char *file = textesc(d->file, true), *msg = textesc(d->message, true);

                if (d->severity == SEV_INFO && !verbose)
                        ;
                else if (d->file && d->line)
                        fprintf(err, "%s:%u: %s%s\n", file, d->line,
                                d->severity == SEV_WARNING ? "warning: " : "", msg);
                else if (d->file)
                        fprintf(err, "%s: %s%s\n", file, d->severity == SEV_WARNING ? "warning: " : "", msg);
                else
                        fprintf(err, "vnetaudit: %s%s\n", d->severity == SEV_WARNING ? "warning: " : "", msg);
                free(file);
                free(msg);
        }
}
