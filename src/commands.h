/*
 * commands.h - one entry point per subcommand.  Each returns the process
 * exit status (exitcodes.h); only main.c exits or prints usage.
 */
#ifndef VNETAUDIT_COMMANDS_H
#define VNETAUDIT_COMMANDS_H

#include "options.h"

int cmd_list(const struct options *opt);
int cmd_check(const struct options *opt);
int cmd_audit(const struct options *opt);
int cmd_probe(const struct options *opt);
int cmd_watch(const struct options *opt);

struct finding_list;
/* check's pipeline as audit's findings source (audit_run.h's collect):
 * 0, or a sysexits status after saying why on stderr. */
int cmd_check_collect(const struct options *opt, struct finding_list *ret);

#endif
