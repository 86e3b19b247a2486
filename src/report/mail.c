/*
 * mail.c - compose the audit mail and pipe it to sendmail.  Header safety
 * is structural: every header value is built here from sanitized text, so a
 * CR, LF or other control byte from a name can never start a new header.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fdio.h"
#include "mail.h"
#include "strbuf.h"
#include "textesc.h"
#include "xalloc.h"


static bool is_control(uint32_t c)
{
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
               c == 0x2028 || c == 0x2029;          /* Unicode line separators */
}

/* Printable text: controls become one space (runs collapse), malformed
 * bytes become '?', at most max bytes, cut on a character boundary. */
char *mail_header_text(const char *raw, size_t max)
{
        const unsigned char *s = (const unsigned char *)(raw ? raw : "");
        size_t n = strlen((const char *)s);
        struct strbuf b = { 0 };

        if (strbuf_put(&b, "", 0) < 0)
                return NULL;
        for (size_t i = 0; i < n;) {
                uint32_t cp;
                size_t len = utf8_decode(s + i, n - i, &cp);
                const char *piece;
                size_t pl;

                if (len == 0) {
                        piece = "?", pl = 1, len = 1;
                } else if (is_control(cp) || cp == ' ') {
                        if (b.n == 0 || b.p[b.n - 1] == ' ') {
                                i += len;
                                continue;
                        }
                        piece = " ", pl = 1;
                } else {
                        piece = (const char *)s + i, pl = len;
                }
                if (b.n + pl > max)
                        break;
                if (strbuf_put(&b, piece, pl) < 0) {
                        free(b.p);
                        return NULL;
                }
                i += len;
        }
        while (b.n && b.p[b.n - 1] == ' ')
                b.p[--b.n] = '\0';
        return b.p;
}

#define BODY_LINE_MAX 900       /* RFC 5322 allows 998 octets; keep room */

/* Valid UTF-8, LF line ends, tabs kept, other controls as '?', malformed
 * bytes as U+FFFD, long lines split, a final newline. */
char *mail_body_text(const char *raw)
{
        const unsigned char *s = (const unsigned char *)(raw ? raw : "");
        size_t n = strlen((const char *)s), col = 0;
        struct strbuf b = { 0 };
        int r = strbuf_put(&b, "", 0);

        for (size_t i = 0; r == 0 && i < n;) {
                uint32_t cp;
                size_t len = utf8_decode(s + i, n - i, &cp);
                const char *piece = (const char *)s + i;
                size_t pl = len;

                if (len == 0) {
                        piece = "\xef\xbf\xbd", pl = 3, len = 1;
                } else if (cp == '\r' && i + 1 < n && s[i + 1] == '\n') {
                        i++;
                        continue;
                } else if (cp == '\n' || cp == '\r') {
                        piece = "\n", pl = 1;
                } else if (cp != '\t' && is_control(cp)) {
                        piece = "?", pl = 1;
                }
                if (piece[0] != '\n' && col + pl > BODY_LINE_MAX) {
                        r = strbuf_put(&b, "\n", 1);
                        col = 0;
                }
                if (r == 0)
                        r = strbuf_put(&b, piece, pl);
                col = piece[0] == '\n' ? 0 : col + pl;
                i += len;
        }
        if (r == 0 && (b.n == 0 || b.p[b.n - 1] != '\n'))
                r = strbuf_put(&b, "\n", 1);
        if (r < 0) {
                free(b.p);
                return NULL;
        }
        return b.p;
}

static bool is_atext(int c)
{
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* dot-atom-text: atoms of atext joined by single dots. */
static bool dot_atom(const char *s, size_t n, bool ldh_only)
{
        if (n == 0 || s[0] == '.' || s[n - 1] == '.')
                return false;
        for (size_t i = 0; i < n; i++) {
                int c = (unsigned char)s[i];

                if (c == '.') {
                        if (s[i + 1] == '.')
                                return false;
                } else if (ldh_only ? !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                        (c >= '0' && c <= '9') || c == '-')
                                    : !is_atext(c)) {
                        return false;
                }
        }
        return true;
}

bool mail_address_valid(const char *addr)
{
        const char *at;
        size_t n;

        if (!addr || (n = strlen(addr)) == 0 || n > 254 || addr[0] == '-')
                return false;
        at = strchr(addr, '@');
        if (!at)
                return dot_atom(addr, n, false);
        if (strchr(at + 1, '@'))
                return false;
        return dot_atom(addr, (size_t)(at - addr), false) &&
               dot_atom(at + 1, n - (size_t)(at - addr) - 1, true);
}

