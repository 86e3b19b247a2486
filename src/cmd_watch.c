/*
 * cmd_watch.c - `vnetaudit watch`: keeps check's findings current and
 * prints each change as it is known (watch_core.c does the work).  The
 * loop: ppoll over the captures, inotify and netlink; a probe round when
 * one is due; SIGHUP, a configuration re-save or a netlink burst re-runs
 * the analysis (debounced); SIGTERM/SIGINT end it with status 0.
 * Privileges: every capability but CAP_NET_RAW is dropped after the first
 * analysis; CAP_NET_RAW stays, for captures on interfaces that appear
 * later (see README).
 */
#include <cap-ng.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "probe_io.h"
#include "commands.h"
#include "exitcodes.h"
#include "netns_guard.h"
#include "watch_core.h"
#include "watch_events.h"
#include "watch_mail.h"
#include "watch_out.h"

#define TICK 0.25                       /* longest sleep: signals are seen within it */
#define DEBOUNCE_FILES 0.1              /* a rename burst is one re-run */
#define DEBOUNCE_NETLINK 0.3

static volatile sig_atomic_t stop_flag, reload_flag;

static void on_signal(int sig)
{
        if (sig == SIGHUP)
                reload_flag = 1;
        else
                stop_flag = 1;
}

static void install_signals(void)
{
        struct sigaction sa = { .sa_handler = on_signal };

        sigemptyset(&sa.sa_mask);       /* no SA_RESTART: ppoll returns EINTR */
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
}

static int pcap_fd(void *h)
{
        return probe_io_pcap_fd(h);
}

/* Keeps CAP_NET_RAW only (when running with capabilities at all). */
static void keep_net_raw_only(bool no_new_privs)
{
        if (capng_get_caps_process() < 0 || !capng_have_capabilities(CAPNG_SELECT_CAPS))
                return;
        capng_clear(CAPNG_SELECT_BOTH);
        capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED, CAP_NET_RAW);
        if (capng_apply(CAPNG_SELECT_BOTH) < 0)
                fprintf(stderr, "vnetaudit: warning: cannot drop capabilities other than CAP_NET_RAW\n");
        if (no_new_privs)
                prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

static int failure_status(const struct check_failure *f)
{
        if (f->error == -ENOMEM)
                return EX_OSERR;
        switch (f->phase) {
        case CHECK_PHASE_CONFIG: return f->error == -ENOENT ? EX_NOINPUT : EX_CONFIG;
        case CHECK_PHASE_INPUT: return EX_NOINPUT;
        case CHECK_PHASE_SELECT: return EX_USAGE;
        default: return EX_UNAVAILABLE;
        }
}

struct sinks {
        struct watch_out out;
        struct watch_mail mail;
        const struct probe_io_ops *io;
        void *io_ctx;
};

static void emit_all(void *ud, enum watch_event ev, const struct watch_fact *f)
{
        struct sinks *s = ud;

        watch_out_emit(&s->out, ev, f);
        watch_mail_add(&s->mail, s->io->now(s->io_ctx), ev, f);
}

static void mail_flush(struct watch_mail *m, double now, bool force)
{
        char *err = NULL;

        if (watch_mail_flush(m, now, force, &err) < 0)
                fprintf(stderr, "vnetaudit: warning: the digest mail was not sent: %s\n",
                        err ? err : "out of memory");
        free(err);
}

/* The recipients: the command line's, else vnetaudit.conf's (whose
 * strings live as long as the analysis: set again after each one). */
static void mail_targets(struct watch_mail *m, const struct watch *w)
{
        m->to = (const char *const *)w->eff.mail_to;
        m->n_to = w->eff.n_mail_to;
        m->sendmail = w->eff.sendmail ? w->eff.sendmail : "/usr/sbin/sendmail";
}

static double min2(double a, double b)
{
        return a < b ? a : b;
}

