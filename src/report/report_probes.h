/*
 * report_probes.h - the per-interface and per-address detail of a check's
 * probes in JSON ("interface_status", "results", "window" inside
 * "probes"): added keys, the older ones unchanged.
 */
#ifndef VNETAUDIT_REPORT_PROBES_H
#define VNETAUDIT_REPORT_PROBES_H

#include <json-c/json.h>

#include "report_findings.h"

/* Adds the detail keys to the "probes" object.  p may be NULL. */
void report_probes_json(json_object *probes, const struct probe_summary *p);

#endif
