/*
 * audit_config.h - /etc/vnetaudit.conf: shared segments (networks coupled
 * on one L2 segment on purpose), findings to ignore per network, probe
 * interfaces and timing, audit mail settings.  The parser is pure (buffer
 * in, settings + file:line diagnostics out); audit_config_load() reads the file.
 */
#ifndef VNETAUDIT_AUDIT_CONFIG_H
#define VNETAUDIT_AUDIT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "findings.h"
#include "options.h"

#define AUDIT_CONFIG_DEFAULT "/etc/vnetaudit.conf"

/* Networks named by id ("vmware:vmnet6"), by name or by device ("vmnet6"). */
struct audit_segment {
        char *name;
        char **nets;
        size_t n_nets;
        unsigned line;
};

struct audit_ignore {
        char *net;                      /* network pattern, "*" = every network */
        uint32_t codes;                 /* bit per enum finding_code */
        unsigned line;
};

struct audit_config {
        char *file;                     /* NULL when no file was read */
        struct audit_segment *segments;
        size_t n_segments, cap_segments;
        struct audit_ignore *ignores;
        size_t n_ignores, cap_ignores;
        char **ifaces;                  /* [probe] interface */
        size_t n_ifaces, cap_ifaces;
        double timeout;                 /* 0 = not set */
        unsigned retries, rate;         /* 0 = not set */
        char **mail_to;                 /* [audit] mail-to */
        size_t n_mail_to, cap_mail_to;
        char *sendmail, *state_dir;     /* NULL = not set */
        char **fleet_segments;          /* [fleet] segment = NAME=HOST,HOST */
        size_t n_fleet_segments, cap_fleet_segments;
};

void audit_config_init(struct audit_config *cfg);
void audit_config_free(struct audit_config *cfg);

/* Parses buf (len bytes, need not be NUL-terminated) read from file.
 * Returns the number of errors added to diags (0 = good), or -ENOMEM. */
int audit_config_parse(const char *buf, size_t len, const char *file,
                       struct audit_config *cfg, struct diag_list *diags);

/* Reads opt->config, or AUDIT_CONFIG_DEFAULT below opt->root (a missing
 * default file is an empty configuration).  0; -EINVAL when the file has
 * errors (in diags); -errno when it cannot be read.  The trust rule of
 * config_trust.h applies: with --root the root's file gives segments and
 * ignores only, the rest comes from the host's own file; warnings in diags
 * say what was ignored. */
int audit_config_load(const struct options *opt, struct audit_config *cfg,
                      struct diag_list *diags);

/* Does the pattern name this network?  pattern: "*", an id, a bare name or a device. */
bool audit_net_match(const char *pattern, const char *id, const char *name, const char *device);
/* Index of the segment naming the network, or -1. */
int audit_config_segment_of(const struct audit_config *cfg, const char *id, const char *name,
                            const char *device);
bool audit_config_ignored(const struct audit_config *cfg, enum finding_code code,
                          const char *id, const char *name, const char *device);

#endif
