/*
 * fleet_load.c - read many inventories into one fleet: files, directories
 * and standard input, each parsed on its own so one bad file costs only
 * itself.  Two inventories of one host (same machine id, or same name when
 * either lacks an id) keep the newer; without a newer one the second is refused.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fdio.h"
#include "fileread.h"
#include "fleet.h"
#include "inv_json.h"
#include "xalloc.h"

#define MAX_INVENTORY_SIZE (64u << 20)

void fleet_init(struct fleet *f)
{
        *f = (struct fleet){ 0 };
}

static void host_free(struct fleet_host *h)
{
        free(h->name);
        free(h->file);
        free(h->machine_id);
        inventory_free(&h->inv);
        *h = (struct fleet_host){ 0 };
}

void fleet_free(struct fleet *f)
{
        if (!f)
                return;
        for (size_t i = 0; i < f->n_hosts; i++)
                host_free(&f->hosts[i]);
        free(f->hosts);
        diag_list_free(&f->diags);
        *f = (struct fleet){ 0 };
}

static bool same_host(const struct fleet_host *a, const struct fleet_host *b)
{
        if (a->machine_id && b->machine_id)
                return strcmp(a->machine_id, b->machine_id) == 0;
        return strcmp(a->name, b->name) == 0;
}

static const char *when(long long t, char buf[static 32])
{
        time_t tt = (time_t)t;
        struct tm tm;

        if (t < 0 || !gmtime_r(&tt, &tm) || !strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
                return "no timestamp";
        return buf;
}

/* Takes h (moved into the fleet, or freed). */
static int add_host(struct fleet *f, struct fleet_host *h)
{
        char a[32], b[32];
        struct fleet_host *slot;
        bool clash = false;

        for (size_t i = 0; i < f->n_hosts; i++) {
                struct fleet_host *o = &f->hosts[i];

                if (!same_host(o, h)) {
                        if (strcmp(o->name, h->name) == 0 &&
                            diag_add(&f->diags, h->file, 0, SEV_WARNING,
                                     "host %s has another machine id than in %s: two hosts of one name",
                                     h->name, o->file) < 0)
                                goto enomem;
                        clash = clash || strcmp(o->name, h->name) == 0;
                        continue;
                }
                if (h->timestamp >= 0 && o->timestamp >= 0 && h->timestamp != o->timestamp) {
                        bool newer = h->timestamp > o->timestamp;

                        if (diag_add(&f->diags, newer ? o->file : h->file, 0, SEV_WARNING,
                                     "host %s is also in %s, which is newer (%s, not %s); using that one",
                                     h->name, newer ? h->file : o->file,
                                     when(newer ? h->timestamp : o->timestamp, a),
                                     when(newer ? o->timestamp : h->timestamp, b)) < 0)
                                goto enomem;
                        if (newer) {
                                host_free(o);
                                *o = *h;
                                return 0;
                        }
                        host_free(h);
                        return 0;
                }
                if (diag_add(&f->diags, h->file, 0, SEV_ERROR,
                             "host %s is already in %s and neither inventory is newer (%s); this one is not used",
                             h->name, o->file, when(h->timestamp, a)) < 0)
                        goto enomem;
                host_free(h);
                return 0;
        }
        if (clash) {
                /* HOST/ID must name one network: tell the namesakes apart */
                char *nn;

                if (asprintf(&nn, "%s@%.8s", h->name, h->machine_id ? h->machine_id : "?") < 0)
                        goto enomem;
                free(h->name);
                h->name = nn;
        }
        if (!(slot = ARRAY_PUSH(f->hosts, f->n_hosts, f->cap_hosts)))
                goto enomem;
        *slot = *h;
        return 0;
enomem:
        host_free(h);
        return -ENOMEM;
}

