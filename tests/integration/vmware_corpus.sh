#!/usr/bin/env bash
# vmware_corpus.sh - VMware files from other people's machines (the shared
# corpus, ../shared/corpus/vmware next to the repository): assemble host
# roots from a networking/locations file plus the dhcpd.conf/nat.conf of the
# same machine, run `vnetaudit --offline --libvirt-uri none --root R list
# --json` and compare with expectations derived by reading those files.
# Then every corpus file goes through every VMware parser (sanitizer-built
# fuzz targets when present) and through vnetaudit in every role: no crash.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
corpus="$top/../shared/corpus/vmware"
bin="${VNETAUDIT_BIN:-$top/vnetaudit}"      # e.g. a sanitizer build
if [ ! -d "$corpus" ]; then
        echo "# skip: corpus $corpus is absent"; exit 77
fi
[ -x "$bin" ] || { echo "not ok - vnetaudit binary missing (run make)"; exit 1; }
work=$(mktemp -d /tmp/vnetaudit-corpus.XXXXXX)
trap 'rm -rf "$work"' EXIT

# One machine per block:  "machine NAME [VMWARE_DIR]", "file DEST CORPUSFILE",
# "net vmnetN key=value ..." (keys: type device subnet host gw dhcp ranges
# fixed bridged stale; "-" = none), "nets LIST" (exactly these vmnets),
# "diag SUBSTRING" (some diagnostic contains it), "nodiag" (no errors),
# "text DEST LINE" (a line of our own, for machines whose networking file
# was not published: the subnet in it is read from their dhcpd.conf).
python3 - "$corpus" "$bin" "$work" <<'PY'
import json, os, shutil, subprocess, sys
corpus, vbin, work = sys.argv[1:4]
spec = r"""
machine archbak
file networking networking.archbak
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.archbak-vmnet1
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.archbak-vmnet8
file vmnet8/nat/nat.conf nat.conf.archbak-vmnet8
file vmnet0/dhcpd/dhcpd.conf dhcpd.conf.archbak-vmnet0-stale
file vmnet0/nat/nat.conf nat.conf.archbak-vmnet0-stale
nets vmnet0 vmnet1 vmnet8
net vmnet0 type=bridged device=- bridged=wlp3s0 subnet=-
net vmnet1 type=hostonly device=vmnet1 subnet=172.16.78.0/24 host=172.16.78.1 gw=- dhcp=172.16.78.254 ranges=172.16.78.128-172.16.78.254 fixed=- stale=false
net vmnet8 type=nat device=vmnet8 subnet=192.168.135.0/24 host=192.168.135.1 gw=192.168.135.2 dhcp=192.168.135.254 ranges=192.168.135.128-192.168.135.254 stale=false
diag DHCP is off for vmnet0
diag NAT is off for vmnet0

machine archbak-previous-networking
file networking networking.archbak.bak.0
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.archbak-vmnet1
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.archbak-vmnet8
file vmnet8/nat/nat.conf nat.conf.archbak-vmnet8
nets vmnet1 vmnet8
net vmnet1 subnet=172.16.78.0/24 stale=true
net vmnet8 subnet=192.168.135.0/24 stale=true
nodiag

machine timon-schwarz
file networking networking.timon-schwarz-etc
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.timon-schwarz-etc-vmnet1
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.timon-schwarz-etc-vmnet8
file vmnet8/nat/nat.conf nat.conf.timon-schwarz-etc-vmnet8
nets vmnet1 vmnet8
net vmnet1 type=hostonly subnet=172.16.7.0/24 host=172.16.7.1 dhcp=172.16.7.254 ranges=172.16.7.128-172.16.7.254 stale=false
net vmnet8 type=nat subnet=192.168.241.0/24 host=192.168.241.1 gw=192.168.241.2 dhcp=192.168.241.254 ranges=192.168.241.128-192.168.241.254 stale=false
nodiag

machine vgubuntu-ws17
file networking networking.vgubuntu-ws17
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.vgubuntu-ws17-vmnet1
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.vgubuntu-ws17-vmnet8
file vmnet8/nat/nat.conf nat.conf.vgubuntu-ws17-vmnet8-hostIp
nets vmnet1 vmnet8
net vmnet1 subnet=172.16.238.0/24 host=172.16.238.1 ranges=172.16.238.128-172.16.238.254 stale=false
net vmnet8 type=nat subnet=192.168.2.0/24 host=192.168.2.1 gw=192.168.2.2 dhcp=192.168.2.254 stale=false
nodiag

machine vgubuntu-ws17-previous-networking
file networking networking.vgubuntu-ws17.bak.0
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.vgubuntu-ws17-vmnet1
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.vgubuntu-ws17-vmnet8
net vmnet1 stale=true
net vmnet8 stale=true

machine themintgirl
file networking networking.themintgirl
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.themintgirl-vmnet1
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.themintgirl-vmnet8
file vmnet8/nat/nat.conf nat.conf.themintgirl-vmnet8
net vmnet1 subnet=192.168.55.0/24 host=192.168.55.1 ranges=192.168.55.128-192.168.55.254 stale=false
net vmnet8 subnet=192.168.105.0/24 gw=192.168.105.2 ranges=192.168.105.128-192.168.105.254 stale=false
nodiag

machine amfern
file networking networking.amfern-etckeeper
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.amfern-etckeeper-vmnet1
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.amfern-etckeeper-vmnet8
file vmnet8/nat/nat.conf nat.conf.amfern-etckeeper-vmnet8
net vmnet1 subnet=172.16.165.0/24 host=172.16.165.1 stale=false
net vmnet8 subnet=192.168.214.0/24 host=192.168.214.1 gw=192.168.214.2 stale=false
nodiag

machine damibo-ws10-current
file networking networking.damibo-ws10
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.damibo-ws10-vmnet1-2013-11-current
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.damibo-ws10-vmnet8-2013-11-current
file vmnet8/nat/nat.conf nat.conf.damibo-ws10-vmnet8-noipv6
net vmnet1 type=hostonly subnet=192.168.111.0/24 host=192.168.111.1 stale=false
net vmnet8 type=nat subnet=172.16.164.0/24 host=172.16.164.1 gw=172.16.164.2 ranges=172.16.164.128-172.16.164.254 stale=false
nodiag

machine damibo-ws10-old-dhcpd
file networking networking.damibo-ws10
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.damibo-ws10-vmnet1
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.damibo-ws10-vmnet8-172.16
net vmnet1 stale=true
net vmnet8 stale=true

machine damibo-ws10-previous-pair
file networking networking.damibo-ws10.bak.0
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.damibo-ws10-vmnet1
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.damibo-ws10-vmnet8-172.16
net vmnet1 stale=false
net vmnet8 stale=false

machine mojtabazn-2024
file networking networking.mojtabazn-2024-both-172.16
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.mojtabazn-2024-vmnet1
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.mojtabazn-2024-vmnet8
file vmnet8/nat/nat.conf nat.conf.mojtabazn-2024-vmnet8-hostIp
net vmnet1 subnet=172.16.1.0/24 host=172.16.1.1 ranges=172.16.1.128-172.16.1.254 stale=false
net vmnet8 subnet=172.16.68.0/24 host=172.16.68.1 gw=172.16.68.2 ranges=172.16.68.128-172.16.68.254 stale=false
nodiag

machine mojtabazn-2026-no-vmnet1-dhcpd
file networking networking.mojtabazn-2026
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.mojtabazn-2026-vmnet8
net vmnet1 subnet=172.16.19.0/24 host=172.16.19.1 dhcp=172.16.19.254 ranges=172.16.19.128-172.16.19.254
net vmnet8 type=nat subnet=192.168.177.0/24 host=192.168.177.1 gw=192.168.177.2 ranges=192.168.177.128-192.168.177.254 stale=false
nodiag

machine rgulewich-fusion3-adapteraddr
file networking networking.rgulewich-fusion3-adapteraddr
net vmnet1 subnet=172.16.108.0/24 host=172.16.108.1
net vmnet8 type=nat subnet=192.168.3.0/24 host=192.168.3.1 gw=192.168.3.2 dhcp=192.168.3.254

machine rgulewich-fusion3-outside-subnet
file networking networking.rgulewich-fusion3-adapteraddr-outside-subnet
nets vmnet1 vmnet2 vmnet8
net vmnet1 subnet=192.168.0.0/24 host=192.168.42.1
net vmnet2 type=bridged device=- bridged=en0 subnet=-
net vmnet8 subnet=10.9.8.0/24 host=10.9.8.1 gw=10.9.8.2

machine rgulewich-fusion3-slash16
file networking networking.rgulewich-fusion3-slash16-nodhcp
net vmnet1 type=hostonly subnet=192.168.0.0/16 host=192.168.1.254 dhcp=- ranges=- stale=false
net vmnet8 subnet=10.9.8.0/24 host=10.9.8.1

machine sirn-fusion8 /Library/Preferences/VMware Fusion
file networking networking.sirn-fusion8-add_nat_portfwd
file vmnet8/dhcpd.conf dhcpd.conf.sirn-fusion8-vmnet8
file vmnet8/nat.conf nat.conf.sirn-fusion8-vmnet8-portfwd
net vmnet1 subnet=172.16.141.0/24 host=172.16.141.1
net vmnet8 type=nat subnet=172.16.99.0/24 host=172.16.99.1 gw=172.16.99.2 ranges=172.16.99.128-172.16.99.254 stale=false
nodiag

machine straysheep-template
file networking networking.straysheep-template-placeholders
nets vmnet1 vmnet8
net vmnet1 subnet=-
net vmnet8 subnet=-
diag VNET_1_HOSTONLY_SUBNET: invalid IPv4 address "<network-ip-addr>"
diag VNET_8_DHCP_CFG_HASH is not a SHA-1 hash

machine fusion3-locations
file locations locations.rgulewich-fusion3-original
nets vmnet1 vmnet8
net vmnet1 type=hostonly subnet=172.16.108.0/24 host=172.16.108.1 dhcp=172.16.108.254
net vmnet8 type=nat subnet=192.168.117.0/24 host=192.168.117.1 gw=192.168.117.2
nodiag

machine fusion3-locations-appended
file locations locations.rgulewich-fusion3-appended-override
net vmnet1 dhcp=192.168.0.254
nodiag

machine fusion3-locations-slash16
file locations locations.rgulewich-fusion3-slash16
net vmnet1 subnet=192.168.0.0/16 host=192.168.0.1
net vmnet8 subnet=10.9.8.0/24 host=10.9.8.1

machine pld-vmware-server2
file locations locations.pld-vmware-server2-distro-default
file vmnet1/dhcpd/dhcpd.conf dhcpd.conf.pld-vmware-server-vmnet1-hostonly-trailing-ws
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.pld-vmware-server-vmnet8-old-2.0b6pl1
file vmnet8/nat/nat.conf nat.conf.pld-vmware-server-old-format
nets vmnet0 vmnet1 vmnet8
net vmnet0 type=bridged bridged=eth0 subnet=-
net vmnet1 type=hostonly subnet=192.168.23.0/24 host=192.168.23.1 dhcp=192.168.23.254 ranges=192.168.23.128-192.168.23.254 stale=false
net vmnet8 type=nat subnet=172.16.98.0/24 host=172.16.98.1 gw=172.16.98.2 ranges=172.16.98.128-172.16.98.254 stale=false
nodiag

machine ws12-empty-locations-and-networking
file locations locations.archbak-empty-ws12
file networking networking.amfern-etckeeper
nets vmnet1 vmnet8

machine kepek-fusion-with-our-networking
text networking VERSION=1,0
text networking answer VNET_8_DHCP yes
text networking answer VNET_8_HOSTONLY_NETMASK 255.255.255.0
text networking answer VNET_8_HOSTONLY_SUBNET 192.168.120.0
text networking answer VNET_8_NAT yes
file vmnet8/dhcpd/dhcpd.conf dhcpd.conf.kepek-vmnet8-fixedhost
file vmnet8/nat/nat.conf nat.conf.kepek-vmnet8-portfwd
net vmnet8 type=nat subnet=192.168.120.0/24 host=192.168.120.1 gw=192.168.120.2 ranges=192.168.120.128-192.168.120.254 fixed=192.168.120.111/00:50:56:fc:74:9a stale=false
nodiag

machine ryancnelson-fusion-with-our-networking /Library/Preferences/VMware Fusion
text networking VERSION=1,0
text networking answer VNET_8_DHCP yes
text networking answer VNET_8_HOSTONLY_NETMASK 255.255.255.0
text networking answer VNET_8_HOSTONLY_SUBNET 10.88.88.0
text networking answer VNET_8_NAT yes
file vmnet8/dhcpd.conf dhcpd.conf.ryancnelson-fusion-vmnet8-10.88.88
file vmnet8/nat.conf nat.conf.ryancnelson-fusion-vmnet8-40fwds
net vmnet8 type=nat subnet=10.88.88.0/24 host=10.88.88.1 gw=10.88.88.2 ranges=10.88.88.128-10.88.88.254 fixed=-
nodiag

machine windows-vmnetdhcp-as-vmnet8
text networking VERSION=1,0
text networking answer VNET_8_DHCP yes
text networking answer VNET_8_NAT yes
file vmnet8/dhcpd/dhcpd.conf vmnetdhcp.conf.rockafeller-windows-duphosts
net vmnet8 type=nat
diag declared more than once

machine ws17-empty-locations-only
file locations locations.vgubuntu-empty-ws17
nets
nodiag

machine ws5-installer-db
file locations locations.joan6149-ws5-tar3-installerdb
nets
nodiag
"""

