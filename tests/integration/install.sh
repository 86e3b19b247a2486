#!/usr/bin/env bash
# install.sh - `make install DESTDIR=...` installs every file the man page
# names under FILES (and nothing of ours is left after uninstall); the
# installed hook, snippet and cron line are valid shell.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
d=$(ns_tmpdir)
make -s install DESTDIR="$d/dest" PREFIX=/usr SYSCONFDIR=/etc >/dev/null 2>&1 || { not_ok "make install"; t_done; }
mapfile -t files < <(make -s install-list PREFIX=/usr SYSCONFDIR=/etc)
check "install-list names files" test "${#files[@]}" -ge 10
man_files=$(sed -n '/^\.Sh FILES/,/^\.Sh /p' man/vnetaudit.8 | sed -n 's/^\.It Pa \([^ ]*\).*/\1/p')
for f in "${files[@]}"; do
        check "installed $f" test -f "$d/dest$f"
        case "$f" in */man[0-9]/*) continue ;; esac
        if printf '%s\n' "$man_files" | grep -qxF "$f"; then ok "man page FILES names $f"
        else not_ok "man page FILES does not name $f"; fi
done
check "hook is executable" test -x "$d/dest/etc/libvirt/hooks/network.d/vnetaudit"
check "hook parses" sh -n "$d/dest/etc/libvirt/hooks/network.d/vnetaudit"
check "snippet parses" sh -n "$d/dest/usr/share/vnetaudit/init.d-vmware-snippet.sh"
check "completion parses" bash -n "$d/dest/usr/share/bash-completion/completions/vnetaudit"
check "cron line does nothing under systemd" \
        grep -q '^[0-9*].* root \[ -d /run/systemd/system \] || /usr/sbin/vnetaudit audit$' "$d/dest/etc/cron.d/vnetaudit"
check "installed binary runs" "$d/dest/usr/sbin/vnetaudit" --version
make -s uninstall DESTDIR="$d/dest" PREFIX=/usr SYSCONFDIR=/etc >/dev/null 2>&1
left=$(find "$d/dest" -type f | wc -l)
check_eq "uninstall removes every file" 0 "$left"
t_done
