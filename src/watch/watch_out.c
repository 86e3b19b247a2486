/*
 * watch_out.c - event lines, journal entries and sd_notify of `watch`
 * (see watch_out.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <time.h>
#include <unistd.h>

#include "textesc.h"
#include "watch_out.h"

bool watch_out_stdout_is_journal(void)
{
        const char *js = getenv("JOURNAL_STREAM");
        unsigned long long dev, ino;
        struct stat st;

        if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(STDOUT_FILENO, &st) < 0)
                return false;
        return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

static void now_iso(char buf[64])
{
        struct timespec ts;
        struct tm tm;

        clock_gettime(CLOCK_REALTIME, &ts);
        gmtime_r(&ts.tv_sec, &tm);
        snprintf(buf, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
}

static int priority(enum watch_event ev, const char *sev)
{
        if (ev == WATCH_EV_RESOLVED)
                return LOG_NOTICE;
        if (strcmp(sev, "error") == 0)
                return LOG_ERR;
        return strcmp(sev, "warning") == 0 ? LOG_WARNING : LOG_INFO;
}

void watch_out_emit(void *ud, enum watch_event ev, const struct watch_fact *f)
{
        struct watch_out *o = ud;
        char t[64];
        int r;

        o->events++;
        now_iso(t);
        if (o->journal) {
                char *msg = textesc(f->message, true);

                r = sd_journal_send("MESSAGE=%s %s %s: %s", watch_event_name(ev), f->severity, f->code,
                                    msg ? msg : "?",
                                    "PRIORITY=%d", priority(ev, f->severity),
                                    "SYSLOG_IDENTIFIER=vnetaudit",
                                    "VNETAUDIT_EVENT=%s", watch_event_name(ev),
                                    "VNETAUDIT_CODE=%s", f->code,
                                    "VNETAUDIT_SEVERITY=%s", f->severity,
                                    "VNETAUDIT_NETWORK=%s", f->network ? f->network : "",
                                    "VNETAUDIT_ADDRESS=%s", f->address ? f->address : "",
                                    "VNETAUDIT_MAC=%s", f->mac ? f->mac : "",
                                    "VNETAUDIT_FINDING=%s", f->json,
                                    NULL);
                free(msg);
                if (r < 0 && !o->error)
                        o->error = r;
                return;
        }
        if (o->json) {
                r = fprintf(o->f, "{\"event\":\"%s\",\"time\":\"%s\",\"finding\":%s}\n",
                            watch_event_name(ev), t, f->json);
        } else {
                char *msg = textesc(f->message, true);

                r = fprintf(o->f, "%s %s %s %s: %s\n", t, watch_event_name(ev), f->severity, f->code,
                            msg ? msg : "?");
                free(msg);
        }
        if ((r < 0 || fflush(o->f) != 0) && !o->error)
                o->error = -EIO;
}

void watch_out_ready(void)
{
        sd_notify(0, "READY=1\nSTATUS=watching");
}

double watch_out_watchdog_period(void)
{
        uint64_t usec = 0;

        if (sd_watchdog_enabled(0, &usec) <= 0 || !usec)
                return 0;
        return (double)usec / 2e6;      /* twice per period, as sd_watchdog_enabled(3) advises */
}

void watch_out_watchdog(void)
{
        sd_notify(0, "WATCHDOG=1");
}

void watch_out_stopping(void)
{
        sd_notify(0, "STOPPING=1");
}
