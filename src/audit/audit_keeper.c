/*
 * audit_keeper.c - a forked child that waits for one state on a pipe,
 * checks it parses, and saves it; the result (an int) comes back on a
 * second pipe.  An empty message means "nothing to save".
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit_keeper.h"
#include "fdio.h"

static void keeper_main(int dirfd, int state_fd, int res_fd)
{
        struct audit_state s = { 0 };
        char *buf = NULL;
        size_t len = 0;
        int r;

        /* Keeps only stdio and these: a copy of another child's pipe (the
         * mail courier's) would keep that child from seeing its end. */
        fd_close_others((const int[]){ dirfd, state_fd, res_fd }, 3);
        r = fd_read_all(state_fd, AUDIT_STATE_MAX, &buf, &len);
        if (r == 0 && len == 0)
                _exit(0);               /* nothing to save */
        if (r == 0)
                r = audit_state_parse(buf, len, &s);
        if (r == 0)
                r = audit_state_save(dirfd, &s);
        (void)!fd_write_all(res_fd, &r, sizeof(r));
        _exit(0);
}

int audit_keeper_start(int dirfd, struct audit_keeper *ret)
{
        int st[2], res[2], r;
        pid_t pid;

        *ret = (struct audit_keeper)AUDIT_KEEPER_INIT;
        if (pipe2(st, O_CLOEXEC) < 0)
                return -errno;
        if (pipe2(res, O_CLOEXEC) < 0) {
                r = -errno;
                close(st[0]), close(st[1]);
                return r;
        }
        pid = fork();
        if (pid < 0) {
                r = -errno;
                close(st[0]), close(st[1]), close(res[0]), close(res[1]);
                return r;
        }
        if (pid == 0) {
                close(st[1]);
                close(res[0]);
                keeper_main(dirfd, st[0], res[1]);
        }
        close(st[0]);
        close(res[1]);
        *ret = (struct audit_keeper){ .pid = pid, .state_fd = st[1], .res_fd = res[0] };
        return 0;
}

static void reap(struct audit_keeper *k)
{
        int status;

        if (k->state_fd >= 0)
                close(k->state_fd);
        if (k->res_fd >= 0)
                close(k->res_fd);
        k->state_fd = k->res_fd = -1;
        if (k->pid <= 0)
                return;
        while (waitpid(k->pid, &status, 0) < 0)
                if (errno != EINTR)
                        break;
        k->pid = -1;
}

int audit_keeper_save(struct audit_keeper *k, const struct audit_state *s)
{
        struct sigaction ign = { .sa_handler = SIG_IGN }, old;
        char *buf = NULL, *answer = NULL;
        size_t len = 0, alen = 0;
        int r;

        if (k->pid <= 0)
                return -EINVAL;
        if ((r = audit_state_format(s, &buf, &len)) < 0)
                return r;
        if (len == 0)
                r = -EINVAL;            /* a formatted state is never empty */
        sigaction(SIGPIPE, &ign, &old);
        if (r == 0)
                r = fd_write_all(k->state_fd, buf, len);
        sigaction(SIGPIPE, &old, NULL);
        free(buf);
        close(k->state_fd);
        k->state_fd = -1;
        if (r == 0)
                r = fd_read_all(k->res_fd, 64, &answer, &alen);
        if (r == 0 && alen != sizeof(int))
                r = -EIO;               /* the keeper died before answering */
        else if (r == 0)
                memcpy(&r, answer, sizeof(r));
        free(answer);
        reap(k);
        return r;
}

void audit_keeper_stop(struct audit_keeper *k)
{
        if (k)
                reap(k);
}
