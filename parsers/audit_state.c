/*
 * audit_state.c - the audit's memory: a line-oriented state file and its
 * safe handling on disk.  Every field is escaped so any byte a network name
 * holds round-trips; the parser accepts only a complete file ("end N" with
 * the right count), so a torn or foreign file reads as a first run.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit_state.h"
#include "fdio.h"
#include "fileread.h"
#include "strbuf.h"
#include "xalloc.h"

#define MAGIC "vnetaudit-state 1\n"

static void entry_free(struct audit_state_entry *e)
{
        free(e->key);
        free(e->code_name);
        free(e->message);
}

void audit_state_free(struct audit_state *s)
{
        if (!s)
                return;
        for (size_t i = 0; i < s->n; i++)
                entry_free(&s->v[i]);
        free(s->v);
        *s = (struct audit_state){ 0 };
}

static int cmp_entry(const void *a, const void *b)
{
        return strcmp(((const struct audit_state_entry *)a)->key,
                      ((const struct audit_state_entry *)b)->key);
}

void audit_state_sort(struct audit_state *s)
{
        if (s->n > 1)
                qsort(s->v, s->n, sizeof(*s->v), cmp_entry);
}

long audit_state_find(const struct audit_state *s, const char *key)
{
        size_t lo = 0, hi = s->n;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                int c = strcmp(key, s->v[mid].key);

                if (c == 0)
                        return (long)mid;
                if (c < 0)
                        hi = mid;
                else
                        lo = mid + 1;
        }
        return -1;
}

/* ---- codec ---------------------------------------------------------- */


/* Separators, line ends, the escape byte and all controls become \xHH. */
static int sb_put_escaped(struct strbuf *b, const char *s)
{
        static const char hex[] = "0123456789abcdef";

        for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
                char e[4] = { '\\', 'x', hex[*p >> 4], hex[*p & 15] };
                int r = *p < 0x20 || *p == 0x7f || *p == '\\' ?
                        strbuf_put(b, e, 4) : strbuf_put(b, (const char *)p, 1);

                if (r < 0)
                        return r;
        }
        return 0;
}

int audit_state_format(const struct audit_state *s, char **ret_buf, size_t *ret_len)
{
        struct strbuf b = { 0 };
        char line[64];
        int r;

        snprintf(line, sizeof(line), "written %lld\n", s->written);
        r = strbuf_put(&b, MAGIC, strlen(MAGIC)) ?: strbuf_put(&b, line, strlen(line));
        for (size_t i = 0; r == 0 && i < s->n; i++) {
                const struct audit_state_entry *e = &s->v[i];
                const char *sev = severity_name(e->severity);

                r = strbuf_put(&b, "finding ", 8) ?: strbuf_put(&b, sev, strlen(sev)) ?:
                    strbuf_put(&b, "\t", 1) ?: sb_put_escaped(&b, e->code_name) ?:
                    strbuf_put(&b, "\t", 1) ?: sb_put_escaped(&b, e->key) ?:
                    strbuf_put(&b, "\t", 1) ?: sb_put_escaped(&b, e->message ? e->message : "") ?:
                    strbuf_put(&b, "\n", 1);
        }
        snprintf(line, sizeof(line), "end %zu\n", s->n);
        if (r == 0)
                r = strbuf_put(&b, line, strlen(line));
        if (r < 0) {
                free(b.p);
                return r;
        }
        *ret_buf = b.p;
        *ret_len = b.n;
        return 0;
}

static int hexval(char c)
{
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        return -1;
}

/* Unescapes [s, s+n) into a fresh string; -EBADMSG on a bad escape, a raw
 * control byte or an escaped NUL (no field may hold one). */
static int unescape(const char *s, size_t n, char **ret)
{
        char *out = malloc(n + 1), *o = out;

        if (!out)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)s[i];

                if (c == '\\') {
                        int hi, lo;

                        if (n - i < 4 || s[i + 1] != 'x' ||
                            (hi = hexval(s[i + 2])) < 0 || (lo = hexval(s[i + 3])) < 0 ||
                            (hi == 0 && lo == 0))
                                goto bad;
                        *o++ = (char)(hi << 4 | lo);
                        i += 3;
                } else if (c < 0x20 || c == 0x7f) {
                        goto bad;
                } else {
                        *o++ = (char)c;
                }
        }
        *o = '\0';
        *ret = out;
        return 0;
bad:
        free(out);
        return -EBADMSG;
}

/* Splits off the next '\n'-terminated line; 0 when none is left. */
static int next_line(const char **p, const char *end, const char **ret_s, size_t *ret_n)
{
        const char *nl;

        if (*p >= end)
                return 0;
        nl = memchr(*p, '\n', (size_t)(end - *p));
        if (!nl)
                return -EBADMSG;        /* a torn last line */
        *ret_s = *p;
        *ret_n = (size_t)(nl - *p);
        *p = nl + 1;
        return 1;
}

