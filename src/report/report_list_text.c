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

#include <net/if.h>

#include "list_columns.h"
#include "list_fields.h"
#include "list_order.h"
#include "report_list.h"
#include "rt_tables.h"
#include "textesc.h"

/* Sets a cell; NULL or "" leaves it empty.  libsmartcols itself shows
 * control characters and invalid UTF-8 as \xNN (and '\' as \x5c).  Long
 * values end in an ellipsis: one 100 KB name must not widen every row. */
static int cell(struct libscols_line *ln, size_t col, const char *s)
{
        char buf[LIST_CELL_MAX + 4];

        if (!s || !*s)
                return 0;
        return scols_line_set_data(ln, col, list_cell_text(s, buf));
}

/* "start-end, start-end; N fixed" into a malloc'd string (the range
 * fields with a text_sep, in table order). */
static char *dhcp_text(const struct subnet *s)
{
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        char buf[FIELD_TEXT_MAX];
        const char *t;

        if (!f)
                return NULL;
        for (size_t i = 0; i < s->n_ranges; i++) {
                fputs(i ? ", " : "", f);
                for (size_t k = 0; k < n_range_fields; k++) {
                        struct field_value v = range_fields[k].get(&s->ranges[i]);

                        if (range_fields[k].text_sep && (t = field_text(&v, buf)))
                                fprintf(f, "%s%s", range_fields[k].text_sep, t);
                }
        }
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
                inventory_find_interface(inv, n->device) : NULL;
        const struct interface *port;
        size_t it = 0;
        int k = 0;

        if (!f)
                return NULL;
        for (size_t i = 0; i < n->n_bridged_to; i++)
                fprintf(f, "%s%s", i ? "," : "bridged to ", n->bridged_to[i]);
        while (br && (port = inventory_next_port(inv, br->ifindex, &it)))
                fprintf(f, "%s%s", k++ ? "," : (n->n_bridged_to ? "; ports " : "ports "), port->name);
        fclose(f);
        return out;
}

/* One row per subnet (a network without subnets has one row).  Network
 * facts go on the first row, or on every row in raw/pairs output. */
