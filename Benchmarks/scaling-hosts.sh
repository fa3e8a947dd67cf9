#!/usr/bin/env bash
# bench scaling's runs across two hosts: two network namespaces joined by a veth pair
# (Scripts/netns-hosts.sh), the link limited to RATE with DELAY added (`tc netem`; where the
# kernel has no netem, `tc tbf` limits the bandwidth only), one rank per host, one core each
# (taskset: host r's rank on core r, as two one-core machines).
#   neurona  `bench scaling-worker KIND` under mpirun with the hostfile (Open MPI over TCP)
#   torch    Benchmarks/Peers/ddp_torch.py, one process per namespace, gloo over the veth pair
# RATE `none` leaves the link as it is. Prints rank 0's JSON object as the last line, with
# "link": what was applied. Needs root (CAP_NET_ADMIN); removes its namespaces on exit.
# Usage: Benchmarks/scaling-hosts.sh <neurona|torch> KIND EXAMPLES RATE DELAY BENCH DATA_DIR
set -uo pipefail
[ $# -eq 7 ] || { echo "usage: $0 <neurona|torch> KIND EXAMPLES RATE DELAY BENCH DATA_DIR" >&2; exit 2; }
who=$1 kind=$2 examples=$3 rate=$4 delay=$5 bench=$6 data=$7
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../Scripts/netns-hosts.sh"
work="$(mktemp -d)"
trap 'netns_hosts_down; rm -rf "$work"' EXIT
netns_hosts_up "$work" >&2 || exit 1
if [ "$rate" != none ]; then netns_hosts_limit "$rate" "$delay" >&2 || exit 1; fi
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OPENBLAS_NUM_THREADS=1
case "$who" in
    neurona)
        timeout 600 "${mpirun_hosts[@]}" --bind-to none -x OPENBLAS_NUM_THREADS \
            sh -c 'exec taskset -c "$OMPI_COMM_WORLD_RANK" "$0" scaling-worker "$1"' "$bench" "$kind" >"$work/out" ;;
    torch)
        port=29517
        for r in 1 0; do
            ns=$ns0 veth=$veth0
            [ "$r" = 1 ] && ns=$ns1 veth=$veth1
            ip netns exec "$ns" env RANK=$r MASTER_ADDR=$host0 MASTER_PORT=$port GLOO_SOCKET_IFNAME=$veth \
                taskset -c $r timeout 600 python3 "$here/Peers/ddp_torch.py" "$data" "$kind" "$examples" 2 1 >"$work/out.$r" &
        done
        wait
        cp "$work/out.0" "$work/out" ;;
    *) echo "scaling-hosts: neurona or torch, not $who" >&2; exit 2 ;;
esac
line="$(grep '^{' "$work/out" | tail -1)"
[ -n "$line" ] || { echo "scaling-hosts: $who printed no result" >&2; exit 1; }
python3 -c 'import json, sys; d = json.loads(sys.argv[1]); d["link"] = sys.argv[2]; print(json.dumps(d))' "$line" "$link_limit"
