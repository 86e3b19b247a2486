/*
 * mail_courier.h - sends the audit's mail from a process that kept its
 * privileges.  Probing drops every capability and sets no-new-privileges
 * in the audit process; under no-new-privileges the kernel ignores the
 * setgid/setuid bits that Postfix's postdrop and Exim rely on.  So the
 * audit forks a courier before it probes and later hands it the message
 * (or nothing); the courier runs sendmail.
 */
#ifndef VNETAUDIT_MAIL_COURIER_H
#define VNETAUDIT_MAIL_COURIER_H

#include <stddef.h>
#include <sys/types.h>

/* The largest message handed to sendmail: sized far beyond any report (a
 * mail of 100,000 findings is about 50 MB), but a wall; beyond it send
 * fails with -EFBIG and a message saying so, and the state is kept. */
#define MAIL_COURIER_MAX (1024u << 20)

struct mail_courier {
        pid_t pid;
        int msg_fd;             /* we write the message here */
        int res_fd;             /* the courier's verdict comes back here */
};

/* Forks the courier.  0 or -errno. */
int mail_courier_start(const char *sendmail, struct mail_courier *ret);
/* Hands over the message and waits for sendmail's verdict: as mail_send().
 * The courier is gone afterwards. */
int mail_courier_send(struct mail_courier *c, const char *msg, size_t len, char **ret_error);
/* Nothing to send: the courier exits without running sendmail.  Accepts a
 * courier that was never started or already used. */
void mail_courier_stop(struct mail_courier *c);

#endif