def blocks(text):
    cur = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        word, _, rest = line.partition(' ')
        if word == 'machine':
            if cur: yield cur
            name, _, vdir = rest.partition(' ')
            cur = dict(name=name, vdir=vdir or '/etc/vmware', files=[], texts={}, nets={}, only=None, diags=[], nodiag=False)
        elif word == 'text':
            dest, _, content = rest.partition(' ')
            cur['texts'][dest] = cur['texts'].get(dest, '') + content + '\n'
        elif word == 'file':
            dest, src = rest.split(' ')
            cur['files'].append((dest, src))
        elif word == 'nets':
            cur['only'] = rest.split()
        elif word == 'net':
            n, *kv = rest.split()
            cur['nets'][n] = dict(x.split('=', 1) for x in kv)
        elif word == 'diag':
            cur['diags'].append(rest)
        elif word == 'nodiag':
            cur['nodiag'] = True
    if cur: yield cur

def actual(net, key):
    s = net['subnets'][0] if net['subnets'] else None
    if key == 'type': return net['type']
    if key == 'device': return net['device'] or '-'
    if key == 'bridged': return ','.join(net['bridged_to']) or '-'
    if key == 'stale': return 'true' if net.get('dhcp_config_stale') else 'false'
    if key == 'subnet': return s['prefix'] if s else '-'
    if s is None: return '(no subnet)'
    if key == 'host': return s['host_address'] or '-'
    if key == 'gw': return s['gateway'] or '-'
    if key == 'dhcp': return s['dhcp_server'] or '-'
    if key == 'ranges': return ','.join(f"{r['start']}-{r['end']}" for r in s['dhcp_ranges']) or '-'
    if key == 'fixed': return ','.join(f"{h['ip']}/{h['mac']}" for h in s['fixed_hosts']) or '-'
    return '(unknown key %s)' % key

