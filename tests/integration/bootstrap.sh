#!/usr/bin/env bash
# bootstrap.sh - the README's two commands: its first code block holds
# exactly the demo and the test command, .ci/run runs the same two steps as
# the second (the test packages, then make check), and a user who is not
# root gets one apt-get line (with apt-get update) instead of make's "No
# rule to make target".  The missing package is a name
# added to a copy of scripts/ensure-deps; the real install from an empty
# system is tests/fresh-minimal.sh (maintainers, needs the network).
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
d=$(ns_tmpdir)
block=$(awk '/^```/ { if (inblock) exit; inblock = 1; next } inblock' README.md)
check_eq "README's first code block has exactly two lines" 2 "$(printf '%s\n' "$block" | wc -l)"
check "its first line is the demo command" grep -qE '^\./bootstrap demo +#' <<<"$(sed -n 1p <<<"$block")"
check "its second line is the test command" grep -qE '^\./bootstrap check +#' <<<"$(sed -n 2p <<<"$block")"
check "bootstrap is executable in git" sh -c 'git ls-files -s bootstrap | grep -q "^100755" || test -x bootstrap'
check "bootstrap is POSIX sh" sh -n bootstrap

# README's `./bootstrap check` and .ci/run are the same two steps: the test
# packages (a stand-in ensure-deps in a copy of the tree records the job),
# then `make check` (a stand-in make records its goals).
mkdir -p "$d/bin" "$d/steps/scripts" "$d/steps/.ci"
printf '#!/bin/sh\necho "make $*" | sed "s/--no-print-directory //"\n' >"$d/bin/make"; chmod +x "$d/bin/make"
printf '#!/bin/sh\necho "ensure-deps $*"\n' >"$d/steps/scripts/ensure-deps"
cp bootstrap "$d/steps/"; cp .ci/run "$d/steps/.ci/"
chmod +x "$d/steps/scripts/ensure-deps" "$d/steps/bootstrap" "$d/steps/.ci/run"
check_eq "./bootstrap check: the test packages, then make check" "ensure-deps test
make check" "$(PATH="$d/bin:$PATH" "$d/steps/bootstrap" check 2>&1)"
check_eq ".ci/run: the same two steps" "ensure-deps test
make check" "$(PATH="$d/bin:$PATH" "$d/steps/.ci/run" 2>&1)"

# A copy of the tree that misses one package, run as nobody.
mkdir -p "$d/tree"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$d/tree"
sed -i 's/^test_pkgs="\$test_pkgs time"$/test_pkgs="$test_pkgs time vnetaudit-no-such-package"/' "$d/tree/scripts/ensure-deps"
# Without the missing package the make check below would run the whole suite as nobody.
grep -q vnetaudit-no-such-package "$d/tree/scripts/ensure-deps" ||
        { echo "not ok - the copy of ensure-deps misses no package (its test_pkgs \"time\" line changed)"; exit 1; }
chown -R nobody "$d/tree"; chmod 711 "$d"
as_nobody() { (cd "$d/tree" && setpriv --reuid nobody --regid nogroup --clear-groups "$@"); }
out=$(as_nobody scripts/ensure-deps test 2>&1); rc=$?
check_eq "ensure-deps as non-root fails" 1 "$rc"
check_eq "... printing the apt line once, with apt-get update" 1 \
        "$(grep -c '^  apt-get update && apt-get install -y --no-install-recommends vnetaudit-no-such-package$' <<<"$out")"
check_eq "... and nothing else but its heading" 2 "$(wc -l <<<"$out")"
out=$(as_nobody make check 2>&1)
check_eq "make check as non-root prints the apt line once" 1 "$(grep -c 'apt-get install' <<<"$out")"
out=$(as_nobody ./bootstrap check 2>&1); rc=$?
check "./bootstrap check as non-root fails" test "$rc" -ne 0
check_eq "... printing the apt line once" 1 "$(grep -c 'apt-get install' <<<"$out")"
sed -i 's/^build_pkgs="/build_pkgs="vnetaudit-no-such-build-package /' "$d/tree/scripts/ensure-deps"
out=$(as_nobody make 2>&1)
check "plain make as non-root names the missing build package" grep -q 'apt-get install.*vnetaudit-no-such-build-package' <<<"$out"
check_eq "... and does not end with 'No rule to make target'" 0 "$(grep -c 'No rule to make target' <<<"$out")"
t_done
