# libvirtd.sh - a real libvirtd inside a private network + mount namespace,
# for the tests that need one (source after netns.sh).  Its /etc/libvirt,
# /run/libvirt and /var/{lib,cache,log}/libvirt are directories below $D,
# so nothing of the host's libvirt is read or changed; the daemon is
# stopped by PID on exit, before the namespaces go.
#
#   lv_require [tool...]   skip (exit 77) without libvirtd, virsh, dnsmasq
#   lv_prepare             $D with a copy of /etc/libvirt minus its networks
#   lv_start NAME          start libvirtd in namespace NAME; sets NS, LVPID
#   virsh_ ARGS            virsh on that daemon's socket
#   stop_libvirtd

lv_require() {
        local c
        for c in libvirtd virsh dnsmasq unshare "$@"; do
                command -v "$c" >/dev/null || { echo "# skip: $c not installed"; exit 77; }
        done
        [ -d /etc/libvirt ] || { echo "# skip: no /etc/libvirt"; exit 77; }
}

D="$(ns_tmpdir)/lv"
LVPID=""
stop_libvirtd() {
        [ -n "$LVPID" ] || return 0
        kill "$LVPID" 2>/dev/null
        for _ in $(seq 1 100); do kill -0 "$LVPID" 2>/dev/null || break; sleep 0.05; done
        kill -9 "$LVPID" 2>/dev/null
        LVPID=""
}
trap 'stop_libvirtd; ns_cleanup' EXIT
trap 'stop_libvirtd; ns_cleanup; exit 130' INT TERM HUP

lv_prepare() {
        mkdir -p "$D"/etc "$D"/run "$D"/lib "$D"/cache "$D"/log
        cp -a /etc/libvirt/. "$D"/etc/
        rm -f "$D"/etc/qemu/networks/*.xml "$D"/etc/qemu/networks/autostart/*
}

lv_start() {
        ns_add "$1"
        NS=$(ns "$1")
        ip netns exec "$NS" unshare -m --propagation private sh -c "
          mount --bind '$D/etc' /etc/libvirt && mount -t tmpfs none /run && mkdir -p /run/libvirt &&
          mount --bind '$D/run' /run/libvirt && mount --bind '$D/lib' /var/lib/libvirt &&
          mount --bind '$D/cache' /var/cache/libvirt && mount --bind '$D/log' /var/log/libvirt &&
          exec libvirtd -d -p '$D/libvirtd.pid'" 2>"$D/libvirtd.err"
        for _ in $(seq 1 100); do [ -S "$D/run/libvirt-sock" ] && [ -s "$D/libvirtd.pid" ] && break; sleep 0.05; done
        LVPID=$(cat "$D/libvirtd.pid" 2>/dev/null)
        if [ -z "$LVPID" ] || [ ! -S "$D/run/libvirt-sock" ]; then
                not_ok "libvirtd started in the namespace"; cat "$D/libvirtd.err"; t_done
        fi
        ok "libvirtd started in the namespace (pid $LVPID)"
}

virsh_() { virsh -q -c "qemu:///system?socket=$D/run/libvirt-sock" "$@"; }
