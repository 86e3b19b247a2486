/*
 * jsonout.c - json-c glue: strings made valid UTF-8, addresses, printing.
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "jsonout.h"
#include "textesc.h"

json_object *json_str(const char *s)
{
        json_object *o;
        char *e;

        if (!s)
                return NULL;
        if (!(e = textesc(s, false)))
                return NULL;
        o = json_object_new_string(e);
        free(e);
        return o;
}

json_object *json_addr(const struct addr *a)
{
        char buf[ADDR_STRLEN];

        if (!a || !a->family)
                return NULL;
        return json_object_new_string(addr_format(a, buf));
}

void json_put(json_object *obj, const char *key, json_object *val)
{
        json_object_object_add(obj, key, val);
}

int json_print(FILE *f, json_object *doc)
{
        const char *s = json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
                                                       JSON_C_TO_STRING_SPACED |
                                                       JSON_C_TO_STRING_NOSLASHESCAPE);
        if (!s || fputs(s, f) < 0 || fputc('\n', f) < 0)
                return -EIO;
        return 0;
}

json_object *json_timestamp(long long t)
{
        time_t tt = (time_t)t;
        struct tm tm;
        char buf[32];

        if (!gmtime_r(&tt, &tm) || !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
                return NULL;
        return json_object_new_string(buf);
}