static const char *plural(size_t n, const char *one, const char *many)
{
        return n == 1 ? one : many;
}

char *mail_subject(const size_t added[3], size_t resolved, const char *host)
{
        /* added[] is indexed by severity: info, warning, error. */
        char parts[256] = "";
        size_t used = 0;
        char *out = NULL;
        struct {
                size_t n;
                const char *one, *many;
        } p[] = {
                { added[2], "new error", "new errors" },
                { added[1], "new warning", "new warnings" },
                { added[0], "new info", "new infos" },
                { resolved, "resolved", "resolved" },
        };

        for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
                int k;

                if (!p[i].n)
                        continue;
                k = snprintf(parts + used, sizeof(parts) - used, "%s%zu %s", used ? ", " : "",
                             p[i].n, plural(p[i].n, p[i].one, p[i].many));
                if (k > 0 && (size_t)k < sizeof(parts) - used)
                        used += (size_t)k;
        }
        if (asprintf(&out, "vnetaudit: %s on %s", used ? parts : "no change",
                     host && *host ? host : "localhost") < 0)
                return NULL;
        return out;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int put_base64(struct strbuf *b, const unsigned char *s, size_t n)
{
        for (size_t i = 0; i < n; i += 3) {
                uint32_t v = (uint32_t)s[i] << 16 | (i + 1 < n ? (uint32_t)s[i + 1] << 8 : 0) |
                             (i + 2 < n ? s[i + 2] : 0);
                char q[4] = { b64[v >> 18 & 63], b64[v >> 12 & 63],
                              i + 1 < n ? b64[v >> 6 & 63] : '=', i + 2 < n ? b64[v & 63] : '=' };

                if (strbuf_put(b, q, 4) < 0)
                        return -ENOMEM;
        }
        return 0;
}

/* RFC 2047: "An 'encoded-word' may not be more than 75 characters long",
 * and each must hold whole characters.  45 bytes encode to 60 base64
 * characters, plus the 12 of "=?UTF-8?B?" and "?=". */
static int put_subject(struct strbuf *b, const char *text)
{
        const unsigned char *s = (const unsigned char *)text;
        size_t n = strlen(text);
        bool ascii = true;

        for (size_t i = 0; i < n; i++)
                ascii &= s[i] < 0x80;
        if (strbuf_puts(b, "Subject: ") < 0)
                return -ENOMEM;
        if (ascii)
                return strbuf_puts(b, text) ?: strbuf_puts(b, "\n");
        for (size_t i = 0; i < n;) {
                size_t take = 0;

                while (i + take < n) {
                        uint32_t cp;
                        size_t len = utf8_decode(s + i + take, n - i - take, &cp);

                        if (len == 0)
                                len = 1;        /* cannot happen: text is sanitized */
                        if (take + len > 45)
                                break;
                        take += len;
                }
                if ((i ? strbuf_puts(b, "\n ") : 0) < 0 || strbuf_puts(b, "=?UTF-8?B?") < 0 ||
                    put_base64(b, s + i, take) < 0 || strbuf_puts(b, "?=") < 0)
                        return -ENOMEM;
                i += take;
        }
        return strbuf_puts(b, "\n");
}

static int put_date(struct strbuf *b, time_t t)
{
        static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
        static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
        struct tm tm;
        char line[80];
        long off;

        if (!localtime_r(&t, &tm))
                return -EINVAL;
        off = tm.tm_gmtoff / 60;
        /* RFC 5322 3.3; names spelled here, not by the locale. */
        snprintf(line, sizeof(line), "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld\n",
                 days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900,
                 tm.tm_hour, tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
                 labs(off) / 60 % 100, labs(off) % 60);
        return strbuf_puts(b, line);
}

static int put_message_id(struct strbuf *b, const char *host, time_t t)
{
        unsigned char rnd[8] = { 0 };
        char line[400];
        char hex[17];
        bool ok_host = host && strlen(host) < 255 && dot_atom(host, strlen(host), true);

        if (getrandom(rnd, sizeof(rnd), GRND_NONBLOCK) != (ssize_t)sizeof(rnd)) {
                /* Uniqueness then rests on time and pid alone. */
                memset(rnd, 0, sizeof(rnd));
        }
        for (size_t i = 0; i < sizeof(rnd); i++)
                snprintf(hex + 2 * i, 3, "%02x", rnd[i]);
        snprintf(line, sizeof(line), "Message-ID: <vnetaudit.%lld.%ld.%s@%s>\n", (long long)t,
                 (long)getpid(), hex, ok_host ? host : "vnetaudit.invalid");
        return strbuf_puts(b, line);
}

