/*
 * strbuf.h - a growing, always NUL-terminated byte buffer for building
 * documents (the audit state file, mail messages).  The caller owns p.
 */
#ifndef VNETAUDIT_STRBUF_H
#define VNETAUDIT_STRBUF_H

#include <stddef.h>
#include <string.h>

struct strbuf {
        char *p;
        size_t n, cap;
};

/* Appends n bytes.  0 or -ENOMEM. */
int strbuf_put(struct strbuf *b, const char *s, size_t n);

static inline int strbuf_puts(struct strbuf *b, const char *s)
{
        return strbuf_put(b, s, strlen(s));
}

#endif
