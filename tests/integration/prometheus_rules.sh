#!/usr/bin/env bash
# prometheus_rules.sh - contrib/prometheus: the alert rules are valid YAML
# of Prometheus' rule-file shape and use only metrics `audit --metrics`
# really writes (taken from a real run); with promtool present, `promtool
# check rules` and the rule unit tests (vnetaudit-rules.test.yml) run too.
# The suite does not install promtool (Debian ships it only inside the
# prometheus server package).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
PY=/usr/bin/python3
tmp=$(ns_tmpdir)
R=contrib/prometheus/vnetaudit-rules.yml
va_root --offline --libvirt-uri none --root tests/fixtures/check/overlap audit --state-dir "$tmp" \
        --metrics "$tmp/m.prom" >/dev/null 2>&1
check_eq "a real audit wrote metrics (exit 2: the overlap)" 2 "$?"
check "rules: rule-file shape, only metrics the audit writes, every alert annotated" $PY - "$R" "$tmp/m.prom" <<'PY'
import re, sys, yaml
from prometheus_client.parser import text_string_to_metric_families
doc = yaml.safe_load(open(sys.argv[1]))
written = {f.name for f in text_string_to_metric_families(open(sys.argv[2]).read())}
rules = [r for g in doc["groups"] for r in g["rules"]]
assert {r["alert"] for r in rules} == {"VnetauditConflict", "VnetauditNewConflict", "VnetauditStale", "VnetauditFailing"}
for r in rules:
    used = set(re.findall(r"\bvnetaudit_[a-z_]+", r["expr"]))
    assert used and used <= written, (r["alert"], used - written)
    assert r["labels"]["severity"] and r["annotations"]["summary"], r
PY
if command -v promtool >/dev/null; then
        check "promtool check rules" promtool check rules "$R"
        check "promtool test rules" sh -c "cd contrib/prometheus && promtool test rules vnetaudit-rules.test.yml"
else
        echo "# promtool not installed: rules checked for shape and metric names only"
fi
t_done
