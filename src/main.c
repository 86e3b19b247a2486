/*
 * main.c - command line of vnetaudit: global options, the subcommand, its
 * options; then hands a filled struct options to the command.  The only
 * place that prints usage or calls exit().
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "exitcodes.h"

struct command {
        const char *name;
        int (*run)(const struct options *opt);
        const char *synopsis;
};

static const struct command commands[] = {
        { "list", cmd_list, "list [--json]" },
};

static void usage(FILE *f)
{
        fprintf(f,
"Usage: vnetaudit [GLOBAL OPTIONS] COMMAND [OPTIONS]\n"
"Audit the address plan of this host's virtual networks (VMware, libvirt,\n"
"local interfaces and routes) for conflicts.\n"
"\n"
"Commands:\n"
"  list                  inventory of every virtual network and local interface;\n"
"                        sends nothing\n"
"\n"
"Global options:\n"
"      --root DIR        read configuration files below DIR instead of /\n"
"      --offline         do not ask netlink or libvirt, send no probes\n"
"      --vmware-dir DIR  VMware configuration directory (default /etc/vmware)\n"
"      --libvirt-uri URI libvirt connection (default qemu:///system; none = files only)\n"
"      --libvirt-dir DIR libvirt configuration directory (default /etc/libvirt)\n"
"      --config FILE     vnetaudit configuration (default /etc/vnetaudit.conf)\n"
"  -j, --json            machine-readable JSON output\n"
"  -q, --quiet           print nothing when there is nothing to report\n"
"  -v, --verbose         say more (repeatable)\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n"
"\n"
"Exit status: 0 clean, 1 warnings, 2 conflicts, 64-78 (sysexits) when the\n"
"audit could not be done.  See vnetaudit(8).\n");
}

enum {
        OPT_ROOT = 256,
        OPT_OFFLINE,
        OPT_VMWARE_DIR,
        OPT_LIBVIRT_URI,
        OPT_LIBVIRT_DIR,
        OPT_CONFIG,
};

static const struct option long_options[] = {
        { "root", required_argument, NULL, OPT_ROOT },
        { "offline", no_argument, NULL, OPT_OFFLINE },
        { "vmware-dir", required_argument, NULL, OPT_VMWARE_DIR },
        { "libvirt-uri", required_argument, NULL, OPT_LIBVIRT_URI },
        { "libvirt-dir", required_argument, NULL, OPT_LIBVIRT_DIR },
        { "config", required_argument, NULL, OPT_CONFIG },
        { "json", no_argument, NULL, 'j' },
        { "quiet", no_argument, NULL, 'q' },
        { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { 0 },
};

/* Returns -1 to go on, or an exit status. */
static int parse_option(int c, struct options *opt)
{
        switch (c) {
        case OPT_ROOT: opt->root = optarg; break;
        case OPT_OFFLINE: opt->offline = true; break;
        case OPT_VMWARE_DIR: opt->vmware_dir = optarg; break;
        case OPT_LIBVIRT_URI: opt->libvirt_uri = optarg; break;
        case OPT_LIBVIRT_DIR: opt->libvirt_dir = optarg; break;
        case OPT_CONFIG: opt->config = optarg; break;
        case 'j': opt->json = true; break;
        case 'q': opt->quiet = true; break;
        case 'v': opt->verbose++; break;
        case 'h': usage(stdout); return EXIT_SUCCESS;
        case 'V': printf("vnetaudit %s\n", VNETAUDIT_VERSION); return EXIT_SUCCESS;
        default: usage(stderr); return EX_USAGE;
        }
        return -1;
}

int main(int argc, char **argv)
{
        struct options opt = {
                .root = "",
                .vmware_dir = "/etc/vmware",
                .libvirt_uri = "qemu:///system",
                .libvirt_dir = "/etc/libvirt",
                .libvirt_run_dir = "/run/libvirt",
                .timeout = 1.0,
                .retries = 3,
                .rate = 200,
                .state_dir = "/var/lib/vnetaudit",
                .sendmail = "/usr/sbin/sendmail",
        };
        const struct command *cmd = NULL;
        int c, r;

        /* "+" stops at the command name; options may also follow it. */
        while ((c = getopt_long(argc, argv, "+jqvhV", long_options, NULL)) != -1)
                if ((r = parse_option(c, &opt)) >= 0)
                        return r;
        if (optind >= argc) {
                usage(stderr);
                return EX_USAGE;
        }
        for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
                if (strcmp(argv[optind], commands[i].name) == 0)
                        cmd = &commands[i];
        if (!cmd) {
                fprintf(stderr, "vnetaudit: unknown command '%s'\n", argv[optind]);
                usage(stderr);
                return EX_USAGE;
        }
        optind++;
        while ((c = getopt_long(argc, argv, "jqvhV", long_options, NULL)) != -1)
                if ((r = parse_option(c, &opt)) >= 0)
                        return r;
        opt.args = argv + optind;
        opt.n_args = (size_t)(argc - optind);
        return cmd->run(&opt);
}
