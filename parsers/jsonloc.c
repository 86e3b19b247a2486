/*
 * jsonloc.c - a recursive-descent walk over JSON text that only tracks
 * structure and lines (no value decoding): objects, arrays, strings with
 * escapes, bare scalars.  Depth and path length are bounded so hostile
 * input costs linear time and memory.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonloc.h"
#include "xalloc.h"

struct lx {
        const char *p, *end;
        unsigned line;
        struct jsonloc *out;
        char path[JSONLOC_MAX_PATH];
        size_t plen;
        bool overflow;          /* path too long: nothing below is indexed */
        int err;
};

static void ws(struct lx *x)
{
        while (x->p < x->end && (*x->p == ' ' || *x->p == '\t' || *x->p == '\r' || *x->p == '\n')) {
                if (*x->p == '\n')
                        x->line++;
                x->p++;
        }
}

static void record(struct lx *x)
{
        struct jsonloc_ent *e;

        if (x->err || x->overflow || x->out->n >= JSONLOC_MAX_ENTRIES)
                return;
        if (!(e = ARRAY_PUSH(x->out->v, x->out->n, x->out->cap)) ||
            !(e->path = strndup(x->path, x->plen))) {
                if (e)
                        x->out->n--;
                x->err = -ENOMEM;
                return;
        }
        e->line = x->line;
        e->seq = x->out->n;
}

/* Skips a string starting at the opening quote; returns its raw bytes. */
static bool string(struct lx *x, const char **ret_s, size_t *ret_n)
{
        const char *s = ++x->p;

        while (x->p < x->end && *x->p != '"') {
                if (*x->p == '\\' && x->p + 1 < x->end)
                        x->p++;
                else if (*x->p == '\n')
                        x->line++;      /* invalid JSON; json-c will say so */
                x->p++;
        }
        if (x->p >= x->end)
                return false;
        *ret_s = s;
        *ret_n = (size_t)(x->p - s);
        x->p++;
        return true;
}

/* Appends "/" and the component (JSON Pointer escaped); false when full. */
static bool push(struct lx *x, const char *s, size_t n)
{
        if (x->plen + 1 > sizeof(x->path))
                return false;
        x->path[x->plen++] = '/';
        for (size_t i = 0; i < n; i++) {
                const char *rep = s[i] == '~' ? "~0" : s[i] == '/' ? "~1" : NULL;
                size_t k = rep ? 2 : 1;

                if (x->plen + k > sizeof(x->path))
                        return false;
                if (rep)
                        memcpy(x->path + x->plen, rep, 2);
                else
                        x->path[x->plen] = s[i];
                x->plen += k;
        }
        return true;
}

static bool value(struct lx *x, int depth);

static bool member(struct lx *x, int depth, const char *key, size_t klen)
{
        size_t saved = x->plen;
        bool was = x->overflow, ok;

        if (!x->overflow && !push(x, key, klen))
                x->overflow = true;
        ok = value(x, depth + 1);
        x->plen = saved;
        x->overflow = was;
        return ok;
}

static bool object(struct lx *x, int depth)
{
        x->p++;
        ws(x);
        if (x->p < x->end && *x->p == '}') {
                x->p++;
                return true;
        }
        for (;;) {
                const char *k;
                size_t kn;

                ws(x);
                if (x->p >= x->end || *x->p != '"' || !string(x, &k, &kn))
                        return false;
                ws(x);
                if (x->p >= x->end || *x->p != ':')
                        return false;
                x->p++;
                if (!member(x, depth, k, kn))
                        return false;
                ws(x);
                if (x->p < x->end && *x->p == ',') {
                        x->p++;
                        continue;
                }
                if (x->p < x->end && *x->p == '}') {
                        x->p++;
                        return true;
                }
                return false;
        }
}

static bool array(struct lx *x, int depth)
{
        char idx[24];

        x->p++;
        ws(x);
        if (x->p < x->end && *x->p == ']') {
                x->p++;
                return true;
        }
        for (size_t i = 0;; i++) {
                int n = snprintf(idx, sizeof(idx), "%zu", i);

                if (!member(x, depth, idx, (size_t)n))
                        return false;
                ws(x);
                if (x->p < x->end && *x->p == ',') {
                        x->p++;
                        continue;
                }
                if (x->p < x->end && *x->p == ']') {
                        x->p++;
                        return true;
                }
                return false;
        }
}

static bool value(struct lx *x, int depth)
{
        const char *s;
        size_t n;

        if (depth > JSONLOC_MAX_DEPTH || x->err)
                return false;
        ws(x);
        if (x->p >= x->end)
                return false;
        record(x);
        switch (*x->p) {
        case '{':
                return object(x, depth);
        case '[':
                return array(x, depth);
        case '"':
                return string(x, &s, &n);
        default:
                s = x->p;
                while (x->p < x->end && !strchr(" \t\r\n,]}:[{\"", *x->p))
                        x->p++;
                return x->p > s;
        }
}

static int cmp_ent(const void *pa, const void *pb)
{
        const struct jsonloc_ent *a = pa, *b = pb;
        int r = strcmp(a->path, b->path);

        return r ? r : (a->seq > b->seq) - (a->seq < b->seq);
}

int jsonloc_index(const char *buf, size_t len, struct jsonloc *ret)
{
        struct lx x = { .p = buf, .end = buf + len, .line = 1, .out = ret };
        bool ok;
        size_t w = 0;

        *ret = (struct jsonloc){ 0 };
        ok = value(&x, 0);
        ws(&x);
        if (x.err) {
                jsonloc_free(ret);
                return x.err;
        }
        /* Sort by path, keep the last of equal paths (json-c keeps the last
         * of duplicate keys). */
        if (ret->n > 1)
                qsort(ret->v, ret->n, sizeof(*ret->v), cmp_ent);
        for (size_t i = 0; i < ret->n; i++) {
                if (i + 1 < ret->n && strcmp(ret->v[i].path, ret->v[i + 1].path) == 0) {
                        free(ret->v[i].path);
                        continue;
                }
                ret->v[w++] = ret->v[i];
        }
        ret->n = w;
        return ok && x.p == x.end ? 0 : -EINVAL;
}

static int cmp_key(const void *key, const void *pe)
{
        return strcmp(key, ((const struct jsonloc_ent *)pe)->path);
}

unsigned jsonloc_line(const struct jsonloc *l, const char *path)
{
        const struct jsonloc_ent *e;

        if (!l || !l->n || !path)
                return 0;
        e = bsearch(path, l->v, l->n, sizeof(*l->v), cmp_key);
        return e ? e->line : 0;
}

unsigned jsonloc_linef(const struct jsonloc *l, const char *fmt, ...)
{
        char path[JSONLOC_MAX_PATH + 1];
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = vsnprintf(path, sizeof(path), fmt, ap);
        va_end(ap);
        if (n < 0 || (size_t)n >= sizeof(path))
                return 0;
        return jsonloc_line(l, path);
}

void jsonloc_free(struct jsonloc *l)
{
        if (!l)
                return;
        for (size_t i = 0; i < l->n; i++)
                free(l->v[i].path);
        free(l->v);
        *l = (struct jsonloc){ 0 };
}