int fleet_add_buffer(struct fleet *f, const char *buf, size_t len, const char *file)
{
        struct fleet_host h = { .lan = -1 };
        struct invj_meta meta;
        int r;

        f->n_files++;
        inventory_init(&h.inv);
        r = invj_parse(buf, len, file, &h.inv, &meta, &f->diags);
        if (r < 0) {
                inventory_free(&h.inv);
                invj_meta_free(&meta);
                return r == -ENOMEM ? r : 0;
        }
        h.machine_id = meta.machine_id;
        meta.machine_id = NULL;
        h.timestamp = meta.timestamp;
        h.offline = meta.offline;
        if (!(h.name = strdup(h.inv.hostname)) || !(h.file = strdup(file))) {
                host_free(&h);
                return -ENOMEM;
        }
        return add_host(f, &h);
}

static int file_error(struct fleet *f, const char *file, int err)
{
        f->n_files++;
        return diag_add(&f->diags, file, 0, SEV_ERROR, "%s",
                        err == -EFBIG ? "too large to be an inventory" : file_strerror(err));
}

static int load_fd(struct fleet *f, int fd, const char *file)
{
        char *buf = NULL;
        size_t len = 0;
        struct stat sb;
        int r;

        /* A regular file through the one reader; "-" or a FIFO operand
         * (`<(ssh host vnetaudit list --json)`) is a stream, read to EOF
         * under the same cap. */
        if (fstat(fd, &sb) == 0 && !S_ISREG(sb.st_mode))
                r = fd_read_all(fd, MAX_INVENTORY_SIZE, &buf, &len);
        else
                r = file_read_fd(fd, MAX_INVENTORY_SIZE, &buf, &len, NULL);
        if (r == -ENOMEM)
                return r;
        r = r < 0 ? file_error(f, file, r) : fleet_add_buffer(f, buf, len, file);
        free(buf);
        return r;
}

static int load_dir(struct fleet *f, const char *dir);

/* at: a directory's fd or AT_FDCWD; name relative to it; path for messages. */
static int load_path(struct fleet *f, int at, const char *name, const char *path, bool top)
{
        struct stat sb;
        int fd, r;

        fd = openat(at, name, FILE_READ_FLAGS);
        if (fd < 0)
                return file_error(f, path, -errno);
        if (fstat(fd, &sb) < 0) {
                r = file_error(f, path, -errno);
        } else if (S_ISDIR(sb.st_mode)) {
                r = top ? load_dir(f, path) : 0;        /* one level: no recursion */
        } else if (!S_ISREG(sb.st_mode) && !(top && (S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode)))) {
                r = file_error(f, path, -FILE_ENOTREG);
        } else {
                if (!S_ISREG(sb.st_mode))
                        (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
                r = load_fd(f, fd, path);
        }
        close(fd);
        return r;
}

static int skip_entry(const struct dirent *d)
{
        return d->d_name[0] != '.';     /* hidden: also export's temporary files */
}

static int load_dir(struct fleet *f, const char *dir)
{
        struct dirent **ents = NULL;
        int n, dfd, r = 0;

        if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
                return file_error(f, dir, -errno);
        n = scandir(dir, &ents, skip_entry, alphasort);
        if (n < 0) {
                r = file_error(f, dir, -errno);
                close(dfd);
                return r;
        }
        for (int i = 0; i < n; i++) {
                char *path = NULL;

                if (r == 0) {
                        if (asprintf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
                                     ents[i]->d_name) < 0)
                                r = -ENOMEM;
                        else
                                r = load_path(f, dfd, ents[i]->d_name, path, false);
                }
                free(path);
                free(ents[i]);
        }
        free(ents);
        close(dfd);
        return r;
}

int fleet_load(struct fleet *f, char *const *args, size_t n)
{
        bool stdin_read = false;
        int r;

        for (size_t i = 0; i < n; i++) {
                if (strcmp(args[i], "-") == 0) {
                        if (stdin_read)
                                continue;
                        stdin_read = true;
                        r = load_fd(f, STDIN_FILENO, "-");
                } else {
                        r = load_path(f, AT_FDCWD, args[i], args[i], true);
                }
                if (r < 0)
                        return r;
        }
        return 0;
}
