/*
 * diag.h - located diagnostics ("file:line: message") collected by parsers
 * and loaders.  Parsers never print; they append here and keep going, and
 * the report decides how to show them (stderr in text mode, JSON array).
 */
#ifndef VNETAUDIT_DIAG_H
#define VNETAUDIT_DIAG_H

#include <stddef.h>

#include "severity.h"

struct diag {
        char *file;             /* may be NULL for messages about no file */
        unsigned line;          /* 0 = the whole file */
        enum severity severity;
        char *message;
        size_t more;            /* > 0: this entry stands for that many left out */
};

struct diag_list {
        struct diag *v;
        size_t n, cap;
};

/* Bounds, so a hostile file cannot make the report huge: a message is
 * cut to DIAG_MESSAGE_MAX bytes (its head and tail, "…" between, at
 * character boundaries), and
 * after DIAG_MAX_PER_FILE diagnostics in a row about one file the rest
 * become one last entry "and M more diagnostics" of the highest severity
 * seen. */
#define DIAG_MESSAGE_MAX 200
#define DIAG_MAX_PER_FILE 20

/* Appends a diagnostic (or counts it in the file's "and M more").  0 or -ENOMEM. */
int diag_add(struct diag_list *l, const char *file, unsigned line, enum severity sev,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));
size_t diag_count(const struct diag_list *l, enum severity sev);
/* Appends a copy of every entry of src to dst.  0 or -ENOMEM. */
int diag_copy(struct diag_list *dst, const struct diag_list *src);
/* Moves every entry of src to the end of dst; src ends empty. */
int diag_move(struct diag_list *dst, struct diag_list *src);
void diag_list_free(struct diag_list *l);

#endif
