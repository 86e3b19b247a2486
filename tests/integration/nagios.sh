#!/usr/bin/env bash
# nagios.sh - `audit --nagios` against the monitoring-plugins guidelines,
# on the motivating incident in namespaces (a real ARP probe answered by a
# server holding vmnet6's address): the first line names the status, the
# counts and the worst network; perfdata is 'label'=value[UOM];warn;crit;
# min;max with errors, warnings, networks and probe_seconds; one line of
# long output per finding; -w/-c ranges decide the status; UNKNOWN (3)
# states its reason; no state is written.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
ROOT="$PWD/contrib/demo-root"
tmp=$(ns_tmpdir)

ns_add lan; ns_bridge lan br0
ns_add ws; ns_link ws eth0 lan ws0 br0; ns_addr ws eth0 198.51.100.10/24
ns_add srv; ns_link srv eth0 lan srv0 br0; ns_addr srv eth0 198.51.100.20/24
ns_bridge srv virbr1 192.168.56.1/24
ns_wait_up ws eth0 && ns_wait_up srv eth0 && ns_wait_up lan ws0 && ns_wait_up lan srv0
nag() { va ws --root "$ROOT" --libvirt-uri none audit --state-dir "$tmp/state" --nagios "$@"; }

out=$(nag 2>/dev/null); rc=$?
check_eq "conflict: CRITICAL, exit 2" 2 "$rc"
first=$(head -n 1 <<<"$out")
check "first line: status, count, and the worst network" \
        grep -q '^VNETAUDIT CRITICAL - 1 error: vmware:vmnet6, host:eth0 | ' <<<"$first"
perf=${first#*| }
check "perfdata: every item is 'label'=value[UOM];[warn];[crit];[min];[max]" python3 - "$perf" <<'PY'
import re, sys
items = sys.argv[1].split(" ")
pat = re.compile(r"^('[^'=]+'|[^' =]+)=(-?[0-9.]+|U)(s|%|B|KB|MB|TB|c)?(;[0-9.:~@-]*){0,4}$")
sys.exit(0 if items and all(pat.match(i) for i in items) else 1)
PY
check "perfdata: errors=1 with the critical range" grep -q ' errors=1;;0;0 ' <<<" $perf"
check "perfdata: warnings=0 with the warning range" grep -q ' warnings=0;0;;0 ' <<<" $perf"
check "perfdata: networks=3" grep -q ' networks=3;;;0 ' <<<" $perf"
secs=$(grep -o 'probe_seconds=[0-9.]*s' <<<"$perf" | tr -dc '0-9.')
check "perfdata: probe_seconds measured (${secs}s, above 0.5 for a 1 s window)" \
        python3 -c "import sys; sys.exit(0 if 0.5 <= float('$secs') < 30 else 1)"
json_n=$(va ws --root "$ROOT" --libvirt-uri none check --json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
check_eq "long output: one line per finding" "$json_n" "$(tail -n +2 <<<"$out" | wc -l)"
check "long output: severity, code, message" \
        grep -q "^error address-in-use: vmnet6's planned host address 192.168.56.1 " <<<"$(tail -n +2 <<<"$out")"
check "no state written" test ! -e "$tmp/state/state"

out=$(nag -c 1 2>/dev/null); rc=$?
check_eq "-c 1: the error is tolerated, WARNING (exit 1)" 1 "$rc"
check "... and -c is the critical field of errors=" grep -q ' errors=1;;1;0 ' <<<" $(head -n 1 <<<"$out")"
out=$(nag -c @1:1 2>/dev/null); rc=$?
check_eq "-c @1:1 (alert inside): CRITICAL" 2 "$rc"

out=$(nag -c bogus 2>/dev/null); rc=$?
check_eq "invalid range: UNKNOWN (3)" 3 "$rc"
check_eq "... saying why" "VNETAUDIT UNKNOWN - invalid -c range 'bogus' (want [@]start:end)" "$out"
out=$(nag --net nosuch 2>/dev/null); rc=$?
check_eq "a check that cannot be done: UNKNOWN (3)" 3 "$rc"
check_eq "... with its reason" "VNETAUDIT UNKNOWN - --net nosuch: no such network" "$out"
mkdir -p "$tmp/badconf/etc"; cp -a "$ROOT/etc/vmware" "$tmp/badconf/etc/"
printf '[probe]\ntimeout = soon\n' >"$tmp/badconf/etc/vnetaudit.conf"
out=$(va ws --root "$tmp/badconf" --libvirt-uri none audit --state-dir "$tmp/state" --nagios 2>/dev/null); rc=$?
check_eq "a bad vnetaudit.conf: UNKNOWN (3)" 3 "$rc"
check "... naming the file" grep -q '^VNETAUDIT UNKNOWN - .*vnetaudit.conf' <<<"$out"
err=$(va ws --root "$ROOT" --libvirt-uri none audit --state-dir "$tmp/state" -w 1 2>&1 >/dev/null); rc=$?
check_eq "-w without --nagios: usage error 64" 64 "$rc"

# The server's bridge goes: OK, the networks counted.
ns_exec srv ip link del virbr1
out=$(nag 2>/dev/null); rc=$?
check_eq "no conflict: OK (exit 0)" 0 "$rc"
check "OK line" grep -q '^VNETAUDIT OK - no errors or warnings in 3 networks | errors=0;;0;0 warnings=0;0;;0 ' <<<"$out"
t_done
