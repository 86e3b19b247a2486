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
int cmd_map(const struct options *opt);
int cmd_fleet(const struct options *opt);
int cmd_suggest(const struct options *opt);

#endif
