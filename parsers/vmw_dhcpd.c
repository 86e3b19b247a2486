/*
 * vmw_dhcpd.c - a tokenizer and recursive-descent reader for the part of
 * ISC dhcpd 2.0 syntax VMware's vmnet-dhcpd uses.  Statements it does not
 * need are skipped by structure (up to ';' or over a balanced { } block,
 * quoted strings respected), so hand additions never derail the rest.
 */
#include <errno.h>
#include <nettle/sha1.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "inventory.h"
#include "vmw_dhcpd.h"
#include "xalloc.h"

#define MAX_DEPTH 16

enum tok_type { T_EOF, T_WORD, T_STRING, T_LBRACE, T_RBRACE, T_SEMI, T_COMMA };

struct tok {
        enum tok_type type;
        const char *p;          /* T_WORD / T_STRING: the text (string without quotes) */
        size_t len;
        unsigned line;
};

struct lexer {
        const char *buf;
        size_t size, pos;
        unsigned line;
        bool have_peek;
        struct tok peek;
        const char *file;
        struct diag_list *diags;
        struct vmw_dhcpd *d;
        int err;                /* first -ENOMEM */
};

static bool is_word_char(char c)
{
        return !(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' ||
                 c == '{' || c == '}' || c == ';' || c == ',' || c == '"' || c == '#');
}

