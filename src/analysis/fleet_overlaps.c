/*
 * fleet_overlaps.c - subnet-overlap across hosts: one subnet (or nested
 * ones) on two hosts.  An error when bridged members on one LAN clash (one
 * broadcast domain), else information: isolated and NAT networks may
 * reuse a subnet unless guests migrate or hosts route to each other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "fleet_checks.h"

static const struct origin *subnet_origin(const struct ctx *c, const struct fact *x)
{
        const struct subnet *s = fact_subnet(c, x);

        return s->origin.file || s->origin.ifindex ? &s->origin : &fact_net(c, x)->origin;
}

/* Bridged members of one LAN on two hosts whose subnets overlap: the
 * stack holds the bridged members that contain the current one. */
static bool bridged_clash(const struct ctx *c, const struct fact *const *m, size_t n, size_t *stack)
{
        size_t depth = 0;

        for (size_t i = 0; i < n; i++) {
                if (!fact_bridged(c, m[i]))
                        continue;
                while (depth && addr_cmp(&m[stack[depth - 1]]->last, &m[i]->first) < 0)
                        depth--;
                for (size_t k = 0; k < depth; k++)
                        if (m[stack[k]]->host != m[i]->host &&
                            fleet_same_lan(c->f, m[stack[k]]->host, m[i]->host))
                                return true;
                stack[depth++] = i;
        }
        return false;
}

static void emit_overlap(struct ctx *c, const struct fact *const *m, size_t n, size_t *stack)
{
        char *names, *msg, *hint;
        bool error = bridged_clash(c, m, n, stack), same = true;
        char pb[PREFIX_STRLEN];
        struct finding *fd;

        for (size_t i = 1; i < n; i++)
                same &= addr_eq(&m[i]->first, &m[0]->first) && addr_eq(&m[i]->last, &m[0]->last);
        hint = error ?
                emit_fmt("the guests of networks bridged onto one LAN share one broadcast domain: give each "
                         "network its own subnet") :
                emit_fmt("isolated and NAT networks on different hosts may reuse a subnet, but guests migrated "
                         "between these hosts keep their addresses, and routes between the hosts to these subnets "
                         "break: give each host its own subnet where guests move or hosts route to each other");
        if (!hint || !(fd = finding_add(c->out, F_SUBNET_OVERLAP, error ? SEV_ERROR : SEV_INFO, "", hint))) {
                free(hint);
                c->enomem = 1;
                return;
        }
        free(hint);
        for (size_t i = 0; i < n; i++)
                check(c, finding_add_address(fd, prefix_format(&fact_subnet(c, m[i])->prefix, pb)));
        if (!(names = fleet_add_members(c, fd, m, n, subnet_origin)))
                return;
        if (same)
                msg = emit_fmt("subnet %s is used on %zu hosts: %s", fd->addresses[0], fd->n_hosts, names);
        else if (fd->n_addresses == 2)
                msg = emit_fmt("subnets %s and %s overlap across %zu hosts: %s", fd->addresses[0],
                               fd->addresses[1], fd->n_hosts, names);
        else
                msg = emit_fmt("subnet %s and %zu subnets inside it overlap across %zu hosts: %s",
                               fd->addresses[0], fd->n_addresses - 1, fd->n_hosts, names);
        if (!msg) {
                c->enomem = 1;
        } else {
                free(fd->message);
                fd->message = msg;
        }
        free(names);
}

static void emit_overlap_cb(struct ctx *c, const struct fact *const *m, size_t n)
{
        emit_overlap(c, m, n, c->stack);
}

static bool is_lan_network(const struct inventory *inv, const struct network *n)
{
        const struct interface *ifc;

        if (n->source != NET_SRC_HOST || !n->device)
                return false;
        ifc = inventory_find_interface(inv, n->device);
        return ifc && fleet_is_lan_interface(inv, ifc);
}

static bool link_local(const struct prefix *p)
{
        if (p->addr.family == AF_INET)
                return p->addr.b[0] == 169 && p->addr.b[1] == 254;
        return p->addr.b[0] == 0xfe && (p->addr.b[1] & 0xc0) == 0x80;
}

void fleet_overlaps(struct ctx *c)
{
        struct fact *v = NULL, *x;
        size_t n = 0, cap = 0;

        for (size_t h = 0; h < c->f->n_hosts && !c->enomem; h++) {
                const struct inventory *inv = &c->f->hosts[h].inv;

                for (size_t i = 0; i < inv->n_nets; i++) {
                        /* the LAN itself (br0 holding the wire) is shared by design */
                        if (is_lan_network(inv, &inv->nets[i]))
                                continue;
                        for (size_t k = 0; k < inv->nets[i].n_subnets; k++) {
                                const struct prefix *p = &inv->nets[i].subnets[k].prefix;

                                if (!p->addr.family || link_local(p) || !(x = fleet_push(c, &v, &n, &cap)))
                                        continue;
                                *x = (struct fact){ .first = prefix_first(p), .last = prefix_last(p),
                                                    .host = h, .kind = FK_NET, .a = i, .b = k };
                        }
                }
        }
        if (n > 1 && !c->enomem) {
                qsort(v, n, sizeof(*v), fleet_cmp_span);
                if (!(c->stack = malloc(n * sizeof(*c->stack))))
                        c->enomem = 1;
                else
                        fleet_clusters(c, v, n, false, emit_overlap_cb);
                free(c->stack);
                c->stack = NULL;
        }
        free(v);
}
