/*
 * audit_export.c - audit --export and --metrics.  The export is the very
 * document `list --json` prints, so `fleet` reads one format whichever way
 * it was collected.  The metrics follow the Prometheus text exposition
 * format: label values escaped (\\, \", \n) after any byte that is not
 * UTF-8 became \xNN text, one sample per (severity, code, network).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "audit_export.h"
#include "gather.h"
#include "jsonout.h"
#include "report_list.h"
#include "textesc.h"

/* A host name as a file name: no '/', no leading '.', nothing empty. */
static void file_name(const char *host, char *out, size_t size)
{
        size_t k = 0;

        for (const char *p = host; *p && k + 6 < size; p++) {
                bool bad = *p == '/' || (unsigned char)*p < 0x20 || (k == 0 && *p == '.');

                out[k++] = bad ? '_' : *p;
        }
        if (!k)
                out[k++] = '_';
        strcpy(out + k, ".json");
}

char *audit_export_path(const char *dir, const char *host)
{
        char name[300], *path;

        file_name(host && *host ? host : "localhost", name, sizeof(name));
        return asprintf(&path, "%s/%s", dir, name) < 0 ? NULL : path;
}

int audit_export_doc(const struct inventory *inv, char **ret_text, size_t *ret_len)
{
        json_object *doc = report_list_json(inv);
        const char *text;
        char *buf = NULL;
        size_t len;

        if (doc && (text = json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
                                                               JSON_C_TO_STRING_NOSLASHESCAPE)) &&
            (buf = malloc((len = strlen(text)) + 1))) {
                memcpy(buf, text, len);
                buf[len] = '\n';
                *ret_text = buf;
                *ret_len = len + 1;
        }
        json_object_put(doc);
        return buf ? 0 : -ENOMEM;
}

int audit_export_text(const struct options *opt, char **ret_text, size_t *ret_len, char **ret_host,
                      char *msg, size_t size)
{
        struct inventory inv;
        int r;

        inventory_init(&inv);
        if ((r = gather_inventory(opt, &inv)) < 0)
                snprintf(msg, size, "cannot read the host's network state: %s", strerror(-r));
        else if ((r = audit_export_doc(&inv, ret_text, ret_len)) < 0 ||
                 (ret_host && !(*ret_host = strdup(inv.hostname ? inv.hostname : "localhost")))) {
                if (r == 0)
                        free(*ret_text);
                r = -ENOMEM;
                snprintf(msg, size, "out of memory");
        }
        inventory_free(&inv);
        return r;
}

int audit_export_inventory(const struct options *opt, const char *dir, char *msg, size_t size)
{
        char *text = NULL, *host = NULL, *path = NULL;
        size_t len;
        int r;

        if ((r = audit_export_text(opt, &text, &len, &host, msg, size)) < 0)
                return r;
        if (!(path = audit_export_path(dir, host))) {
                r = -ENOMEM;
                snprintf(msg, size, "out of memory");
        } else if ((r = atomic_write_file(path, text, len, 0644)) < 0) {
                snprintf(msg, size, "cannot write %s: %s", path, strerror(-r));
        }
        free(path);
        free(host);
        free(text);
        return r;
}

/* A label value: UTF-8, with \\, \" and \n escaped. */
static void put_label(FILE *f, const char *s)
{
        char *e = textesc(s, false);

        for (const char *p = e ? e : "?"; *p; p++) {
                if (*p == '\\' || *p == '"')
                        fputc('\\', f), fputc(*p, f);
                else if (*p == '\n')
                        fputs("\\n", f);
                else
                        fputc(*p, f);
        }
        free(e);
}

struct sample {
        const struct finding *f;
        const char *net;
};

static int cmp_sample(const void *pa, const void *pb)
{
        const struct sample *a = pa, *b = pb;
        int c;

        if (a->f->severity != b->f->severity)
                return a->f->severity > b->f->severity ? -1 : 1;
        if ((c = strcmp(finding_code_name(a->f->code), finding_code_name(b->f->code))))
                return c;
        return strcmp(a->net, b->net);
}

static bool same_labels(const struct sample *a, const struct sample *b)
{
        return a->f->severity == b->f->severity && a->f->code == b->f->code && strcmp(a->net, b->net) == 0;
}

char *audit_metrics_text(const struct audit_metrics *m)
{
        const struct finding_list *l = m->findings;
        struct sample *v = NULL;
        size_t n = 0, len = 0;
        char *buf = NULL;
        FILE *f = open_memstream(&buf, &len);

        if (!f)
                return NULL;
        for (size_t i = 0; l && i < l->n; i++)
                n += l->v[i].n_networks ? l->v[i].n_networks : 1;
        if (n && !(v = calloc(n, sizeof(*v)))) {
                fclose(f);
                free(buf);
                return NULL;
        }
        n = 0;
        for (size_t i = 0; l && i < l->n; i++) {
                if (!l->v[i].n_networks)
                        v[n++] = (struct sample){ &l->v[i], "" };
                for (size_t k = 0; k < l->v[i].n_networks; k++)
                        v[n++] = (struct sample){ &l->v[i], l->v[i].networks[k] };
        }
        if (n > 1)
                qsort(v, n, sizeof(*v), cmp_sample);
        fputs("# HELP vnetaudit_findings Findings of the last audit, by severity, code and network involved.\n"
              "# TYPE vnetaudit_findings gauge\n", f);
        for (size_t i = 0, count = 1; i < n; i++, count++) {
                if (i + 1 < n && same_labels(&v[i], &v[i + 1]))
                        continue;
                fprintf(f, "vnetaudit_findings{severity=\"%s\",code=\"%s\",network=\"",
                        severity_name(v[i].f->severity), finding_code_name(v[i].f->code));
                put_label(f, v[i].net);
                fprintf(f, "\"} %zu\n", count);
                count = 0;
        }
        fprintf(f, "# HELP vnetaudit_last_run_timestamp_seconds When the last audit ran (Unix time).\n"
                   "# TYPE vnetaudit_last_run_timestamp_seconds gauge\n"
                   "vnetaudit_last_run_timestamp_seconds %lld\n"
                   "# HELP vnetaudit_last_run_success 1 when the last audit could be done, 0 when it failed.\n"
                   "# TYPE vnetaudit_last_run_success gauge\n"
                   "vnetaudit_last_run_success %d\n"
                   "# HELP vnetaudit_probe_seconds How long the last audit's ARP and NDP probes took.\n"
                   "# TYPE vnetaudit_probe_seconds gauge\n"
                   "vnetaudit_probe_seconds %.3f\n"
                   "# HELP vnetaudit_networks Virtual networks the last audit checked.\n"
                   "# TYPE vnetaudit_networks gauge\n"
                   "vnetaudit_networks %zu\n",
                m->timestamp, m->success ? 1 : 0, m->probe_seconds, m->n_networks);
        free(v);
        if (fclose(f) != 0) {
                free(buf);
                return NULL;
        }
        return buf;
}

int audit_metrics_write(const char *path, const struct audit_metrics *m)
{
        char *text = audit_metrics_text(m);
        int r;

        if (!text)
                return -ENOMEM;
        r = atomic_write_file(path, text, strlen(text), 0644);
        free(text);
        return r;
}
