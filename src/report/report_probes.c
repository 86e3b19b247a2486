/*
 * report_probes.c - JSON detail of the probe phase: each interface's
 * status and counts, each address's state and answers.  Names reach
 * json-c only through json_str (escaped to valid UTF-8).
 */
#include <stdint.h>

#include "inventory.h"
#include "jsonout.h"
#include "report_probes.h"

static json_object *if_json(const struct probe_if_report *r)
{
        json_object *o = json_object_new_object();

        if (!o)
                return NULL;
        json_put(o, "interface", json_str(r->name));
        json_put(o, "status", json_object_new_string(probe_if_status_name(r->status)));
        json_put(o, "reason", r->reason[0] ? json_str(r->reason) : NULL);
        json_put(o, "sent", json_object_new_int64((int64_t)r->sent));
        json_put(o, "received", json_object_new_int64((int64_t)r->received));
        json_put(o, "first_send", r->first_send >= 0 ? json_object_new_double(r->first_send) : NULL);
        json_put(o, "last_send", r->last_send >= 0 ? json_object_new_double(r->last_send) : NULL);
        return o;
}

static json_object *addr_json(const struct probe_summary *p, const struct probe_addr_report *a)
{
        json_object *o = json_object_new_object(), *claims = json_object_new_array();

        if (!o || !claims) {
                json_object_put(o);
                json_object_put(claims);
                return NULL;
        }
        json_put(o, "address", json_str(a->address));
        json_put(o, "network", json_str(a->network));
        json_put(o, "state", json_object_new_string(probe_state_name(a->state)));
        for (size_t i = 0; i < a->n_claims; i++) {
                const struct probe_claim *c = &a->claims[i];
                json_object *co = json_object_new_object();
                char mac[MAC_STRLEN];

                if (!co)
                        continue;
                mac_format(c->mac, mac);
                json_put(co, "mac", json_object_new_string(mac));
                json_put(co, "interface", c->iface < p->n_ifaces ? json_str(p->if_reports[c->iface].name) : NULL);
                json_put(co, "probe", json_object_new_boolean(c->probe));
                json_put(co, "seconds", json_object_new_double(c->at));
                json_object_array_add(claims, co);
        }
        json_put(o, "claims", claims);
        return o;
}

void report_probes_json(json_object *probes, const struct probe_summary *p)
{
        json_object *ifs = json_object_new_array(), *res = json_object_new_array();

        for (size_t k = 0; ifs && p && p->if_reports && k < p->n_ifaces; k++)
                json_object_array_add(ifs, if_json(&p->if_reports[k]));
        for (size_t i = 0; res && p && p->addrs && i < p->n_addrs; i++)
                json_object_array_add(res, addr_json(p, &p->addrs[i]));
        json_put(probes, "interface_status", ifs);
        json_put(probes, "results", res);
        json_put(probes, "window", json_object_new_double(p ? p->window : 0));
}
