/*
 * rootfile.h - the one reader of files below --root.  A path is opened as
 * if the root were "/": symbolic links (absolute ones too) and ".." are
 * resolved inside the root, never outside (openat2 RESOLVE_IN_ROOT, else a
 * component walk with O_NOFOLLOW).  Only regular files are read (FIFOs,
 * devices and sockets are refused without blocking), up to a size cap the
 * caller chooses.  Every loader under --root, and --config, reads here.
 */
#ifndef VNETAUDIT_ROOTFILE_H
#define VNETAUDIT_ROOTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* The error vocabulary (all -errno):
 *   -ENOENT   nothing at that path (callers treat optional files as absent)
 *   -ENOLINK  a symbolic link whose target does not exist inside the root
 *   -ELOOP    too many symbolic links
 *   -ENOTDIR  a path component is not a directory
 *   -EISDIR   a directory where a file is expected
 *   -ROOTFILE_ENOTREG  not a regular file (FIFO, device, socket)
 *   -EFBIG    larger than the caller's cap
 *   -EACCES, -ENOMEM, -EIO ... as the system says */
/* Linux has no EFTYPE; this otherwise unused errno stands for it. */
#define ROOTFILE_ENOTREG EBADFD

/* Reads root/path (root "" or NULL: the real "/" and the working directory
 * for relative paths, with links followed as usual) into a malloc'd,
 * NUL-terminated buffer of at most max bytes.  ret_st may be NULL; it gets
 * the file's fstat.  0 or one of the errors above. */
int rootfile_read(const char *root, const char *path, size_t max,
                  char **ret_buf, size_t *ret_len, struct stat *ret_st);

/* Opens the directory root/path for reading (O_DIRECTORY), resolved as
 * above.  A file descriptor or -errno. */
int rootfile_opendir(const char *root, const char *path);

/* fstat of root/path, resolved as above (links followed inside the root).
 * 0 or -errno. */
int rootfile_stat(const char *root, const char *path, struct stat *ret_st);

/* Resolves path below the directory rootfd to an O_PATH descriptor.
 * use_openat2 selects the kernel's RESOLVE_IN_ROOT; false forces the
 * portable component walk (exposed so tests and the fuzzer compare them).
 * A file descriptor or -errno. */
int rootfile_resolve(int rootfd, const char *path, bool use_openat2);

/* A short English phrase for one of the errors above ("not a regular file"). */
const char *rootfile_strerror(int r);

#endif
