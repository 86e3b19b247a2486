/*
 * cmd_list.c - `vnetaudit list`: gather the inventory, render it.
 */
#include <stdio.h>

#include "commands.h"
#include "exitcodes.h"

int cmd_list(const struct options *opt)
{
        (void)opt;
        return EX_SOFTWARE;
}
