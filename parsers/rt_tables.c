/*
 * rt_tables.c - iproute2's table-name file: "NUMBER NAME" per line, NUMBER
 * decimal or 0x hex, NAME a word; '#' starts a comment.  Anything else on a
 * line is skipped, as `ip` itself skips it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_tables.h"

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static int put(struct rtt_names *names, unsigned id, const char *name, size_t len)
{
        struct rtt_entry *e = NULL;

        for (size_t i = 0; i < names->n; i++)
                if (names->v[i].id == id)
                        e = &names->v[i];
        if (!e) {
                if (names->n == names->cap) {
                        size_t cap = names->cap ? names->cap * 2 : 16;
                        struct rtt_entry *v = realloc(names->v, cap * sizeof(*v));

                        if (!v)
                                return -ENOMEM;
                        names->v = v;
                        names->cap = cap;
                }
                e = &names->v[names->n++];
                e->id = id;
        }
        memcpy(e->name, name, len);
        e->name[len] = '\0';
        return 0;
}

/* One line (without its newline); 0, or -ENOMEM. */
static int parse_line(const char *p, const char *end, struct rtt_names *names)
{
        unsigned long id = 0;
        const char *name;
        int base = 10, digits = 0;

        while (p < end && is_blank(*p))
                p++;
        if (end - p >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
                base = 16;
                p += 2;
        }
        for (; p < end; p++, digits++) {
                int d;

                if (*p >= '0' && *p <= '9')
                        d = *p - '0';
                else if (base == 16 && *p >= 'a' && *p <= 'f')
                        d = *p - 'a' + 10;
                else if (base == 16 && *p >= 'A' && *p <= 'F')
                        d = *p - 'A' + 10;
                else
                        break;
                id = id * (unsigned long)base + (unsigned long)d;
                if (id > 0xffffffffUL)
                        return 0;
        }
        if (!digits || p == end || !is_blank(*p))
                return 0;
        while (p < end && is_blank(*p))
                p++;
        name = p;
        while (p < end && !is_blank(*p) && *p != '#' && (unsigned char)*p > ' ' && *p != 0x7f)
                p++;
        if (p == name || (size_t)(p - name) > RTT_NAME_MAX)
                return 0;
        for (const char *q = p; q < end && *q != '#'; q++)
                if (!is_blank(*q))
                        return 0;
        return put(names, (unsigned)id, name, (size_t)(p - name));
}

int rtt_parse(const char *buf, size_t size, struct rtt_names *names)
{
        const char *p = buf, *end = buf + size;

        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                const char *eol = nl ? nl : end;
                int r = parse_line(p, eol, names);

                if (r < 0)
                        return r;
                p = nl ? nl + 1 : end;
        }
        return 0;
}

void rtt_free(struct rtt_names *names)
{
        if (!names)
                return;
        free(names->v);
        names->v = NULL;
        names->n = names->cap = 0;
}

const char *rtt_name(const struct rtt_names *names, unsigned id, char buf[static RTT_STRLEN])
{
        for (size_t i = 0; names && i < names->n; i++)
                if (names->v[i].id == id)
                        return names->v[i].name;
        switch (id) {
        case 255: return "local";
        case 254: return "main";
        case 253: return "default";
        case 0: return "unspec";
        }
        snprintf(buf, RTT_STRLEN, "%u", id);
        return buf;
}