/* A decimal number filling [s, s+n) exactly. */
static int parse_num(const char *s, size_t n, unsigned long long max, unsigned long long *ret)
{
        unsigned long long v = 0;

        if (n == 0 || n > 20)
                return -EBADMSG;
        for (size_t i = 0; i < n; i++) {
                if (s[i] < '0' || s[i] > '9')
                        return -EBADMSG;
                if (v > (max - (unsigned)(s[i] - '0')) / 10)
                        return -EBADMSG;
                v = v * 10 + (unsigned)(s[i] - '0');
        }
        *ret = v;
        return 0;
}

static int parse_finding(const char *s, size_t n, struct audit_state *st)
{
        const char *f[4];
        size_t fl[4], k = 0;
        const char *p = s, *end = s + n;
        struct audit_state_entry e = { 0 };
        char *sev = NULL;
        int r, sv;

        while (k < 4) {
                const char *tab = memchr(p, '\t', (size_t)(end - p));

                if (k == 3)
                        tab = NULL;     /* the message runs to the line's end */
                f[k] = p;
                fl[k] = (size_t)((tab ? tab : end) - p);
                k++;
                if (!tab)
                        break;
                p = tab + 1;
        }
        if (k != 4 || memchr(f[3], '\t', fl[3]) || fl[0] == 0 || fl[1] == 0 || fl[2] == 0)
                return -EBADMSG;
        if ((r = unescape(f[0], fl[0], &sev)) < 0)
                return r;
        sv = severity_from_name(sev);
        free(sev);
        if (sv < 0)
                return -EBADMSG;
        e.severity = (enum severity)sv;
        if ((r = unescape(f[1], fl[1], &e.code_name)) < 0 ||
            (r = unescape(f[2], fl[2], &e.key)) < 0 ||
            (r = unescape(f[3], fl[3], &e.message)) < 0)
                goto fail;
        e.code = finding_code_from_name(e.code_name);
        if (!ARRAY_PUSH(st->v, st->n, st->cap)) {
                r = -ENOMEM;
                goto fail;
        }
        st->v[st->n - 1] = e;
        return 0;
fail:
        entry_free(&e);
        return r;
}

int audit_state_parse(const char *buf, size_t len, struct audit_state *ret)
{
        struct audit_state st = { 0 };
        const char *p = buf, *end = buf + len, *s;
        unsigned long long v;
        size_t n;
        bool ended = false;
        int r;

        if (len > AUDIT_STATE_MAX || len < strlen(MAGIC) || memcmp(buf, MAGIC, strlen(MAGIC)) != 0)
                return -EBADMSG;
        p += strlen(MAGIC);
        while ((r = next_line(&p, end, &s, &n)) > 0) {
                if (ended) {
                        r = -EBADMSG;           /* bytes after "end" */
                        break;
                }
                if (n > 8 && memcmp(s, "written ", 8) == 0 && st.n == 0 && st.written == 0) {
                        if ((r = parse_num(s + 8, n - 8, (unsigned long long)1 << 62, &v)) < 0)
                                break;
                        st.written = (long long)v;
                } else if (n > 8 && memcmp(s, "finding ", 8) == 0) {
                        if ((r = parse_finding(s + 8, n - 8, &st)) < 0)
                                break;
                } else if (n > 4 && memcmp(s, "end ", 4) == 0) {
                        if ((r = parse_num(s + 4, n - 4, SIZE_MAX, &v)) < 0)
                                break;
                        if (v != st.n) {
                                r = -EBADMSG;
                                break;
                        }
                        ended = true;
                } else {
                        r = -EBADMSG;
                        break;
                }
        }
        if (r == 0 && !ended)
                r = -EBADMSG;
        if (r < 0) {
                audit_state_free(&st);
                return r;
        }
        audit_state_sort(&st);
        /* We never write a key twice: a file that has one is not ours. */
        for (size_t i = 1; i < st.n; i++)
                if (strcmp(st.v[i - 1].key, st.v[i].key) == 0) {
                        audit_state_free(&st);
                        return -EBADMSG;
                }
        *ret = st;
        return 0;
}

struct keyed {
        char *key;
        size_t at;              /* index in the finding list */
};

static int cmp_keyed(const void *pa, const void *pb)
{
        const struct keyed *a = pa, *b = pb;
        int c = strcmp(a->key, b->key);

        return c ? c : (a->at > b->at) - (a->at < b->at);
}

