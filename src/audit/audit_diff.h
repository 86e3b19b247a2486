/*
 * audit_diff.h - what changed since the last audit: the current findings
 * split into new and unchanged, and the remembered ones that are gone
 * (resolved), matched by finding_key().  Pure: no I/O.
 */
#ifndef VNETAUDIT_AUDIT_DIFF_H
#define VNETAUDIT_AUDIT_DIFF_H

#include <stddef.h>

#include "audit_state.h"
#include "findings.h"

struct audit_diff {
        const struct finding **added;           /* into the current list */
        size_t n_added;
        const struct audit_state_entry **resolved;  /* into the old state */
        size_t n_resolved;
        size_t n_unchanged;
        size_t added_by_sev[_SEV_MAX];
        size_t resolved_by_sev[_SEV_MAX];
};

/* old must be sorted (audit_state_sort; parse and from_findings do it).
 * Both inputs must outlive the diff.  0 or -ENOMEM. */
int audit_diff_compute(const struct audit_state *old, const struct finding_list *cur,
                       struct audit_diff *ret);
static inline int audit_diff_changed(const struct audit_diff *d)
{
        return d->n_added > 0 || d->n_resolved > 0;
}
void audit_diff_free(struct audit_diff *d);

#endif
