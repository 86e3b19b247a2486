# probe_lan.sh - a test LAN for the ARP probe tests, on top of netns.sh:
# namespace "lan" holds bridge br0; lan_host NAME IP/LEN [MAC] adds a host
# whose eth0 is a port of br0.  Source netns.sh first.
#   jq-free JSON checks go through python3 (jget DOC EXPR).

lan_init() {
        ns_add lan && ns_bridge lan br0
}

# lan_host NAME CIDR [MAC] [IF]: a namespace NAME with IF (default eth0) on br0.
lan_host() {
        local ifn="${4:-eth0}"
        ns_exec "$1" true 2>/dev/null || ns_add "$1" || return 1
        ns_link "$1" "$ifn" lan "p$RANDOM$RANDOM" br0 || return 1
        [ -z "${3:-}" ] || ip -n "$(ns "$1")" link set "$ifn" address "$3"
        [ -z "$2" ] || ns_addr "$1" "$ifn" "$2"
        ns_wait_up "$1" "$ifn"
}

# jget JSON-TEXT PY-EXPR: evaluates the expression with d = the document.
jget() {
        python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"
}

# claims JSON ADDR: "mac mac ..." of the claims for ADDR, sorted.
claims_of() {
        jget "$1" "' '.join(sorted(c['mac'] for r in d['results'] if r['address']=='$2' for c in r['claims']))"
}
state_of() {
        jget "$1" "[r['state'] for r in d['results'] if r['address']=='$2'][0]"
}

HELPERS="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/helpers"
