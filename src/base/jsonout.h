/*
 * jsonout.h - helpers that put untrusted strings and addresses into json-c
 * objects.  json-c assumes UTF-8; bytes that are not are escaped first
 * (textesc), so the output parses strictly whatever a name holds.
 */
#ifndef VNETAUDIT_JSONOUT_H
#define VNETAUDIT_JSONOUT_H

#include <json-c/json.h>
#include <stdio.h>

#include "addr.h"

/* NULL s gives JSON null.  Returns NULL only on ENOMEM. */
json_object *json_str(const char *s);
/* An address, or null when a is NULL or unset. */
json_object *json_addr(const struct addr *a);
/* "2026-11-29T22:30:00Z" (UTC); NULL on ENOMEM. */
json_object *json_timestamp(long long t);
/* Adds key -> value; a NULL value (ENOMEM) is stored as null. */
void json_put(json_object *obj, const char *key, json_object *val);
/* Prints the document (pretty, '/' unescaped) and a newline.  0 or -EIO. */
int json_print(FILE *f, json_object *doc);

#endif
