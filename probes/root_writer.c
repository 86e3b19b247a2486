/*
 * root_writer.c - a forked child that reads requests from a pipe - a
 * header (index, length) and that many bytes - and replaces the file of
 * that index; each result (an int) goes back on a second pipe.  A request
 * it refuses (bad index, too long) ends it: the stream is not trusted
 * further.  EOF ends it too.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomic_file.h"
#include "fdio.h"
#include "root_writer.h"

struct request {
        uint32_t index;
        uint32_t len;
};

static void writer_main(const char *const *paths, size_t n, mode_t mode, int req_fd, int res_fd)
{
        struct request q;
        char *buf;
        int r;

        fd_close_others((const int[]){ req_fd, res_fd }, 2);
        while (fd_read_exact(req_fd, &q, sizeof(q)) == 0) {
                if (q.index >= n || !paths[q.index] || q.len > ROOT_WRITER_MAX) {
                        r = q.len > ROOT_WRITER_MAX ? -EFBIG : -EINVAL;
                        (void)!fd_write_all(res_fd, &r, sizeof(r));
                        break;
                }
                if (!(buf = malloc(q.len ? q.len : 1))) {
                        r = -ENOMEM;
                        (void)!fd_write_all(res_fd, &r, sizeof(r));
                        break;
                }
                r = fd_read_exact(req_fd, buf, q.len);
                if (r == 0)
                        r = atomic_write_file(paths[q.index], buf, q.len, mode);
                free(buf);
                if (fd_write_all(res_fd, &r, sizeof(r)) < 0 || r == -EPIPE)
                        break;
        }
        _exit(0);
}

int root_writer_start(const char *const *paths, size_t n, mode_t mode, struct root_writer *ret)
{
        int req[2], res[2], r;
        pid_t pid;

        *ret = (struct root_writer)ROOT_WRITER_INIT;
        if (pipe2(req, O_CLOEXEC) < 0)
                return -errno;
        if (pipe2(res, O_CLOEXEC) < 0) {
                r = -errno;
                close(req[0]), close(req[1]);
                return r;
        }
        pid = fork();
        if (pid < 0) {
                r = -errno;
                close(req[0]), close(req[1]), close(res[0]), close(res[1]);
                return r;
        }
        if (pid == 0) {
                close(req[1]);
                close(res[0]);
                writer_main(paths, n, mode, req[0], res[1]);
        }
        close(req[0]);
        close(res[1]);
        *ret = (struct root_writer){ .pid = pid, .req_fd = req[1], .res_fd = res[0], .n_paths = n };
        return 0;
}

int root_writer_put(struct root_writer *w, size_t index, const void *data, size_t len)
{
        struct sigaction ign = { .sa_handler = SIG_IGN }, old;
        struct request q = { .index = (uint32_t)index, .len = (uint32_t)len };
        int r, answer;

        if (w->pid <= 0 || w->req_fd < 0)
                return -EIO;
        if (index >= w->n_paths)
                return -EINVAL;
        if (len > ROOT_WRITER_MAX)
                return -EFBIG;
        sigaction(SIGPIPE, &ign, &old);
        r = fd_write_all(w->req_fd, &q, sizeof(q));
        if (r == 0)
                r = fd_write_all(w->req_fd, data, len);
        sigaction(SIGPIPE, &old, NULL);
        /* A refusal ends the writer, perhaps before it took our bytes:
         * its answer still says why. */
        if (fd_read_exact(w->res_fd, &answer, sizeof(answer)) < 0) {
                root_writer_stop(w);    /* it died */
                return -EIO;
        }
        if (r < 0)
                root_writer_stop(w);
        return answer;
}

void root_writer_stop(struct root_writer *w)
{
        int status;

        if (!w)
                return;
        if (w->req_fd >= 0)
                close(w->req_fd);
        if (w->res_fd >= 0)
                close(w->res_fd);
        w->req_fd = w->res_fd = -1;
        if (w->pid <= 0)
                return;
        while (waitpid(w->pid, &status, 0) < 0)
                if (errno != EINTR)
                        break;
        w->pid = -1;
}
