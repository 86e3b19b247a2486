/*
 * cli_out.h - output steps the commands share: a result document printed
 * as JSON or as text and flushed, and the probe run's warnings.  CLI
 * layer: returns exit statuses.
 */
#ifndef VNETAUDIT_CLI_OUT_H
#define VNETAUDIT_CLI_OUT_H

#include <json-c/json.h>
#include <stdio.h>

/* Prints doc (taken: freed here; NULL = it could not be built) and
 * flushes f.  0, EX_OSERR (no document) or EX_IOERR. */
int cli_print_json(FILE *f, json_object *doc);

/* Flushes f after a text report.  0 or EX_IOERR. */
int cli_flush(FILE *f);

/* What a probe run leaves to say on err: a capture opened with a warning
 * ("" for none) and frames the capture dropped. */
void cli_probe_warnings(FILE *err, const char *warning, unsigned long drops);

#endif
