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
#include "numparse.h"

struct command {
        const char *name;
        int (*run)(const struct options *opt);
};

static const struct command commands[] = {
        { "list", cmd_list },
        { "check", cmd_check },
        { "audit", cmd_audit },
        { "probe", cmd_probe },
        { "watch", cmd_watch },
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
"  check                 pre-start check: static analysis of the address plan,\n"
"                        then ARP probes of the planned host addresses\n"
"  audit                 periodic audit: what check finds, reporting only what\n"
"                        changed since the last audit (silent when nothing did)\n"
"  probe ADDRESS...      RFC 5227 ARP probe of IPv4 addresses on the LAN: free,\n"
"                        in use by whom (MAC, vendor), or probe collision\n"
"  watch                 long-running: keep check's findings current (ARP heard\n"
"                        on the LAN, a probe round per interval, configuration and\n"
"                        netlink changes) and print each new/changed/resolved one\n"
"\n"
"Check and audit options:\n"
"      --net NAME        check only this network (repeatable: vmnet6, libvirt:default);\n"
"                        a source or pattern too: vmware, 'vmware:*', 'vmnet*'\n"
"      --no-probe        static analysis only, send nothing\n"
"      --fail-on LEVEL   error, warning (default) or never: what makes the exit\n"
"                        status non-zero\n"
"\n"
"Audit options:\n"
"      --mail-to ADDR    mail the change report to ADDR (repeatable)\n"
"      --sendmail PATH   sendmail program (default /usr/sbin/sendmail)\n"
"      --state-dir DIR   where the last audit is kept (default /var/lib/vnetaudit)\n"
"      --nagios          one monitoring-plugins status line; exit 0-3\n"
"\n"
"Watch options:\n"
"      --interval S      seconds between probe rounds (default 60, jittered; >= 1)\n"
"      --mail-to ADDR    also mail the events as a rate-limited digest\n"
"\n"
"Probe options (probe, check, audit, watch):\n"
"  -i, --interface IFACE probe on IFACE only (repeatable; default: every up,\n"
"                        broadcast-capable interface that is not a virtual network)\n"
"      --timeout S       length of the probe window (default 1 second;\n"
"                        check and audit 4.5, to hear answers up to 1.29 s late)\n"
"      --retries N       probes per address and interface (default 3)\n"
"      --rate PPS        packets per second per interface (default 1000)\n"
"\n"
"Global options:\n"
"      --root DIR        read configuration files below DIR instead of /\n"
"      --offline         do not ask netlink or libvirt, send no probes\n"
"      --vmware-dir DIR  VMware configuration directory (default /etc/vmware)\n"
"      --libvirt-uri URI libvirt connection (default qemu:///system; none = files only)\n"
"      --libvirt-dir DIR libvirt configuration directory (default /etc/libvirt)\n"
"      --libvirt-run-dir DIR\n"
"                        libvirt state directory (default /run/libvirt)\n"
"      --config FILE     vnetaudit configuration (default /etc/vnetaudit.conf)\n"
"  -j, --json            machine-readable JSON output\n"
"  -q, --quiet           check, audit: print nothing when there is nothing to report\n"
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
        OPT_LIBVIRT_RUN_DIR,
        OPT_CONFIG,
        OPT_TIMEOUT,
        OPT_RETRIES,
        OPT_RATE,
        OPT_NET,
        OPT_NO_PROBE,
        OPT_FAIL_ON,
        OPT_MAIL_TO,
        OPT_SENDMAIL,
        OPT_STATE_DIR,
        OPT_NAGIOS,
        OPT_INTERVAL,
};

static const struct option long_options[] = {
        { "root", required_argument, NULL, OPT_ROOT },
        { "offline", no_argument, NULL, OPT_OFFLINE },
        { "vmware-dir", required_argument, NULL, OPT_VMWARE_DIR },
        { "libvirt-uri", required_argument, NULL, OPT_LIBVIRT_URI },
        { "libvirt-dir", required_argument, NULL, OPT_LIBVIRT_DIR },
        { "libvirt-run-dir", required_argument, NULL, OPT_LIBVIRT_RUN_DIR },
        { "config", required_argument, NULL, OPT_CONFIG },
        { "interface", required_argument, NULL, 'i' },
        { "timeout", required_argument, NULL, OPT_TIMEOUT },
        { "retries", required_argument, NULL, OPT_RETRIES },
        { "rate", required_argument, NULL, OPT_RATE },
        { "net", required_argument, NULL, OPT_NET },
        { "no-probe", no_argument, NULL, OPT_NO_PROBE },
        { "fail-on", required_argument, NULL, OPT_FAIL_ON },
        { "mail-to", required_argument, NULL, OPT_MAIL_TO },
        { "sendmail", required_argument, NULL, OPT_SENDMAIL },
        { "state-dir", required_argument, NULL, OPT_STATE_DIR },
        { "nagios", no_argument, NULL, OPT_NAGIOS },
        { "interval", required_argument, NULL, OPT_INTERVAL },
        { "json", no_argument, NULL, 'j' },
        { "quiet", no_argument, NULL, 'q' },
        { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { 0 },
};

static int bad_value(const char *opt, const char *val, const char *want)
{
        fprintf(stderr, "vnetaudit: invalid value '%s' for --%s: %s\n", val, opt, want);
        return EX_USAGE;
}

static int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned *ret)
{
        unsigned long v;
        int r = parse_decimal(s, min, max, &v);

        if (r == 0)
                *ret = (unsigned)v;
        return r;
}