fails = 0
def check(ok, what, detail=''):
    global fails
    print(('ok - ' if ok else 'not ok - ') + what)
    if not ok:
        fails += 1
        if detail: print('#   ' + detail)

for m in blocks(spec):
    root = os.path.join(work, m['name'])
    vdir = os.path.join(root, m['vdir'].lstrip('/'))
    for dest, src in m['files']:
        d = os.path.join(vdir, dest)
        os.makedirs(os.path.dirname(d), exist_ok=True)
        shutil.copyfile(os.path.join(corpus, src), d)
    for dest, content in m['texts'].items():
        d = os.path.join(vdir, dest)
        os.makedirs(os.path.dirname(d), exist_ok=True)
        open(d, 'w').write(content)
    args = [vbin, '--offline', '--libvirt-uri', 'none', '--root', root, '--vmware-dir', m['vdir'], 'list', '--json']
    p = subprocess.run(args, capture_output=True)
    try:
        doc = json.loads(p.stdout, strict=True)
    except Exception as e:
        check(False, f"{m['name']}: JSON parses", f"exit {p.returncode}: {e}")
        continue
    nets = {n['name']: n for n in doc['networks'] if n['source'] == 'vmware'}
    diags = doc['diagnostics']
    if m['only'] is not None:
        check(sorted(nets) == sorted(m['only']), f"{m['name']}: vmnets {' '.join(m['only']) or '(none)'}",
              f"got {sorted(nets)}")
    for name, want in m['nets'].items():
        if name not in nets:
            check(False, f"{m['name']}: {name} listed"); continue
        bad = [f"{k}: want {v}, got {actual(nets[name], k)}" for k, v in want.items() if actual(nets[name], k) != v]
        check(not bad, f"{m['name']}: {name} " + ' '.join(f'{k}={v}' for k, v in want.items()), '; '.join(bad))
    for sub in m['diags']:
        check(any(sub in d['message'] for d in diags), f"{m['name']}: diagnostic '{sub}'",
              'got: ' + ' | '.join(d['message'] for d in diags))
    if m['nodiag']:
        errs = [f"{d['file']}:{d['line']}: {d['message']}" for d in diags if d['severity'] != 'info']
        check(not errs, f"{m['name']}: no warnings or errors", ' | '.join(errs))
