/*
 * host_identity.c - host name and machine id of the audited root.  The two
 * small files are read through root_read_small(), the one place that opens a
 * file below --root here, so it can move to a shared root-relative reader.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host_identity.h"

/* Reads at most size-1 bytes of ROOT/path, a regular file, without
 * blocking on a FIFO.  Returns the length or -errno. */
static ssize_t root_read_small(const char *root, const char *path, char *buf, size_t size)
{
        char full[4096];
        struct stat sb;
        ssize_t n;
        int fd;

        if (snprintf(full, sizeof(full), "%s%s", root, path) >= (int)sizeof(full))
                return -ENAMETOOLONG;
        if ((fd = open(full, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0)
                return -errno;
        if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
                close(fd);
                return -EINVAL;
        }
        do
                n = read(fd, buf, size - 1);
        while (n < 0 && errno == EINTR);
        if (n < 0)
                n = -errno;
        close(fd);
        return n;
}

int host_identity_parse_hostname(const char *buf, size_t len, char *out, size_t size)
{
        size_t i = 0, k = 0;

        /* skip comments (hostname(5) allows them) and blanks */
        while (i < len) {
                while (i < len && isspace((unsigned char)buf[i]))
                        i++;
                if (i < len && buf[i] == '#') {
                        while (i < len && buf[i] != '\n')
                                i++;
                        continue;
                }
                break;
        }
        for (; i < len && !isspace((unsigned char)buf[i]); i++, k++) {
                char c = buf[i];

                if (k + 1 >= size || k >= 253 || !(isalnum((unsigned char)c) || c == '-' || c == '.' || c == '_'))
                        return -EINVAL;
                out[k] = c;
        }
        if (!k)
                return -EINVAL;
        out[k] = '\0';
        return 0;
}

int host_identity_parse_machine_id(const char *buf, size_t len, char out[static 33])
{
        size_t k = 0;

        for (size_t i = 0; i < len && !isspace((unsigned char)buf[i]); i++) {
                if (k >= 32 || !isxdigit((unsigned char)buf[i]))
                        return -EINVAL;
                out[k++] = (char)tolower((unsigned char)buf[i]);
        }
        if (k != 32)
                return -EINVAL;
        out[k] = '\0';
        return 0;
}

int host_identity_read(const char *root, char **ret_hostname, char **ret_machine_id)
{
        char buf[512], name[256], mid[33];
        ssize_t n;

        if (!root)
                root = "";
        *ret_hostname = *ret_machine_id = NULL;
        if (root[0] && (n = root_read_small(root, "/etc/hostname", buf, sizeof(buf))) > 0 &&
            host_identity_parse_hostname(buf, (size_t)n, name, sizeof(name)) == 0) {
                /* the mounted root's own name */
        } else if (gethostname(name, sizeof(name) - 1) < 0 || !name[0]) {
                strcpy(name, "localhost");
        }
        name[sizeof(name) - 1] = '\0';
        if (!(*ret_hostname = strdup(name)))
                return -ENOMEM;
        if ((n = root_read_small(root, "/etc/machine-id", buf, sizeof(buf))) > 0 &&
            host_identity_parse_machine_id(buf, (size_t)n, mid) == 0 &&
            !(*ret_machine_id = strdup(mid))) {
                free(*ret_hostname);
                *ret_hostname = NULL;
                return -ENOMEM;
        }
        return 0;
}
