/*
 * jsondoc.h - one JSON document for the container-manager parsers: json-c's
 * values plus the line index of jsonloc, and typed member getters that
 * report a wrong type as "file:line: PATH must be a string".  Pure.
 */
#ifndef VNETAUDIT_JSONDOC_H
#define VNETAUDIT_JSONDOC_H

#include <json-c/json.h>
#include <stdbool.h>

#include "addr.h"
#include "diag.h"
#include "jsonloc.h"

/* Larger documents are refused unread: real ones are a few KiB (a Docker
 * host with a thousand networks answers about 1 MiB). */
#define JSONDOC_MAX_SIZE (8 * 1024 * 1024)

struct jsondoc {
        json_object *root;
        struct jsonloc loc;
        const char *file;
        struct diag_list *diags;
        bool one_line;                  /* the whole document is on line 1 */
        int enomem;
};

/* 0; -EINVAL when buf is not one JSON value (reported at its line);
 * -ENOMEM. */
int jsondoc_parse(struct jsondoc *d, const char *buf, size_t len, const char *file,
                  struct diag_list *diags);
void jsondoc_free(struct jsondoc *d);

/* The line of the value at path (0 when unknown). */
unsigned jsondoc_line(const struct jsondoc *d, const char *path);
/* A diagnostic at the line of path; -ENOMEM is remembered in d->enomem. */
void jsondoc_diag(struct jsondoc *d, const char *path, enum severity sev, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* Member key of obj (path is the member's own path, for messages).
 * Absent or null: NULL / false, no diagnostic.  Wrong type: diagnostic and
 * NULL / false.  Strings holding a NUL byte are refused. */
const char *jsondoc_str(struct jsondoc *d, json_object *obj, const char *key, const char *path);
bool jsondoc_bool(struct jsondoc *d, json_object *obj, const char *key, const char *path);
json_object *jsondoc_obj(struct jsondoc *d, json_object *obj, const char *key, const char *path);
json_object *jsondoc_arr(struct jsondoc *d, json_object *obj, const char *key, const char *path);
/* An integer member in [min, max]; false (with a diagnostic when present). */
bool jsondoc_uint(struct jsondoc *d, json_object *obj, const char *key, const char *path,
                  unsigned min, unsigned max, unsigned *ret);

/* Typed text values: "A/N" (host bits kept), a bare address. */
bool jsondoc_prefix(struct jsondoc *d, json_object *obj, const char *key, const char *path,
                    struct prefix *ret);
bool jsondoc_addr(struct jsondoc *d, json_object *obj, const char *key, const char *path,
                  struct addr *ret);

#endif
