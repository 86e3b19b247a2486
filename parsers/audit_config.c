/*
 * audit_config.c - parse /etc/vnetaudit.conf with inih.  inih splits lines
 * into sections and key = value pairs; everything else (line numbers, long
 * lines, NUL bytes, keys, values, ranges, duplicates) is checked here, with
 * OpenBSD-style file:line messages.  Every bad line is reported, not just the first.
 */
#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit_config.h"
#include "fleet.h"
#include "config_trust.h"
#include "rootfile.h"
#include "numparse.h"
#include "xalloc.h"

#define MAX_CONFIG_SIZE (1u << 20)

struct parse_state {
        const char *buf, *end, *pos;    /* the reader walks buf */
        const char *file;
        unsigned line;                  /* line the reader handed out last */
        bool line_bad;                  /* reported by the reader already */
        struct audit_config *cfg;
        struct diag_list *diags;
        int errors;
        int enomem;
        /* single-valued keys seen: line numbers, to say "more than once" */
        unsigned seen_timeout, seen_retries, seen_rate, seen_sendmail, seen_state_dir;
        char cur_section[256];
        int cur_segment;                /* index into cfg->segments, -1 */
};

static void err(struct parse_state *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void err(struct parse_state *st, const char *fmt, ...)
{
        char *msg;
        va_list ap;
        int r;

        va_start(ap, fmt);
        r = vasprintf(&msg, fmt, ap);
        va_end(ap);
        if (r < 0 || diag_add(st->diags, st->file, st->line, SEV_ERROR, "%s", msg) < 0)
                st->enomem = 1;
        if (r >= 0)
                free(msg);
        st->errors++;
}

/* fgets-like reader over the buffer that counts lines and refuses lines
 * inih would silently split (longer than its buffer) or cut (NUL bytes). */
static char *reader(char *str, int num, void *stream)
{
        struct parse_state *st = stream;
        const char *nl;
        size_t n;

        if (st->pos >= st->end || num < 4)
                return NULL;
        nl = memchr(st->pos, '\n', (size_t)(st->end - st->pos));
        n = nl ? (size_t)(nl - st->pos) : (size_t)(st->end - st->pos);
        st->line++;
        st->line_bad = false;
        if (n > (size_t)num - 3) {
                err(st, "line too long (at most %d characters)", num - 3);
                st->line_bad = true;
                str[0] = '\0';
        } else if (memchr(st->pos, '\0', n)) {
                err(st, "line contains a NUL byte");
                st->line_bad = true;
                str[0] = '\0';
        } else {
                memcpy(str, st->pos, n);
                str[n] = '\0';
        }
        st->pos += n + (nl ? 1 : 0);
        if (st->line_bad) {
                /* inih treats an empty line as blank: give it a comment */
                str[0] = '#';
                str[1] = '\0';
        }
        return str;
}

static int push_word(char ***v, size_t *n, size_t *cap, const char *s, size_t len)
{
        char *copy = strndup(s, len);

        if (!copy || grow((void **)v, cap, *n + 1, sizeof(char *)) < 0) {
                free(copy);
                return -ENOMEM;
        }
        (*v)[(*n)++] = copy;
        return 0;
}

/* Calls fn for each blank- or comma-separated word of value. */
static int each_word(struct parse_state *st, const char *value,
                     int (*fn)(struct parse_state *st, const char *w, size_t len, void *ud), void *ud)
{
        const char *p = value;
        int count = 0;

        for (;;) {
                size_t len;

                p += strspn(p, " \t,");
                if (!*p)
                        break;
                len = strcspn(p, " \t,");
                if (fn(st, p, len, ud) < 0)
                        return -ENOMEM;
                p += len;
                count++;
        }
        return count;
}

static int add_iface(struct parse_state *st, const char *w, size_t len, void *ud)
{
        (void)ud;
        if (len >= 16) {
                err(st, "interface name '%.*s' too long", (int)len, w);
                return 0;
        }
        return push_word(&st->cfg->ifaces, &st->cfg->n_ifaces, &st->cfg->cap_ifaces, w, len);
}

static int add_mail(struct parse_state *st, const char *w, size_t len, void *ud)
{
        (void)ud;
        if (!memchr(w, '@', len) || w[0] == '-') {
                err(st, "mail-to '%.*s' is not a mail address", (int)len, w);
                return 0;
        }
        return push_word(&st->cfg->mail_to, &st->cfg->n_mail_to, &st->cfg->cap_mail_to, w, len);
}

static int add_segment_net(struct parse_state *st, const char *w, size_t len, void *ud)
{
        struct audit_segment *seg = ud;
        size_t cap = seg->n_nets;

        if (len == 1 && w[0] == '*') {
                err(st, "a segment names networks, not '*'");
                return 0;
        }
        for (size_t i = 0; i < seg->n_nets; i++)
                if (strlen(seg->nets[i]) == len && memcmp(seg->nets[i], w, len) == 0) {
                        err(st, "network %.*s specified more than once in segment %s",
                            (int)len, w, seg->name);
                        return 0;
                }
        for (size_t s = 0; s < st->cfg->n_segments; s++) {
                const struct audit_segment *o = &st->cfg->segments[s];

                if (o == seg)
                        continue;
                for (size_t i = 0; i < o->n_nets; i++)
                        if (strlen(o->nets[i]) == len && memcmp(o->nets[i], w, len) == 0) {
                                err(st, "network %.*s is already in segment %s",
                                    (int)len, w, o->name);
                                return 0;
                        }
        }
        /* exact-size growth keeps the struct small; segments are short */
        return push_word(&seg->nets, &seg->n_nets, &cap, w, len);
}

static int add_ignore_code(struct parse_state *st, const char *w, size_t len, void *ud)
{
        uint32_t *codes = ud;
        char name[64];
        int c;

        if (len == 3 && memcmp(w, "all", 3) == 0) {
                *codes = (1u << _F_CODE_MAX) - 1;
                return 0;
        }
        if (len >= sizeof(name) || (memcpy(name, w, len), name[len] = '\0',
                                     (c = finding_code_from_name(name)) < 0)) {
                err(st, "unknown finding code '%.*s'", (int)(len < 64 ? len : 64), w);
                return 0;
        }
        *codes |= 1u << c;
        return 0;
}

static bool once(struct parse_state *st, unsigned *seen, const char *key)
{
        if (*seen) {
                err(st, "%s specified more than once (first at line %u)", key, *seen);
                return false;
        }
        *seen = st->line;
        return true;
}

static bool parse_uint_range(struct parse_state *st, const char *key, const char *v,
                             unsigned long min, unsigned long max, unsigned *ret)
{
        unsigned long n;

        if (parse_decimal(v, min, max, &n) < 0) {
                err(st, "%s must be between %lu and %lu", key, min, max);
                return false;
        }
        *ret = (unsigned)n;
        return true;
}

static void probe_key(struct parse_state *st, const char *name, const char *value)
{
        struct audit_config *cfg = st->cfg;

        if (strcmp(name, "interface") == 0) {
                if (each_word(st, value, add_iface, NULL) == 0)
                        err(st, "interface needs at least one interface name");
        } else if (strcmp(name, "timeout") == 0) {
                char *end;
                double t;

                if (!once(st, &st->seen_timeout, name))
                        return;
                errno = 0;
                t = strtod(value, &end);
                if (errno || end == value || *end || !isfinite(t) || t < 0.05 || t > 60)
                        err(st, "timeout must be between 0.05 and 60 seconds");
                else
                        cfg->timeout = t;
        } else if (strcmp(name, "retries") == 0) {
                if (once(st, &st->seen_retries, name))
                        parse_uint_range(st, name, value, 1, 20, &cfg->retries);
        } else if (strcmp(name, "rate") == 0) {
                if (once(st, &st->seen_rate, name))
                        parse_uint_range(st, name, value, 1, 100000, &cfg->rate);
        } else {
                err(st, "unknown key '%s' in [probe]", name);
        }
}

static int set_path(struct parse_state *st, char **dst, const char *value, const char *key)
{
        if (value[0] != '/') {
                err(st, "%s must be an absolute path", key);
                return 0;
        }
        free(*dst);
        return (*dst = strdup(value)) ? 0 : -ENOMEM;
}

static int audit_key(struct parse_state *st, const char *name, const char *value)
{
        struct audit_config *cfg = st->cfg;

        if (strcmp(name, "mail-to") == 0) {
                if (each_word(st, value, add_mail, NULL) == 0)
                        err(st, "mail-to needs at least one address");
        } else if (strcmp(name, "sendmail") == 0) {
                if (once(st, &st->seen_sendmail, name))
                        return set_path(st, &cfg->sendmail, value, name);
        } else if (strcmp(name, "state-dir") == 0) {
                if (once(st, &st->seen_state_dir, name))
                        return set_path(st, &cfg->state_dir, value, name);
        } else {
                err(st, "unknown key '%s' in [audit]", name);
        }
        return 0;
}

/* [fleet] segment = NAME=HOST,HOST: checked here, used by `fleet`. */
static int fleet_key(struct parse_state *st, const char *name, const char *value)
{
        struct audit_config *cfg = st->cfg;
        struct fleet_segment seg;
        int r;

        if (strcmp(name, "segment") != 0) {
                err(st, "unknown key '%s' in [fleet]", name);
                return 0;
        }
        if ((r = fleet_segment_parse(value, &seg)) == -ENOMEM)
                return r;
        if (r < 0) {
                err(st, "segment must be NAME=HOST,HOST...: a name and at least two hosts");
                return 0;
        }
        fleet_segment_free(&seg);
        return push_word(&cfg->fleet_segments, &cfg->n_fleet_segments, &cfg->cap_fleet_segments,
                         value, strlen(value));
}

/* A new [segment NAME] or [network NAME] section starts on this key. */
static int section_start(struct parse_state *st, const char *section)
{
        struct audit_config *cfg = st->cfg;
        const char *arg;

        snprintf(st->cur_section, sizeof(st->cur_section), "%s", section);
        st->cur_segment = -1;
        if (strncmp(section, "segment", 7) != 0 || (section[7] != ' ' && section[7] != '\t'))
                return 0;
        arg = section + 8 + strspn(section + 8, " \t");
        for (size_t i = 0; i < cfg->n_segments; i++)
                if (strcmp(cfg->segments[i].name, arg) == 0) {
                        err(st, "segment %s specified more than once (first at line %u)",
                            arg, cfg->segments[i].line);
                        st->cur_segment = (int)i;
                        return 0;
                }
        {
                struct audit_segment *seg = ARRAY_PUSH(cfg->segments, cfg->n_segments,
                                                       cfg->cap_segments);
                if (!seg || !(seg->name = strdup(arg)))
                        return -ENOMEM;
                seg->line = st->line;
                st->cur_segment = (int)(cfg->n_segments - 1);
        }
        return 0;
}

static int handle(struct parse_state *st, const char *section, const char *name, const char *value)
{
        struct audit_config *cfg = st->cfg;

        if (strcmp(section, st->cur_section) != 0 && section_start(st, section) < 0)
                return -ENOMEM;
        if (!value) {
                err(st, "'%s': expected key = value", name);
                return 0;
        }
        if (!*value) {
                err(st, "%s needs a value", name);
                return 0;
        }
        if (section[0] == '\0') {
                err(st, "%s outside a section", name);
        } else if (strcmp(section, "probe") == 0) {
                probe_key(st, name, value);
        } else if (strcmp(section, "audit") == 0) {
                return audit_key(st, name, value);
        } else if (strcmp(section, "fleet") == 0) {
                return fleet_key(st, name, value);
        } else if (strncmp(section, "segment ", 8) == 0 || strncmp(section, "segment\t", 8) == 0) {
                if (strcmp(name, "networks") != 0) {
                        err(st, "unknown key '%s' in [segment]", name);
                        return 0;
                }
                if (st->cur_segment < 0)
                        return 0;
                if (each_word(st, value, add_segment_net, &cfg->segments[st->cur_segment]) < 0)
                        return -ENOMEM;
        } else if (strncmp(section, "network ", 8) == 0 || strncmp(section, "network\t", 8) == 0) {
                const char *arg = section + 8 + strspn(section + 8, " \t");
                struct audit_ignore *ig;
                uint32_t codes = 0;

                if (strcmp(name, "ignore") != 0) {
                        err(st, "unknown key '%s' in [network]", name);
                        return 0;
                }
                if (!*arg) {
                        err(st, "[network] needs a network name");
                        return 0;
                }
                if (each_word(st, value, add_ignore_code, &codes) < 0)
                        return -ENOMEM;
                if (!codes)
                        return 0;
                if (!(ig = ARRAY_PUSH(cfg->ignores, cfg->n_ignores, cfg->cap_ignores)) ||
                    !(ig->net = strdup(arg)))
                        return -ENOMEM;
                ig->codes = codes;
                ig->line = st->line;
        } else {
                err(st, "unknown section [%s]", section);
        }
        return 0;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
        struct parse_state *st = user;

        if (st->line_bad)
                return 1;
        if (handle(st, section, name, value) < 0)
                st->enomem = 1;
        return 1;       /* errors are ours to report; keep inih going */
}

int audit_config_parse(const char *buf, size_t len, const char *file,
                       struct audit_config *cfg, struct diag_list *diags)
{
        struct parse_state st = {
                .buf = buf, .end = buf + len, .pos = buf, .file = file,
                .cfg = cfg, .diags = diags, .cur_segment = -1,
        };
        int r;

        /* inih keeps these as process-wide settings: set the ones we rely on. */
        ini_allow_multiline = false;    /* an indented key is a key, not a continuation */
        ini_allow_no_value = true;      /* so each line without '=' reaches us with its line */
        ini_allow_inline_comments = true;
        ini_stop_on_first_error = false;
        st.cur_section[0] = '\x01';     /* differs from every real section, even "" */
        st.cur_section[1] = '\0';

        if (file && !cfg->file && !(cfg->file = strdup(file)))
                return -ENOMEM;
        r = ini_parse_stream(reader, &st, handler, &st);
        if (r == -2)
                return -ENOMEM;
        if (r > 0) {
                /* only malformed section headers fail inside inih */
                st.line = (unsigned)r;
                err(&st, "syntax error: expected [section], key = value or a comment");
        }
        for (size_t i = 0; i < cfg->n_segments; i++)
                if (cfg->segments[i].n_nets == 1) {
                        st.line = cfg->segments[i].line;
                        err(&st, "segment %s must name at least two networks", cfg->segments[i].name);
                }
        return st.enomem ? -ENOMEM : st.errors;
}

static void free_strv(char **v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(v[i]);
        free(v);
}

void audit_config_init(struct audit_config *cfg)
{
        *cfg = (struct audit_config){ 0 };
}

void audit_config_free(struct audit_config *cfg)
{
        if (!cfg)
                return;
        for (size_t i = 0; i < cfg->n_segments; i++) {
                free(cfg->segments[i].name);
                free_strv(cfg->segments[i].nets, cfg->segments[i].n_nets);
        }
        free(cfg->segments);
        for (size_t i = 0; i < cfg->n_ignores; i++)
                free(cfg->ignores[i].net);
        free(cfg->ignores);
        free_strv(cfg->ifaces, cfg->n_ifaces);
        free_strv(cfg->mail_to, cfg->n_mail_to);
        free_strv(cfg->fleet_segments, cfg->n_fleet_segments);
        free(cfg->sendmail);
        free(cfg->state_dir);
        free(cfg->file);
        *cfg = (struct audit_config){ 0 };
}

/* Reads and parses one file: the host's own (root ""), or the audited
 * root's.  0, 1 when an optional file is absent, -EINVAL on errors in it,
 * -errno. */
static int load_one(const char *root, const char *path, const char *shown, bool optional,
                    struct audit_config *cfg, struct diag_list *diags, struct stat *ret_st)
{
        _cleanup_free_ char *buf = NULL;
        size_t len = 0;
        int r;

        r = rootfile_read(root, path, MAX_CONFIG_SIZE, &buf, &len, ret_st);
        if (r == -ENOENT && optional)
                return 1;
        if (r < 0) {
                if (diag_add(diags, shown, 0, SEV_ERROR, "%s", rootfile_strerror(r)) < 0)
                        return -ENOMEM;
                if (r == -ROOTFILE_ENOTREG || r == -ENOLINK)
                        r = -EINVAL;    /* a configuration that cannot be used (78) */
                return r;
        }
        r = audit_config_parse(buf, len, shown, cfg, diags);
        if (r < 0)
                return r;
        return r > 0 ? -EINVAL : 0;
}

/* The host's own file: its host-only settings stay only when it is trusted. */
static int load_host(const char *path, bool optional, struct audit_config *cfg,
                     struct diag_list *diags)
{
        _cleanup_free_ char *keys = NULL;
        struct stat st;
        char why[64];
        int r = load_one("", path, path, optional, cfg, diags, &st);

        if (r != 0 || config_trust_file(&st, why, sizeof(why)))
                return r < 0 ? r : 0;
        if (!(keys = config_trust_strip(cfg)))
                return -ENOMEM;
        if (keys[0] && diag_add(diags, path, 0, SEV_WARNING,
                                "%s ignored: the file is %s (programs and writable paths come only "
                                "from a root-owned file that only root can write)", keys, why) < 0)
                return -ENOMEM;
        return 0;
}

int audit_config_load(const struct options *opt, struct audit_config *cfg,
                      struct diag_list *diags)
{
        _cleanup_free_ char *shown = NULL, *keys = NULL;
        struct audit_config host;
        int r;

        if (opt->config)
                return load_host(opt->config, false, cfg, diags);
        if (!opt->root || !opt->root[0])
                return load_host(AUDIT_CONFIG_DEFAULT, true, cfg, diags);

        /* The audited root's file: analysis settings only, and it says so. */
        if (asprintf(&shown, "%s%s", opt->root, AUDIT_CONFIG_DEFAULT) < 0)
                return -ENOMEM;
        r = load_one(opt->root, AUDIT_CONFIG_DEFAULT, shown, true, cfg, diags, NULL);
        if (r < 0)
                return r;
        if (!(keys = config_trust_strip(cfg)))
                return -ENOMEM;
        if (keys[0] && diag_add(diags, shown, 0, SEV_WARNING,
                                "%s ignored: the audited root's configuration gives analysis settings "
                                "(segments, ignores) only; these come from this host's %s or --config",
                                keys, AUDIT_CONFIG_DEFAULT) < 0)
                return -ENOMEM;
        /* Programs, paths and probing from the auditing host's own file. */
        audit_config_init(&host);
        r = load_host(AUDIT_CONFIG_DEFAULT, true, &host, diags);
        if (r == 0)
                config_trust_take(cfg, &host);
        audit_config_free(&host);
        return r;
}

bool audit_net_match(const char *pattern, const char *id, const char *name, const char *device)
{
        if (!pattern)
                return false;
        if (strcmp(pattern, "*") == 0)
                return true;
        if (id && strcmp(pattern, id) == 0)
                return true;
        if (strchr(pattern, ':'))
                return false;
        return (name && strcmp(pattern, name) == 0) || (device && strcmp(pattern, device) == 0);
}

int audit_config_segment_of(const struct audit_config *cfg, const char *id, const char *name,
                            const char *device)
{
        if (!cfg)
                return -1;
        for (size_t s = 0; s < cfg->n_segments; s++)
                for (size_t i = 0; i < cfg->segments[s].n_nets; i++)
                        if (audit_net_match(cfg->segments[s].nets[i], id, name, device))
                                return (int)s;
        return -1;
}

bool audit_config_ignored(const struct audit_config *cfg, enum finding_code code,
                          const char *id, const char *name, const char *device)
{
        if (!cfg || code >= _F_CODE_MAX)
                return false;
        for (size_t i = 0; i < cfg->n_ignores; i++)
                if ((cfg->ignores[i].codes & (1u << code)) &&
                    audit_net_match(cfg->ignores[i].net, id, name, device))
                        return true;
        return false;
}
