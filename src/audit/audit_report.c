/*
 * audit_report.c - render what changed since the last audit.  Text names
 * each new finding with its networks, origins and hint, and each resolved
 * one by its remembered message; JSON carries the whole current list too.
 * Bytes from names are escaped in both: \xNN for controls and malformed
 * bytes in text (so a name cannot forge a report line), valid UTF-8 JSON.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_report.h"
#include "textesc.h"
#include "xalloc.h"

struct out {
        char *p;
        size_t n, cap;
        int err;
};

__attribute__((format(printf, 2, 3)))
static void outf(struct out *o, const char *fmt, ...)
{
        va_list ap;
        int k;

        if (o->err)
                return;
        va_start(ap, fmt);
        k = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (k < 0 || grow((void **)&o->p, &o->cap, o->n + (size_t)k + 1, 1) < 0) {
                o->err = -ENOMEM;
                return;
        }
        va_start(ap, fmt);
        vsnprintf(o->p + o->n, (size_t)k + 1, fmt, ap);
        va_end(ap);
        o->n += (size_t)k;
}

static char *finish(struct out *o)
{
        if (o->err || !o->p) {
                free(o->p);
                return NULL;
        }
        return o->p;
}

/* Untrusted text, escaped; NULL prints nothing. */
static void oute(struct out *o, const char *s)
{
        char *e;

        if (!s)
                return;
        if (!(e = textesc(s, true))) {
                o->err = -ENOMEM;
                return;
        }
        outf(o, "%s", e);
        free(e);
}

static void list_line(struct out *o, const char *label, char **v, size_t n)
{
        if (!n)
                return;
        outf(o, "    %s: ", label);
        for (size_t i = 0; i < n; i++) {
                outf(o, "%s", i ? ", " : "");
                oute(o, v[i]);
        }
        outf(o, "\n");
}

static const char *plural(size_t n)
{
        return n == 1 ? "" : "s";
}

char *audit_report_text(const struct audit_report_ctx *ctx, const struct audit_diff *d,
                        const struct finding_list *cur)
{
        struct out o = { 0 };

        outf(&o, "vnetaudit audit on ");
        oute(&o, ctx->host);
        outf(&o, ": %zu new finding%s, %zu resolved, %zu unchanged.\n", d->n_added, plural(d->n_added), d->n_resolved, d->n_unchanged);
        if (ctx->state_corrupt)
                outf(&o, "The state of the last audit was unreadable; every finding is reported as new.\n");
        else if (ctx->first_run && d->n_added)
                outf(&o, "This is the first audit on this host; every finding is new.\n");
        if (d->n_added) {
                outf(&o, "\nNew:\n");
                for (size_t i = 0; i < d->n_added; i++) {
                        const struct finding *f = d->added[i];

                        outf(&o, "  %s %s: ", severity_name(f->severity), finding_code_name(f->code));
                        oute(&o, f->message);
                        outf(&o, "\n");
                        list_line(&o, "networks", f->networks, f->n_networks);
                        list_line(&o, "addresses", f->addresses, f->n_addresses);
                        list_line(&o, "configured at", f->origins, f->n_origins);
                        if (f->mac) {
                                outf(&o, "    answered by: ");
                                oute(&o, f->mac);
                                if (f->vendor) {
                                        outf(&o, " (");
                                        oute(&o, f->vendor);
                                        outf(&o, ")");
                                }
                                outf(&o, "\n");
                        }
                        if (f->interface) {
                                outf(&o, "    seen on: ");
                                oute(&o, f->interface);
                                outf(&o, "\n");
                        }
                        if (f->hint && *f->hint) {
                                outf(&o, "    hint: ");
                                oute(&o, f->hint);
                                outf(&o, "\n");
                        }
                }
        }
        if (d->n_resolved) {
                outf(&o, "\nResolved:\n");
                for (size_t i = 0; i < d->n_resolved; i++) {
                        outf(&o, "  %s ", severity_name(d->resolved[i]->severity));
                        oute(&o, d->resolved[i]->code_name);
                        outf(&o, ": ");
                        oute(&o, d->resolved[i]->message);
                        outf(&o, "\n");
                }
        }
        outf(&o, "\nNow: %zu error%s, %zu warning%s, %zu info%s.\n",
             finding_count(cur, SEV_ERROR), plural(finding_count(cur, SEV_ERROR)),
             finding_count(cur, SEV_WARNING), plural(finding_count(cur, SEV_WARNING)),
             finding_count(cur, SEV_INFO), plural(finding_count(cur, SEV_INFO)));
        return finish(&o);
}

