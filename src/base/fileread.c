/*
 * fileread.c - the one whole-file reader: open without blocking, fstat,
 * refuse what is not a regular file or is over the caller's cap, then read
 * to EOF through fd_read_all().
 */
#include <string.h>
#include <unistd.h>

#include "fdio.h"
#include "fileread.h"

int file_read_fd(int fd, size_t max, char **ret_buf, size_t *ret_len, struct stat *ret_st)
{
        struct stat st;
        int r;

        if (fstat(fd, &st) < 0)
                return -errno;
        if (S_ISDIR(st.st_mode))
                return -EISDIR;
        if (!S_ISREG(st.st_mode))
                return -FILE_ENOTREG;
        if ((unsigned long long)st.st_size > max)
                return -EFBIG;
        /* st_size may be 0 (/proc) or grow meanwhile: the cap holds anyway */
        if ((r = fd_read_all(fd, max, ret_buf, ret_len)) < 0)
                return r;
        if (ret_st)
                *ret_st = st;
        return 0;
}

int file_read_at(int dirfd, const char *path, int extra_oflags, size_t max,
                 char **ret_buf, size_t *ret_len, struct stat *ret_st)
{
        int fd = openat(dirfd, path, FILE_READ_FLAGS | extra_oflags), r;

        if (fd < 0)
                return -errno;
        r = file_read_fd(fd, max, ret_buf, ret_len, ret_st);
        close(fd);
        return r;
}

int file_read(const char *path, size_t max, char **ret_buf, size_t *ret_len)
{
        return file_read_at(AT_FDCWD, path, 0, max, ret_buf, ret_len, NULL);
}

const char *file_strerror(int r)
{
        switch (r) {
        case -ENOLINK: return "symbolic link to nothing inside the root";
        case -FILE_ENOTREG: return "not a regular file";
        case -EFBIG: return "file too large";
        case -EAGAIN: return "file changed while it was opened";
        default: return strerror(-r);
        }
}
