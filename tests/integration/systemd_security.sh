#!/usr/bin/env bash
# systemd_security.sh - the installed audit service, as `make install`
# writes it, scores an exposure of at most 2.0 in `systemd-analyze
# security --offline`, keeps only CAP_NET_RAW, and its timer is daily and
# persistent; it runs as the system user vnetaudit with CAP_NET_RAW ambient,
# and the sysusers.d entry creating that user is installed.  Skips where
# systemd-analyze is absent.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
d=$(ns_tmpdir)
. tests/lib/unit_exposure.sh
unit="$d/dest/usr/lib/systemd/system/vnetaudit-audit.service"
unit_exposure "" "$unit"
check_eq "runs as the system user vnetaudit, CAP_NET_RAW ambient" \
        "User=vnetaudit Group=vnetaudit StateDirectory=vnetaudit AmbientCapabilities=CAP_NET_RAW" \
        "$(grep -E '^(User|Group|AmbientCapabilities|StateDirectory)=' "$unit" | xargs)"
check_eq "the sysusers.d entry creates that user" "u vnetaudit" \
        "$(awk '$1 == "u" { print $1, $2 }' "$d/dest/usr/lib/sysusers.d/vnetaudit.conf")"
check "ExecStart has the installed sbindir" grep -qx 'ExecStart=/usr/sbin/vnetaudit audit' "$unit"
check "no @SBINDIR@ left anywhere" bash -c "! grep -r '@[A-Z]*DIR@' '$d/dest'"
timer="$d/dest/usr/lib/systemd/system/vnetaudit-audit.timer"
check "timer daily, persistent, randomized" bash -c \
        "grep -qx 'OnCalendar=daily' '$timer' && grep -qx 'Persistent=true' '$timer' && grep -q '^RandomizedDelaySec=' '$timer'"
for u in vmware vmware-networks; do
        f="$d/dest/usr/lib/systemd/system/$u.service.d/vnetaudit.conf"
        check "$u drop-in runs check --fail-on=error before start" \
                grep -q '^ExecStartPre=.*/usr/sbin/vnetaudit check --quiet .*--fail-on=error' "$f"
done
t_done
