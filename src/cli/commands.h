/*
 * commands.h - one entry point per subcommand.  Each returns the process
 * exit status (exitcodes.h); only main.c exits or prints usage.
 */
#ifndef VNETAUDIT_COMMANDS_H
#define VNETAUDIT_COMMANDS_H

#include <stdio.h>

#include "options.h"

int cmd_list(const struct options *opt);
int cmd_check(const struct options *opt);
int cmd_audit(const struct options *opt);
int cmd_probe(const struct options *opt);
int cmd_map(const struct options *opt);
int cmd_fleet(const struct options *opt);
int cmd_suggest(const struct options *opt);
int cmd_watch(const struct options *opt);

struct finding_list;
/* check's pipeline as audit's findings source (audit_run.h's collect):
 * 0, or a sysexits status after saying why on stderr. */
int cmd_check_collect(const struct options *opt, struct finding_list *ret);

struct check_result;
struct inventory;
/* check's pipeline for audit --map and map: fills res and leaves the
 * inventory it analysed in inv (init'ed and freed by the caller); says on
 * err what the user should know.  0, or a sysexits status. */
int cmd_check_run(const struct options *opt, struct check_result *res, struct inventory *inv,
                  FILE *err);

#endif