static void diag(struct lexer *lx, unsigned line, enum severity sev, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static void diag(struct lexer *lx, unsigned line, enum severity sev, const char *fmt, ...)
{
        char msg[256];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        if (diag_add(lx->diags, lx->file, line, sev, "%s", msg) < 0)
                lx->err = -ENOMEM;
}

static struct tok lex(struct lexer *lx)
{
        struct tok t = { 0 };

        if (lx->have_peek) {
                lx->have_peek = false;
                return lx->peek;
        }
        for (;;) {
                if (lx->pos >= lx->size) {
                        t.type = T_EOF;
                        t.line = lx->line;
                        return t;
                }
                char c = lx->buf[lx->pos];
                if (c == '\n') {
                        lx->line++;
                        lx->pos++;
                } else if (c == '#') {
                        while (lx->pos < lx->size && lx->buf[lx->pos] != '\n')
                                lx->pos++;
                } else if (!is_word_char(c) && c != '{' && c != '}' && c != ';' && c != ',' &&
                           c != '"') {
                        lx->pos++;
                } else {
                        break;
                }
        }
        t.line = lx->line;
        t.p = lx->buf + lx->pos;
        switch (lx->buf[lx->pos]) {
        case '{': t.type = T_LBRACE; lx->pos++; t.len = 1; return t;
        case '}': t.type = T_RBRACE; lx->pos++; t.len = 1; return t;
        case ';': t.type = T_SEMI; lx->pos++; t.len = 1; return t;
        case ',': t.type = T_COMMA; lx->pos++; t.len = 1; return t;
        case '"':
                t.type = T_STRING;
                t.p = lx->buf + ++lx->pos;
                while (lx->pos < lx->size && lx->buf[lx->pos] != '"') {
                        if (lx->buf[lx->pos] == '\\' && lx->pos + 1 < lx->size)
                                lx->pos++;
                        if (lx->buf[lx->pos] == '\n')
                                lx->line++;
                        lx->pos++;
                }
                t.len = (size_t)(lx->buf + lx->pos - t.p);
                if (lx->pos >= lx->size)
                        diag(lx, t.line, SEV_ERROR, "unterminated string");
                else
                        lx->pos++;
                return t;
        default:
                t.type = T_WORD;
                while (lx->pos < lx->size && is_word_char(lx->buf[lx->pos]))
                        lx->pos++;
                t.len = (size_t)(lx->buf + lx->pos - t.p);
                return t;
        }
}

static void unlex(struct lexer *lx, struct tok t)
{
        lx->peek = t;
        lx->have_peek = true;
}

static bool tok_is(const struct tok *t, const char *s)
{
        return t->type == T_WORD && strlen(s) == t->len && memcmp(t->p, s, t->len) == 0;
}

static int tok_ipv4(const struct tok *t, struct addr *ret)
{
        char buf[ADDR_STRLEN];

        if (t->type != T_WORD || t->len >= sizeof(buf))
                return -EINVAL;
        memcpy(buf, t->p, t->len);
        buf[t->len] = '\0';
        return addr_parse_family(buf, AF_INET, ret);
}

/* At most 40 bytes of a token for a message. */
#define TOKFMT "%.*s"
#define TOKARG(t) (int)((t).len > 40 ? 40 : (t).len), ((t).type == T_EOF ? "" : (t).p)

/* Skips the rest of a statement whose first token is already read: up to
 * its ';', or over the { } block that ends it.  A '}' of the enclosing
 * block ends the statement too and is left for the caller. */
static void skip_statement(struct lexer *lx)
{
        unsigned depth = 0;

        for (;;) {
                struct tok t = lex(lx);

                switch (t.type) {
                case T_EOF:
                        return;
                case T_SEMI:
                        if (depth == 0)
                                return;
                        break;
                case T_LBRACE:
                        depth++;
                        break;
                case T_RBRACE:
                        if (depth == 0) {
                                unlex(lx, t);
                                return;
                        }
                        if (--depth == 0)
                                return;
                        break;
                default:
                        break;
                }
        }
}

/* Expects ';' ending a statement; on anything else complains and skips. */
static void end_statement(struct lexer *lx, unsigned line, const char *what)
{
        struct tok t = lex(lx);

        if (t.type == T_SEMI)
                return;
        diag(lx, line, SEV_ERROR, "%s: expected ';'", what);
        unlex(lx, t);
        skip_statement(lx);
}

static void statements(struct lexer *lx, unsigned depth, int subnet, int host, unsigned open_line);

static void parse_range(struct lexer *lx, struct tok kw, int subnet)
{
        struct tok a = lex(lx), b;
        struct vmw_dhcp_range r = { .line = kw.line };
        struct vmw_dhcp_subnet *s;

        if (tok_is(&a, "dynamic-bootp"))
                a = lex(lx);
        if (tok_ipv4(&a, &r.start) < 0) {
                diag(lx, kw.line, SEV_ERROR, "range: invalid IPv4 address \"" TOKFMT "\"", TOKARG(a));
                unlex(lx, a);
                skip_statement(lx);
                return;
        }
        b = lex(lx);
        if (b.type == T_SEMI) {
                r.end = r.start;                /* a one-address range */
                unlex(lx, b);
        } else if (tok_ipv4(&b, &r.end) < 0) {
                diag(lx, kw.line, SEV_ERROR, "range: invalid IPv4 address \"" TOKFMT "\"", TOKARG(b));
                unlex(lx, b);
                skip_statement(lx);
                return;
        }
        end_statement(lx, kw.line, "range");
        if (addr_cmp(&r.start, &r.end) > 0) {
                diag(lx, kw.line, SEV_ERROR, "range: start is above end");
                return;
        }
        if (subnet < 0) {
                diag(lx, kw.line, SEV_ERROR, "range outside a subnet declaration");
                return;
        }
        s = &lx->d->subnets[subnet];
        if (!ARRAY_PUSH(s->ranges, s->n_ranges, s->cap_ranges)) {
                lx->err = -ENOMEM;
                return;
        }
        s->ranges[s->n_ranges - 1] = r;
}

/* option NAME value[, value]... ; only routers and broadcast-address are
 * kept, the rest skipped. */
static void parse_option(struct lexer *lx, struct tok kw, int subnet)
{
        struct tok name = lex(lx), v;
        struct vmw_addr_val *slot = NULL, val = { .set = true, .line = kw.line };

        if (name.type != T_WORD) {
                diag(lx, kw.line, SEV_ERROR, "option: missing option name");
                unlex(lx, name);
                skip_statement(lx);
                return;
        }
        if (subnet >= 0 && tok_is(&name, "routers"))
                slot = &lx->d->subnets[subnet].routers;
        else if (subnet >= 0 && tok_is(&name, "broadcast-address"))
                slot = &lx->d->subnets[subnet].broadcast;
        if (!slot) {
                skip_statement(lx);
                return;
        }
        v = lex(lx);
        if (tok_ipv4(&v, &val.addr) < 0) {
                diag(lx, kw.line, SEV_ERROR, "option " TOKFMT ": invalid IPv4 address \"" TOKFMT "\"",
                     TOKARG(name), TOKARG(v));
                unlex(lx, v);
                skip_statement(lx);
                return;
        }
        if (slot->set)
                diag(lx, kw.line, SEV_WARNING, "option " TOKFMT " specified more than once",
                     TOKARG(name));
        *slot = val;
        skip_statement(lx);             /* further addresses of the list */
}

static void parse_hardware(struct lexer *lx, struct tok kw, int host)
{
        struct tok type = lex(lx), mac = lex(lx);
        struct vmw_dhcp_host *h = &lx->d->hosts[host];
        char buf[32];

        if (!tok_is(&type, "ethernet")) {
                unlex(lx, mac);
                skip_statement(lx);     /* token-ring and friends: not ours */
                return;
        }
        if (mac.type != T_WORD || mac.len >= sizeof(buf)) {
                diag(lx, kw.line, SEV_ERROR, "hardware ethernet: missing MAC address");
                unlex(lx, mac);
                skip_statement(lx);
                return;
        }
        memcpy(buf, mac.p, mac.len);
        buf[mac.len] = '\0';
        if (h->has_mac)
                diag(lx, kw.line, SEV_WARNING, "hardware ethernet specified more than once");
        if (mac_parse(buf, h->mac) < 0) {
                diag(lx, kw.line, SEV_ERROR, "invalid MAC address \"%s\"", buf);
                h->has_mac = false;
                skip_statement(lx);
                return;
        }
        h->has_mac = true;
        end_statement(lx, kw.line, "hardware ethernet");
}

static void parse_fixed(struct lexer *lx, struct tok kw, int host)
{
        struct vmw_dhcp_host *h = &lx->d->hosts[host];
        struct tok v = lex(lx);
        struct addr a;

        if (tok_ipv4(&v, &a) < 0) {
                /* ISC allows DNS names here; VMware never writes them. */
                if (v.type == T_WORD)
                        diag(lx, kw.line, SEV_WARNING,
                             "fixed-address \"" TOKFMT "\" is not an IPv4 address; ignored", TOKARG(v));
                else
                        diag(lx, kw.line, SEV_ERROR, "fixed-address: missing address");
                unlex(lx, v);
                skip_statement(lx);
                return;
        }
        if (h->ip.set)
                diag(lx, kw.line, SEV_WARNING, "fixed-address specified more than once");
        h->ip = (struct vmw_addr_val){ .set = true, .addr = a, .line = kw.line };
        skip_statement(lx);             /* further addresses of the list */
}

static int open_block(struct lexer *lx, const char *what)
{
        struct tok t = lex(lx);

        if (t.type == T_LBRACE)
                return 0;
        diag(lx, t.line, SEV_ERROR, "%s: expected '{'", what);
        unlex(lx, t);
        skip_statement(lx);
        return -1;
}

static void parse_host(struct lexer *lx, struct tok kw, unsigned depth, int subnet)
{
        struct tok name = lex(lx);
        struct vmw_dhcp_host *h;
        char *nm;
        int idx;

        if (name.type != T_WORD && name.type != T_STRING) {
                diag(lx, kw.line, SEV_ERROR, "host: missing name");
                unlex(lx, name);
                skip_statement(lx);
                return;
        }
        if (open_block(lx, "host") < 0)
                return;
        if (!(nm = vmw_strndup(name.p, name.len)) ||
            !(h = ARRAY_PUSH(lx->d->hosts, lx->d->n_hosts, lx->d->cap_hosts))) {
                free(nm);
                lx->err = -ENOMEM;
                return;
        }
        h->name = nm;
        h->line = kw.line;
        h->subnet = subnet;
        idx = (int)(lx->d->n_hosts - 1);
        /* names declared twice: see report_duplicate_hosts() */
        statements(lx, depth + 1, subnet, idx, kw.line);
}

static void parse_subnet(struct lexer *lx, struct tok kw, unsigned depth, int outer_host)
{
        struct tok a = lex(lx), nm, m;
        struct vmw_dhcp_subnet *s;
        struct addr net, mask;
        unsigned len;

        (void)outer_host;
        if (tok_ipv4(&a, &net) < 0) {
                diag(lx, kw.line, SEV_ERROR, "subnet: invalid IPv4 address \"" TOKFMT "\"", TOKARG(a));
                unlex(lx, a);
                skip_statement(lx);
                return;
        }
        nm = lex(lx);
        m = lex(lx);
        if (!tok_is(&nm, "netmask") || tok_ipv4(&m, &mask) < 0 || netmask_to_len(&mask, &len) < 0) {
                diag(lx, kw.line, SEV_ERROR, "subnet: expected \"netmask\" and a contiguous netmask");
                unlex(lx, m);
                skip_statement(lx);
                return;
        }
        if (open_block(lx, "subnet") < 0)
                return;
        if (!(s = ARRAY_PUSH(lx->d->subnets, lx->d->n_subnets, lx->d->cap_subnets))) {
                lx->err = -ENOMEM;
                return;
        }
        prefix_make(&net, len, &s->prefix);
        s->line = kw.line;
        if (prefix_has_host_bits(&s->prefix))
                diag(lx, kw.line, SEV_WARNING, "subnet address has host bits set");
        statements(lx, depth + 1, (int)(lx->d->n_subnets - 1), -1, kw.line);
}

/* The statements of one block (or of the file at depth 0). */
static void statements(struct lexer *lx, unsigned depth, int subnet, int host, unsigned open_line)
{
        if (depth > MAX_DEPTH) {
                diag(lx, open_line, SEV_ERROR, "blocks nested too deeply");
                unlex(lx, (struct tok){ .type = T_LBRACE, .line = open_line });
                skip_statement(lx);
                return;
        }
        while (!lx->err) {
                struct tok t = lex(lx);

                if (t.type == T_EOF) {
                        if (depth)
                                diag(lx, open_line, SEV_ERROR, "missing '}' for the block opened here");
                        return;
                }
                if (t.type == T_RBRACE) {
                        if (depth)
                                return;
                        diag(lx, t.line, SEV_ERROR, "unexpected '}'");
                        continue;
                }
                if (t.type == T_SEMI)
                        continue;
                if (t.type != T_WORD) {
                        diag(lx, t.line, SEV_ERROR, "syntax error");
                        skip_statement(lx);
                        continue;
                }
                if (tok_is(&t, "subnet")) {
                        if (subnet >= 0 || host >= 0) {
                                diag(lx, t.line, SEV_ERROR, "subnet declaration inside a %s declaration",
                                     host >= 0 ? "host" : "subnet");
                                skip_statement(lx);
                        } else {
                                parse_subnet(lx, t, depth, host);
                        }
                } else if (tok_is(&t, "host")) {
                        if (host >= 0) {
                                diag(lx, t.line, SEV_ERROR, "host declaration inside a host declaration");
                                skip_statement(lx);
                        } else {
                                parse_host(lx, t, depth, subnet);
                        }
                } else if (tok_is(&t, "range") && host < 0) {
                        parse_range(lx, t, subnet);
                } else if (tok_is(&t, "option") && host < 0) {
                        parse_option(lx, t, subnet);
                } else if (tok_is(&t, "hardware") && host >= 0) {
                        parse_hardware(lx, t, host);
                } else if (tok_is(&t, "fixed-address") && host >= 0) {
                        parse_fixed(lx, t, host);
                } else if ((tok_is(&t, "group") || tok_is(&t, "shared-network")) && host < 0) {
                        /* Transparent scopes: their hosts and subnets count. */
                        struct tok n = lex(lx);

                        if (n.type != T_LBRACE && tok_is(&t, "shared-network"))
                                n = lex(lx);
                        if (n.type != T_LBRACE) {
                                diag(lx, t.line, SEV_ERROR, TOKFMT ": expected '{'", TOKARG(t));
                                unlex(lx, n);
                                skip_statement(lx);
                        } else {
                                statements(lx, depth + 1, subnet, host, t.line);
                        }
                } else {
                        skip_statement(lx);
                }
        }
}

static const char start_marker[] = "Start of \"DO NOT MODIFY SECTION\"";
static const char end_marker[] = "End of \"DO NOT MODIFY SECTION\"";

static bool line_has(const char *p, size_t len, const char *s)
{
        size_t n = strlen(s);

        for (size_t i = 0; i + n <= len; i++)
                if (memcmp(p + i, s, n) == 0)
                        return true;
        return false;
}

/* VMware stores in VNET_<n>_DHCP_CFG_HASH the SHA-1 of the bytes from the
 * start of the "Start of" marker line through the line end after the "End
 * of" marker (verified against real networking/dhcpd.conf pairs). */
static void section_hash(struct lexer *lx)
{
        struct vmw_line l = { 0 };
        size_t pos = 0, from = 0;
        unsigned start_line = 0;

        while (vmw_line_next(lx->buf, lx->size, &pos, &l)) {
                if (!start_line && line_has(l.p, l.len, start_marker)) {
                        start_line = l.no;
                        from = (size_t)(l.p - lx->buf);
                } else if (start_line && line_has(l.p, l.len, end_marker)) {
                        uint8_t digest[SHA1_DIGEST_SIZE];
                        struct sha1_ctx ctx;

                        sha1_init(&ctx);
                        sha1_update(&ctx, pos - from, (const uint8_t *)lx->buf + from);
                        sha1_digest(&ctx, sizeof(digest), digest);
                        for (size_t i = 0; i < sizeof(digest); i++)
                                snprintf(lx->d->section_hash + 2 * i, 3, "%02X", digest[i]);
                        lx->d->section_line = start_line;
                        return;
                }
        }
        if (start_line)
                diag(lx, start_line, SEV_WARNING, "DO NOT MODIFY SECTION has no end marker");
}

static const struct vmw_dhcp_host *sort_hosts;

static int cmp_host_name(const void *pa, const void *pb)
{
        size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
        int r = strcmp(sort_hosts[a].name, sort_hosts[b].name);

        return r ? r : (a > b) - (a < b);
}

/* A host name declared again, against its first declaration: sorted by
 * name, not compared with every earlier host (100,000 hosts are 5e9 pairs). */
static void report_duplicate_hosts(struct lexer *lx)
{
        size_t n = lx->d->n_hosts, *v;

        if (n < 2)
                return;
        if (!(v = malloc(n * sizeof(*v)))) {
                lx->err = -ENOMEM;
                return;
        }
        for (size_t i = 0; i < n; i++)
                v[i] = i;
        sort_hosts = lx->d->hosts;
        qsort(v, n, sizeof(*v), cmp_host_name);
        for (size_t i = 1, first = 0; i < n; i++) {
                const struct vmw_dhcp_host *h = &lx->d->hosts[v[i]], *f = &lx->d->hosts[v[first]];

                if (strcmp(h->name, f->name) != 0) {
                        first = i;
                        continue;
                }
                diag(lx, h->line, SEV_WARNING, "host %s declared more than once (line %u)",
                     h->name, f->line);
        }
        free(v);
}

int vmw_dhcpd_parse(const char *buf, size_t size, const char *file, struct vmw_dhcpd *ret,
                    struct diag_list *diags)
{
        struct lexer lx = { .buf = buf, .size = size, .line = 1, .file = file, .diags = diags,
                            .d = ret };

        size_t first_diag = diags->n;

        *ret = (struct vmw_dhcpd){ 0 };
        section_hash(&lx);
        statements(&lx, 0, -1, -1, 0);
        report_duplicate_hosts(&lx);
        vmw_diags_sort(diags, first_diag);
        return lx.err;
}

void vmw_dhcpd_free(struct vmw_dhcpd *d)
{
        if (!d)
                return;
        for (size_t i = 0; i < d->n_subnets; i++)
                free(d->subnets[i].ranges);
        free(d->subnets);
        for (size_t i = 0; i < d->n_hosts; i++)
                free(d->hosts[i].name);
        free(d->hosts);
        *d = (struct vmw_dhcpd){ 0 };
}
