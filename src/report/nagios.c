/*
 * nagios.c - the monitoring-plugins output.  Perfdata follows the plugin
 * guidelines: 'label'=value[UOM];[warn];[crit];[min];[max], the warn and
 * crit fields being the ranges that decide the status.  Text that comes
 * from configuration (messages, network names) cannot start perfdata or a
 * new line: '|' becomes '/', control bytes become spaces.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nagios.h"

static const char *const status_names[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };

#define NAGIOS_LINE_MAX 300             /* bytes of one finding in the long output */
#define NAGIOS_WORST_MAX 3              /* networks named in the first line */

static int parse_bound(const char *s, size_t len, double *ret)
{
        char buf[32], *end;

        if (len == 0 || len >= sizeof(buf))
                return -EINVAL;
        memcpy(buf, s, len);
        buf[len] = '\0';
        errno = 0;
        *ret = strtod(buf, &end);
        if (errno || *end || !isfinite(*ret))
                return -EINVAL;
        return 0;
}

int nagios_range_parse(const char *s, struct nagios_range *ret)
{
        struct nagios_range r = { .start = 0, .end = HUGE_VAL };
        const char *p = s, *colon;

        if (!s || strlen(s) >= sizeof(r.text))
                return -EINVAL;
        snprintf(r.text, sizeof(r.text), "%s", s);
        if (*p == '@') {
                r.inside = true;
                p++;
        }
        colon = strchr(p, ':');
        if (colon) {
                if (colon - p == 1 && *p == '~')
                        r.start = -HUGE_VAL;
                else if (parse_bound(p, (size_t)(colon - p), &r.start) < 0)
                        return -EINVAL;
                if (colon[1] && parse_bound(colon + 1, strlen(colon + 1), &r.end) < 0)
                        return -EINVAL;
        } else if (parse_bound(p, strlen(p), &r.end) < 0)
                return -EINVAL;
        if (r.start > r.end)
                return -EINVAL;
        *ret = r;
        return 0;
}

bool nagios_range_alert(const struct nagios_range *r, double v)
{
        bool in = v >= r->start && v <= r->end;

        return r->inside ? in : !in;
}

static const struct nagios_range zero = { .start = 0, .end = 0, .text = "0" };

enum nagios_status nagios_status_of(const struct nagios_report *r)
{
        size_t errors = finding_count(r->findings, SEV_ERROR);
        size_t warnings = finding_count(r->findings, SEV_WARNING);

        if (nagios_range_alert(r->crit ? r->crit : &zero, (double)errors))
                return NAGIOS_CRITICAL;
        if (errors || nagios_range_alert(r->warn ? r->warn : &zero, (double)warnings))
                return NAGIOS_WARNING;
        return NAGIOS_OK;
}

/* s, at most max bytes, with '|' and control bytes made harmless. */
static void put_clean(FILE *f, const char *s, size_t max)
{
        size_t n = 0;

        for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++, n++) {
                if (n == max) {
                        fputs("...", f);
                        return;
                }
                fputc(*p == '|' ? '/' : (*p < 0x20 || *p == 0x7f) ? ' ' : *p, f);
        }
}

static void plural(FILE *f, size_t n, const char *word)
{
        fprintf(f, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

/* The networks of the findings of severity sev, first seen first. */
static void worst_networks(FILE *f, const struct finding_list *l, enum severity sev)
{
        size_t shown = 0, more = 0;

        for (size_t i = 0; i < l->n; i++) {
                if (l->v[i].severity != sev)
                        continue;
                for (size_t k = 0; k < l->v[i].n_networks; k++) {
                        const char *id = l->v[i].networks[k];
                        bool seen = false;

                        for (size_t j = 0; j <= i && !seen; j++) {
                                if (l->v[j].severity != sev)
                                        continue;
                                for (size_t m = 0; m < (j == i ? k : l->v[j].n_networks) && !seen; m++)
                                        seen = strcmp(l->v[j].networks[m], id) == 0;
                        }
                        if (seen)
                                continue;
                        if (shown == NAGIOS_WORST_MAX) {
                                more++;
                                continue;
                        }
                        fputs(shown++ ? ", " : ": ", f);
                        put_clean(f, id, 64);
                }
        }
        if (more)
                fprintf(f, " and %zu more", more);
}

char *nagios_text(const struct nagios_report *r)
{
        const struct finding_list *l = r->findings;
        const struct nagios_range *w = r->warn ? r->warn : &zero, *c = r->crit ? r->crit : &zero;
        size_t errors = finding_count(l, SEV_ERROR), warnings = finding_count(l, SEV_WARNING);
        size_t infos = finding_count(l, SEV_INFO);
        enum nagios_status st = nagios_status_of(r);
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);

        if (!f)
                return NULL;
        fprintf(f, "VNETAUDIT %s - ", status_names[st]);
        if (!errors && !warnings)
                fprintf(f, "no errors or warnings in %zu network%s", r->n_networks, r->n_networks == 1 ? "" : "s");
        else {
                if (errors)
                        plural(f, errors, "error");
                if (errors && warnings)
                        fputs(", ", f);
                if (warnings)
                        plural(f, warnings, "warning");
                worst_networks(f, l, errors ? SEV_ERROR : SEV_WARNING);
        }
        fprintf(f, " | errors=%zu;;%s;0 warnings=%zu;%s;;0 infos=%zu;;;0 networks=%zu;;;0 "
                "probe_seconds=%.3fs;;;0 new=%zu;;;0 resolved=%zu;;;0\n",
                errors, c->text, warnings, w->text, infos, r->n_networks, r->probe_seconds,
                r->added, r->resolved);
        for (size_t i = 0; i < l->n; i++) {
                const struct finding *fd = &l->v[i];

                fprintf(f, "%s %s: ", severity_name(fd->severity), finding_code_name(fd->code));
                put_clean(f, fd->message, NAGIOS_LINE_MAX);
                fputc('\n', f);
        }
        if (fclose(f) != 0) {
                free(out);
                return NULL;
        }
        return out;
}

char *nagios_unknown_line(const char *reason)
{
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);

        if (!f)
                return NULL;
        fputs("VNETAUDIT UNKNOWN - ", f);
        put_clean(f, reason && *reason ? reason : "unknown error", 500);
        fputc('\n', f);
        if (fclose(f) != 0) {
                free(out);
                return NULL;
        }
        return out;
}
