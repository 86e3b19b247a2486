#!/usr/bin/env bash
# debian_package.sh - `dpkg-buildpackage -us -uc -b` (with
# DEB_BUILD_OPTIONS=nocheck: the package's own tests are the unit and golden
# tests this suite runs anyway) on a copy of the tree builds vnetaudit_*.deb
# holding every file users rely on, with /etc/vnetaudit.conf a conffile that
# changes nothing, the timer enabled but the service never started by a
# package script, the system user made with adduser, and lintian clean.
# Skips where dpkg-dev or debhelper are missing.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
for c in dpkg-buildpackage dh dpkg-deb; do
        command -v "$c" >/dev/null || { echo "# skip: $c not installed"; exit 77; }
done
d=$(ns_tmpdir)
mkdir -p "$d/src"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$d/src"
rm -rf "$d/src/build" "$d/src/vnetaudit"
if ! (cd "$d/src" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b >"$d/build.log" 2>&1); then
        not_ok "dpkg-buildpackage -us -uc -b"; tail -n 40 "$d/build.log"; t_done
fi
ok "dpkg-buildpackage -us -uc -b"
deb=$(ls "$d"/vnetaudit_*.deb 2>/dev/null | head -n 1)
check "it made vnetaudit_*.deb" test -f "$deb"
contents=$(dpkg-deb -c "$deb" | awk '{print $1, substr($6, 2)}')
has() { grep -qE "^$1 $2\$" <<<"$contents"; }
for f in /usr/sbin/vnetaudit /etc/libvirt/hooks/network.d/vnetaudit; do
        check "installs $f, executable" has '-rwxr-xr-x' "$f"
done
for f in /lib/systemd/system/vnetaudit-audit.service /lib/systemd/system/vnetaudit-audit.timer \
         /lib/systemd/system/vmware.service.d/vnetaudit.conf \
         /lib/systemd/system/vmware-networks.service.d/vnetaudit.conf \
         /etc/cron.d/vnetaudit /etc/vnetaudit.conf /usr/share/bash-completion/completions/vnetaudit \
         /usr/share/zsh/vendor-completions/_vnetaudit \
         /usr/share/man/man8/vnetaudit.8.gz /usr/share/man/man5/vnetaudit.conf.5.gz \
         /usr/share/vnetaudit/init.d-vmware-snippet.sh; do
        check "installs $f" has '-rw-r--r--' "$f"
done
check_eq "nothing under /usr/local" 0 "$(grep -c ' /usr/local' <<<"$contents")"
mkdir -p "$d/x" "$d/ctl"
dpkg-deb -x "$deb" "$d/x"; dpkg-deb -e "$deb" "$d/ctl"
check "the packaged binary runs" sh -c "'$d/x/usr/sbin/vnetaudit' --version >/dev/null"
check "the service runs /usr/sbin/vnetaudit" grep -q '^ExecStart=/usr/sbin/vnetaudit audit$' \
        "$d/x/lib/systemd/system/vnetaudit-audit.service"
check "the hook calls /usr/sbin/vnetaudit" grep -q '/usr/sbin/vnetaudit' "$d/x/etc/libvirt/hooks/network.d/vnetaudit"
check "/etc/vnetaudit.conf is a conffile" grep -qx /etc/vnetaudit.conf "$d/ctl/conffiles"
check "the cron file and the hook are conffiles" sh -c "grep -qx /etc/cron.d/vnetaudit '$d/ctl/conffiles' &&
        grep -qx /etc/libvirt/hooks/network.d/vnetaudit '$d/ctl/conffiles'"
check_eq "/etc/vnetaudit.conf has only comments and blank lines" 0 \
        "$(grep -cvE '^(#.*)?$' "$d/x/etc/vnetaudit.conf")"
# The example changes nothing: the same check with and without it, on a
# root whose finding (vmnet8's stale DHCP file) the example, uncommented,
# would hide.
for r in with without active; do
        mkdir -p "$d/root-$r/etc"; cp -a tests/golden/cases/vmware-stale-hash/root/etc/vmware "$d/root-$r/etc/"
done
cp "$d/x/etc/vnetaudit.conf" "$d/root-with/etc/vnetaudit.conf"
grep -E '^# (\[network vmnet8\]|ignore = )' "$d/x/etc/vnetaudit.conf" | sed 's/^# //' >"$d/root-active/etc/vnetaudit.conf"
run_check() { ./vnetaudit --offline --libvirt-uri none --root "$d/root-$1" check --json --fail-on=never 2>&1 | grep -v '"host"'; }
a=$(run_check with); b=$(run_check without); c=$(run_check active)
check "the example parses, and the check with it is the check without it" test -n "$a" -a "$a" = "$b"
check "... whereas its [network vmnet8] section, uncommented, changes the result" test -n "$c" -a "$c" != "$b"
check "postinst makes the system user with adduser" grep -q 'adduser --system --group' "$d/ctl/postinst"
check "Depends names adduser" sh -c "dpkg-deb -f '$deb' Depends | grep -qw adduser"
check "postinst enables the timer" grep -q "deb-systemd-helper enable 'vnetaudit-audit.timer'" "$d/ctl/postinst"
check "postinst starts the timer" grep -q "deb-systemd-invoke \$_dh_action 'vnetaudit-audit.timer'" "$d/ctl/postinst"
check_eq "no package script starts or enables the service (it would probe)" 0 \
        "$(cat "$d"/ctl/p* | grep -E "(start|enable|restart).*'vnetaudit-audit.service'" -c)"
if command -v lintian >/dev/null; then
        chmod -R a+rX "$d"; chmod 711 "$d"
        out=$(setpriv --reuid nobody --regid nogroup --clear-groups lintian "$d"/vnetaudit_*.changes 2>&1)
        check_eq "lintian: no errors or warnings" "" "$(grep -E '^(E|W):' <<<"$out")"
else
        echo "# lintian not installed: not run"
fi
t_done
