/*
 * cli_out.c - shared output steps of the commands (cli_out.h).
 */
#include <sysexits.h>

#include "cli_out.h"
#include "jsonout.h"

int cli_print_json(FILE *f, json_object *doc)
{
        int r;

        if (!doc)
                return EX_OSERR;
        r = json_print(f, doc);
        json_object_put(doc);
        return r < 0 ? EX_IOERR : cli_flush(f);
}

int cli_flush(FILE *f)
{
        return fflush(f) != 0 ? EX_IOERR : 0;
}

void cli_probe_warnings(FILE *err, const char *warning, unsigned long drops)
{
        if (warning && warning[0])
                fprintf(err, "vnetaudit: warning: %s\n", warning);
        if (drops)
                fprintf(err, "vnetaudit: warning: the capture dropped %lu frames; "
                        "answers may be missing\n", drops);
}
