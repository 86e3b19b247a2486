/*
 * analysis_emit.c - the one place where the analysis builds a finding:
 * message and hint, both sides' networks, addresses and origins, and the
 * interface, with allocation failures gathered in the emitter.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_emit.h"

static char *vfmt(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static char *vfmt(const char *fmt, va_list ap)
{
        char *s;

        return vasprintf(&s, fmt, ap) < 0 ? NULL : s;
}

char *emit_fmt(const char *f, ...)
{
        va_list ap;
        char *s;

        va_start(ap, f);
        s = vfmt(f, ap);
        va_end(ap);
        return s;
}

char *emit_list(size_t n, size_t named, void (*item)(FILE *f, const void *v, size_t i), const void *v)
{
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);

        if (!f)
                return NULL;
        for (size_t i = 0; i < n && i < named; i++) {
                fputs(i ? ", " : "", f);
                item(f, v, i);
        }
        if (n > named)
                fprintf(f, " and %zu more", n - named);
        if (fclose(f) != 0) {
                free(buf);
                return NULL;
        }
        return buf;
}

void emit_net(struct emitter *em, struct finding *fd, const char *id)
{
        if (fd && id && finding_add_network(fd, id) < 0)
                em->enomem = 1;
}

void emit_addr(struct emitter *em, struct finding *fd, const char *a)
{
        if (fd && a && finding_add_address(fd, a) < 0)
                em->enomem = 1;
}

void emit_origin(struct emitter *em, struct finding *fd, const struct origin *o)
{
        if (fd && o && finding_add_origin(fd, ORIGIN(o)) < 0)
                em->enomem = 1;
}

struct finding *emit_finding(struct emitter *em, const struct emit *e, const char *f, ...)
{
        struct finding *fd = NULL;
        va_list ap;
        char *msg;

        va_start(ap, f);
        msg = vfmt(f, ap);
        va_end(ap);
        if (msg && e->hint)
                fd = finding_add(em->out, e->code, e->sev, msg, e->hint);
        free(msg);
        free(e->hint);
        if (!fd) {
                em->enomem = 1;
                return NULL;
        }
        for (int i = 0; i < 2; i++)
                emit_net(em, fd, e->nets[i]);
        for (int i = 0; i < 2; i++)
                emit_addr(em, fd, e->addrs[i]);
        for (int i = 0; i < 2; i++)
                emit_origin(em, fd, e->origins[i]);
        if (e->interface && !(fd->interface = strdup(e->interface)))
                em->enomem = 1;
        return fd;
}
