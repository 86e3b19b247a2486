/*
 * watch_sched.h - when `watch` probes: one round per interval, each gap
 * jittered so that many hosts started together do not probe in step, a
 * back-off while rounds cannot probe (the LAN is down), and the probe
 * window of one round, which must fit well inside the interval.  Pure: the
 * caller hands in the time (the probe seam's clock), so a fake clock
 * drives it in tests.
 */
#ifndef VNETAUDIT_WATCH_SCHED_H
#define VNETAUDIT_WATCH_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#define WATCH_DEFAULT_INTERVAL 60.0
#define WATCH_MIN_INTERVAL 1.0
#define WATCH_MAX_INTERVAL 86400.0
#define WATCH_JITTER 0.1                /* each gap is interval x [0.9, 1.1] */
#define WATCH_MAX_BACKOFF 8u            /* at most 8 intervals between failing rounds */
#define WATCH_MAX_WINDOW 0.8            /* seconds: SIGTERM is answered within a second */

struct watch_sched {
        double interval;
        uint64_t rng;
        unsigned failures;              /* rounds in a row that could not probe */
        double next;                    /* when the next round is due */
};

/* The first round is due at now. seed 0 = random. */
void watch_sched_init(struct watch_sched *s, double interval, uint64_t seed, double now);

/* A round ended at now; ok is false when it could not probe on any
 * interface (the gap doubles up to WATCH_MAX_BACKOFF intervals). */
void watch_sched_done(struct watch_sched *s, double now, bool ok);

bool watch_sched_due(const struct watch_sched *s, double now);

/* The probe window of one round: --timeout when given, else a quarter of
 * the interval, never more than half the interval or WATCH_MAX_WINDOW. */
double watch_sched_window(double interval, double timeout, bool timeout_set);

#endif
