# unit_exposure.sh - the checks every shipped service unit passes: installed
# by `make install` into $d/dest, `systemd-analyze security` exposure at most
# 2.0, and CAP_NET_RAW the only capability in its bounding set.  Sourced
# after netns.sh with $d set; skips where systemd-analyze is absent.
command -v systemd-analyze >/dev/null || { echo "# skip: systemd-analyze not installed"; exit 77; }
make -s install DESTDIR="$d/dest" PREFIX=/usr >/dev/null 2>&1 || { not_ok "make install"; t_done; }

# unit_exposure LABEL UNIT: the checks above for the installed UNIT file.
unit_exposure() {
        local label="$1" unit="$2" out score
        out=$(systemd-analyze security --offline=yes "$unit" 2>&1)
        score=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
        check "${label}exposure score printed ($score)" test -n "$score"
        check "${label}exposure $score <= 2.0" awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.0) }'
        check_eq "${label}only CAP_NET_RAW in the bounding set" "CapabilityBoundingSet=CAP_NET_RAW" \
                "$(grep '^CapabilityBoundingSet=' "$unit")"
}
