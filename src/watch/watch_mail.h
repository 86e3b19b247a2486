/*
 * watch_mail.h - the optional mail of `watch --mail-to`: events are
 * gathered into one digest (a fixed buffer: at most WATCH_MAIL_MAX_LINES
 * lines, the rest counted), sent WATCH_MAIL_GATHER seconds after the first
 * event of a burst and then at most once per WATCH_MAIL_MIN_GAP; what is
 * pending at exit is sent then.  Never one mail per frame.  Composed and
 * sent like the audit's mail (mail.h).
 */
#ifndef VNETAUDIT_WATCH_MAIL_H
#define VNETAUDIT_WATCH_MAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "watch_diff.h"

#define WATCH_MAIL_GATHER 5.0
#define WATCH_MAIL_MIN_GAP 900.0
#define WATCH_MAIL_MAX_LINES 200
#define WATCH_MAIL_BODY 65536

struct watch_mail {
        const char *const *to;
        size_t n_to;
        const char *sendmail;
        const char *host;
        char body[WATCH_MAIL_BODY];
        size_t len, lines;
        unsigned long dropped;          /* events beyond the buffer */
        size_t added[3], resolved, changed;
        double due;                     /* when the pending digest goes; -1 none */
        double last_sent;               /* -1 never */
        unsigned long sent;
};

void watch_mail_init(struct watch_mail *m, const char *const *to, size_t n_to,
                     const char *sendmail);
/* Records one event at time now (a monotonic clock). */
void watch_mail_add(struct watch_mail *m, double now, enum watch_event ev, const struct watch_fact *f);
/* Sends the digest when it is due (or anything pending when force).  0,
 * or -errno with *err (malloc'd) saying why; the digest is dropped then,
 * and the next one waits the full gap (no retry storm). */
int watch_mail_flush(struct watch_mail *m, double now, bool force, char **err);

#endif
