/*
 * diag.c - the located-diagnostics list.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xalloc.h"

/* Cuts an over-long message in the middle, at UTF-8 character boundaries:
 * its head and its tail stay (the closing quote of a quoted line, the end
 * of a system message), "…" stands for the rest. */
static void cut_message(char *m)
{
        size_t n = strlen(m), head, tail;

        if (n <= DIAG_MESSAGE_MAX)
                return;
        head = DIAG_MESSAGE_MAX / 2 - 2;
        while (head > 0 && ((unsigned char)m[head] & 0xc0) == 0x80)
                head--;
        tail = n - (DIAG_MESSAGE_MAX / 2 - 2);
        while (tail < n && ((unsigned char)m[tail] & 0xc0) == 0x80)
                tail++;
        memcpy(m + head, "\xe2\x80\xa6", 3);            /* U+2026 */
        memmove(m + head + 3, m + tail, n - tail + 1);
}

static bool same_file(const char *a, const char *b)
{
        return a == b || (a && b && strcmp(a, b) == 0);
}

/* The entry standing for the rest of this file's diagnostics, when the
 * trailing run of entries about it is full; creates it on the cap. */
static int count_more(struct diag_list *l, const char *file, enum severity sev, bool *ret_counted)
{
        struct diag *last = l->n ? &l->v[l->n - 1] : NULL;
        size_t run = 0;

        *ret_counted = false;
        if (!file)
                return 0;
        if (last && last->more && same_file(last->file, file)) {
                last->more++;
                if (sev > last->severity)
                        last->severity = sev;
                free(last->message);
                if (asprintf(&last->message, "and %zu more diagnostics about this file (not shown)",
                             last->more) < 0) {
                        last->message = NULL;
                        return -ENOMEM;
                }
                *ret_counted = true;
                return 0;
        }
        while (run < l->n && run < DIAG_MAX_PER_FILE && same_file(l->v[l->n - 1 - run].file, file))
                run++;
        if (run < DIAG_MAX_PER_FILE)
                return 0;
        if (diag_add(l, NULL, 0, sev, "and 1 more diagnostic about this file (not shown)") < 0 ||
            !(l->v[l->n - 1].file = strdup(file)))
                return -ENOMEM;
        l->v[l->n - 1].more = 1;
        *ret_counted = true;
        return 0;
}

int diag_add(struct diag_list *l, const char *file, unsigned line, enum severity sev,
             const char *fmt, ...)
{
        struct diag d = { .line = line, .severity = sev };
        va_list ap;
        bool counted;
        int r;

        if ((r = count_more(l, file, sev, &counted)) < 0 || counted)
                return r;
        if (grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v)) < 0)
                return -ENOMEM;
        va_start(ap, fmt);
        r = vasprintf(&d.message, fmt, ap);
        va_end(ap);
        if (r < 0)
                return -ENOMEM;
        cut_message(d.message);
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

int diag_copy(struct diag_list *dst, const struct diag_list *src)
{
        if (grow((void **)&dst->v, &dst->cap, dst->n + src->n, sizeof(*dst->v)) < 0)
                return -ENOMEM;
        for (size_t i = 0; i < src->n; i++) {
                struct diag d = src->v[i];

                d.file = d.file ? strdup(d.file) : NULL;
                d.message = d.message ? strdup(d.message) : NULL;
                if ((src->v[i].file && !d.file) || (src->v[i].message && !d.message)) {
                        free(d.file);
                        free(d.message);
                        return -ENOMEM;
                }
                dst->v[dst->n++] = d;
        }
        return 0;
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
