/*
 * host_identity.c - host name and machine id of the audited root.  The two
 * small files are read through rootfile_read(), the one reader of files
 * below --root.
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
#include "rootfile.h"

/* Larger files are not a host name or a machine id: ignored. */
#define IDENTITY_FILE_MAX 4096

/* Reads ROOT/path through rootfile_read (links resolved inside the root,
 * a FIFO refused without blocking).  Returns the length or -errno. */
static ssize_t root_read_small(const char *root, const char *path, char **ret_buf)
{
        size_t len;
        int r = rootfile_read(root, path, IDENTITY_FILE_MAX, ret_buf, &len, NULL);

        return r < 0 ? r : (ssize_t)len;
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
        char name[256], mid[33];
        char *buf = NULL;
        ssize_t n;

        if (!root)
                root = "";
        *ret_hostname = *ret_machine_id = NULL;
        if (root[0] && (n = root_read_small(root, "/etc/hostname", &buf)) > 0 &&
            host_identity_parse_hostname(buf, (size_t)n, name, sizeof(name)) == 0) {
                /* the mounted root's own name */
        } else if (gethostname(name, sizeof(name) - 1) < 0 || !name[0]) {
                strcpy(name, "localhost");
        }
        free(buf);
        buf = NULL;
        name[sizeof(name) - 1] = '\0';
        if (!(*ret_hostname = strdup(name)))
                return -ENOMEM;
        if ((n = root_read_small(root, "/etc/machine-id", &buf)) > 0 &&
            host_identity_parse_machine_id(buf, (size_t)n, mid) == 0 &&
            !(*ret_machine_id = strdup(mid))) {
                free(buf);
                free(*ret_hostname);
                *ret_hostname = NULL;
                return -ENOMEM;
        }
        free(buf);
        return 0;
}