int mail_compose(const struct mail_message *m, char **ret_buf, size_t *ret_len)
{
        _cleanup_free_ char *subject = mail_header_text(m->subject, 400);
        _cleanup_free_ char *body = mail_body_text(m->body);
        struct strbuf b = { 0 };
        size_t n_to = 0;
        int r;

        if (!subject || !body)
                return -ENOMEM;
        for (size_t i = 0; i < m->n_to; i++)
                n_to += mail_address_valid(m->to[i]);
        if (n_to == 0)
                return -EINVAL;
        r = strbuf_puts(&b, "To: ");
        for (size_t i = 0, k = 0; r == 0 && i < m->n_to; i++) {
                if (!mail_address_valid(m->to[i]))
                        continue;
                r = (k++ ? strbuf_puts(&b, ",\n ") : 0) ?: strbuf_puts(&b, m->to[i]);
        }
        if (r == 0)
                r = strbuf_puts(&b, "\n");
        if (r == 0 && m->from && mail_address_valid(m->from))
                r = strbuf_puts(&b, "From: vnetaudit <") ?: strbuf_puts(&b, m->from) ?: strbuf_puts(&b, ">\n");
        r = r ?: put_subject(&b, subject) ?: put_date(&b, m->date) ?:
            put_message_id(&b, m->host, m->date) ?:
            strbuf_puts(&b, "Auto-Submitted: auto-generated\n"
                      "MIME-Version: 1.0\n"
                      "Content-Type: text/plain; charset=UTF-8\n"
                      "Content-Transfer-Encoding: 8bit\n"
                      "\n") ?:
            strbuf_puts(&b, body);
        if (r < 0) {
                free(b.p);
                return r;
        }
        *ret_buf = b.p;
        *ret_len = b.n;
        return 0;
}

int mail_send(const char *sendmail, const char *msg, size_t len, char **ret_error)
{
        int in[2], err[2], status, child_errno = 0, r = 0;
        struct sigaction ign = { .sa_handler = SIG_IGN }, old;
        ssize_t k;
        pid_t pid;

        *ret_error = NULL;
        if (pipe2(in, O_CLOEXEC) < 0)
                return -errno;
        /* A close-on-exec pipe tells an exec failure apart from sendmail
         * exiting non-zero: it carries errno only if execv returned. */
        if (pipe2(err, O_CLOEXEC) < 0) {
                r = -errno;
                close(in[0]);
                close(in[1]);
                return r;
        }
        pid = fork();
        if (pid < 0) {
                r = -errno;
                close(in[0]), close(in[1]), close(err[0]), close(err[1]);
                return r;
        }
        if (pid == 0) {
                char *const argv[] = { (char *)sendmail, "-t", "-oi", NULL };
                int e;

                /* stdout is ours (--nagios, --json): sendmail chatter goes to stderr.
                 * Started with stdin closed, the pipe is already descriptor 0 and
                 * dup2() leaves its close-on-exec flag: clear that by hand. */
                if ((in[0] == 0 ? fcntl(0, F_SETFD, 0) : dup2(in[0], 0)) < 0 || dup2(2, 1) < 0)
                        _exit(127);
                execv(sendmail, argv);
                e = errno;
                (void)!write(err[1], &e, sizeof(e));
                _exit(127);
        }
        close(in[0]);
        close(err[1]);
        sigaction(SIGPIPE, &ign, &old);
        r = fd_write_all(in[1], msg, len);
        sigaction(SIGPIPE, &old, NULL);
        close(in[1]);
        do
                k = read(err[0], &child_errno, sizeof(child_errno));
        while (k < 0 && errno == EINTR);
        close(err[0]);
        while (waitpid(pid, &status, 0) < 0)
                if (errno != EINTR)
                        return -errno;
        if (k == (ssize_t)sizeof(child_errno)) {
                if (asprintf(ret_error, "cannot execute %s: %s", sendmail, strerror(child_errno)) < 0)
                        *ret_error = NULL;
                return -child_errno;
        }
        if (WIFSIGNALED(status)) {
                if (asprintf(ret_error, "%s was killed by signal %d", sendmail, WTERMSIG(status)) < 0)
                        *ret_error = NULL;
                return -EIO;
        }
        if (WEXITSTATUS(status) != 0) {
                if (asprintf(ret_error, "%s exited with status %d", sendmail, WEXITSTATUS(status)) < 0)
                        *ret_error = NULL;
                return -EIO;
        }
        if (r < 0) {
                if (asprintf(ret_error, "writing to %s: %s", sendmail, strerror(-r)) < 0)
                        *ret_error = NULL;
                return r;
        }
        return 0;
}
