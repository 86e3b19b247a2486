/*
 * numparse.c - strict decimal numbers.
 */
#include <errno.h>
#include <stdlib.h>

#include "numparse.h"

int parse_decimal(const char *s, unsigned long min, unsigned long max, unsigned long *ret)
{
        unsigned long v;
        char *end;

        if (!s || *s < '0' || *s > '9')
                return -EINVAL;
        errno = 0;
        v = strtoul(s, &end, 10);
        if (*end)
                return -EINVAL;
        if (errno == ERANGE || v < min || v > max)
                return -ERANGE;
        *ret = v;
        return 0;
}
