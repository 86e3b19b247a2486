/*
 * fileread.h - the one reader of whole files.  Every open uses O_NONBLOCK
 * (a FIFO never hangs it), O_NOCTTY and O_CLOEXEC; only regular files are
 * read, up to a size cap the caller chooses.  rootfile.c is the layer that
 * resolves paths below --root and hands its descriptor to file_read_fd().
 */
#ifndef VNETAUDIT_FILEREAD_H
#define VNETAUDIT_FILEREAD_H

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/stat.h>

/* The flags of every read open. */
#define FILE_READ_FLAGS (O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)

/* The error vocabulary (all -errno):
 *   -ENOENT   nothing at that path (callers treat optional files as absent)
 *   -ENOLINK  a symbolic link whose target does not exist (inside a root)
 *   -ELOOP    too many symbolic links (or O_NOFOLLOW met one)
 *   -ENOTDIR  a path component is not a directory
 *   -EISDIR   a directory where a file is expected
 *   -FILE_ENOTREG  not a regular file (FIFO, device, socket)
 *   -EFBIG    larger than the caller's cap
 *   -EAGAIN   replaced while it was opened
 *   -EACCES, -ENOMEM, -EIO ... as the system says
 * file_strerror() words each of them. */
/* Linux has no EFTYPE; this otherwise unused errno stands for it. */
#define FILE_ENOTREG EBADFD

/* Reads the open descriptor fd, which must be a regular file of at most
 * max bytes, into a malloc'd, NUL-terminated buffer.  ret_st may be NULL;
 * it gets the file's fstat.  Does not close fd.  0 or -errno above. */
int file_read_fd(int fd, size_t max, char **ret_buf, size_t *ret_len, struct stat *ret_st);

/* Opens path relative to dirfd (AT_FDCWD for the working directory) with
 * FILE_READ_FLAGS | extra_oflags (O_NOFOLLOW, say) and reads it as
 * file_read_fd() does.  0 or -errno above. */
int file_read_at(int dirfd, const char *path, int extra_oflags, size_t max,
                 char **ret_buf, size_t *ret_len, struct stat *ret_st);

/* file_read_at(AT_FDCWD, path, 0, ...). */
int file_read(const char *path, size_t max, char **ret_buf, size_t *ret_len);

/* A short English phrase for r ("not a regular file", "file too large"). */
const char *file_strerror(int r);

#endif
