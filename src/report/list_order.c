/*
 * list_order.c - sorts an index over the inventory's networks (the
 * inventory itself is left in load order: other code may hold indexes).
 */
#include <stdlib.h>
#include <string.h>

#include "list_order.h"

static int by_source_name(const void *a, const void *b, void *arg)
{
        const struct inventory *inv = arg;
        const struct network *x = &inv->nets[*(const size_t *)a], *y = &inv->nets[*(const size_t *)b];
        int r;

        if (x->source != y->source)
                return x->source < y->source ? -1 : 1;
        if ((r = strverscmp(x->name ? x->name : "", y->name ? y->name : "")) != 0)
                return r;
        if ((r = strcmp(x->id ? x->id : "", y->id ? y->id : "")) != 0)
                return r;
        /* equal keys keep load order: the sort is stable */
        return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

size_t *list_network_order(const struct inventory *inv)
{
        size_t *v = calloc(inv->n_nets ? inv->n_nets : 1, sizeof(*v));

        if (!v)
                return NULL;
        for (size_t i = 0; i < inv->n_nets; i++)
                v[i] = i;
        qsort_r(v, inv->n_nets, sizeof(*v), by_source_name, (void *)inv);
        return v;
}