/* Appends to a repeatable option's list; exits on ENOMEM. */
static int push(const char ***list, size_t *n, const char *v)
{
        const char **l = realloc(*list, (*n + 1) * sizeof(**list));

        if (!l) {
                fprintf(stderr, "vnetaudit: out of memory\n");
                return EX_OSERR;
        }
        l[(*n)++] = v;
        *list = l;
        return -1;
}

/* Returns -1 to go on, or an exit status. */
static int parse_option(int c, struct options *opt)
{
        char *end;

        switch (c) {
        case 'i': return push(&opt->ifaces, &opt->n_ifaces, optarg);
        case OPT_NET: return push(&opt->nets, &opt->n_nets, optarg);
        case OPT_MAIL_TO: return push(&opt->mail_to, &opt->n_mail_to, optarg);
        case OPT_TIMEOUT:
                errno = 0;
                opt->timeout = strtod(optarg, &end);
                if (errno || *end || end == optarg || !(opt->timeout >= 0.05 && opt->timeout <= 60))
                        return bad_value("timeout", optarg, "seconds between 0.05 and 60");
                opt->timeout_set = true;
                break;
        case OPT_RETRIES:
                if (parse_uint(optarg, 1, 20, &opt->retries) < 0)
                        return bad_value("retries", optarg, "a number between 1 and 20");
                opt->retries_set = true;
                break;
        case OPT_RATE:
                if (parse_uint(optarg, 1, 100000, &opt->rate) < 0)
                        return bad_value("rate", optarg, "packets per second between 1 and 100000");
                opt->rate_set = true;
                break;
        case OPT_NO_PROBE: opt->no_probe = true; break;
        case OPT_FAIL_ON:
                if (strcmp(optarg, "error") == 0)
                        opt->fail_on = FAIL_ON_ERROR;
                else if (strcmp(optarg, "warning") == 0)
                        opt->fail_on = FAIL_ON_WARNING;
                else if (strcmp(optarg, "never") == 0)
                        opt->fail_on = FAIL_ON_NEVER;
                else
                        return bad_value("fail-on", optarg, "error, warning or never");
                break;
        case OPT_SENDMAIL: opt->sendmail = optarg; break;
        case OPT_STATE_DIR: opt->state_dir = optarg; break;
        case OPT_NAGIOS: opt->nagios = true; break;
        case OPT_INTERVAL:
                errno = 0;
                opt->interval = strtod(optarg, &end);
                if (errno || *end || end == optarg || !(opt->interval >= 1 && opt->interval <= 86400))
                        return bad_value("interval", optarg, "seconds between 1 and 86400");
                break;
        case OPT_ROOT: opt->root = optarg; break;
        case OPT_OFFLINE: opt->offline = true; break;
        case OPT_VMWARE_DIR: opt->vmware_dir = optarg; opt->vmware_dir_set = true; break;
        case OPT_LIBVIRT_URI: opt->libvirt_uri = optarg; break;
        case OPT_LIBVIRT_DIR: opt->libvirt_dir = optarg; opt->libvirt_dir_set = true; break;
        case OPT_LIBVIRT_RUN_DIR: opt->libvirt_run_dir = optarg; break;
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
                .rate = 1000,
                .fail_on = FAIL_ON_WARNING,
                .state_dir = "/var/lib/vnetaudit",
                .sendmail = "/usr/sbin/sendmail",
        };
        const struct command *cmd = NULL;
        int c, r;

        /* "+" stops at the command name; options may also follow it. */
        while ((c = getopt_long(argc, argv, "+i:jqvhV", long_options, NULL)) != -1)
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
        while ((c = getopt_long(argc, argv, "i:jqvhV", long_options, NULL)) != -1)
                if ((r = parse_option(c, &opt)) >= 0)
                        return r;
        opt.args = argv + optind;
        opt.n_args = (size_t)(argc - optind);
        r = cmd->run(&opt);
        free(opt.ifaces);
        free(opt.nets);
        free(opt.mail_to);
        return r;
}
