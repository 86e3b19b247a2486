/*
 * report_findings.c - text and JSON renderings of a finding list.  Every
 * string from the outside world (interface and network names, file names,
 * messages quoting them) is escaped: control and non-UTF-8 bytes become
 * \xNN on the terminal, and reach json-c only as valid UTF-8.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "report_findings.h"
#include "report_probes.h"
#include "textesc.h"

/* The list fields of a finding: JSON key, text label. */
struct list_field {
        const char *key, *label;
        size_t off_v, off_n;
};

#define LIST_FIELD(k, l, v, n) { k, l, offsetof(struct finding, v), offsetof(struct finding, n) }
static const struct list_field list_fields[] = {
        LIST_FIELD("networks", "networks", networks, n_networks),
        LIST_FIELD("addresses", "addresses", addresses, n_addresses),
        LIST_FIELD("origins", "where", origins, n_origins),
        LIST_FIELD("hosts", "hosts", hosts, n_hosts),   /* fleet only: absent when empty */
};

struct str_field {
        const char *key, *label;
        size_t off;
};

#define STR_FIELD(k, l, m) { k, l, offsetof(struct finding, m) }
static const struct str_field str_fields[] = {
        STR_FIELD("mac", "mac", mac),
        STR_FIELD("vendor", "vendor", vendor),
        STR_FIELD("interface", "interface", interface),
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static char **list_v(const struct finding *f, const struct list_field *lf)
{
        return *(char **const *)((const char *)f + lf->off_v);
}

static size_t list_n(const struct finding *f, const struct list_field *lf)
{
        return *(const size_t *)((const char *)f + lf->off_n);
}

static const char *str_v(const struct finding *f, const struct str_field *sf)
{
        return *(const char *const *)((const char *)f + sf->off);
}

/* [{"code", "addresses"}]: the findings that explain each other. */
static json_object *related_json(const struct finding *f)
{
        json_object *a = json_object_new_array();

        for (size_t i = 0; a && i < f->n_related; i++) {
                json_object *o = json_object_new_object(), *ad = json_object_new_array();

                for (size_t k = 0; ad && k < f->related[i].n_addresses; k++)
                        json_object_array_add(ad, json_str(f->related[i].addresses[k]));
                if (!o) {
                        json_object_put(ad);
                        continue;
                }
                json_put(o, "code", json_object_new_string(finding_code_name(f->related[i].code)));
                json_put(o, "addresses", ad);
                json_object_array_add(a, o);
        }
        return a;
}

static json_object *finding_json(const struct finding *f)
{
        json_object *o = json_object_new_object();

        if (!o)
                return NULL;
        json_put(o, "code", json_object_new_string(finding_code_name(f->code)));
        json_put(o, "severity", json_object_new_string(severity_name(f->severity)));
        json_put(o, "message", json_str(f->message));
        json_put(o, "hint", json_str(f->hint));
        for (size_t i = 0; i < N(list_fields); i++) {
                json_object *a = json_object_new_array();

                for (size_t k = 0; a && k < list_n(f, &list_fields[i]); k++)
                        json_object_array_add(a, json_str(list_v(f, &list_fields[i])[k]));
                if (list_fields[i].off_v == offsetof(struct finding, hosts) && !f->n_hosts)
                        json_object_put(a);
                else
                        json_put(o, list_fields[i].key, a);
        }
        for (size_t i = 0; i < N(str_fields); i++)
                json_put(o, str_fields[i].key, json_str(str_v(f, &str_fields[i])));
        if (f->vlan)            /* only for tagged answers: other findings keep their keys */
                json_put(o, "vlan", json_object_new_int((int)f->vlan_id));
        if (f->n_related)
                json_put(o, "related", related_json(f));
        return o;
}

json_object *report_findings_array(const struct finding_list *l)
{
        json_object *a = json_object_new_array();

        for (size_t i = 0; a && i < l->n; i++) {
                json_object *o = finding_json(&l->v[i]);

                if (!o) {
                        json_object_put(a);
                        return NULL;
                }
                json_object_array_add(a, o);
        }
        return a;
}

json_object *report_findings_json(const struct finding_list *l, const struct findings_report *r)
{
        json_object *doc = json_object_new_object(), *sum, *pr, *ifs, *arr;
        const struct probe_summary *p = r ? r->probes : NULL;

        if (!doc)
                return NULL;
        if (!(arr = report_findings_array(l))) {
                json_object_put(doc);
                return NULL;
        }
        json_put(doc, "version", json_object_new_int(1));
        json_put(doc, "host", json_str(r && r->host ? r->host : NULL));
        json_put(doc, "findings", arr);
        if ((sum = json_object_new_object())) {
                json_put(sum, "errors", json_object_new_int64((int64_t)finding_count(l, SEV_ERROR)));
                json_put(sum, "warnings", json_object_new_int64((int64_t)finding_count(l, SEV_WARNING)));
                json_put(sum, "infos", json_object_new_int64((int64_t)finding_count(l, SEV_INFO)));
                if (r)
                        json_put(sum, "networks", json_object_new_int64((int64_t)r->n_networks));
        }
        json_put(doc, "summary", sum);
        if ((pr = json_object_new_object())) {
                json_put(pr, "sent", json_object_new_int64(p ? (int64_t)p->sent : 0));
                ifs = json_object_new_array();
                for (size_t i = 0; ifs && p && i < p->n_ifaces; i++)
                        json_object_array_add(ifs, json_str(p->ifaces[i]));
                json_put(pr, "interfaces", ifs);
                json_put(pr, "seconds", json_object_new_double(p ? p->seconds : 0));
                json_put(pr, "addresses", json_object_new_int64(p ? (int64_t)p->n_targets : 0));
                json_put(pr, "drops", json_object_new_int64(p ? (int64_t)p->drops : 0));
                report_probes_json(pr, p);
        }
        json_put(doc, "probes", pr);
        return doc;
}

static const char *plural(size_t n, const char *one, const char *many)
{
        return n == 1 ? one : many;
}

char *report_findings_summary(const struct finding_list *l)
{
        size_t e = finding_count(l, SEV_ERROR), w = finding_count(l, SEV_WARNING);
        size_t i = finding_count(l, SEV_INFO);
        char *s;

        if (asprintf(&s, "%zu %s, %zu %s, %zu %s", e, plural(e, "error", "errors"), w,
                     plural(w, "warning", "warnings"), i, plural(i, "info", "infos")) < 0)
                return NULL;
        return s;
}

/* Writes s escaped for a terminal. */
static void put_esc(FILE *f, const char *s)
{
        char *e = textesc(s, true);

        fputs(e ? e : "?", f);
        free(e);
}

/* Does msg name origin o, as itself ("f:1" is not a part of "f:10")? */
static bool names_origin(const char *msg, const char *o)
{
        size_t n = o ? strlen(o) : 0;

        for (const char *p = msg; n && p && (p = strstr(p, o)); p++)
                if (p[n] < '0' || p[n] > '9')
                        return true;
        return false;
}

static void text_block(FILE *f, const struct finding *fd)
{
        fprintf(f, "%s: %s\n  ", severity_name(fd->severity), finding_code_name(fd->code));
        put_esc(f, fd->message);
        fputc('\n', f);
        for (size_t i = 0; i < N(list_fields); i++) {
                size_t n = list_n(fd, &list_fields[i]), shown = 0;

                for (size_t k = 0; k < n; k++) {
                        const char *v = list_v(fd, &list_fields[i])[k];

                        /* a file:line the message already names is not repeated */
                        if (list_fields[i].off_v == offsetof(struct finding, origins) &&
                            fd->message && names_origin(fd->message, v))
                                continue;
                        if (!shown++)
                                fprintf(f, "  %-10s", list_fields[i].label);
                        else
                                fputs(", ", f);
                        put_esc(f, v);
                }
                if (shown)
                        fputc('\n', f);
        }
        for (size_t i = 0; i < N(str_fields); i++) {
                const char *v = str_v(fd, &str_fields[i]);

                if (!v)
                        continue;
                fprintf(f, "  %-10s", str_fields[i].label);
                put_esc(f, v);
                fputc('\n', f);
        }
        for (size_t i = 0; i < fd->n_related; i++) {
                fprintf(f, "  %-10s%s", "see also", finding_code_name(fd->related[i].code));
                for (size_t k = 0; k < fd->related[i].n_addresses; k++) {
                        fputs(k ? ", " : " ", f);
                        put_esc(f, fd->related[i].addresses[k]);
                }
                fputc('\n', f);
        }
        fprintf(f, "  %-10s", "hint");
        put_esc(f, fd->hint);
        fputs("\n\n", f);
}

int report_findings_text(FILE *f, const struct finding_list *l, const struct findings_report *r)
{
        const struct probe_summary *p = r ? r->probes : NULL;
        char *sum = report_findings_summary(l);

        for (size_t i = 0; i < l->n; i++)
                text_block(f, &l->v[i]);
        fprintf(f, "%s: %s", l->n ? "vnetaudit" : "vnetaudit: no conflicts", sum ? sum : "?");
        if (r)
                fprintf(f, " in %zu %s", r->n_networks, plural(r->n_networks, "network", "networks"));
        if (p && p->ran) {
                fprintf(f, "; probed %zu %s on ", p->n_targets, plural(p->n_targets, "address", "addresses"));
                for (size_t i = 0; i < p->n_ifaces; i++) {
                        fputs(i ? "," : "", f);
                        put_esc(f, p->ifaces[i]);
                }
                fprintf(f, " in %.1f s", p->seconds);
        } else if (p) {
                fputs("; no probes sent", f);
        }
        fputc('\n', f);
        free(sum);
        return ferror(f) ? -EIO : 0;
}
