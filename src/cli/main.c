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
#include <sys/stat.h>

#include "commands.h"
#include "exitcodes.h"
#include "list_columns.h"
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
        { "map", cmd_map },
        { "fleet", cmd_fleet },
        { "suggest", cmd_suggest },
        { "watch", cmd_watch },
};

static void usage(FILE *f)
{
        fprintf(f,
"Usage: vnetaudit [GLOBAL OPTIONS] COMMAND [OPTIONS]\n"
"Audit the address plan of this host's virtual networks (VMware, libvirt,\n"
"Docker, Podman, Incus/LXD, local interfaces and routes) for conflicts.\n"
"\n"
"Commands:\n"
"  list                  inventory of every virtual network and local interface;\n"
"                        sends nothing\n"
"  check                 pre-start check: static analysis of the address plan,\n"
"                        then ARP (IPv4) and DAD (IPv6) probes of the planned\n"
"                        host addresses\n"
"  audit                 periodic audit: what check finds, reporting only what\n"
"                        changed since the last audit (silent when nothing did)\n"
"  probe ADDRESS|CIDR... RFC 5227 ARP probe of IPv4 addresses, RFC 4862 DAD\n"
"                        probe of IPv6 ones, on the LAN: free, in use by whom\n"
"                        (MAC, vendor), or probe collision; a CIDR prefix\n"
"                        sweeps every address in it (IPv6: up to a /120)\n"
"  suggest               free subnets for a new virtual network, checked against\n"
"                        the inventory and verified with ARP (IPv6: DAD) probes\n"
"                        on the LAN\n"
"  watch                 long-running: keep check's findings current (ARP heard\n"
"                        on the LAN, a probe round per interval, configuration,\n"
"                        netlink and libvirt network events) and print each\n"
"                        new/changed/resolved one\n"
"  map [INVENTORY...]    draw the address plan and its clashes as an HTML page\n"
"                        (or SVG, or Graphviz dot); sends nothing\n"
"  fleet INVENTORY...    conflicts between hosts, from the `list --json` output of\n"
"                        each (files, directories, - for standard input)\n"
"\n"
"List options:\n"
"  -o, --output COL,... the network table's columns (+COL,... adds to the\n"
"                        default); see Columns below\n"
"      --noheadings      no header line\n"
"      --raw             raw output: one line per row, fields separated by\n"
"                        spaces, unsafe bytes as \\xNN\n"
"      --pairs           NAME=\"value\" pairs, one row per line\n"
"                        (these four print only the network table)\n"
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
"      --nagios          monitoring-plugins output: status line naming the\n"
"                        worst networks, perfdata, one line per finding; exit 0-3\n"
"  -w, --warning RANGE   --nagios: WARNING when the number of warnings is\n"
"                        outside RANGE (default 0; any error is a WARNING too)\n"
"  -c, --critical RANGE  --nagios: CRITICAL when the number of errors is\n"
"                        outside RANGE (default 0); RANGE is [@]start:end\n"
"      --map FILE        after each audit, replace FILE with the map (HTML)\n"
"\n"
"Map options:\n"
"      --format FORMAT   html (default), svg or dot\n"
"      --output-file FILE\n"
"                        write FILE (replaced atomically) instead of stdout\n"
"      --export DIR      also write this host's inventory to DIR/HOST.json\n"
"      --metrics FILE    also write node_exporter textfile metrics to FILE\n"
"\n"
"Fleet options (and --json, --fail-on):\n"
"      --segment NAME=HOST,HOST...\n"
"                        these hosts share one LAN (repeatable)\n"
"\n"
"Sweep options (probe):\n"
"      --localnet        sweep the IPv4 subnets of the interfaces probed on\n"
"      --in-use-only     list only addresses that answered (like arp-scan)\n"
"\n"
"Suggest options:\n"
"      --prefix N        size of the subnets (default 24; 64 for IPv6)\n"
"      --from CIDR       pool to take them from (repeatable; default: RFC 1918\n"
"                        without crowded defaults, or a ULA /48 for IPv6)\n"
"      --count K         how many subnets (default 3)\n"
"      --family F        inet (default) or inet6\n"
"\n"
"Watch options:\n"
"      --interval S      seconds between probe rounds (default 60, jittered; >= 1)\n"
"      --mail-to ADDR    also mail the events as a rate-limited digest\n"
"      libvirt's network events (--libvirt-uri) re-run the analysis while its\n"
"      daemon is reachable; it reconnects with back-off; -v says when\n"
"\n"
"Probe options (probe, check, audit, suggest, watch):\n"
"  -i, --interface IFACE probe on IFACE only (repeatable; default: every up,\n"
"                        broadcast-capable interface that is not a virtual network)\n"
"      --timeout S       length of the probe window (default 1 second;\n"
"                        check and audit 4.5, to hear answers up to 1.29 s late)\n"
"      --retries N       probes per address and interface (default 3)\n"
"      --rate PPS        packets per second per interface (default 1000)\n"
"\n"
"Global options:\n"
"      --root DIR        read configuration files below DIR instead of /\n"
"      --offline         do not ask netlink, libvirt, Docker or Incus, send no\n"
"                        probes\n"
"      --vmware-dir DIR  VMware configuration directory (default /etc/vmware)\n"
"      --libvirt-uri URI libvirt connection (default qemu:///system; none = files only)\n"
"      --libvirt-dir DIR libvirt configuration directory (default /etc/libvirt)\n"
"      --libvirt-run-dir DIR\n"
"                        libvirt state directory (default /run/libvirt)\n"
"      --config FILE     vnetaudit configuration (default /etc/vnetaudit.conf)\n"
"      --docker-socket PATH\n"
"                        Docker API socket (default /var/run/docker.sock below\n"
"                        --root; none = daemon.json and Docker's defaults only)\n"
"      --docker-dir DIR  Docker configuration directory (default /etc/docker)\n"
"      --containers-dir DIR\n"
"                        Podman configuration directory (default /etc/containers)\n"
"      --incus-socket PATH\n"
"                        Incus/LXD API socket (default: Incus's or LXD's below\n"
"                        --root; none = do not ask)\n"
"  -j, --json            machine-readable JSON output\n"
"  -q, --quiet           check, audit: print nothing when there is nothing to report\n"
"  -v, --verbose         say more (repeatable); check: what was probed on which\n"
"                        interface, for how long, and the answers\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n"
"\n"
"Exit status: 0 clean, 1 warnings, 2 conflicts, 64-78 (sysexits) when the\n"
"audit could not be done.  See vnetaudit(8).\n"
"\n"
"Columns of list (default: NETWORK,DEVICE,TYPE,STATE,AUTOSTART,SUBNET,HOST,\n"
"GATEWAY,DHCP-SERVER,DHCP,LINKS,ORIGIN):\n");
        list_columns_help(f);
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
        OPT_DOCKER_SOCKET,
        OPT_DOCKER_DIR,
        OPT_CONTAINERS_DIR,
        OPT_INCUS_SOCKET,
        OPT_FORMAT,
        OPT_OUTPUT_FILE,
        OPT_MAP,
        OPT_EXPORT,
        OPT_METRICS,
        OPT_SEGMENT,
        OPT_NOHEADINGS,
        OPT_RAW,
        OPT_PAIRS,
        OPT_PREFIX,
        OPT_FROM,
        OPT_COUNT,
        OPT_FAMILY,
        OPT_LOCALNET,
        OPT_IN_USE_ONLY,
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
        { "docker-socket", required_argument, NULL, OPT_DOCKER_SOCKET },
        { "docker-dir", required_argument, NULL, OPT_DOCKER_DIR },
        { "containers-dir", required_argument, NULL, OPT_CONTAINERS_DIR },
        { "incus-socket", required_argument, NULL, OPT_INCUS_SOCKET },
        { "format", required_argument, NULL, OPT_FORMAT },
        { "output-file", required_argument, NULL, OPT_OUTPUT_FILE },
        { "map", required_argument, NULL, OPT_MAP },
        { "export", required_argument, NULL, OPT_EXPORT },
        { "metrics", required_argument, NULL, OPT_METRICS },
        { "segment", required_argument, NULL, OPT_SEGMENT },
        { "output", required_argument, NULL, 'o' },
        { "warning", required_argument, NULL, 'w' },
        { "critical", required_argument, NULL, 'c' },
        { "noheadings", no_argument, NULL, OPT_NOHEADINGS },
        { "raw", no_argument, NULL, OPT_RAW },
        { "pairs", no_argument, NULL, OPT_PAIRS },
        { "prefix", required_argument, NULL, OPT_PREFIX },
        { "from", required_argument, NULL, OPT_FROM },
        { "count", required_argument, NULL, OPT_COUNT },
        { "family", required_argument, NULL, OPT_FAMILY },
        { "localnet", no_argument, NULL, OPT_LOCALNET },
        { "in-use-only", no_argument, NULL, OPT_IN_USE_ONLY },
        { "interval", required_argument, NULL, OPT_INTERVAL },
        { "json", no_argument, NULL, 'j' },
        { "quiet", no_argument, NULL, 'q' },
        { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { 0 },
};

/* A usage error is one line (said by the caller or getopt) and this one. */
static void try_help(void)
{
        fprintf(stderr, "Try 'vnetaudit --help' for more information.\n");
}

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
        case 'i':
                opt->ifaces_set = true;
                return push(&opt->ifaces, &opt->n_ifaces, optarg);
        case OPT_NET: return push(&opt->nets, &opt->n_nets, optarg);
        case OPT_MAIL_TO:
                opt->mail_to_set = true;
                return push(&opt->mail_to, &opt->n_mail_to, optarg);
        case OPT_TIMEOUT:
                /* plain decimal seconds: strtod alone would take 0x1, inf, 1e1 */
                if (optarg[strspn(optarg, "0123456789.")] || strchr(optarg, '.') != strrchr(optarg, '.'))
                        return bad_value("timeout", optarg, "seconds between 0.05 and 60");
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
        case OPT_SENDMAIL: opt->sendmail = optarg; opt->sendmail_set = true; break;
        case OPT_STATE_DIR: opt->state_dir = optarg; opt->state_dir_set = true; break;
        case OPT_NAGIOS: opt->nagios = true; break;
        case OPT_FORMAT:
                if (strcmp(optarg, "html") == 0)
                        opt->map_format = MAP_FORMAT_HTML;
                else if (strcmp(optarg, "svg") == 0)
                        opt->map_format = MAP_FORMAT_SVG;
                else if (strcmp(optarg, "dot") == 0)
                        opt->map_format = MAP_FORMAT_DOT;
                else
                        return bad_value("format", optarg, "html, svg or dot");
                break;
        case OPT_OUTPUT_FILE: opt->output_file = optarg; break;
        case OPT_MAP: opt->map_file = optarg; break;
        case OPT_EXPORT: opt->export_dir = optarg; break;
        case OPT_METRICS: opt->metrics_file = optarg; break;
        case OPT_SEGMENT: return push(&opt->segments, &opt->n_segments, optarg);
        case 'o': opt->columns = optarg; break;
        case 'w': opt->nagios_warning = optarg; break;
        case 'c': opt->nagios_critical = optarg; break;
        case OPT_NOHEADINGS: opt->noheadings = true; break;
        case OPT_RAW: opt->raw = true; break;
        case OPT_PAIRS: opt->pairs = true; break;
        case OPT_FROM: return push(&opt->from, &opt->n_from, optarg);
        case OPT_PREFIX:
                if (parse_uint(optarg, 1, 128, &opt->prefix_len) < 0)
                        return bad_value("prefix", optarg, "a prefix length");
                break;
        case OPT_COUNT:
                if (parse_uint(optarg, 1, 1000, &opt->count) < 0)
                        return bad_value("count", optarg, "a number between 1 and 1000");
                break;
        case OPT_FAMILY: opt->family = optarg; break;
        case OPT_LOCALNET: opt->localnet = true; break;
        case OPT_IN_USE_ONLY: opt->in_use_only = true; break;
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
        case OPT_DOCKER_SOCKET: opt->docker_socket = optarg; break;
        case OPT_DOCKER_DIR: opt->docker_dir = optarg; break;
        case OPT_CONTAINERS_DIR: opt->containers_dir = optarg; break;
        case OPT_INCUS_SOCKET: opt->incus_socket = optarg; break;
        case 'j': opt->json = true; break;
        case 'q': opt->quiet = true; break;
        case 'v': opt->verbose++; break;
        case 'h': usage(stdout); return EXIT_SUCCESS;
        case 'V': printf("vnetaudit %s\n", VNETAUDIT_VERSION); return EXIT_SUCCESS;
        default: try_help(); return EX_USAGE;   /* getopt named the option */
        }
        return -1;
}

