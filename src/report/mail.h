/*
 * mail.h - the audit's report as an RFC 5322 message, handed to the system's
 * sendmail(8) (-t -oi) without a shell.  Whatever bytes a host, network or
 * interface name holds, no header can be injected: header text is reduced
 * to printable characters (non-ASCII RFC 2047-encoded) and the body to
 * valid UTF-8 lines without control characters.
 */
#ifndef VNETAUDIT_MAIL_H
#define VNETAUDIT_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct mail_message {
        const char *const *to;  /* plain addresses, checked with mail_address_valid() */
        size_t n_to;
        const char *from;       /* plain address; NULL or invalid = sendmail supplies it */
        const char *host;       /* any bytes: for the Message-ID's right side */
        const char *subject;    /* any bytes */
        const char *body;       /* any bytes */
        time_t date;
};

/* A plain addr-spec (dot-atom "@" domain) or a bare local user name. */
bool mail_address_valid(const char *addr);
/* "vnetaudit: 2 new conflicts, 1 resolved on HOST"; malloc'd or NULL. */
char *mail_subject(const size_t added[3], size_t resolved, const char *host);
/* The message, LF line ends (sendmail's local convention).  0, -EINVAL (no
 * valid recipient) or -ENOMEM. */
int mail_compose(const struct mail_message *m, char **ret_buf, size_t *ret_len);
/* Runs SENDMAIL -t -oi with the message on stdin.  0 when it exited 0;
 * otherwise -errno and *ret_error (malloc'd) says what happened: could not
 * be executed, killed by a signal, exited with status N. */
int mail_send(const char *sendmail, const char *msg, size_t len, char **ret_error);

/* Exposed for tests: printable, valid UTF-8 text of at most max bytes. */
char *mail_header_text(const char *raw, size_t max);
char *mail_body_text(const char *raw);

#endif
