/*
 * strbuf.c - the growing buffer.
 */
#include <errno.h>

#include "strbuf.h"
#include "xalloc.h"

int strbuf_put(struct strbuf *b, const char *s, size_t n)
{
        if (grow((void **)&b->p, &b->cap, b->n + n + 1, 1) < 0)
                return -ENOMEM;
        memcpy(b->p + b->n, s, n);
        b->n += n;
        b->p[b->n] = '\0';
        return 0;
}
