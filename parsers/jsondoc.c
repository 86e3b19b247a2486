/*
 * jsondoc.c - json-c with a size cap, a depth cap, trailing-garbage check
 * and located errors; the typed getters the container parsers share.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsondoc.h"

#define JSONDOC_DEPTH 32

static unsigned line_at(const char *buf, size_t off)
{
        unsigned line = 1;

        for (size_t i = 0; i < off; i++)
                if (buf[i] == '\n')
                        line++;
        return line;
}

int jsondoc_parse(struct jsondoc *d, const char *buf, size_t len, const char *file,
                  struct diag_list *diags)
{
        struct json_tokener *tok;
        enum json_tokener_error err;
        size_t end;
        int r;

        *d = (struct jsondoc){ .file = file, .diags = diags };
        if (len > JSONDOC_MAX_SIZE) {
                r = diag_add(diags, file, 0, SEV_ERROR, "larger than %d bytes, not read",
                             JSONDOC_MAX_SIZE);
                return r < 0 ? r : -EINVAL;
        }
        if (!(tok = json_tokener_new_ex(JSONDOC_DEPTH)))
                return -ENOMEM;
        /* Docker, Podman and Incus read these with Go's encoding/json: no
         * trailing commas, no single quotes, nothing json-c would forgive. */
        json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
        d->root = json_tokener_parse_ex(tok, buf, (int)len);
        err = json_tokener_get_error(tok);
        end = json_tokener_get_parse_end(tok);
        json_tokener_free(tok);
        if (err == json_tokener_continue) {
                r = diag_add(diags, file, line_at(buf, len), SEV_ERROR, "JSON: unexpected end of input");
                goto fail;
        }
        if (err != json_tokener_success || !d->root) {
                r = diag_add(diags, file, line_at(buf, end), SEV_ERROR, "JSON: %s",
                             json_tokener_error_desc(err));
                goto fail;
        }
        for (size_t i = end; i < len; i++)
                if (!strchr(" \t\r\n", buf[i])) {
                        r = diag_add(diags, file, line_at(buf, i), SEV_ERROR,
                                     "JSON: unexpected text after the document");
                        goto fail;
                }
        /* An API answer is one line (plus a final newline): every value
         * is on line 1, no index needed. */
        if (line_at(buf, end) == 1) {
                d->one_line = true;
                return 0;
        }
        r = jsonloc_index(buf, len, &d->loc);
        if (r == -ENOMEM)
                goto fail_nomem;
        return 0;
fail:
        json_object_put(d->root);
        d->root = NULL;
        return r < 0 ? r : -EINVAL;
fail_nomem:
        json_object_put(d->root);
        d->root = NULL;
        return -ENOMEM;
}

void jsondoc_free(struct jsondoc *d)
{
        if (!d)
                return;
        json_object_put(d->root);
        jsonloc_free(&d->loc);
        d->root = NULL;
}

unsigned jsondoc_line(const struct jsondoc *d, const char *path)
{
        return d->one_line ? 1 : jsonloc_line(&d->loc, path);
}

void jsondoc_diag(struct jsondoc *d, const char *path, enum severity sev, const char *fmt, ...)
{
        char *msg;
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = vasprintf(&msg, fmt, ap);
        va_end(ap);
        if (n < 0) {
                d->enomem = 1;
                return;
        }
        if (diag_add(d->diags, d->file, jsondoc_line(d, path), sev, "%s", msg) < 0)
                d->enomem = 1;
        free(msg);
}

static json_object *member(json_object *obj, const char *key)
{
        json_object *v = NULL;

        if (!obj || !json_object_is_type(obj, json_type_object) ||
            !json_object_object_get_ex(obj, key, &v) || json_object_is_type(v, json_type_null))
                return NULL;
        return v;
}

const char *jsondoc_str(struct jsondoc *d, json_object *obj, const char *key, const char *path)
{
        json_object *v = member(obj, key);
        const char *s;

        if (!v)
                return NULL;
        if (!json_object_is_type(v, json_type_string)) {
                jsondoc_diag(d, path, SEV_ERROR, "%s must be a string", key);
                return NULL;
        }
        s = json_object_get_string(v);
        if (strlen(s) != (size_t)json_object_get_string_len(v)) {
                jsondoc_diag(d, path, SEV_ERROR, "%s contains a NUL byte", key);
                return NULL;
        }
        return s;
}

bool jsondoc_bool(struct jsondoc *d, json_object *obj, const char *key, const char *path)
{
        json_object *v = member(obj, key);

        if (!v)
                return false;
        if (!json_object_is_type(v, json_type_boolean)) {
                jsondoc_diag(d, path, SEV_ERROR, "%s must be true or false", key);
                return false;
        }
        return json_object_get_boolean(v);
}

json_object *jsondoc_obj(struct jsondoc *d, json_object *obj, const char *key, const char *path)
{
        json_object *v = member(obj, key);

        if (v && !json_object_is_type(v, json_type_object)) {
                jsondoc_diag(d, path, SEV_ERROR, "%s must be an object", key);
                return NULL;
        }
        return v;
}

json_object *jsondoc_arr(struct jsondoc *d, json_object *obj, const char *key, const char *path)
{
        json_object *v = member(obj, key);

        if (v && !json_object_is_type(v, json_type_array)) {
                jsondoc_diag(d, path, SEV_ERROR, "%s must be an array", key);
                return NULL;
        }
        return v;
}

bool jsondoc_uint(struct jsondoc *d, json_object *obj, const char *key, const char *path,
                  unsigned min, unsigned max, unsigned *ret)
{
        json_object *v = member(obj, key);
        int64_t n;

        if (!v)
                return false;
        if (!json_object_is_type(v, json_type_int)) {
                jsondoc_diag(d, path, SEV_ERROR, "%s must be a number between %u and %u", key, min, max);
                return false;
        }
        errno = 0;
        n = json_object_get_int64(v);
        if (errno || n < (int64_t)min || n > (int64_t)max) {
                jsondoc_diag(d, path, SEV_ERROR, "%s must be between %u and %u", key, min, max);
                return false;
        }
        *ret = (unsigned)n;
        return true;
}

bool jsondoc_prefix(struct jsondoc *d, json_object *obj, const char *key, const char *path,
                    struct prefix *ret)
{
        const char *s = jsondoc_str(d, obj, key, path);

        if (!s)
                return false;
        if (!strchr(s, '/') || prefix_parse(s, ret) < 0) {
                jsondoc_diag(d, path, SEV_ERROR, "%s: invalid subnet '%.64s' (want ADDRESS/LENGTH)", key, s);
                return false;
        }
        return true;
}

bool jsondoc_addr(struct jsondoc *d, json_object *obj, const char *key, const char *path,
                  struct addr *ret)
{
        const char *s = jsondoc_str(d, obj, key, path);

        if (!s || !*s)
                return false;
        if (addr_parse(s, ret) < 0) {
                jsondoc_diag(d, path, SEV_ERROR, "%s: invalid address '%.64s'", key, s);
                return false;
        }
        return true;
}
