#!/usr/bin/env bash
# watch_unit.sh - the installed vnetaudit-watch.service, as `make install`
# writes it, scores an exposure of at most 2.0 in `systemd-analyze security
# --offline` (the audit unit's bar, systemd_security.sh), keeps only
# CAP_NET_RAW, is Type=notify with a watchdog and reloads with SIGHUP.
# Skips where systemd-analyze is absent.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
d=$(ns_tmpdir)
. tests/lib/unit_exposure.sh
unit="$d/dest/usr/lib/systemd/system/vnetaudit-watch.service"
unit_exposure "watch unit: " "$unit"
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