sys.exit(1 if fails else 0)
PY
rc=$?

# Every corpus file through every parser and every role: no crash, JSON
# intact, no sanitizer report from the fuzz builds.
crash=0 n=0
synthetic='VERSION=1,0
answer VNET_8_DHCP yes
answer VNET_8_HOSTONLY_NETMASK 255.255.255.0
answer VNET_8_HOSTONLY_SUBNET 10.11.12.0
answer VNET_8_NAT yes'
for f in "$corpus"/*; do
        [ -f "$f" ] || continue
        base=$(basename "$f")
        [ "$base" = SOURCES.md ] && continue
        for role in networking locations dhcpd nat; do
                r="$work/roles/$role/etc/vmware"
                rm -rf "$work/roles/$role"; mkdir -p "$r/vmnet8/dhcpd" "$r/vmnet8/nat"
                case $role in
                networking) cp "$f" "$r/networking" ;;
                locations) cp "$f" "$r/locations" ;;
                dhcpd) printf '%s\n' "$synthetic" > "$r/networking"; cp "$f" "$r/vmnet8/dhcpd/dhcpd.conf" ;;
                nat) printf '%s\n' "$synthetic" > "$r/networking"; cp "$f" "$r/vmnet8/nat/nat.conf" ;;
                esac
                n=$((n + 1))
                mkdir -p "$work/outs"
                "$bin" --offline --libvirt-uri none --root "$work/roles/$role" list --json \
                        > "$work/outs/$base.$role.json" 2>/dev/null
                st=$?
                if [ $st -ge 64 ]; then
                        echo "not ok - $base as $role: exit $st"; crash=$((crash + 1))
                fi
        done
done
# All outputs checked in one interpreter (strict JSON, any bytes escaped).
bad=$(python3 -c '
import json, sys
for f in sys.argv[1:]:
    try:
        json.load(open(f, "rb"), strict=True)
    except Exception as e:
        print(f, e)' "$work"/outs/*.json)
if [ -n "$bad" ]; then
        echo "not ok - invalid JSON from corpus runs"; echo "$bad" | sed 's/^/#   /'; crash=$((crash + 1))
fi
# The sanitizer builds replay a directory in one process each.
mkdir -p "$work/all"
for f in "$corpus"/*; do [ -f "$f" ] && [ "$(basename "$f")" != SOURCES.md ] && cp "$f" "$work/all/"; done
for t in networking locations dhcpd natconf; do
        fz="$top/build/fuzz/fuzz_vmw_$t"
        [ -x "$fz" ] || continue
        n=$((n + $(ls "$work/all" | wc -l)))
        if ! "$fz" -runs=0 "$work/all" > "$work/fz.log" 2>&1; then
                echo "not ok - corpus through fuzz_vmw_$t"; tail -n 20 "$work/fz.log" | sed 's/^/#   /'
                crash=$((crash + 1))
        fi
done
if [ $crash -eq 0 ]; then
        echo "ok - every corpus file in every role and parser ($n runs): no crash, JSON intact"
else
        echo "not ok - $crash of $n corpus runs crashed"
fi
[ $rc -eq 0 ] && [ $crash -eq 0 ]