/* The audited root must be a directory: a missing or mistyped --root would
 * otherwise read nothing and report "no conflicts".  66 with a message. */
static int check_root(const char *root)
{
        struct stat st;

        if (!root || !root[0])
                return -1;
        if (stat(root, &st) < 0) {
                fprintf(stderr, "vnetaudit: --root %s: %s\n", root, strerror(errno));
                return EX_NOINPUT;
        }
        if (!S_ISDIR(st.st_mode)) {
                fprintf(stderr, "vnetaudit: --root %s: not a directory\n", root);
                return EX_NOINPUT;
        }
        return -1;
}

/* Every exit has a message.  These two statuses come from many places
 * (an allocation, writing standard output) that say nothing themselves. */
static int said(int status)
{
        if (status == EX_OSERR)
                fprintf(stderr, "vnetaudit: out of memory or another system resource\n");
        else if (status == EX_IOERR)
                fprintf(stderr, "vnetaudit: cannot write the output\n");
        return status;
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
                .count = 3,
        };
        const struct command *cmd = NULL;
        int c, r;

        /* "+" stops at the command name; options may also follow it. */
        while ((c = getopt_long(argc, argv, "+i:o:w:c:jqvhV", long_options, NULL)) != -1)
                if ((r = parse_option(c, &opt)) >= 0)
                        return r;
        if (optind >= argc) {
                fprintf(stderr, "vnetaudit: no command given (list, check, audit or probe)\n");
                try_help();
                return EX_USAGE;
        }
        for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
                if (strcmp(argv[optind], commands[i].name) == 0)
                        cmd = &commands[i];
        if (!cmd) {
                fprintf(stderr, "vnetaudit: unknown command '%s' (list, check, audit or probe)\n",
                        argv[optind]);
                try_help();
                return EX_USAGE;
        }
        /* The command's own options, in any order with its operands
         * ("probe ADDRESS... -i IFACE"): a fresh scan (optind 0) of the
         * arguments after the command name, which GNU getopt permutes. */
        {
                int first = optind;

                optind = 0;
                while ((c = getopt_long(argc - first, argv + first, "i:o:w:c:jqvhV", long_options, NULL)) != -1)
                        if ((r = parse_option(c, &opt)) >= 0)
                                return r;
                opt.args = argv + first + optind;
                opt.n_args = (size_t)(argc - first - optind);
        }
        if ((r = check_root(opt.root)) >= 0)
                return r;
        r = said(cmd->run(&opt));
        free(opt.ifaces);
        free(opt.nets);
        free(opt.mail_to);
        free(opt.segments);
        free(opt.from);
        return r;
}
