/*
 * options.h - the parsed command line (and, later, vnetaudit.conf) that
 * main.c hands to a command.  Plain data; main.c owns the strings.
 */
#ifndef VNETAUDIT_OPTIONS_H
#define VNETAUDIT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "severity.h"

struct config_pass;

enum fail_on {
        FAIL_ON_ERROR,
        FAIL_ON_WARNING,
        FAIL_ON_NEVER,
};

enum map_format {
        MAP_FORMAT_HTML,
        MAP_FORMAT_SVG,
        MAP_FORMAT_DOT,
};

struct options {
        const char *root;               /* "" = / */
        const char *vmware_dir;         /* default /etc/vmware, below root */
        const char *libvirt_uri;        /* default qemu:///system; "none" = files only */
        const char *libvirt_dir;        /* default /etc/libvirt (defined networks below root) */
        const char *libvirt_run_dir;    /* default /run/libvirt (live state below root) */
        const char *config;             /* vnetaudit.conf; NULL = default below root */
        struct config_pass *conf;       /* vnetaudit.conf once read (config_pass.h); NULL = not yet */
        const char *docker_socket;      /* NULL = /var/run/docker.sock below root; "none" = off */
        const char *docker_dir;         /* default /etc/docker (daemon.json), below root */
        const char *containers_dir;     /* default /etc/containers (Podman), below root */
        const char *incus_socket;       /* NULL = Incus's or LXD's below root; "none" = off */
        bool vmware_dir_set, libvirt_dir_set;   /* given on the command line: must exist */
        bool offline;                   /* no netlink, libvirt API or probes */
        bool no_probe;
        bool json;
        bool quiet;
        int verbose;
        enum fail_on fail_on;

        /* probing */
        const char **ifaces;            /* -i, repeatable */
        size_t n_ifaces;
        double timeout;                 /* seconds of the probe window */
        unsigned retries;               /* probes per address */
        unsigned rate;                  /* packets per second per interface */
        /* given on the command line: vnetaudit.conf does not override them */
        bool ifaces_set, timeout_set, retries_set, rate_set;

        /* check / audit */
        const char **nets;              /* --net, repeatable */
        size_t n_nets;
        const char **mail_to;
        size_t n_mail_to;
        const char *sendmail;
        const char *state_dir;
        bool mail_to_set, sendmail_set, state_dir_set;  /* given on the command line */
        bool nagios;
        const char *export_dir;         /* audit --export: write the inventory here */
        const char *metrics_file;       /* audit --metrics: node_exporter textfile */

        /* fleet */
        const char **segments;          /* --segment NAME=HOST,HOST, repeatable */
        size_t n_segments;

        /* map, audit --map */
        enum map_format map_format;
        const char *output_file;        /* map --output-file; NULL = stdout */
        const char *map_file;           /* audit --map FILE */
        const char *nagios_warning;     /* -w RANGE (number of warnings) */
        const char *nagios_critical;    /* -c RANGE (number of errors) */

        /* list: -o/--output, --noheadings, --raw, --pairs */
        const char *columns;
        bool noheadings, raw, pairs;

        /* probe */
        bool localnet;                  /* --localnet: sweep the probed interfaces' subnets */
        bool in_use_only;               /* --in-use-only: list only what answered */

        /* suggest */
        unsigned prefix_len;            /* --prefix; 0 = /24 for IPv4, /64 for IPv6 */
        const char **from;              /* --from CIDR, repeatable: the pools */
        size_t n_from;
        unsigned count;                 /* --count: how many subnets */
        const char *family;             /* --family inet|inet6; NULL = from --from, else inet */

        /* watch */
        double interval;                /* seconds between probe rounds; 0 = default */

        /* positional operands after the command (probe addresses) */
        char **args;
        size_t n_args;
};

#endif
