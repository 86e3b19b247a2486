/*
 * diag.c - the located-diagnostics list.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xalloc.h"

int diag_add(struct diag_list *l, const char *file, unsigned line, enum severity sev,
             const char *fmt, ...)
{
        struct diag d = { .line = line, .severity = sev };
        va_list ap;
        int r;

        if (grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v)) < 0)
                return -ENOMEM;
        va_start(ap, fmt);
        r = vasprintf(&d.message, fmt, ap);
        va_end(ap);
        if (r < 0)
                return -ENOMEM;
        if (file && !(d.file = strdup(file))) {
                free(d.message);
                return -ENOMEM;
        }
        l->v[l->n++] = d;
        return 0;
}

size_t diag_count(const struct diag_list *l, enum severity sev)
{
        size_t n = 0;

        for (size_t i = 0; i < l->n; i++)
                n += l->v[i].severity == sev;
        return n;
}

int diag_move(struct diag_list *dst, struct diag_list *src)
{
        if (grow((void **)&dst->v, &dst->cap, dst->n + src->n, sizeof(*dst->v)) < 0)
                return -ENOMEM;
        if (src->n)
                memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
        dst->n += src->n;
        src->n = 0;
        return 0;
}

void diag_list_free(struct diag_list *l)
{
        if (!l)
                return;
        for (size_t i = 0; i < l->n; i++) {
                free(l->v[i].file);
                free(l->v[i].message);
        }
        free(l->v);
        *l = (struct diag_list){ 0 };
}
