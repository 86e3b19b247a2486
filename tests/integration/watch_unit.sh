#!/usr/bin/env bash
# watch_unit.sh - the installed vnetaudit-watch.service, as `make install`
# writes it, scores an exposure of at most 2.0 in `systemd-analyze security
# --offline` (the audit unit's bar, systemd_security.sh), keeps only
# CAP_NET_RAW, is Type=notify with a watchdog and reloads with SIGHUP.
# Skips where systemd-analyze is absent.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
command -v systemd-analyze >/dev/null || { echo "# skip: systemd-analyze not installed"; exit 77; }
d=$(ns_tmpdir)
make -s install DESTDIR="$d/dest" PREFIX=/usr >/dev/null 2>&1 || { not_ok "make install"; t_done; }
unit="$d/dest/usr/lib/systemd/system/vnetaudit-watch.service"
out=$(systemd-analyze security --offline=yes "$unit" 2>&1)
score=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
check "watch unit: exposure score printed ($score)" test -n "$score"
check "watch unit: exposure $score <= 2.0" awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.0) }'
check_eq "watch unit: only CAP_NET_RAW in the bounding set" "CapabilityBoundingSet=CAP_NET_RAW" \
        "$(grep '^CapabilityBoundingSet=' "$unit")"
check "watch unit: ExecStart runs the installed watch" grep -qx 'ExecStart=/usr/sbin/vnetaudit watch' "$unit"
check "watch unit: Type=notify with a watchdog" \
        bash -c "grep -qx 'Type=notify' '$unit' && grep -q '^WatchdogSec=' '$unit'"
check "watch unit: reload sends SIGHUP" grep -qx 'ExecReload=/bin/kill -HUP $MAINPID' "$unit"
# The command line: --interval from 1 s up; watch takes no operands.
timeout 5 "$VNETAUDIT" --offline --no-probe watch --interval 0.5 >/dev/null 2>&1
check_eq "--interval 0.5 is refused (64)" 64 "$?"
timeout 5 "$VNETAUDIT" --offline --no-probe watch --interval 1x >/dev/null 2>&1
check_eq "--interval 1x is refused (64)" 64 "$?"
timeout 5 "$VNETAUDIT" --offline --no-probe watch extra >/dev/null 2>&1
check_eq "watch takes no operands (64)" 64 "$?"
check "--help lists watch and --interval" bash -c "'$VNETAUDIT' --help | grep -q '^  watch ' && '$VNETAUDIT' --help | grep -q -- '--interval S'"
t_done
