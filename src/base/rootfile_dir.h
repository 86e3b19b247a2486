/*
 * rootfile_dir.h - reading many files of one directory below --root.
 * libvirt keeps one file per network, so a host with thousands of networks
 * has thousands of files side by side.  rootfile_read() resolves the whole
 * path inside the root for each; here the directory is resolved once and
 * every plain entry is opened relative to it, into one reused buffer.  An
 * entry that is a symbolic link, or that cannot be opened, takes
 * rootfile_read()'s full path, so results and errors are always the ones
 * rootfile_read(root, "dir/name") gives.
 */
#ifndef VNETAUDIT_ROOTFILE_DIR_H
#define VNETAUDIT_ROOTFILE_DIR_H

#include <stddef.h>

struct rootfile_dir {
        const char *root;       /* as given to rootfile_dir_open, not copied */
        int fd;                 /* the directory, or -1 */
        char *buf;              /* the last file read, NUL-terminated */
        size_t cap;
};

/* Opens root/path as rootfile_opendir() does.  0 or its -errno (d->fd is
 * then -1 and d may still be closed). */
int rootfile_dir_open(struct rootfile_dir *d, const char *root, const char *path);
/* The directory's descriptor (for scandirat and the like), -1 if none. */
static inline int rootfile_dir_fd(const struct rootfile_dir *d)
{
        return d->fd;
}
/* Reads the entry name, whose full path below the root is path (the
 * directory's path, '/', name: what rootfile_read would be given).  On
 * success *ret_buf (NUL-terminated, owned by d, valid until the next read
 * or close) and *ret_len; otherwise rootfile_read()'s error. */
int rootfile_dir_read(struct rootfile_dir *d, const char *name, const char *path, size_t max,
                      const char **ret_buf, size_t *ret_len);
void rootfile_dir_close(struct rootfile_dir *d);

#endif
