/*
 * jsonloc.h - line numbers for the values of a JSON document.  json-c hands
 * back values without positions; this small lexer walks the same text and
 * records the line on which each value starts, keyed by its path
 * ("/subnets/0/gateway", JSON Pointer escaping), so parsers can report
 * file:line.  Pure: a buffer in, an index out.  Later duplicates of a key
 * win, as in json-c.
 */
#ifndef VNETAUDIT_JSONLOC_H
#define VNETAUDIT_JSONLOC_H

#include <stddef.h>

/* Deeper nesting and longer paths are not indexed (their lines are 0). */
#define JSONLOC_MAX_DEPTH 64
#define JSONLOC_MAX_PATH 512
/* Values past this many are not indexed either: memory stays bounded
 * (about 10 MiB) whatever the document holds. */
#define JSONLOC_MAX_ENTRIES 200000

struct jsonloc_ent {
        char *path;
        unsigned line;
        size_t seq;
};

struct jsonloc {
        struct jsonloc_ent *v;
        size_t n, cap;
};

/* Indexes buf[0..len).  0, -EINVAL when the text is not well-formed JSON
 * (what was read before the error stays indexed), or -ENOMEM. */
int jsonloc_index(const char *buf, size_t len, struct jsonloc *ret);
/* The line of the value at path, 0 when unknown. */
unsigned jsonloc_line(const struct jsonloc *l, const char *path);
/* The same with a printf-formatted path. */
unsigned jsonloc_linef(const struct jsonloc *l, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
void jsonloc_free(struct jsonloc *l);

#endif
