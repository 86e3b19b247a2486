/*
 * mail_courier.c - a forked child that waits for one message on a pipe and
 * hands it to mail_send(); its answer (status, then the error text) comes
 * back on a second pipe.  An empty message means "nothing to send".
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fdio.h"
#include "mail.h"
#include "mail_courier.h"

#define MAIL_MAX MAIL_COURIER_MAX

static void courier_main(const char *sendmail, int msg_fd, int res_fd)
{
        char *msg = NULL, *why = NULL;
        size_t len = 0;
        int r;

        r = fd_read_all(msg_fd, MAIL_MAX, &msg, &len);
        if (r == 0 && len == 0)
                _exit(0);               /* nothing to send */
        if (r == 0)
                r = mail_send(sendmail, msg, len, &why);
        (void)!fd_write_all(res_fd, &r, sizeof(r));
        if (why)
                (void)!fd_write_all(res_fd, why, strlen(why));
        _exit(0);
}

int mail_courier_start(const char *sendmail, struct mail_courier *ret)
{
        int msg[2], res[2], r;
        pid_t pid;

        *ret = (struct mail_courier){ .pid = -1, .msg_fd = -1, .res_fd = -1 };
        if (pipe2(msg, O_CLOEXEC) < 0)
                return -errno;
        if (pipe2(res, O_CLOEXEC) < 0) {
                r = -errno;
                close(msg[0]), close(msg[1]);
                return r;
        }
        pid = fork();
        if (pid < 0) {
                r = -errno;
                close(msg[0]), close(msg[1]), close(res[0]), close(res[1]);
                return r;
        }
        if (pid == 0) {
                close(msg[1]);
                close(res[0]);
                courier_main(sendmail, msg[0], res[1]);
        }
        close(msg[0]);
        close(res[1]);
        *ret = (struct mail_courier){ .pid = pid, .msg_fd = msg[1], .res_fd = res[0] };
        return 0;
}

static int reap(struct mail_courier *c)
{
        int status;

        if (c->msg_fd >= 0)
                close(c->msg_fd);
        if (c->res_fd >= 0)
                close(c->res_fd);
        c->msg_fd = c->res_fd = -1;
        if (c->pid <= 0)
                return 0;
        while (waitpid(c->pid, &status, 0) < 0)
                if (errno != EINTR)
                        break;
        c->pid = -1;
        return 0;
}

int mail_courier_send(struct mail_courier *c, const char *msg, size_t len, char **ret_error)
{
        struct sigaction ign = { .sa_handler = SIG_IGN }, old;
        char *answer = NULL;
        size_t alen = 0;
        int r;

        *ret_error = NULL;
        if (c->pid <= 0 || len == 0)
                return -EINVAL;
        if (len > MAIL_COURIER_MAX) {
                /* said as what it is, not as the courier's broken pipe */
                if (asprintf(ret_error, "the report (%zu bytes) exceeds the mail limit of %u MiB",
                             len, MAIL_COURIER_MAX >> 20) < 0)
                        *ret_error = NULL;
                return -EFBIG;
        }
        sigaction(SIGPIPE, &ign, &old);
        r = fd_write_all(c->msg_fd, msg, len);
        sigaction(SIGPIPE, &old, NULL);
        close(c->msg_fd);
        c->msg_fd = -1;
        if (r == 0)
                r = fd_read_all(c->res_fd, 64 * 1024, &answer, &alen);
        if (r == 0 && alen < sizeof(int)) {
                r = -EIO;               /* the courier died before answering */
                *ret_error = strdup("the mail courier exited without an answer");
        } else if (r == 0) {
                memcpy(&r, answer, sizeof(r));
                if (alen > sizeof(r))
                        *ret_error = strdup(answer + sizeof(r));
        }
        free(answer);
        reap(c);
        return r;
}

void mail_courier_stop(struct mail_courier *c)
{
        if (c)
                reap(c);
}
