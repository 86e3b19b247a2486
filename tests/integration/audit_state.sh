#!/usr/bin/env bash
# audit_state.sh - the state file on disk: a planted symbolic link is
# refused (exit 73) and its target untouched; --nagios reads without
# writing; 200 audits killed with SIGKILL at random moments leave a state
# that the next audit reads (no "unreadable" warning, no crash).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
. tests/lib/audit.sh

aud_fixture conflict
mkdir -p "$AUD_STATE"
echo precious > "$AUD_D/victim"
ln -s "$AUD_D/victim" "$AUD_STATE/state"
aud >/dev/null 2>"$AUD_D/err"; rc=$?
check_eq "symlinked state refused: exit 73" 73 "$rc"
check "clear error" grep -q 'symbolic link' "$AUD_D/err"
check_eq "symlink target untouched" precious "$(cat "$AUD_D/victim")"
out=$(aud --nagios); rc=$?
check_eq "--nagios on a symlinked state: UNKNOWN" 3 "$rc"
rm -rf "$AUD_STATE"

out=$(aud --nagios); rc=$?
check_eq "--nagios: CRITICAL" 2 "$rc"
case "$out" in "VNETAUDIT CRITICAL - 2 errors: "*" | errors=2;;0;0 "*) ok "nagios line: $out" ;; *) not_ok "nagios line: $out" ;; esac
check "--nagios wrote no state" test ! -e "$AUD_STATE/state"
aud >/dev/null
check_eq "state mode 0600" 600 "$(stat -c %a "$AUD_STATE/state")"
check_eq "state dir mode 0700" 700 "$(stat -c %a "$AUD_STATE")"

# 200 audits killed at random moments, alternating the conflict so the
# state keeps changing.
for i in $(seq 1 200); do
        aud_fixture "$([ $((i % 2)) = 0 ] && echo conflict || echo clean)"
        aud >/dev/null 2>&1 &
        pid=$!
        sleep "0.00$((RANDOM % 10))"
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
done
aud_fixture conflict
aud >/dev/null 2>"$AUD_D/err"; rc=$?
check "after 200 kills: audit runs (exit $rc)" test "$rc" -le 2
check "after 200 kills: state read, not unreadable" bash -c "! grep -q unreadable '$AUD_D/err'"
out=$(aud 2>&1); rc=$?
check_eq "and the next run is silent" "" "$out"
check "no temporary files pile up" test "$(ls -A "$AUD_STATE" | wc -l)" -le 3
t_done
