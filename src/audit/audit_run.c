/*
 * audit_run.c - `vnetaudit audit` without its findings source.  Silence is
 * the contract: cron mails any output, so nothing is printed when nothing
 * changed.  The state advances only after the report reached its reader
 * (stdout, or sendmail exiting 0), so a failed mail is sent again next run.
 */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "audit_diff.h"
#include "audit_keeper.h"
#include "audit_report.h"
#include "audit_run.h"
#include "audit_state.h"
#include "state_modes.h"
#include "check_run.h"
#include "fileread.h"
#include "mail.h"
#include "mail_courier.h"
#include "nagios.h"
#include "privdrop.h"
#include "xalloc.h"

#define LOCK_TIMEOUT_MS (10 * 60 * 1000)

struct run {
        const struct options *opt;
        FILE *out, *err;
        char host[HOST_NAME_MAX + 1];
        struct mail_courier courier;    /* runs sendmail with our original privileges */
        struct audit_keeper keeper;     /* saves the state as root once we are not */
        char *from;                     /* known before probing changes the user */
};

__attribute__((format(printf, 3, 4)))
static int fail(struct run *r, int status, const char *fmt, ...)
{
        char msg[1024];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        if (r->opt->nagios) {
                char *line = nagios_unknown_line(msg);

                fputs(line ? line : "VNETAUDIT UNKNOWN - out of memory\n", r->out);
                free(line);
                return NAGIOS_UNKNOWN;
        }
        fprintf(r->err, "vnetaudit: %s\n", msg);
        return status;
}

static char *from_address(const char *host)
{
        struct passwd *pw = getpwuid(geteuid());
        char *from;

        if (!pw || asprintf(&from, "%s@%s", pw->pw_name, host) < 0)
                return NULL;
        if (!mail_address_valid(from)) {
                free(from);
                return NULL;
        }
        return from;
}

static int send_report(struct run *r, const struct audit_diff *d, const char *text)
{
        _cleanup_free_ char *subject = mail_subject(d->added_by_sev, d->n_resolved, r->host);
        _cleanup_free_ char *msg = NULL, *why = NULL;
        struct mail_message m = {
                .to = r->opt->mail_to,
                .n_to = r->opt->n_mail_to,
                .from = r->from,
                .host = r->host,
                .subject = subject,
                .body = text,
                .date = time(NULL),
        };
        size_t len;
        int k;

        if (!subject || (k = mail_compose(&m, &msg, &len)) == -ENOMEM)
                return -ENOMEM;
        if (k < 0)
                return k;
        k = mail_courier_send(&r->courier, msg, len, &why);
        if (k < 0)
                fprintf(r->err, "vnetaudit: mail to %s not sent: %s; the state is kept, the next audit mails again\n",
                        r->opt->mail_to[0], why ? why : strerror(-k));
        return k;
}

static const char *state_error(int e)
{
        switch (e) {
        case -ELOOP: return "it is a symbolic link (refused, not followed)";
        case -EINVAL:
        case -EISDIR:
        case -FILE_ENOTREG: return "it is not a regular file";
        case -ENOTDIR: return "it is not a directory";
        case -ETIMEDOUT: return "another audit holds the lock";
        case -EFBIG: return "it would exceed the state file limit of 1024 MiB; the previous state is kept";
        default: return strerror(-e);
        }
}

