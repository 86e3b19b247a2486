#!/usr/bin/env bash
# audit_export.sh - `audit --export DIR` and `audit --metrics FILE`: the
# exported inventory is what `list --json` prints and `fleet` reads it; the
# metrics parse with Prometheus' own text-format parser (Debian's
# python3-prometheus-client; `promtool check metrics` too when promtool is
# installed) and say what the audit found; both files are replaced
# atomically (a reader racing the writer never sees a part), no temporary
# is left behind, and a failed audit or an unwritable target is reported.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
PY=/usr/bin/python3     # Debian's, where python3-prometheus-client lives
tmp=$(ns_tmpdir)
FX="$PWD/tests/fixtures/check/overlap"
mkdir -p "$tmp/exp" "$tmp/st" "$tmp/root/etc"
cp -r "$FX/etc/." "$tmp/root/etc/"
echo ws7 >"$tmp/root/etc/hostname"
echo 00112233445566778899aabbccddeeff >"$tmp/root/etc/machine-id"
aud() { va_root --offline --libvirt-uri none --root "$tmp/root" audit --state-dir "$tmp/st" "$@"; }

aud --export "$tmp/exp" --metrics "$tmp/m.prom" >"$tmp/out" 2>&1
check_eq "audit with --export and --metrics: exit 2 (the overlap)" 2 "$?"
check_eq "export: DIR/HOST.json and nothing else" "ws7.json" "$(ls -A "$tmp/exp")"
check_eq "metrics: no temporary left" "m.prom" "$(ls -A "$tmp" | grep prom)"
va_root --offline --libvirt-uri none --root "$tmp/root" list --json >"$tmp/list.json"
check "export: the list --json document (machine id, host from the root)" $PY - "$tmp/exp/ws7.json" "$tmp/list.json" <<'PY'
import json, sys
a, b = (json.load(open(p), strict=True) for p in sys.argv[1:3])
assert a.pop("timestamp") and b.pop("timestamp")
assert a == b
assert a["host"] == "ws7" and a["machine_id"] == "00112233445566778899aabbccddeeff"
PY
"$VNETAUDIT" fleet "$tmp/exp" >"$tmp/f" 2>&1
check "export: fleet reads the directory" grep -q 'fleet of 1 host from 1 inventory' "$tmp/f"
check "metrics: Prometheus' parser reads what the audit found" $PY - "$tmp/m.prom" <<'PY'
import sys, time
from prometheus_client.parser import text_string_to_metric_families
fams = {f.name: f for f in text_string_to_metric_families(open(sys.argv[1]).read())}
assert set(fams) == {"vnetaudit_findings", "vnetaudit_last_run_timestamp_seconds", "vnetaudit_last_run_success",
                     "vnetaudit_probe_seconds", "vnetaudit_networks"}, set(fams)
assert all(f.type == "gauge" for f in fams.values())
s = {tuple(sorted(x.labels.items())): x.value for x in fams["vnetaudit_findings"].samples}
assert s[(("code", "subnet-overlap"), ("network", "vmware:vmnet6"), ("severity", "error"))] == 1, s
assert s[(("code", "subnet-overlap"), ("network", "libvirt:default"), ("severity", "error"))] == 1, s
one = lambda n: fams[n].samples[0].value
assert one("vnetaudit_last_run_success") == 1
assert abs(one("vnetaudit_last_run_timestamp_seconds") - time.time()) < 300
assert one("vnetaudit_networks") == 3 and one("vnetaudit_probe_seconds") == 0
PY
if command -v promtool >/dev/null; then
        check "metrics: promtool check metrics" sh -c "promtool check metrics <'$tmp/m.prom'"
else
        echo "# promtool not installed: checked with python3-prometheus-client only"
fi

# Atomic replacement: a reader racing ten audits parses every version whole.
( for i in $(seq 1 10); do aud --export "$tmp/exp" --metrics "$tmp/m.prom" >/dev/null 2>&1; done; touch "$tmp/done" ) &
wpid=$!
check "atomic: every read of both files while they are rewritten parses" $PY - "$tmp" <<'PY'
import json, os, sys, time
from prometheus_client.parser import text_string_to_metric_families
t = sys.argv[1]; n = 0
while not os.path.exists(t + "/done") or n < 20:
    json.load(open(t + "/exp/ws7.json"), strict=True)
    txt = open(t + "/m.prom").read()
    assert txt.endswith("vnetaudit_networks 3\n"), txt[-80:]
    list(text_string_to_metric_families(txt))
    n += 1
    if n > 200000: break
PY
wait $wpid
check_eq "atomic: no temporaries left" "ws7.json" "$(ls -A "$tmp/exp")"

# The audit could not be done: success 0, no findings claimed.
aud --config /nonexistent/vnetaudit.conf --metrics "$tmp/m.prom" >/dev/null 2>&1
check_eq "failed audit: its own status (66)" 66 "$?"
check "failed audit: success 0 and no findings samples" $PY -c '
import sys
from prometheus_client.parser import text_string_to_metric_families
f = {x.name: x for x in text_string_to_metric_families(open(sys.argv[1]).read())}
assert f["vnetaudit_last_run_success"].samples[0].value == 0
assert not f["vnetaudit_findings"].samples' "$tmp/m.prom"
aud --export "$tmp/no/such/dir" >"$tmp/e" 2>&1
check_eq "unwritable --export: exit 73" 73 "$?"
check "unwritable --export: says where" grep -q "vnetaudit: --export: cannot write $tmp/no/such/dir/ws7.json" "$tmp/e"

# With probes (in a namespace): the probe time is measured.
if [ "$(id -u)" -eq 0 ] && ip netns add "${NS_PREFIX}probe" 2>/dev/null; then
        ip netns delete "${NS_PREFIX}probe"
        ns_add lan; ns_bridge lan br0
        ns_add ws; ns_link ws eth0 lan ws0 br0; ns_addr ws eth0 198.51.100.10/24
        ns_wait_up ws eth0
        va ws --root "$PWD/contrib/demo-root" --libvirt-uri none --timeout 0.2 audit --state-dir "$tmp/st2" \
                --metrics "$tmp/p.prom" >/dev/null 2>&1
        check_eq "probing audit: exit 0" 0 "$?"
        check "probing audit: vnetaudit_probe_seconds > 0" $PY -c '
import sys
from prometheus_client.parser import text_string_to_metric_families
f = {x.name: x for x in text_string_to_metric_families(open(sys.argv[1]).read())}
assert f["vnetaudit_probe_seconds"].samples[0].value > 0' "$tmp/p.prom"
fi
t_done
