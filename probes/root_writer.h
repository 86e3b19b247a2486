/*
 * root_writer.h - writes the audit's output files (--export, --metrics,
 * --map) from a process that kept root.  An audit started as root becomes
 * an unprivileged user while it probes (privdrop.h), and its outputs are
 * made afterwards, often into root's 0755 directories.  Before the drop
 * the audit forks this writer with the fixed list of paths root chose on
 * the command line; later the unprivileged side hands it only (index,
 * bytes), never a path, and gets each file's result back.  Every file is
 * replaced with atomic_write_file().  The state keeper (audit_keeper.h)
 * is the same idea for the state file.
 */
#ifndef VNETAUDIT_ROOT_WRITER_H
#define VNETAUDIT_ROOT_WRITER_H

#include <stddef.h>
#include <sys/types.h>

/* The largest file the writer takes. */
#define ROOT_WRITER_MAX (256u << 20)

struct root_writer {
        pid_t pid;              /* -1 when not started */
        int req_fd;             /* (index, length, bytes) go here */
        int res_fd;             /* one int per file comes back here */
        size_t n_paths;
};

#define ROOT_WRITER_INIT { .pid = -1, .req_fd = -1, .res_fd = -1 }

/* Forks the writer for paths[0..n-1] (copied into it by the fork; a NULL
 * one is refused like an index out of range), each written with mode.
 * 0 or -errno. */
int root_writer_start(const char *const *paths, size_t n, mode_t mode, struct root_writer *ret);
/* Has paths[index] replaced by data: atomic_write_file()'s result,
 * -EINVAL for an index out of range, -EFBIG beyond ROOT_WRITER_MAX, -EIO
 * when the writer is gone. */
int root_writer_put(struct root_writer *w, size_t index, const void *data, size_t len);
/* Ends the writer and waits for it.  Accepts one never started. */
void root_writer_stop(struct root_writer *w);

#endif