/* A JSON string of any bytes: valid UTF-8 passes, malformed bytes become
 * U+FFFD, controls are escaped. */
static void json_str(struct out *o, const char *s)
{
        const unsigned char *p = (const unsigned char *)(s ? s : "");

        if (!s) {
                outf(o, "null");
                return;
        }
        outf(o, "\"");
        while (*p) {
                unsigned char c = *p;
                size_t len = 0;

                if (c == '"' || c == '\\') {
                        outf(o, "\\%c", c);
                        p++;
                        continue;
                }
                if (c < 0x20 || c == 0x7f) {
                        outf(o, "\\u%04x", c);
                        p++;
                        continue;
                }
                if (c < 0x80) {
                        outf(o, "%c", c);
                        p++;
                        continue;
                }
                /* Well-formed multi-byte sequence (RFC 3629 table)? */
                if (c >= 0xc2 && c <= 0xdf && (p[1] & 0xc0) == 0x80)
                        len = 2;
                else if (c >= 0xe0 && c <= 0xef && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 &&
                         !(c == 0xe0 && p[1] < 0xa0) && !(c == 0xed && p[1] > 0x9f))
                        len = 3;
                else if (c >= 0xf0 && c <= 0xf4 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 &&
                         (p[3] & 0xc0) == 0x80 && !(c == 0xf0 && p[1] < 0x90) && !(c == 0xf4 && p[1] > 0x8f))
                        len = 4;
                if (len) {
                        outf(o, "%.*s", (int)len, (const char *)p);
                        p += len;
                } else {
                        outf(o, "\\ufffd");
                        p++;
                }
        }
        outf(o, "\"");
}

static void json_strv(struct out *o, char **v, size_t n)
{
        outf(o, "[");
        for (size_t i = 0; i < n; i++) {
                outf(o, i ? "," : "");
                json_str(o, v[i]);
        }
        outf(o, "]");
}

static void json_finding(struct out *o, const struct finding *f)
{
        char *key = finding_key(f);

        if (!key)
                o->err = -ENOMEM;
        outf(o, "{\"code\":");
        json_str(o, finding_code_name(f->code));
        outf(o, ",\"severity\":");
        json_str(o, severity_name(f->severity));
        outf(o, ",\"message\":");
        json_str(o, f->message);
        outf(o, ",\"hint\":");
        json_str(o, f->hint);
        outf(o, ",\"networks\":");
        json_strv(o, f->networks, f->n_networks);
        outf(o, ",\"addresses\":");
        json_strv(o, f->addresses, f->n_addresses);
        outf(o, ",\"origins\":");
        json_strv(o, f->origins, f->n_origins);
        outf(o, ",\"mac\":");
        json_str(o, f->mac);
        outf(o, ",\"vendor\":");
        json_str(o, f->vendor);
        outf(o, ",\"interface\":");
        json_str(o, f->interface);
        outf(o, ",\"key\":");
        json_str(o, key ? key : "");
        outf(o, "}");
        free(key);
}

char *audit_report_json(const struct audit_report_ctx *ctx, const struct audit_diff *d,
                        const struct finding_list *cur)
{
        struct out o = { 0 };

        outf(&o, "{\"version\":1,\"host\":");
        json_str(&o, ctx->host);
        outf(&o, ",\"first_run\":%s,\"state_corrupt\":%s,\"findings\":[",
             ctx->first_run ? "true" : "false", ctx->state_corrupt ? "true" : "false");
        for (size_t i = 0; i < cur->n; i++) {
                outf(&o, i ? "," : "");
                json_finding(&o, &cur->v[i]);
        }
        outf(&o, "],\"new\":[");
        for (size_t i = 0; i < d->n_added; i++) {
                outf(&o, i ? "," : "");
                json_finding(&o, d->added[i]);
        }
        outf(&o, "],\"resolved\":[");
        for (size_t i = 0; i < d->n_resolved; i++) {
                outf(&o, "%s{\"code\":", i ? "," : "");
                json_str(&o, d->resolved[i]->code_name);
                outf(&o, ",\"severity\":");
                json_str(&o, severity_name(d->resolved[i]->severity));
                outf(&o, ",\"message\":");
                json_str(&o, d->resolved[i]->message);
                outf(&o, ",\"key\":");
                json_str(&o, d->resolved[i]->key);
                outf(&o, "}");
        }
        outf(&o, "],\"unchanged\":%zu,\"summary\":{\"errors\":%zu,\"warnings\":%zu,\"infos\":%zu}}\n",
             d->n_unchanged, finding_count(cur, SEV_ERROR), finding_count(cur, SEV_WARNING),
             finding_count(cur, SEV_INFO));
        return finish(&o);
}
