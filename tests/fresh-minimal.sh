#!/usr/bin/env bash
# fresh-minimal.sh - for maintainers, not part of `make check`: the README's
# two commands, as root, from a clean clone, on a fresh minimal Debian 12
# (mmdebstrap --variant=minbase bookworm plus git, ca-certificates and sudo;
# no make, empty apt lists).  The system runs in a private mount and PID
# namespace with its own tmpfs /dev and device nodes (the host's /dev is never
# bound: package scripts inside may change nodes), its own /proc, /sys bound
# recursively, a tmpfs /run with /run/netns, entered by pivot_root.  It shares
# the host's network namespace only to download packages; every test inside
# makes its own namespaces as usual.  Needs root, mmdebstrap and Debian's
# archive.
#
# Usage: [VNETAUDIT_SHARED=DIR] tests/fresh-minimal.sh [--keep] [COMMIT]   (default HEAD;
# DIR, default ../shared, is copied beside the clone for the VMware corpus)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
keep=0
[ "${1:-}" = --keep ] && { keep=1; shift; }
rev=${1:-HEAD}
[ "$(id -u)" -eq 0 ] || { echo "fresh-minimal: needs root" >&2; exit 77; }
command -v mmdebstrap >/dev/null || { echo "fresh-minimal: needs mmdebstrap (apt-get install mmdebstrap)" >&2; exit 77; }

work=$(mktemp -d /var/tmp/vnetaudit-fresh.XXXXXX)
R="$work/root"
cleanup() { [ "$keep" -eq 1 ] && echo "fresh-minimal: kept $work" >&2 || rm -rf --one-file-system "$work"; }
trap cleanup EXIT

echo "fresh-minimal: mmdebstrap --variant=minbase bookworm (+ git ca-certificates sudo) into $R" >&2
mmdebstrap --quiet --variant=minbase --include=git,ca-certificates,sudo bookworm "$R" \
        http://deb.debian.org/debian >"$work/mmdebstrap.log" 2>&1 ||
        { tail -n 30 "$work/mmdebstrap.log" >&2; exit 1; }
n_lists=$(find "$R/var/lib/apt/lists" -maxdepth 1 -name '*_Packages*' | wc -l)
echo "fresh-minimal: apt lists in the new system: $n_lists; make: $([ -e "$R/usr/bin/make" ] && echo present || echo absent)" >&2

# A clean clone of COMMIT, with ../shared beside it as in the project's checkouts.
mkdir -p "$R/root/src"
git clone -q --no-local "$src" "$R/root/src/vnetaudit"
git -C "$R/root/src/vnetaudit" checkout -q "$(git -C "$src" rev-parse "$rev")"
shared=${VNETAUDIT_SHARED:-$src/../shared}     # the real-world corpus, when present
[ -d "$shared" ] && cp -a "$shared" "$R/root/src/shared"
cp /etc/resolv.conf "$R/etc/resolv.conf"

cat >"$R/root/fresh-run" <<'INNER'
#!/bin/sh
# Runs inside the fresh system: the README's two commands, exactly.
cd /root/src/vnetaudit
block=$(awk '/^```/ { if (inblock) exit; inblock = 1; next } inblock' README.md)
demo=$(echo "$block" | sed -n 1p); demo=${demo%%#*}
test=$(echo "$block" | sed -n 2p); test=${test%%#*}
echo "== $demo"; sh -c "$demo"; echo "== demo exit status $?"
echo "== $test"; sh -c "$test"; echo "== test exit status $?"
INNER
chmod +x "$R/root/fresh-run"

echo "fresh-minimal: running the README's two commands inside (log: $work/run.log)" >&2
unshare --mount --pid --fork --propagation private /bin/sh -eu -c '
        R="$1"
        mount --bind "$R" "$R"
        mount -t proc proc "$R/proc"
        mount --rbind /sys "$R/sys"
        mount --make-rslave "$R/sys"
        mount -t tmpfs -o mode=755,nosuid tmpfs "$R/dev"
        mknod -m 666 "$R/dev/null" c 1 3;    mknod -m 666 "$R/dev/zero" c 1 5
        mknod -m 666 "$R/dev/full" c 1 7;    mknod -m 666 "$R/dev/random" c 1 8
        mknod -m 666 "$R/dev/urandom" c 1 9; mknod -m 666 "$R/dev/tty" c 5 0
        mkdir -m 755 "$R/dev/net" "$R/dev/pts" && mknod -m 600 "$R/dev/net/tun" c 10 200
        mkdir -m 1777 "$R/dev/shm" && mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$R/dev/shm"
        mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$R/dev/pts"
        ln -s pts/ptmx "$R/dev/ptmx"; ln -s /proc/self/fd "$R/dev/fd"
        ln -s /proc/self/fd/0 "$R/dev/stdin"; ln -s /proc/self/fd/1 "$R/dev/stdout"
        ln -s /proc/self/fd/2 "$R/dev/stderr"
        mount -t tmpfs -o mode=755,nosuid,nodev tmpfs "$R/run"
        mkdir -p "$R/run/netns" "$R/run/lock"
        mkdir -p "$R/.oldroot"
        cd "$R"
        pivot_root . .oldroot
        exec chroot . /bin/sh -c "umount -l /.oldroot && rmdir /.oldroot && exec env -i HOME=/root TERM=dumb PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /root/fresh-run"
' _ "$R" >"$work/run.log" 2>&1 || true

grep -E '^== |^ensure-deps: (apt-get|installing|done)|passed, .* failed|^FAIL' "$work/run.log" >&2 || true
demo_rc=$(sed -n 's/^== demo exit status //p' "$work/run.log")
test_rc=$(sed -n 's/^== test exit status //p' "$work/run.log")
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$work/run.log" | tail -n 1)
cp "$work/run.log" "/var/tmp/vnetaudit-fresh-minimal.log"
incident=$(grep -c 'address-in-use' "$work/run.log" || true)
echo "fresh-minimal: demo exit ${demo_rc:-?} (address-in-use shown $incident times), test exit ${test_rc:-?}: ${summary:-no summary}; log in /var/tmp/vnetaudit-fresh-minimal.log" >&2
[ "${demo_rc:-}" = 0 ] && [ "$incident" -gt 0 ] || exit 1
[ "${test_rc:-}" = 0 ] && [[ "$summary" == *" 0 failed"* ]]
