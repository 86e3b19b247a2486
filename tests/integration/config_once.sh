#!/usr/bin/env bash
# config_once.sh - vnetaudit.conf is read once per run and merged by the
# command line's *_set flags: strace counts the opens of the --config file
# during an offline audit (exactly one), and an explicit
# `--state-dir /var/lib/vnetaudit` (the default value) wins over the file's
# state-dir.  /var/lib is a private tmpfs in a mount namespace, so the
# machine's own /var/lib is never touched.  Root namespace, --offline only.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
. tests/lib/audit.sh

command -v strace >/dev/null || { echo "# skip: strace is not installed"; exit 77; }
had_varlib=$(test -e /var/lib/vnetaudit && echo yes || echo no)
CONF="$AUD_D/vnetaudit.conf"
FILESTATE="$AUD_D/from-file"
printf '[audit]\nstate-dir = %s\nsendmail = %s\n' "$FILESTATE" "$AUD_SM" > "$CONF"
chmod 0644 "$CONF"

# One read of the file per audit (it used to be two).
strace -f -qq -e trace=open,openat,openat2 -o "$AUD_D/trace" \
        "$VNETAUDIT" --offline --libvirt-uri none --root "$AUD_ROOT" --config "$CONF" \
        audit --state-dir "$AUD_STATE" >/dev/null 2>"$AUD_D/err"
rc=$?
check "audit ran (exit $rc)" test "$rc" -le 2
check_eq "vnetaudit.conf opened once" 1 "$(grep -c "\"$CONF\"" "$AUD_D/trace")"
check "explicit --state-dir used" test -e "$AUD_STATE/state"
check "the file's state-dir not used with an explicit one" test ! -e "$FILESTATE"

# Without --state-dir the file's state-dir is taken.
"$VNETAUDIT" --offline --libvirt-uri none --root "$AUD_ROOT" --config "$CONF" audit >/dev/null 2>&1
check "the file's state-dir taken when none is given" test -e "$FILESTATE/state"
rm -rf "$FILESTATE"

# The default value given explicitly still wins over the file.
mkdir -p "$AUD_D/varlib"
unshare -m --propagation private bash -c '
        mount --bind "$1" /var/lib || exit 90
        "$2" --offline --libvirt-uri none --root "$3" --config "$4" \
                audit --state-dir /var/lib/vnetaudit >/dev/null 2>&1
        test -e /var/lib/vnetaudit/state' _ "$AUD_D/varlib" "$VNETAUDIT" "$AUD_ROOT" "$CONF"
rc=$?
check_eq "explicit --state-dir /var/lib/vnetaudit (the default) beats the file's state-dir" 0 "$rc"
check "and the file's state-dir stayed unused" test ! -e "$FILESTATE"
check_eq "the machine's own /var/lib/vnetaudit untouched" "$had_varlib" \
        "$(test -e /var/lib/vnetaudit && echo yes || echo no)"
t_done