int audit_run(const struct options *opt, audit_collect_fn collect, FILE *out, FILE *err)
{
        struct run r = { .opt = opt, .out = out, .err = err, .courier = { .pid = -1, .msg_fd = -1, .res_fd = -1 },
                         .keeper = AUDIT_KEEPER_INIT };
        struct finding_list cur = { 0 };
        struct audit_state old = { 0 }, now = { 0 };
        struct audit_diff d = { 0 };
        _cleanup_free_ char *text = NULL;
        bool first_run, corrupt, delivered = true;
        struct audit_facts facts = { 0 };
        struct nagios_range warn, crit;
        int dirfd = -1, lockfd = -1, k, status;

        if (gethostname(r.host, sizeof(r.host) - 1) < 0 || !r.host[0])
                strcpy(r.host, "localhost");
        /* Bad thresholds are a usage error: UNKNOWN, as the guidelines ask. */
        if (opt->nagios_warning && nagios_range_parse(opt->nagios_warning, &warn) < 0)
                return fail(&r, EX_USAGE, "invalid -w range '%s' (want [@]start:end)", opt->nagios_warning);
        if (opt->nagios_critical && nagios_range_parse(opt->nagios_critical, &crit) < 0)
                return fail(&r, EX_USAGE, "invalid -c range '%s' (want [@]start:end)", opt->nagios_critical);
        for (size_t i = 0; i < opt->n_mail_to; i++)
                if (!mail_address_valid(opt->mail_to[i]))
                        return fail(&r, EX_USAGE, "invalid --mail-to address '%s': want user@domain or a local user name",
                                    opt->mail_to[i]);

        k = audit_state_open_dir(opt->state_dir, &dirfd);
        if (k < 0)
                return fail(&r, k == -EACCES || k == -EPERM ? EX_NOPERM : EX_CANTCREAT,
                            "state directory %s: %s", opt->state_dir, state_error(k));
        /* StrictModes: nobody else may plant a state or a lock here. */
        {
                static const char *const names[] = { NULL, AUDIT_STATE_LOCK, AUDIT_STATE_FILE };
                char why[160];

                for (size_t i = 0; i < 3; i++) {
                        if ((k = state_modes_check(dirfd, names[i], why, sizeof(why))) == 0)
                                continue;
                        status = fail(&r, k == -EPERM ? EX_NOPERM : EX_CANTCREAT, "%s%s%s: refused: %s",
                                      opt->state_dir, names[i] ? "/" : "", names[i] ? names[i] : "",
                                      k == -EPERM ? why : strerror(-k));
                        goto out;
                }
        }
        k = audit_state_lock(dirfd, !opt->nagios, LOCK_TIMEOUT_MS, &lockfd);
        if (k < 0) {
                status = fail(&r, k == -ETIMEDOUT ? EX_TEMPFAIL : EX_CANTCREAT, "%s/%s: %s",
                              opt->state_dir, AUDIT_STATE_LOCK, state_error(k));
                goto out;
        }
        k = audit_state_load(dirfd, &old, &first_run, &corrupt);
        if (k < 0) {
                status = fail(&r, k == -EACCES ? EX_NOPERM : EX_CANTCREAT, "state file %s/%s: %s",
                              opt->state_dir, AUDIT_STATE_FILE, state_error(k));
                goto out;
        }
        if (corrupt && !opt->nagios)
                fprintf(err, "vnetaudit: state file %s/%s is unreadable; treating this as the first audit\n",
                        opt->state_dir, AUDIT_STATE_FILE);

        /* Before probing drops privileges: see mail_courier.h. */
        if (opt->n_mail_to && !opt->nagios && (k = mail_courier_start(opt->sendmail, &r.courier)) < 0) {
                status = fail(&r, EX_OSERR, "cannot start the mail courier: %s", strerror(-k));
                goto out;
        }
        /* Started as root, probing continues as an unprivileged user, who
         * can neither write root's state directory nor be root@ in mail. */
        r.from = from_address(r.host);
        if (privdrop_will_switch_user() && (k = audit_keeper_start(dirfd, &r.keeper)) < 0) {
                status = fail(&r, EX_OSERR, "cannot start the state keeper: %s", strerror(-k));
                goto out;
        }
        status = collect(opt, &cur, &facts);
        if (status != 0) {
                if (opt->nagios)
                        status = fail(&r, status, "%s", facts.reason[0] ? facts.reason :
                                      "the audit could not be done");
                goto out;
        }
        finding_list_sort(&cur);
        if (audit_diff_compute(&old, &cur, &d) < 0) {
                status = fail(&r, EX_OSERR, "out of memory");
                goto out;
        }

        if (opt->nagios) {
                /* A monitoring check only looks: it neither mails nor moves
                 * the state, so it cannot take a change away from the timer. */
                struct nagios_report nr = {
                        .findings = &cur,
                        .added = d.n_added,
                        .resolved = d.n_resolved,
                        .n_networks = facts.n_networks,
                        .probe_seconds = facts.probe_seconds,
                        .warn = opt->nagios_warning ? &warn : NULL,
                        .crit = opt->nagios_critical ? &crit : NULL,
                };
                char *ntext = nagios_text(&nr);

                if (!ntext) {
                        status = fail(&r, EX_OSERR, "out of memory");
                        goto out;
                }
                fputs(ntext, out);
                free(ntext);
                status = (int)nagios_status_of(&nr);
                goto out;
        }

        {
                struct audit_report_ctx ctx = { .host = r.host, .first_run = first_run, .state_corrupt = corrupt };

                text = audit_report_text(&ctx, &d, &cur);
                if (!text) {
                        status = fail(&r, EX_OSERR, "out of memory");
                        goto out;
                }
                if (opt->json) {
                        char *json = audit_report_json(&ctx, &d, &cur);

                        if (!json) {
                                status = fail(&r, EX_OSERR, "out of memory");
                                goto out;
                        }
                        fputs(json, out);
                        free(json);
                }
        }
        if (audit_diff_changed(&d)) {
                if (opt->n_mail_to) {
                        k = send_report(&r, &d, text);
                        if (k < 0) {
                                delivered = false;
                                /* Not lost: cron mails what we print. */
                                if (!opt->json)
                                        fputs(text, out);
                        } else if (opt->verbose && !opt->json) {
                                fputs(text, out);
                        }
                } else if (!opt->json) {
                        fputs(text, out);
                }
        }
        if (fflush(out) == EOF && !opt->n_mail_to)
                delivered = false;
        if (!delivered) {
                status = fail(&r, EX_UNAVAILABLE, "the report was not delivered; the state of %s is unchanged",
                              opt->state_dir);
                goto out;
        }
        if (audit_state_from_findings(&cur, (long long)time(NULL), &now) < 0) {
                status = fail(&r, EX_OSERR, "out of memory");
                goto out;
        }
        k = r.keeper.pid > 0 ? audit_keeper_save(&r.keeper, &now) : audit_state_save(dirfd, &now);
        if (k < 0) {
                status = fail(&r, EX_CANTCREAT, "cannot write state file %s/%s: %s", opt->state_dir,
                              AUDIT_STATE_FILE, state_error(k));
                goto out;
        }
        status = check_exit_status(opt, &cur);
out:
        mail_courier_stop(&r.courier);
        audit_keeper_stop(&r.keeper);
        free(r.from);
        audit_diff_free(&d);
        audit_state_free(&old);
        audit_state_free(&now);
        finding_list_free(&cur);
        if (lockfd >= 0)
                close(lockfd);
        if (dirfd >= 0)
                close(dirfd);
        return status;
}