static int network_rows(struct libscols_table *tb, const struct inventory *inv,
                        const struct network *n, const struct list_format *fmt)
{
        char buf[_LC_MAX][FIELD_TEXT_MAX], sobuf[FIELD_TEXT_MAX];
        const char *v[_LC_MAX] = { 0 };
        struct libscols_line *first = NULL;
        char *links = links_text(inv, n);
        bool flat = fmt->raw || fmt->pairs;
        size_t rows = n->n_subnets ? n->n_subnets : 1;
        bool subnet_cols = false;
        int r = 0;

        for (size_t c = 0; c < fmt->n_cols; c++)
                subnet_cols |= list_cols[fmt->cols[c]].per_subnet && fmt->cols[c] != LC_ORIGIN;
        if (!subnet_cols)
                rows = 1;       /* no subnet column chosen: one row per network */

        if (!links)
                return -ENOMEM;
        for (size_t f = 0; f < n_net_fields; f++) {
                struct field_value fv = net_fields[f].get(n);

                if (net_fields[f].col != _LC_MAX)
                        v[net_fields[f].col] = field_text(&fv, buf[net_fields[f].col]);
        }
        v[LC_LINKS] = links;
        for (size_t i = 0; r >= 0 && i < rows; i++) {
                const struct subnet *s = n->n_subnets ? &n->subnets[i] : NULL;
                struct libscols_line *ln = scols_table_new_line(tb, first && !flat ? first : NULL);
                char *dhcp = s ? dhcp_text(s) : NULL;

                if (!ln || (s && !dhcp)) {
                        free(dhcp);
                        r = -ENOMEM;
                        break;
                }
                for (size_t f = 0; f < n_subnet_fields; f++) {
                        struct field_value fv = s ? subnet_fields[f].get(s) :
                                                    (struct field_value){ .kind = FV_ABSENT };

                        if (subnet_fields[f].col != _LC_MAX)
                                v[subnet_fields[f].col] = field_text(&fv, buf[subnet_fields[f].col]);
                }
                v[LC_DHCP] = dhcp;
                /* the first row names the network's origin, later rows their subnet's */
                if (i && s) {
                        struct field_value fv = subnet_origin_value(s);

                        v[LC_ORIGIN] = field_text(&fv, sobuf);
                }
                for (size_t c = 0; r >= 0 && c < fmt->n_cols; c++)
                        if (!first || flat || list_cols[fmt->cols[c]].per_subnet)
                                r = cell(ln, c, v[fmt->cols[c]]);
                free(dhcp);
                if (!first)
                        first = ln;
        }
        free(links);
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

static struct libscols_table *network_table(FILE *out, const struct list_format *fmt)
{
        struct libscols_table *tb = scols_new_table();
        bool flat = fmt->raw || fmt->pairs;
        bool tree = false;

        if (!tb)
                return NULL;
        scols_table_set_stream(tb, out);
        scols_table_enable_noheadings(tb, fmt->noheadings);
        scols_table_enable_raw(tb, fmt->raw);
        scols_table_enable_export(tb, fmt->pairs);
        scols_table_enable_shellvar(tb, fmt->pairs);     /* DHCP-SERVER= is not a shell name */
        for (size_t i = 0; i < fmt->n_cols; i++) {
                const struct list_col_info *ci = &list_cols[fmt->cols[i]];
                int flags = ci->flags;

                /* one tree column at most, and none in flat output */
                if ((flags & SCOLS_FL_TREE) && (flat || tree))
                        flags &= ~SCOLS_FL_TREE;
                tree |= flags & SCOLS_FL_TREE;
                if (!scols_table_new_column(tb, ci->name, ci->whint, flags)) {
                        scols_unref_table(tb);
                        return NULL;
                }
        }
        return tb;
}

static int print_networks(FILE *out, const struct inventory *inv, const struct list_format *fmt_in)
{
        struct list_format f = *fmt_in, *fmt = &f;
        struct libscols_table *tb;
        size_t *order = list_network_order(inv);
        bool libvirt = false;
        int r = 0;

        /* the default AUTOSTART column only where libvirt networks exist */
        for (size_t i = 0; i < inv->n_nets; i++)
                libvirt |= inv->nets[i].source == NET_SRC_LIBVIRT;
        for (size_t i = 0; !f.columns_given && !libvirt && i < f.n_cols; i++)
                if (f.cols[i] == LC_AUTOSTART) {
                        memmove(&f.cols[i], &f.cols[i + 1], (f.n_cols - i - 1) * sizeof(f.cols[0]));
                        f.n_cols--;
                }
        tb = network_table(out, fmt);
        if (!tb || !order) {
                scols_unref_table(tb);
                free(order);
                return -ENOMEM;
        }
        for (size_t i = 0; r >= 0 && i < inv->n_nets; i++)
                r = network_rows(tb, inv, &inv->nets[order[i]], fmt);
        if (r >= 0 && fmt->networks_only)
                scols_print_table(tb);
        else if (r >= 0) {
                fprintf(out, "Virtual networks\n");
                if (inv->n_nets)
                        scols_print_table(tb);
                else
                        fprintf(out, "  (none)\n");
        }
        free(order);
        scols_unref_table(tb);
        return r;
}

/* Container managers' allocation pools: plans for networks not yet made. */
static int print_pools(FILE *out, const struct inventory *inv)
{
        struct libscols_table *tb;
        int r = 0;

        if (!inv->n_pools)
                return 0;
        if (!(tb = new_table(out, pool_col_names, _PC_MAX, (size_t)-1)))
                return -ENOMEM;
        for (size_t i = 0; r >= 0 && i < inv->n_pools; i++) {
                struct libscols_line *ln = scols_table_new_line(tb, NULL);
                char buf[FIELD_TEXT_MAX];

                if (!ln) {
                        r = -ENOMEM;
                        break;
                }
                for (size_t f = 0; r >= 0 && f < n_pool_fields; f++) {
                        struct field_value v = pool_fields[f].get(&inv->pools[i]);

                        if (pool_fields[f].col != PC_NONE)
                                r = cell(ln, (size_t)pool_fields[f].col, field_text(&v, buf));
                }
        }
        if (r >= 0) {
                fprintf(out, "\nAddress pools\n");
                scols_print_table(tb);
        }
        scols_unref_table(tb);
        return r < 0 ? -ENOMEM : 0;
}

/* Adds ifc and, below it, every interface whose master it is. */
static int interface_rows(struct libscols_table *tb, const struct inventory *inv,
                          const struct interface *ifc, struct libscols_line *parent, int depth)
{
        struct libscols_line *ln = scols_table_new_line(tb, parent);
        char buf[_IC_MAX][FIELD_TEXT_MAX], pbuf[PREFIX_STRLEN];
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
        r = cell(ln, IC_ADDRS, addrs);
        for (size_t i = 0; i < n_if_fields; i++) {
                struct field_value v = if_fields[i].get(inv, ifc);

                if (if_fields[i].col != IC_NONE)
                        r |= cell(ln, (size_t)if_fields[i].col, field_text(&v, buf[if_fields[i].col]));
        }
        free(addrs);
        /* depth bounds a (kernel-impossible) master loop */
        while (r >= 0 && depth < 8 &&
               (port = inventory_next_port(inv, ifc->ifindex, &it)))
                if (port != ifc)
                        r = interface_rows(tb, inv, port, ln, depth + 1);
        return r < 0 ? -ENOMEM : 0;
}

static int print_interfaces(FILE *out, const struct inventory *inv)
{
        struct libscols_table *tb = new_table(out, if_col_names, _IC_MAX, IC_NAME);
        int r = 0;

        if (!tb)
                return -ENOMEM;
        for (size_t i = 0; r >= 0 && i < inv->n_ifs; i++) {
                const struct interface *ifc = &inv->ifs[i];

                /* Ports are shown under their master. */
                if (ifc->master_ifindex && inventory_interface_by_index(inv,
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

static int print_routes(FILE *out, const struct inventory *inv, const struct rtt_names *tables)
{
        struct libscols_table *tb = new_table(out, route_col_names, _RC_MAX, (size_t)-1);
        int r = 0;

        if (!tb)
                return -ENOMEM;
        for (size_t i = 0; r >= 0 && i < inv->n_routes; i++) {
                struct libscols_line *ln = scols_table_new_line(tb, NULL);
                char buf[FIELD_TEXT_MAX];

                if (!ln) {
                        r = -ENOMEM;
                        break;
                }
                for (size_t f = 0; r >= 0 && f < n_route_fields; f++) {
                        struct field_value v = route_fields[f].get(inv, tables, &inv->routes[i]);

                        if (route_fields[f].col != RC_NONE)
                                r = cell(ln, (size_t)route_fields[f].col, field_text(&v, buf));
                }
        }
        if (r >= 0) {
                fprintf(out, "\nRoutes\n");
                scols_print_table(tb);
        }
        scols_unref_table(tb);
        return r < 0 ? -ENOMEM : 0;
}

int report_list_text_format(FILE *out, const struct inventory *inv, const struct list_format *fmt,
                            const struct rtt_names *tables)
{
        int r = print_networks(out, inv, fmt);

        if (r >= 0 && !fmt->networks_only)
                r = print_pools(out, inv);
        if (r >= 0 && inv->have_kernel && !fmt->networks_only)
                r = print_interfaces(out, inv);
        if (r >= 0 && inv->have_kernel && fmt->verbose && !fmt->networks_only)
                r = print_routes(out, inv, tables);
        return r;
}

int report_list_text(FILE *out, const struct inventory *inv, int verbose)
{
        struct list_format fmt;

        list_format_init(&fmt);
        fmt.verbose = verbose;
        return report_list_text_format(out, inv, &fmt, NULL);
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
