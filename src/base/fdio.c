/*
 * fdio.c - whole-buffer reads and writes.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "fdio.h"

int fd_write_all(int fd, const void *buf, size_t n)
{
        const char *p = buf;

        while (n) {
                ssize_t k = write(fd, p, n);

                if (k < 0 && errno == EINTR)
                        continue;
                if (k < 0)
                        return -errno;
                p += k;
                n -= (size_t)k;
        }
        return 0;
}

int fd_read_all(int fd, size_t max, char **ret_buf, size_t *ret_len)
{
        /* One byte beyond the cap is room to see that there is more. */
        size_t len = 0, cap = max < 4096 ? max + 1 : 4096;
        char *buf = malloc(cap + 1), *nb;

        if (!buf)
                return -ENOMEM;
        for (;;) {
                ssize_t k;

                if (len == cap) {
                        if (cap > max) {
                                free(buf);
                                return -EFBIG;
                        }
                        cap = cap * 2 > max ? max + 1 : cap * 2;
                        if (!(nb = realloc(buf, cap + 1))) {
                                free(buf);
                                return -ENOMEM;
                        }
                        buf = nb;
                }
                k = read(fd, buf + len, cap - len);
                if (k < 0 && errno == EINTR)
                        continue;
                if (k < 0) {
                        int e = errno;

                        free(buf);
                        return -e;
                }
                if (k == 0)
                        break;
                len += (size_t)k;
        }
        if (len > max) {
                free(buf);
                return -EFBIG;
        }
        buf[len] = '\0';
        *ret_buf = buf;
        *ret_len = len;
        return 0;
}

int fd_read_exact(int fd, void *buf, size_t n)
{
        char *p = buf;

        while (n) {
                ssize_t k = read(fd, p, n);

                if (k < 0 && errno == EINTR)
                        continue;
                if (k < 0)
                        return -errno;
                if (k == 0)
                        return -EPIPE;
                p += k;
                n -= (size_t)k;
        }
        return 0;
}

void fd_close_others(const int *keep, size_t n)
{
        unsigned from = 3;

        for (;;) {
                unsigned next = ~0u;            /* the lowest kept fd >= from */

                for (size_t i = 0; i < n; i++)
                        if (keep[i] >= 0 && (unsigned)keep[i] >= from && (unsigned)keep[i] < next)
                                next = (unsigned)keep[i];
                if (next == ~0u)
                        break;
                if (next > from)
                        close_range(from, next - 1, 0);
                from = next + 1;
        }
        close_range(from, ~0u, 0);
}
