/*
 * containers_conf.c - tokens first (with their line), then a small parser
 * over them.  TOML forbids a key given twice in one table; the second is
 * reported and ignored.  Values of other keys are skipped by bracket depth
 * so multi-line arrays elsewhere in the file do not derail the parse.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "containers_conf.h"
#include "xalloc.h"

enum tk { T_EOF, T_NL, T_LBRACK, T_RBRACK, T_LBRACE, T_RBRACE, T_EQ, T_COMMA, T_DOT, T_STR, T_BARE, T_BAD };

struct tok {
        enum tk t;
        unsigned line;
        char *s;                /* T_STR decoded, T_BARE text; else NULL */
};

struct ps {
        const char *p, *end;
        unsigned line;
        struct tok cur;
        const char *file;
        struct diag_list *diags;
        int enomem;
        struct ctr_conf *out;
        bool seen_net, seen_subnet, seen_pools;
};

static void diag(struct ps *x, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void diag(struct ps *x, unsigned line, const char *fmt, ...)
{
        char *msg;
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = vasprintf(&msg, fmt, ap);
        va_end(ap);
        if (n < 0 || diag_add(x->diags, x->file, line, SEV_ERROR, "%s", msg) < 0)
                x->enomem = 1;
        if (n >= 0)
                free(msg);
}

static bool bare_char(char c)
{
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '+' || c == ':';
}

/* A string from p (after its opening quote(s)); q is the quote, multi for
 * triple quotes.  Escapes of basic strings are decoded where they are
 * plain; \u escapes are kept as written (no value here needs them). */
static enum tk lex_string(struct ps *x, char q, bool multi)
{
        const char *s = x->p, *e = x->p;
        unsigned lines = 0;
        char *out;
        size_t n = 0;

        /* Find the closing quote first, so the copy is sized exactly. */
        for (;;) {
                if (e >= x->end || (!multi && *e == '\n'))
                        return T_BAD;
                if (*e == q && (!multi || (x->end - e >= 3 && e[1] == q && e[2] == q)))
                        break;
                if (*e == '\n')
                        lines++;
                if (q == '"' && *e == '\\' && e + 1 < x->end && e[1] != '\n')
                        e++;
                e++;
        }
        if (!(out = malloc((size_t)(e - s) + 1))) {
                x->enomem = 1;
                return T_BAD;
        }
        while (s < e) {
                if (q == '"' && *s == '\\' && s + 1 < e) {
                        char d;

                        switch (s[1]) {
                        case 'n': d = '\n'; break;
                        case 't': d = '\t'; break;
                        case 'r': d = '\r'; break;
                        case 'b': d = '\b'; break;
                        case 'f': d = '\f'; break;
                        case '"': d = '"'; break;
                        case '\\': d = '\\'; break;
                        default: d = 0; break;  /* \u stays as written: no value here needs it */
                        }
                        if (d) {
                                out[n++] = d;
                                s += 2;
                                continue;
                        }
                }
                out[n++] = *s++;
        }
        out[n] = '\0';
        x->line += lines;
        x->p = e + (multi ? 3 : 1);
        x->cur.s = out;
        return T_STR;
}

static void next(struct ps *x)
{
        free(x->cur.s);
        x->cur.s = NULL;
        for (;;) {
                while (x->p < x->end && (*x->p == ' ' || *x->p == '\t' || *x->p == '\r'))
                        x->p++;
                if (x->p < x->end && *x->p == '#') {
                        while (x->p < x->end && *x->p != '\n')
                                x->p++;
                        continue;
                }
                break;
        }
        x->cur.line = x->line;
        if (x->p >= x->end) {
                x->cur.t = T_EOF;
                return;
        }
        switch (*x->p) {
        case '\n': x->p++; x->line++; x->cur.t = T_NL; return;
        case '[': x->p++; x->cur.t = T_LBRACK; return;
        case ']': x->p++; x->cur.t = T_RBRACK; return;
        case '{': x->p++; x->cur.t = T_LBRACE; return;
        case '}': x->p++; x->cur.t = T_RBRACE; return;
        case '=': x->p++; x->cur.t = T_EQ; return;
        case ',': x->p++; x->cur.t = T_COMMA; return;
        case '.': x->p++; x->cur.t = T_DOT; return;
        case '"':
        case '\'': {
                char q = *x->p;
                bool multi = x->end - x->p >= 3 && x->p[1] == q && x->p[2] == q;

                x->p += multi ? 3 : 1;
                /* A newline right after the opening delimiter is trimmed. */
                if (multi && x->p < x->end && *x->p == '\n') {
                        x->p++;
                        x->line++;
                }
                x->cur.t = lex_string(x, q, multi);
                return;
        }
        default:
                if (bare_char(*x->p)) {
                        const char *s = x->p;

                        /* Numbers, booleans and dates are bare too; a dot
                         * inside a number (1.5) stays part of it. */
                        while (x->p < x->end && (bare_char(*x->p) ||
                               (*x->p == '.' && x->p > s && s[0] >= '0' && s[0] <= '9')))
                                x->p++;
                        if (!(x->cur.s = strndup(s, (size_t)(x->p - s))))
                                x->enomem = 1;
                        x->cur.t = T_BARE;
                        return;
                }
                x->p++;
                x->cur.t = T_BAD;
                return;
        }
}

static void skip_line(struct ps *x)
{
        while (x->cur.t != T_NL && x->cur.t != T_EOF && !x->enomem)
                next(x);
}

/* A dotted key into buf ("a.b"); false on a malformed key. */
static bool key(struct ps *x, char *buf, size_t size)
{
        size_t n = 0;

        for (;;) {
                size_t l;

                if ((x->cur.t != T_BARE && x->cur.t != T_STR) || !x->cur.s)
                        return false;
                l = strlen(x->cur.s);
                if (n + l + 2 > size)
                        return false;
                if (n)
                        buf[n++] = '.';
                memcpy(buf + n, x->cur.s, l);
                n += l;
                buf[n] = '\0';
                next(x);
                if (x->cur.t != T_DOT)
                        return true;
                next(x);
        }
}

/* Skips one value of any shape; false when it is malformed. */
static bool skip_value(struct ps *x)
{
        int depth = 0;

        do {
                switch (x->cur.t) {
                case T_LBRACK: case T_LBRACE: depth++; break;
                case T_RBRACK: case T_RBRACE: depth--; break;
                case T_EOF: case T_BAD: return false;
                case T_NL: if (depth == 0) return false; break;
                default: break;
                }
                if (depth > 64 || depth < 0)
                        return false;
                next(x);
        } while (depth > 0 && !x->enomem);
        return true;
}

static bool cidr(struct ps *x, const char *what, struct prefix *ret)
{
        if (x->cur.t != T_STR) {
                diag(x, x->cur.line, "%s must be a quoted subnet such as \"10.88.0.0/16\"", what);
                return false;
        }
        if (!strchr(x->cur.s, '/') || prefix_parse(x->cur.s, ret) < 0) {
                diag(x, x->cur.line, "%s: invalid subnet '%.64s'", what, x->cur.s);
                return false;
        }
        *ret = prefix_network(ret);
        next(x);
        return true;
}

static void skip_nl(struct ps *x)
{
        while (x->cur.t == T_NL)
                next(x);
}

/* { base = "A/N", size = N }: -1 malformed, 0 well-formed but unusable,
 * 1 a pool. */
static int pool(struct ps *x, struct ctr_pool *ret)
{
        bool has_base = false, has_size = false;
        char k[64];

        ret->line = x->cur.line;
        next(x);
        while (x->cur.t != T_RBRACE) {
                unsigned line = x->cur.line;

                if (!key(x, k, sizeof(k)) || x->cur.t != T_EQ) {
                        diag(x, line, "default_subnet_pools: expected base = \"SUBNET\" or size = N");
                        return -1;
                }
                next(x);
                if (strcmp(k, "base") == 0) {
                        if (!cidr(x, "default_subnet_pools: base", &ret->base))
                                return -1;
                        has_base = true;
                } else if (strcmp(k, "size") == 0) {
                        char *end;
                        unsigned long v;

                        if (x->cur.t != T_BARE || !x->cur.s || !(x->cur.s[0] >= '0' && x->cur.s[0] <= '9')) {
                                diag(x, x->cur.line, "default_subnet_pools: size must be a number");
                                return -1;
                        }
                        errno = 0;
                        v = strtoul(x->cur.s, &end, 10);
                        if (errno || *end || v > 128) {
                                diag(x, x->cur.line, "default_subnet_pools: size must be between 0 and 128");
                                return -1;
                        }
                        ret->size = (unsigned)v;
                        has_size = true;
                        next(x);
                } else {
                        diag(x, line, "default_subnet_pools: unknown key '%.64s'", k);
                        return -1;
                }
                if (x->cur.t == T_COMMA)
                        next(x);
                else if (x->cur.t != T_RBRACE) {
                        diag(x, x->cur.line, "default_subnet_pools: expected ',' or '}'");
                        return -1;
                }
        }
        next(x);
        if (!has_base || !has_size) {
                diag(x, ret->line, "default_subnet_pools: a pool needs both base and size");
                return 0;       /* well-formed, just unusable */
        }
        if (ret->size < ret->base.len || ret->size > addr_bits(ret->base.addr.family)) {
                diag(x, ret->line, "default_subnet_pools: size must be between %u and %u for base %s",
                     ret->base.len, addr_bits(ret->base.addr.family),
                     prefix_format(&ret->base, (char[PREFIX_STRLEN]){ 0 }));
                return 0;
        }
        return 1;
}

static bool pools(struct ps *x)
{
        struct ctr_conf *c = x->out;

        if (x->cur.t != T_LBRACK) {
                diag(x, x->cur.line, "default_subnet_pools must be an array of { base, size } tables");
                return false;
        }
        c->has_pools = true;
        c->n_pools = 0;
        next(x);
        for (;;) {
                struct ctr_pool p = { 0 }, *slot;
                int r;

                skip_nl(x);
                if (x->cur.t == T_RBRACK) {
                        next(x);
                        return true;
                }
                if (x->cur.t != T_LBRACE) {
                        diag(x, x->cur.line, "default_subnet_pools: expected '{' or ']'");
                        return false;
                }
                if ((r = pool(x, &p)) < 0)
                        return false;
                if (r > 0) {
                        if (!(slot = ARRAY_PUSH(c->pools, c->n_pools, c->cap_pools))) {
                                x->enomem = 1;
                                return false;
                        }
                        *slot = p;
                }
                skip_nl(x);
                if (x->cur.t == T_COMMA)
                        next(x);
                else if (x->cur.t != T_RBRACK) {
                        diag(x, x->cur.line, "default_subnet_pools: expected ',' or ']'");
                        return false;
                }
        }
}

/* One "key = value" in [network] that matters here; false when malformed. */
static bool network_key(struct ps *x, const char *k, unsigned line)
{
        struct ctr_conf *c = x->out;
        bool *seen = strcmp(k, "default_network") == 0 ? &x->seen_net :
                     strcmp(k, "default_subnet") == 0 ? &x->seen_subnet :
                     strcmp(k, "default_subnet_pools") == 0 ? &x->seen_pools : NULL;

        if (!seen)
                return skip_value(x);
        if (*seen) {
                diag(x, line, "%s specified more than once", k);
                return skip_value(x);
        }
        *seen = true;
        if (seen == &x->seen_net) {
                if (x->cur.t != T_STR || !*x->cur.s) {
                        diag(x, x->cur.line, "default_network must be a quoted network name");
                        return false;
                }
                free(c->default_network);
                c->default_network = x->cur.s;
                x->cur.s = NULL;
                c->default_network_line = line;
                next(x);
                return true;
        }
        if (seen == &x->seen_subnet) {
                struct prefix p;

                if (!cidr(x, "default_subnet", &p))
                        return false;
                c->has_default_subnet = true;
                c->default_subnet = p;
                c->default_subnet_line = line;
                return true;
        }
        c->pools_line = line;
        return pools(x);
}

int ctr_conf_parse(const char *buf, size_t len, const char *file, struct ctr_conf *ret,
                   struct diag_list *diags)
{
        struct ps x = { .p = buf, .end = buf + len, .line = 1, .file = file, .diags = diags, .out = ret };
        char table[256] = "";

        *ret = (struct ctr_conf){ 0 };
        next(&x);
        while (x.cur.t != T_EOF && !x.enomem) {
                unsigned line = x.cur.line;
                char k[256];

                if (x.cur.t == T_NL) {
                        next(&x);
                        continue;
                }
                if (x.cur.t == T_LBRACK) {
                        bool array = false;

                        next(&x);
                        if (x.cur.t == T_LBRACK) {
                                array = true;
                                next(&x);
                        }
                        if (!key(&x, table, sizeof(table)) || x.cur.t != T_RBRACK) {
                                diag(&x, line, "malformed table header");
                                table[0] = '\0';
                                skip_line(&x);
                                continue;
                        }
                        next(&x);
                        if (array) {
                                if (x.cur.t != T_RBRACK) {
                                        diag(&x, line, "malformed table header");
                                        skip_line(&x);
                                        continue;
                                }
                                next(&x);
                        }
                } else {
                        bool ok;

                        if (!key(&x, k, sizeof(k)) || x.cur.t != T_EQ) {
                                diag(&x, line, "expected key = value");
                                skip_line(&x);
                                continue;
                        }
                        next(&x);
                        if (strcmp(table, "network") == 0)
                                ok = network_key(&x, k, line);
                        else
                                ok = skip_value(&x);
                        if (!ok) {
                                if (strcmp(table, "network") != 0 || x.cur.t == T_BAD)
                                        diag(&x, x.cur.line, "malformed value of %.64s", k);
                                skip_line(&x);
                                continue;
                        }
                }
                if (x.cur.t != T_NL && x.cur.t != T_EOF) {
                        diag(&x, x.cur.line, "unexpected text at the end of the line");
                        skip_line(&x);
                }
        }
        free(x.cur.s);
        if (x.enomem) {
                ctr_conf_free(ret);
                return -ENOMEM;
        }
        return 0;
}

void ctr_conf_free(struct ctr_conf *c)
{
        if (!c)
                return;
        free(c->default_network);
        free(c->pools);
        *c = (struct ctr_conf){ 0 };
}