int audit_state_from_findings(const struct finding_list *l, long long now, struct audit_state *ret)
{
        struct audit_state st = { .written = now };
        struct keyed *k = calloc(l->n ? l->n : 1, sizeof(*k));
        size_t i;

        if (!k)
                return -ENOMEM;
        for (i = 0; i < l->n; i++)
                if (!(k[i].key = finding_key(&l->v[i])))
                        goto oom;
                else
                        k[i].at = i;
        /* Sorted, one entry per key: two findings with the same identity
         * are one conflict for the purpose of "what changed" (the first
         * one's message is kept). */
        qsort(k, l->n, sizeof(*k), cmp_keyed);
        for (i = 0; i < l->n; i++) {
                const struct finding *f = &l->v[k[i].at];
                struct audit_state_entry *e;

                if (st.n > 0 && strcmp(st.v[st.n - 1].key, k[i].key) == 0)
                        continue;
                if (!(e = ARRAY_PUSH(st.v, st.n, st.cap)))
                        goto oom;
                e->key = k[i].key;
                k[i].key = NULL;
                e->code = (int)f->code;
                e->severity = f->severity;
                e->code_name = strdup(finding_code_name(f->code));
                e->message = strdup(f->message ? f->message : "");
                if (!e->code_name || !e->message)
                        goto oom;
        }
        for (i = 0; i < l->n; i++)
                free(k[i].key);
        free(k);
        *ret = st;
        return 0;
oom:
        for (i = 0; i < l->n; i++)
                free(k[i].key);
        free(k);
        audit_state_free(&st);
        return -ENOMEM;
}

/* ---- on disk -------------------------------------------------------- */

int audit_state_open_dir(const char *path, int *ret_dirfd)
{
        struct stat sb;
        int fd;

        if (mkdir(path, 0700) < 0 && errno != EEXIST)
                return -errno;
        if (lstat(path, &sb) < 0)
                return -errno;
        if (S_ISLNK(sb.st_mode))
                return -ELOOP;
        fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
                return errno == ENOTDIR && !S_ISDIR(sb.st_mode) ? -ENOTDIR : -errno;
        *ret_dirfd = fd;
        return 0;
}

int audit_state_lock(int dirfd, bool exclusive, int timeout_ms, int *ret_lockfd)
{
        int fd, waited = 0;
        struct stat sb;

        fd = openat(dirfd, AUDIT_STATE_LOCK, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0)
                return -errno;
        if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
                close(fd);
                return -EINVAL;
        }
        while (flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) < 0) {
                int e = errno;

                if (e != EWOULDBLOCK && e != EINTR) {
                        close(fd);
                        return -e;
                }
                if (waited >= timeout_ms) {
                        close(fd);
                        return -ETIMEDOUT;
                }
                poll(NULL, 0, 50);
                waited += 50;
        }
        *ret_lockfd = fd;
        return 0;
}

int audit_state_load(int dirfd, struct audit_state *ret, bool *ret_first_run, bool *ret_corrupt)
{
        _cleanup_free_ char *buf = NULL;
        size_t len = 0;
        int r;

        *ret = (struct audit_state){ 0 };
        *ret_first_run = true;
        *ret_corrupt = false;
        /* Not followed: a link planted here is refused (-ELOOP). */
        r = file_read_at(dirfd, AUDIT_STATE_FILE, O_NOFOLLOW, AUDIT_STATE_MAX, &buf, &len, NULL);
        if (r == -ENOENT)
                return 0;
        if (r == -EFBIG) {
                *ret_corrupt = true;    /* the parser would refuse it anyway */
                return 0;
        }
        if (r < 0)
                return r;
        if (len == 0)
                return 0;
        r = audit_state_parse(buf, len, ret);
        if (r == -EBADMSG) {
                *ret_corrupt = true;
                return 0;
        }
        if (r < 0)
                return r;
        *ret_first_run = false;
        return 0;
}

int audit_state_save(int dirfd, const struct audit_state *s)
{
        _cleanup_free_ char *buf = NULL;
        size_t len;
        int fd, r;

        if ((r = audit_state_format(s, &buf, &len)) < 0)
                return r;
        if (len > AUDIT_STATE_MAX)
                return -EFBIG;  /* what could not be read back is not written */
        /* We hold the lock, so a state.tmp here is a leftover of a killed
         * run (or something planted): remove it, then create ours
         * exclusively so nothing put there in between is followed. */
        if (unlinkat(dirfd, AUDIT_STATE_TMP, 0) < 0 && errno != ENOENT)
                return -errno;
        fd = openat(dirfd, AUDIT_STATE_TMP, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0)
                return -errno;
        r = fd_write_all(fd, buf, len);
        if (r == 0 && fchmod(fd, 0600) < 0)
                r = -errno;
        if (r == 0 && fsync(fd) < 0)
                r = -errno;
        if (close(fd) < 0 && r == 0)
                r = -errno;
        if (r == 0 && renameat(dirfd, AUDIT_STATE_TMP, dirfd, AUDIT_STATE_FILE) < 0)
                r = -errno;
        if (r < 0) {
                unlinkat(dirfd, AUDIT_STATE_TMP, 0);
                return r;
        }
        /* The rename is durable only once the directory is. */
        if (fsync(dirfd) < 0)
                return -errno;
        return 0;
}
