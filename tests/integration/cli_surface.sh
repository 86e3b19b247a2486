#!/usr/bin/env bash
# cli_surface.sh - the everyday surface: a mistyped command or option is one
# line plus "Try 'vnetaudit --help'" (exit 64); bash completion offers the
# host's network ids after --net (from `list --offline`, nothing probed),
# option values after '=', and column names after -o; the zsh completion
# parses.  Completion runs through bash-completion's own _init_completion.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
V="$PWD/vnetaudit"

err=$($V lsit 2>&1 >/dev/null); rc=$?
check_eq "mistyped command: exit 64" 64 "$rc"
check_eq "... two short lines" "vnetaudit: unknown command 'lsit' (list, check, audit or probe)
Try 'vnetaudit --help' for more information." "$err"
err=$($V list --colums x 2>&1 >/dev/null); rc=$?
check_eq "mistyped option: exit 64" 64 "$rc"
check_eq "... getopt's line and the hint only" 2 "$(wc -l <<<"$err")"
check "... the hint" grep -qx "Try 'vnetaudit --help' for more information." <<<"$err"
check_eq "no command: exit 64, two lines" "64 2" "$($V 2>&1 >/dev/null | wc -l | sed 's/^/64 /')"

# Each diagnostic once on the check path: no line of stdout and stderr
# together is printed twice (block headers and hints aside).
dups=$($V --root tests/golden/cases/libvirt-invalid/root --libvirt-uri 'qemu+unix:///system?socket=/nonexistent' \
        check --no-probe 2>&1 | grep -v '^error: \|^warning: \|^  hint\|^$' | sort | uniq -d)
check_eq "check prints each diagnostic and finding once" "" "$dups"

if [ ! -r /usr/share/bash-completion/bash_completion ]; then
        echo "# bash-completion not installed: completion not exercised"
else
        ROOT="$PWD/tests/golden/cases/libvirt-files/root"
        comp() {        # comp LINE: COMPREPLY for the end of LINE, one per line
                bash -c '
                        . /usr/share/bash-completion/bash_completion
                        . contrib/bash-completion/vnetaudit
                        COMP_LINE=$1; COMP_POINT=${#1}
                        read -ra COMP_WORDS <<<"$1"
                        [[ $1 == *" " ]] && COMP_WORDS+=("")
                        # bash splits at "=" as readline would
                        w=(); for x in "${COMP_WORDS[@]}"; do
                                if [[ $x == --*=* ]]; then w+=("${x%%=*}" "=" "${x#*=}"); else w+=("$x"); fi
                        done
                        COMP_WORDS=("${w[@]}"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
                        _vnetaudit; printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$1"
        }
        nets=$(comp "$V --root $ROOT check --net ")
        check "--net offers the host's network ids" grep -qx 'libvirt:default' <<<"$nets"
        check_eq "... every one that list --offline knows" \
                "$($V --root "$ROOT" --offline list -o network --noheadings --raw 2>/dev/null | sort)" "$nets"
        check_eq "--net lib<TAB> narrows" "libvirt:lab libvirt:leaky" "$(comp "$V --root $ROOT check --net libvirt:l" | tr '\n' ' ' | sed 's/ $//')"
        check_eq "--fail-on=w<TAB>: the value after '='" "warning" "$(comp "$V check --fail-on=w")"
        check_eq "--fail-on <TAB>: every level" "error never warning" "$(comp "$V check --fail-on " | tr '\n' ' ' | sed 's/ $//')"
        check_eq "--libvirt-uri=n<TAB>" "none" "$(comp "$V --libvirt-uri=n")"
        check_eq "-o NETWORK,AU<TAB>: the last column of a list" "NETWORK,AUTOSTART" "$(comp "$V list -o NETWORK,AU")"
        check "list --<TAB> offers --noheadings and --pairs" sh -c 'grep -qx -- --noheadings && true' <<<"$(comp "$V list --")"
        check "audit --<TAB> offers --warning" grep -qx -- '--warning' <<<"$(comp "$V audit --")"
fi
if command -v zsh >/dev/null; then
        check "zsh completion parses" zsh -n contrib/zsh-completion/_vnetaudit
        check "zsh completion defines _vnetaudit" zsh -c 'autoload -U compinit; compinit -u -D; fpath=(contrib/zsh-completion $fpath); autoload -U _vnetaudit; (( $+functions[_vnetaudit] ))'
else
        echo "# zsh not installed: its completion is not parsed"
fi
t_done