int cmd_watch(const struct options *opt)
{
        struct probe_io_pcap pctx = { .keep_privileges = true };
        static struct sinks sk;
        struct watch_events ev;
        struct watch w;
        double interval = opt->interval > 0 ? opt->interval : WATCH_DEFAULT_INTERVAL;
        double reanalyse = -1, wd_period, wd_next = 0;
        bool ready = false;
        char err[256] = "";
        int r, status = EXIT_SUCCESS;

        if (opt->n_args) {
                fprintf(stderr, "vnetaudit: watch takes no operands ('%s')\n", opt->args[0]);
                return EX_USAGE;
        }
        /* The test harness's safety net, before anything is opened. */
        if (!opt->offline && !opt->no_probe && netns_guard_check() < 0) {
                fprintf(stderr, "vnetaudit: refusing to watch with probes from the initial network "
                        "namespace (VNETAUDIT_REQUIRE_NETNS is set); use --no-probe\n");
                return EX_NOPERM;
        }
        sk.out = (struct watch_out){ .f = stdout, .json = opt->json };
        sk.out.journal = watch_out_stdout_is_journal();
        install_signals();
        watch_init(&w, opt, interval, &probe_io_pcap_ops, &pctx, pcap_fd, emit_all, &sk);
        sk.io = &watch_io_ops;
        sk.io_ctx = &w.wio;
        watch_mail_init(&sk.mail, opt->mail_to, opt->n_mail_to, opt->sendmail);
        w.wio.cancel = &stop_flag;
        if (watch_events_open(&ev, opt, err, sizeof(err)) < 0)
                fprintf(stderr, "vnetaudit: warning: %s; configuration changes are seen on SIGHUP only\n", err);
        if (ev.ino >= 0)
                w.wio.extra[w.wio.n_extra++] = ev.ino;
        if (ev.nl_fd >= 0)
                w.wio.extra[w.wio.n_extra++] = ev.nl_fd;

        r = watch_analyse(&w);
        if (r < 0) {
                fprintf(stderr, "vnetaudit: %s\n", w.res.failure.message);
                status = failure_status(&w.res.failure);
                goto out;
        }
        if (w.if_error && !opt->no_probe && !opt->offline && opt->verbose)
                fprintf(stderr, "vnetaudit: %s\n", w.if_reason);
        /* Mail: vnetaudit.conf's recipients count too.  Postfix's postdrop
         * and Exim need set-gid/set-uid: no no-new-privileges then. */
        mail_targets(&sk.mail, &w);
        keep_net_raw_only(sk.mail.n_to == 0);
        wd_period = watch_out_watchdog_period();

        while (!stop_flag) {
                double now = watch_io_ops.now(&w.wio), until = now + TICK;

                if (reload_flag || (reanalyse >= 0 && now >= reanalyse)) {
                        if (reload_flag && ev.ino >= 0)
                                watch_events_rewatch(&ev, opt);
                        reload_flag = 0;
                        reanalyse = -1;
                        if (watch_analyse(&w) < 0)
                                fprintf(stderr, "vnetaudit: re-analysis failed, keeping the last state: %s\n",
                                        w.res.failure.message);
                        mail_targets(&sk.mail, &w);
                }
                if (reanalyse >= 0)
                        until = min2(until, reanalyse);
                if (wd_period > 0) {
                        if (now >= wd_next) {
                                watch_out_watchdog();
                                wd_next = now + wd_period;
                        }
                        until = min2(until, wd_next);
                }
                if (sk.mail.due >= 0) {
                        mail_flush(&sk.mail, now, false);
                        if (sk.mail.due >= 0)
                                until = min2(until, sk.mail.due);
                }
                for (size_t k = 0; k < w.wio.n_extra; k++)
                        w.wio.extra_ready[k] = false;
                r = watch_step(&w, until);
                if (r == -ECANCELED || stop_flag)
                        break;
                if (r < 0 && r != -EINTR) {
                        fprintf(stderr, "vnetaudit: %s\n", strerror(-r));
                        status = EX_OSERR;
                        break;
                }
                /* Ready once the first full check (analysis and a probe
                 * round, when there is one to make) is done. */
                if (!ready && (w.round_done || !w.n_probe || !w.n_ifaces || opt->no_probe || opt->offline)) {
                        watch_out_ready();
                        ready = true;
                }
                now = watch_io_ops.now(&w.wio);
                if (w.stale && reanalyse < 0) {
                        w.stale = false;
                        reanalyse = now + DEBOUNCE_NETLINK;
                }
                for (size_t k = 0; k < w.wio.n_extra; k++) {
                        if (!w.wio.extra_ready[k])
                                continue;
                        if (w.wio.extra[k] == ev.ino && watch_events_files(&ev)) {
                                double at = now + DEBOUNCE_FILES;

                                reanalyse = reanalyse >= 0 ? min2(reanalyse, at) : at;
                                watch_events_rewatch(&ev, opt); /* a new vmnet directory */
                        } else if (w.wio.extra[k] == ev.nl_fd && watch_events_netlink(&ev)) {
                                double at = now + DEBOUNCE_NETLINK;

                                if (reanalyse < 0)
                                        reanalyse = at;
                        }
                }
                if (sk.out.error) {
                        fprintf(stderr, "vnetaudit: cannot write events: %s\n", strerror(-sk.out.error));
                        status = EX_IOERR;
                        break;
                }
        }
        mail_flush(&sk.mail, watch_io_ops.now(&w.wio), true);       /* what is pending */
        watch_out_stopping();
        if (opt->verbose)
                fprintf(stderr, "vnetaudit: watch: %lu rounds, %lu probes sent, %lu ARP frames heard, "
                        "%lu events\n", w.rounds, w.sent, w.frames, sk.out.events);
out:
        watch_events_close(&ev);
        watch_free(&w);
        return status;
}
