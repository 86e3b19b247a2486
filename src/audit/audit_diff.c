/*
 * audit_diff.c - new, resolved and unchanged findings by stable key.  Two
 * current findings with one key count once, as the state stores them.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "audit_diff.h"

void audit_diff_free(struct audit_diff *d)
{
        if (!d)
                return;
        free(d->added);
        free(d->resolved);
        *d = (struct audit_diff){ 0 };
}

int audit_diff_compute(const struct audit_state *old, const struct finding_list *cur,
                       struct audit_diff *ret)
{
        struct audit_diff d = { 0 };
        struct audit_state now = { 0 };
        bool *seen = NULL;
        int r;

        /* The current findings as a sorted key set, to look old keys up. */
        if ((r = audit_state_from_findings(cur, 0, &now)) < 0)
                return r;
        d.added = calloc(cur->n ? cur->n : 1, sizeof(*d.added));
        d.resolved = calloc(old->n ? old->n : 1, sizeof(*d.resolved));
        seen = calloc(now.n ? now.n : 1, sizeof(*seen));
        if (!d.added || !d.resolved || !seen)
                goto oom;
        for (size_t i = 0; i < cur->n; i++) {
                char *key = finding_key(&cur->v[i]);
                long at;

                if (!key)
                        goto oom;
                at = audit_state_find(&now, key);
                if (at >= 0 && !seen[at]) {
                        seen[at] = true;
                        if (audit_state_find(old, key) >= 0) {
                                d.n_unchanged++;
                        } else {
                                d.added[d.n_added++] = &cur->v[i];
                                if (cur->v[i].severity < _SEV_MAX)
                                        d.added_by_sev[cur->v[i].severity]++;
                        }
                }
                free(key);
        }
        for (size_t i = 0; i < old->n; i++)
                if (audit_state_find(&now, old->v[i].key) < 0 &&
                    (i == 0 || strcmp(old->v[i - 1].key, old->v[i].key) != 0)) {
                        d.resolved[d.n_resolved++] = &old->v[i];
                        if (old->v[i].severity < _SEV_MAX)
                                d.resolved_by_sev[old->v[i].severity]++;
                }
        free(seen);
        audit_state_free(&now);
        *ret = d;
        return 0;
oom:
        free(seen);
        audit_state_free(&now);
        audit_diff_free(&d);
        return -ENOMEM;
}
