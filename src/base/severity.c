/*
 * severity.c - names of the severities.
 */
#include <string.h>

#include "severity.h"

static const char *const names[_SEV_MAX] = {
        [SEV_INFO] = "info",
        [SEV_WARNING] = "warning",
        [SEV_ERROR] = "error",
};

const char *severity_name(enum severity s)
{
        return s < _SEV_MAX ? names[s] : "?";
}

int severity_from_name(const char *s)
{
        for (int i = 0; i < _SEV_MAX; i++)
                if (strcmp(s, names[i]) == 0)
                        return i;
        return -1;
}
