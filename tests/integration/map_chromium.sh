#!/usr/bin/env bash
# map_chromium.sh - the map page in a real browser (Debian's chromium,
# headless), run inside an empty network namespace so nothing it might
# send can leave the machine.  The incident on one configuration root
# (vmnet6 plans 192.168.56.1, a libvirt network holds it): the DOM holds
# the host, every network id and every finding code; the screenshot is
# not blank and shows the error hatching; the page causes no request
# (Chromium's own net log: no request initiated by the page) and no CSP
# violation (its console log).  Two controls prove those two checks can
# fail: an injected <img> is blocked by the CSP and logged, and without
# the CSP the same <img> shows up as a request in the net log.  Hostile
# names render as text: no element is created from them.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
ns_require_root
command -v chromium >/dev/null || { echo "not ok - chromium is not installed (scripts/ensure-deps test)"; exit 1; }
tmp=$(ns_tmpdir)
FX="$PWD/tests/fixtures/map"
ns_add browser         # lo only: the browser's own background requests go nowhere

# chromium NAME FILE [flags...]: one headless run; NAME.err is its log,
# NAME.net its net log.
chromium_run() {
        local name="$1" file="$2"; shift 2
        local prof
        prof=$(mktemp -d "$tmp/profile.XXXXXX")
        ns_exec browser timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
                --no-first-run --disable-background-networking --disable-component-update --disable-sync \
                --user-data-dir="$prof" --enable-logging=stderr --v=0 \
                --log-net-log="$tmp/$name.net" --net-log-capture-mode=Everything \
                --run-all-compositor-stages-before-draw --virtual-time-budget=3000 \
                "$@" "file://$file" 2>"$tmp/$name.err"
}

# Requests that the page (not the browser's own services) started.
page_requests() {
        python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
types = {v: k for k, v in d["constants"]["logEventTypes"].items()}
n = 0
for e in d["events"]:
    p = e.get("params", {})
    if types.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in p and p.get("initiator") != "not an origin":
        print("# page request:", p.get("url"), "from", p.get("initiator"), file=sys.stderr)
        n += 1
print(n)
PY
}
csp_violations() { grep -c 'Content Security Policy' "$1"; }

va_root --root "$FX/incident" --offline --libvirt-uri none map --output-file "$tmp/incident.html"
check_eq "map exits 0" 0 "$?"
va_root --root "$FX/incident" --offline --libvirt-uri none list --json >"$tmp/list.json"
va_root --root "$FX/incident" --offline --libvirt-uri none check --no-probe --json >"$tmp/check.json"

chromium_run dom "$tmp/incident.html" --dump-dom >"$tmp/dom.html"
check_eq "chromium renders the page" 0 "$?"
python3 - "$tmp/list.json" "$tmp/check.json" "$tmp/dom.html" >"$tmp/want.out" <<'PY'
import html, json, sys
inv, chk, dom = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), open(sys.argv[3]).read()
want = [inv["host"]] + [n["id"] for n in inv["networks"]] + [f["code"] for f in chk["findings"]]
want += [f["message"] for f in chk["findings"]]
missing = [w for w in want if html.escape(w, quote=False) not in dom and w not in dom]
print(len(want), len(chk["findings"]), len(missing), *missing)
PY
read -r n_want n_findings n_missing rest <"$tmp/want.out"
check "the incident has findings to show (subnet-overlap, duplicate-host-address)" \
        test "$n_findings" -ge 2
check_eq "DOM holds the host, every network id, finding code and message ($n_want strings)${rest:+ (missing: $rest)}" 0 "$n_missing"
check "DOM: both clashing bars are marked as errors" \
        test "$(grep -Eo 'class="b (vmware|libvirt) error"' "$tmp/dom.html" | sort -u | wc -l)" -eq 2
check "DOM: no script element" sh -c "! grep -qi '<script' '$tmp/dom.html'"
check_eq "no request left the page" 0 "$(page_requests "$tmp/dom.net")"
check_eq "no CSP violation" 0 "$(csp_violations "$tmp/dom.err")"

chromium_run shot "$tmp/incident.html" --window-size=1300,900 --screenshot="$tmp/shot.png" >/dev/null
check "screenshot written" test -s "$tmp/shot.png"
read -r w h sd red < <(python3 tests/lib/png_stats.py "$tmp/shot.png")
check_eq "screenshot size" "1300 900" "$w $h"
check "screenshot is not blank (luminance stddev $sd)" python3 -c "import sys; sys.exit(not float('$sd') > 10)"
check "screenshot shows the error hatching ($red red pixels)" test "$red" -gt 300

