/*
 * watch_sched.c - round scheduling of `watch` (see watch_sched.h).
 */
#include <sys/random.h>
#include <time.h>

#include "watch_sched.h"

/* xorshift64*: jitter only, not security. */
static double rand01(uint64_t *s)
{
        *s ^= *s >> 12;
        *s ^= *s << 25;
        *s ^= *s >> 27;
        return (double)((*s * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

void watch_sched_init(struct watch_sched *s, double interval, uint64_t seed, double now)
{
        *s = (struct watch_sched){ .interval = interval, .rng = seed, .next = now };
        if (!s->rng && (getrandom(&s->rng, sizeof(s->rng), 0) != sizeof(s->rng) || !s->rng))
                s->rng = (uint64_t)time(NULL) | 1;
}

void watch_sched_done(struct watch_sched *s, double now, bool ok)
{
        unsigned mult = 1;

        if (ok) {
                s->failures = 0;
        } else {
                if (s->failures < 31)
                        s->failures++;
                for (unsigned i = 0; i < s->failures && mult < WATCH_MAX_BACKOFF; i++)
                        mult *= 2;
                if (mult > WATCH_MAX_BACKOFF)
                        mult = WATCH_MAX_BACKOFF;
        }
        s->next = now + s->interval * mult * (1.0 - WATCH_JITTER + 2.0 * WATCH_JITTER * rand01(&s->rng));
}

bool watch_sched_due(const struct watch_sched *s, double now)
{
        return now >= s->next;
}

double watch_sched_window(double interval, double timeout, bool timeout_set)
{
        double w = timeout_set ? timeout : interval / 4;

        if (w > interval / 2)
                w = interval / 2;
        if (w > WATCH_MAX_WINDOW)
                w = WATCH_MAX_WINDOW;
        return w;
}
