/*
 * watch_mail.c - rate-limited digest mail of `watch` (see watch_mail.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mail.h"
#include "watch_mail.h"

void watch_mail_init(struct watch_mail *m, const char *const *to, size_t n_to,
                     const char *sendmail)
{
        memset(m, 0, sizeof(*m));
        m->to = to;
        m->n_to = n_to;
        m->sendmail = sendmail;
        m->due = -1;
        m->last_sent = -1;
}

void watch_mail_add(struct watch_mail *m, double now, enum watch_event ev, const struct watch_fact *f)
{
        int n;

        if (!m->n_to)
                return;
        if (ev == WATCH_EV_RESOLVED)
                m->resolved++;
        else if (ev == WATCH_EV_CHANGED)
                m->changed++;
        else
                m->added[strcmp(f->severity, "error") == 0 ? 2 : strcmp(f->severity, "warning") == 0 ? 1 : 0]++;
        if (m->due < 0) {
                m->due = now + WATCH_MAIL_GATHER;
                if (m->last_sent >= 0 && m->due < m->last_sent + WATCH_MAIL_MIN_GAP)
                        m->due = m->last_sent + WATCH_MAIL_MIN_GAP;
        }
        if (m->lines >= WATCH_MAIL_MAX_LINES) {
                m->dropped++;
                return;
        }
        n = snprintf(m->body + m->len, sizeof(m->body) - m->len, "%s %s %s: %s\n",
                     watch_event_name(ev), f->severity, f->code, f->message);
        if (n < 0 || (size_t)n >= sizeof(m->body) - m->len) {
                m->body[m->len] = 0;
                m->dropped++;
                return;
        }
        m->len += (size_t)n;
        m->lines++;
}

int watch_mail_flush(struct watch_mail *m, double now, bool force, char **err)
{
        char host[256] = "localhost", tail[128] = "";
        char *subject, *body = NULL, *msg = NULL;
        size_t len;
        int r;

        *err = NULL;
        if (m->due < 0 || (!force && now < m->due))
                return 0;
        gethostname(host, sizeof(host) - 1);
        if (m->dropped)
                snprintf(tail, sizeof(tail), "(and %lu more events, not listed)\n", m->dropped);
        subject = mail_subject(m->added, m->resolved, m->host ? m->host : host);
        r = -ENOMEM;
        if (subject && asprintf(&body, "%s%s", m->body, tail) >= 0) {
                struct mail_message mm = {
                        .to = m->to, .n_to = m->n_to, .host = m->host ? m->host : host,
                        .subject = subject, .body = body, .date = time(NULL),
                };

                r = mail_compose(&mm, &msg, &len);
                if (r == 0)
                        r = mail_send(m->sendmail, msg, len, err);
        }
        free(subject);
        free(body);
        free(msg);
        /* Sent or not, the digest is done: the next waits the full gap. */
        m->len = m->lines = 0;
        m->body[0] = 0;
        m->dropped = 0;
        memset(m->added, 0, sizeof(m->added));
        m->resolved = m->changed = 0;
        m->due = -1;
        m->last_sent = now;
        if (r == 0)
                m->sent++;
        return r;
}