# Controls: the checks above can fail.
sed 's|<body>|<body><img src="http://198.51.100.1/leak.png" alt="">|' "$tmp/incident.html" >"$tmp/inject.html"
chromium_run inject "$tmp/inject.html" --dump-dom >/dev/null
check "control: the CSP blocks an injected image, and the log says so" test "$(csp_violations "$tmp/inject.err")" -ge 1
check_eq "control: the blocked image made no request" 0 "$(page_requests "$tmp/inject.net")"
grep -v 'Content-Security-Policy' "$tmp/inject.html" >"$tmp/nocsp.html"
chromium_run nocsp "$tmp/nocsp.html" --dump-dom >/dev/null
check "control: without the CSP the image is a request in the net log" test "$(page_requests "$tmp/nocsp.net" 2>/dev/null)" -ge 1

# The incident across two hosts, when this build has `fleet` (decided by
# its own --help): both lanes, both bars marked, fleet's findings shown.
if "$VNETAUDIT" --help | grep -q '^  fleet '; then
        mkdir "$tmp/inv"
        for h in workstation server; do
                va_root --root "$FX/$h" --offline --libvirt-uri none list --json >"$tmp/inv/$h.json"
        done
        "$VNETAUDIT" fleet --json "$tmp/inv" >"$tmp/fleet.json"
        va_root --offline map --output-file "$tmp/fleet.html" "$tmp/inv"
        chromium_run fleet "$tmp/fleet.html" --dump-dom >"$tmp/fdom.html"
        python3 - "$tmp/fleet.json" "$tmp/fdom.html" >"$tmp/fwant.out" <<'PY'
import html, json, sys
fl, dom = json.load(open(sys.argv[1])), open(sys.argv[2]).read()
want = [f["code"] for f in fl["findings"]] + [f["message"] for f in fl["findings"]]
want += [h for f in fl["findings"] for h in f.get("hosts", [])]
want += [n for f in fl["findings"] for n in f["networks"]]
missing = [w for w in want if html.escape(w, quote=False) not in dom and w not in dom]
print(len(fl["findings"]), len(missing), *missing)
PY
        read -r nf nmiss frest <"$tmp/fwant.out"
        check "fleet: the incident is a cross-host finding" test "$nf" -ge 1
        check_eq "fleet DOM: every finding's code, message, host and HOST/ID${frest:+ (missing: $frest)}" 0 "$nmiss"
        check "fleet DOM: a lane per host" sh -c "grep -q 'id=\"lane4-0\"' '$tmp/fdom.html' && grep -q 'id=\"lane4-1\"' '$tmp/fdom.html'"
        check_eq "fleet DOM: the clashing bar of each host marked" 2 "$(grep -c 'class="b [a-z]* error"' "$tmp/fdom.html")"
        check_eq "fleet: no request left the page" 0 "$(page_requests "$tmp/fleet.net")"
        check_eq "fleet: no CSP violation" 0 "$(csp_violations "$tmp/fleet.err")"
else
        echo "# this build has no fleet command: the two-host page is covered by map_cli.sh's exit-64 check"
fi

# Hostile names: markup, quotes and a bidi override in a libvirt network's name.
va_root --root "$FX/hostile" --offline --libvirt-uri none map --output-file "$tmp/hostile.html" 2>/dev/null
chromium_run hostile "$tmp/hostile.html" --dump-dom >"$tmp/hdom.html"
check "hostile: no script element in the DOM" sh -c "! grep -qi '<script' '$tmp/hdom.html'"
check "hostile: no element made from the name" sh -c "! grep -q '<b onmouseover' '$tmp/hdom.html'"
check "hostile: the name is text, bidi override shown as bytes" \
        grep -qF 'libvirt:&lt;script&gt;alert(1)&lt;b onmouseover="x"&gt;'"'"'\xe2\x80\xaeevil' "$tmp/hdom.html"
check "hostile: no bidi override character in the DOM" sh -c "! grep -q \$'\\xe2\\x80\\xae' '$tmp/hdom.html'"
check_eq "hostile: no CSP violation" 0 "$(csp_violations "$tmp/hostile.err")"
t_done
