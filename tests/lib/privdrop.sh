# privdrop.sh - watching a root-started vnetaudit drop its privileges.
# Sourced after netns.sh, with $d the test's directory and VNETAUDIT set.
#
# as_root_with CASE PASSWD GROUP ARGS...: vnetaudit ARGS as root in the
# namespace, with PASSWD and GROUP bound over /etc/passwd and /etc/group in a
# private mount namespace.  $d/status.CASE is /proc/PID/status read once the
# uid changed (empty when it never did), $d/out.CASE the output, $d/rc.CASE
# the exit status.
as_root_with() {
        local c="$1" pw="$2" gr="$3" pid i
        shift 3
        ip netns exec "$(ns me)" unshare -m --propagation private sh -c \
                'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/group && shift 2 && exec "$@"' \
                sh "$pw" "$gr" "$VNETAUDIT" "$@" > "$d/out.$c" 2>&1 &
        pid=$!
        : > "$d/status.$c"
        for i in $(seq 1 150); do
                if [ "$(cat /proc/$pid/comm 2>/dev/null)" = vnetaudit ] &&
                   awk '$1 == "Uid:" && $2 != 0 { f = 1 } END { exit !f }' /proc/$pid/status 2>/dev/null; then
                        cat /proc/$pid/status > "$d/status.$c"
                        break
                fi
                sleep 0.02
        done
        wait "$pid"
        echo $? > "$d/rc.$c"
}

# field CASE KEY: the value of KEY in $d/status.CASE.
field() { awk -v k="$2:" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$d/status.$1"; }
