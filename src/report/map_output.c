/*
 * map_output.c - writing a map to standard output or atomically to a file.
 * The file gets mode 0644: the page is documentation, meant to be read.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "map_output.h"
#include "map_render.h"
#include "numparse.h"

void map_output_timestamp(char *buf, size_t size)
{
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        unsigned long v;
        time_t t = time(NULL);
        struct tm tm;

        if (sde && parse_decimal(sde, 0, (unsigned long)INT32_MAX, &v) == 0)
                t = (time_t)v;
        if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm))
                snprintf(buf, size, "?");
}

int map_output_write(const char *path, const struct map_model *m, enum map_format fmt)
{
        char *tmp = NULL;
        FILE *f = NULL;
        int fd, r;

        if (!path || strcmp(path, "-") == 0) {
                r = map_render(stdout, m, fmt);
                if (r == 0 && fflush(stdout) != 0)
                        r = -EIO;
                return r;
        }
        if (asprintf(&tmp, "%s.tmpXXXXXX", path) < 0)
                return -ENOMEM;
        if ((fd = mkstemp(tmp)) < 0) {
                r = -errno;
                free(tmp);
                return r;
        }
        if (fchmod(fd, 0644) < 0 || !(f = fdopen(fd, "w"))) {
                r = -errno;
                close(fd);
                goto fail;
        }
        r = map_render(f, m, fmt);
        if (r == 0 && (fflush(f) != 0 || fsync(fileno(f)) < 0))
                r = -errno;
        if (fclose(f) != 0 && r == 0)
                r = -errno;
        if (r == 0 && rename(tmp, path) < 0)
                r = -errno;
        if (r == 0) {
                free(tmp);
                return 0;
        }
fail:
        unlink(tmp);
        free(tmp);
        return r;
}

int map_output_text(const struct map_model *m, enum map_format fmt, char **ret, size_t *ret_len)
{
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        int r;

        if (!f)
                return -errno;
        r = map_render(f, m, fmt);
        if (fclose(f) != 0 && r == 0)
                r = -ENOMEM;
        if (r < 0) {
                free(buf);
                return r;
        }
        *ret = buf;
        *ret_len = len;
        return 0;
}
