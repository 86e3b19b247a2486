/*
 * options.h - the parsed command line (and, later, vnetaudit.conf) that
 * main.c hands to a command.  Plain data; main.c owns the strings.
 */
#ifndef VNETAUDIT_OPTIONS_H
#define VNETAUDIT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "severity.h"

enum fail_on {
        FAIL_ON_ERROR,
        FAIL_ON_WARNING,
        FAIL_ON_NEVER,
};

struct options {
        const char *root;               /* "" = / */
        const char *vmware_dir;         /* default /etc/vmware, below root */
        const char *libvirt_uri;        /* default qemu:///system; "none" = files only */
        const char *libvirt_dir;        /* default /etc/libvirt (defined networks below root) */
        const char *libvirt_run_dir;    /* default /run/libvirt (live state below root) */
        const char *config;             /* vnetaudit.conf; NULL = default below root */
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
        bool timeout_set, retries_set, rate_set;        /* given on the command line */

        /* check / audit */
        const char **nets;              /* --net, repeatable */
        size_t n_nets;
        const char **mail_to;
        size_t n_mail_to;
        const char *sendmail;
        const char *state_dir;
        bool nagios;

        /* watch */
        double interval;                /* seconds between probe rounds; 0 = default */

        /* positional operands after the command (probe addresses) */
        char **args;
        size_t n_args;
};

#endif
