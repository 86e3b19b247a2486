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

/* The fields of a finding after its code, severity, message and hint, in
 * one table that both renderers walk (iproute2's PRINT_ANY idea): a JSON
 * key, a text label and a typed value.  A field added here appears in
 * `--json` and in the text block alike. */
enum ff_kind {
        FF_ABSENT,              /* no key, no line */
        FF_LIST,                /* JSON array; text "label  a, b" (no line when empty) */
        FF_STR,                 /* JSON string or null; text line only when set */
        FF_INT,
};

struct ff_value {
        enum ff_kind kind;
        char *const *v;
        size_t n;
        const char *s;
        long long i;
};

struct finding_field {
        const char *key, *label;
        struct ff_value (*get)(const struct finding *f);
        bool skip_named;        /* text: an entry the message already names is left out */
};

#define FF_LISTV(vv, nn) ((struct ff_value){ .kind = FF_LIST, .v = (vv), .n = (nn) })
#define FF_STRV(ss) ((struct ff_value){ .kind = FF_STR, .s = (ss) })

static struct ff_value ff_networks(const struct finding *f) { return FF_LISTV(f->networks, f->n_networks); }
static struct ff_value ff_addresses(const struct finding *f) { return FF_LISTV(f->addresses, f->n_addresses); }
static struct ff_value ff_origins(const struct finding *f) { return FF_LISTV(f->origins, f->n_origins); }
static struct ff_value ff_mac(const struct finding *f) { return FF_STRV(f->mac); }
static struct ff_value ff_vendor(const struct finding *f) { return FF_STRV(f->vendor); }
static struct ff_value ff_interface(const struct finding *f) { return FF_STRV(f->interface); }

/* fleet only: absent when empty */
static struct ff_value ff_hosts(const struct finding *f)
{
        return f->n_hosts ? FF_LISTV(f->hosts, f->n_hosts) : (struct ff_value){ .kind = FF_ABSENT };
}

/* only for tagged answers: other findings keep their keys */
static struct ff_value ff_vlan(const struct finding *f)
{
        return f->vlan ? (struct ff_value){ .kind = FF_INT, .i = f->vlan_id } :
                         (struct ff_value){ .kind = FF_ABSENT };
}

static const struct finding_field finding_fields[] = {
        { "networks", "networks", ff_networks, false },
        { "addresses", "addresses", ff_addresses, false },
        { "origins", "where", ff_origins, true },
        { "hosts", "hosts", ff_hosts, false },
        { "mac", "mac", ff_mac, false },
        { "vendor", "vendor", ff_vendor, false },
        { "interface", "interface", ff_interface, false },
        { "vlan", "vlan", ff_vlan, false },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static json_object *ff_json(const struct ff_value *v)
{
        json_object *a;

        switch (v->kind) {
        case FF_LIST:
                a = json_object_new_array();
                for (size_t k = 0; a && k < v->n; k++)
                        json_object_array_add(a, json_str(v->v[k]));
                return a;
        case FF_STR: return json_str(v->s);
        case FF_INT: return json_object_new_int64(v->i);
        case FF_ABSENT: break;
        }
        return NULL;
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
        for (size_t i = 0; i < N(finding_fields); i++) {
                struct ff_value v = finding_fields[i].get(f);

                if (v.kind != FF_ABSENT)
                        json_put(o, finding_fields[i].key, ff_json(&v));
        }
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
        for (size_t i = 0; i < N(finding_fields); i++) {
                const struct finding_field *ff = &finding_fields[i];
                struct ff_value v = ff->get(fd);
                size_t shown = 0;

                if (v.kind == FF_STR && v.s) {
                        fprintf(f, "  %-10s", ff->label);
                        put_esc(f, v.s);
                        fputc('\n', f);
                } else if (v.kind == FF_INT) {
                        fprintf(f, "  %-10s%lld\n", ff->label, v.i);
                }
                for (size_t k = 0; v.kind == FF_LIST && k < v.n; k++) {
                        /* a file:line the message already names is not repeated */
                        if (ff->skip_named && fd->message && names_origin(fd->message, v.v[k]))
                                continue;
                        if (!shown++)
                                fprintf(f, "  %-10s", ff->label);
                        else
                                fputs(", ", f);
                        put_esc(f, v.v[k]);
                }
                if (shown)
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
