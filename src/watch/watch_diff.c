/*
 * watch_diff.c - the reported set of `watch` and its events (watch_diff.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "report_findings.h"
#include "watch_diff.h"

static const char *const ev_names[] = {
        [WATCH_EV_NEW] = "new",
        [WATCH_EV_CHANGED] = "changed",
        [WATCH_EV_RESOLVED] = "resolved",
};

const char *watch_event_name(enum watch_event ev)
{
        return ev <= WATCH_EV_RESOLVED ? ev_names[ev] : "?";
}

static void fact_free(struct watch_fact *f)
{
        free(f->key);
        free(f->fingerprint);
        free(f->json);
        free(f->code);
        free(f->severity);
        free(f->message);
        free(f->network);
        free(f->address);
        free(f->mac);
        *f = (struct watch_fact){ 0 };
}

static char *dup_or_null(const char *s, bool *fail)
{
        char *d;

        if (!s)
                return NULL;
        if (!(d = strdup(s)))
                *fail = true;
        return d;
}

static int fact_make(const struct finding *f, struct watch_fact *ret)
{
        struct finding_list one = { .v = (struct finding *)f, .n = 1, .cap = 1 };
        json_object *arr = report_findings_array(&one);
        bool fail = false;

        *ret = (struct watch_fact){ 0 };
        if (!arr)
                return -ENOMEM;
        ret->json = dup_or_null(json_object_to_json_string_ext(json_object_array_get_idx(arr, 0),
                                                               JSON_C_TO_STRING_PLAIN), &fail);
        json_object_put(arr);
        ret->key = finding_key(f);
        ret->code = dup_or_null(finding_code_name(f->code), &fail);
        ret->severity = dup_or_null(severity_name(f->severity), &fail);
        ret->message = dup_or_null(f->message, &fail);
        ret->network = dup_or_null(f->n_networks ? f->networks[0] : NULL, &fail);
        ret->address = dup_or_null(f->n_addresses ? f->addresses[0] : NULL, &fail);
        ret->mac = dup_or_null(f->mac, &fail);
        if (asprintf(&ret->fingerprint, "%s\n%s\n%s\n%s", ret->severity ? ret->severity : "",
                     f->message ? f->message : "", f->mac ? f->mac : "",
                     f->interface ? f->interface : "") < 0)
                ret->fingerprint = NULL;
        if (fail || !ret->key || !ret->json || !ret->fingerprint) {
                fact_free(ret);
                return -ENOMEM;
        }
        return 0;
}

int watch_diff_update(struct watch_diff *d, const struct finding *const *view, size_t n,
                      watch_emit_fn emit, void *ud)
{
        static struct watch_fact next[WATCH_MAX_FINDINGS];      /* one watcher per process */
        bool seen[WATCH_MAX_FINDINGS] = { false };
        size_t nn = 0;
        unsigned long overflow = 0;

        for (size_t i = 0; i < n; i++) {
                bool dup = false;

                if (nn >= WATCH_MAX_FINDINGS) {
                        overflow++;
                        continue;
                }
                if (fact_make(view[i], &next[nn]) < 0) {
                        while (nn)
                                fact_free(&next[--nn]);
                        return -ENOMEM;
                }
                for (size_t k = 0; k < nn && !dup; k++)
                        dup = strcmp(next[k].key, next[nn].key) == 0;
                if (dup)
                        fact_free(&next[nn]);
                else
                        nn++;
        }
        for (size_t i = 0; i < nn; i++) {
                size_t k;

                for (k = 0; k < d->n; k++)
                        if (strcmp(d->facts[k].key, next[i].key) == 0)
                                break;
                if (k == d->n) {
                        emit(ud, WATCH_EV_NEW, &next[i]);
                        continue;
                }
                seen[k] = true;
                if (strcmp(d->facts[k].fingerprint, next[i].fingerprint) != 0)
                        emit(ud, WATCH_EV_CHANGED, &next[i]);
        }
        for (size_t k = 0; k < d->n; k++)
                if (!seen[k])
                        emit(ud, WATCH_EV_RESOLVED, &d->facts[k]);
        for (size_t k = 0; k < d->n; k++)
                fact_free(&d->facts[k]);
        memcpy(d->facts, next, nn * sizeof(next[0]));
        memset(next, 0, nn * sizeof(next[0]));
        d->n = nn;
        d->overflow = overflow;
        return 0;
}

void watch_diff_free(struct watch_diff *d)
{
        for (size_t k = 0; k < d->n; k++)
                fact_free(&d->facts[k]);
        d->n = 0;
}
