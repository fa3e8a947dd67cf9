# Two "hosts" on one machine, sourced by Scripts/netns-hosts-check.sh (the checks) and
# Benchmarks/scaling-hosts.sh (bench scaling): two Linux network namespaces joined by a veth pair
# (10.231.0.1 and 10.231.0.2), Open MPI over TCP with a hostfile, exactly as on a real cluster
# except for the launcher: mpirun starts a remote rank with `<agent> <host> orted …` (ssh by
# default); here the agent is a small script that runs the command inside the host's namespace
# (`ip netns exec`). Open MPI is kept to the veth addresses (btl_tcp_if_include,
# oob_tcp_if_include) and to TCP (btl tcp,self: no shared memory between the "hosts").
#
#   netns_hosts_up <folder>    makes the namespaces (names carry this shell's pid), the agent and
#                              the hostfile in <folder>, where Open MPI's session folders go too;
#                              sets host0 host1 ns0 ns1 veth0 veth1 and the array mpirun_hosts
#                              (mpirun on host 0, -np 2, one slot per host).
#                              Prints why and returns 1 when it cannot (needs root: CAP_NET_ADMIN).
#   netns_hosts_limit <rate> <delay>  limits both ends of the link: `tc netem rate R delay D` where
#                              the kernel has netem, else `tc tbf rate R` (bandwidth only, no added
#                              delay); sets link_limit to what was applied
#   netns_hosts_down           ends what still runs in the namespaces (by pid) and removes them
host0=10.231.0.1 host1=10.231.0.2
ns0="neurona-host0-$$" ns1="neurona-host1-$$"
veth0="nrn0-$$" veth1="nrn1-$$"
link_limit="none"

netns_hosts_up() {
    local folder=$1
    if ! ip netns add "$ns0" 2>"$folder/netns-error"; then
        echo "cannot create a network namespace: $(cat "$folder/netns-error")"
        echo "this needs root with CAP_NET_ADMIN (ip netns add); it cannot run in this sandbox"
        return 1
    fi
    ip netns add "$ns1" &&
    ip link add "$veth0" type veth peer name "$veth1" &&
    ip link set "$veth0" netns "$ns0" && ip link set "$veth1" netns "$ns1" &&
    ip -n "$ns0" addr add "$host0/24" dev "$veth0" && ip -n "$ns1" addr add "$host1/24" dev "$veth1" &&
    ip -n "$ns0" link set lo up && ip -n "$ns1" link set lo up &&
    ip -n "$ns0" link set "$veth0" up && ip -n "$ns1" link set "$veth1" up || {
        echo "could not set up the veth pair between the namespaces"; return 1; }
    # The launcher: `agent <host> <command…>` runs the command on that host (its namespace).
    cat >"$folder/agent" <<AGENT
#!/bin/sh
host=\$1; shift
case "\$host" in
    $host0) exec ip netns exec $ns0 sh -c "\$*" ;;
    $host1) exec ip netns exec $ns1 sh -c "\$*" ;;
    *) echo "netns-hosts agent: unknown host \$host" >&2; exit 1 ;;
esac
AGENT
    chmod +x "$folder/agent"
    printf '%s slots=1\n%s slots=1\n' "$host0" "$host1" >"$folder/hostfile"
    # Open MPI's session folders go into <folder> and are removed with it: a run cut short ends
    # mpirun and orted by SIGKILL, which left theirs in /tmp/ompi.<host>.<uid> (8 MB each).
    export OMPI_MCA_orte_tmpdir_base="$folder"
    # mpirun runs on host 0, as a user's would on the first node of a cluster.
    mpirun_hosts=(ip netns exec "$ns0" mpirun --hostfile "$folder/hostfile" -np 2
                  --mca plm_rsh_agent "$folder/agent"
                  --mca btl tcp,self --mca btl_tcp_if_include "$host0/24" --mca oob_tcp_if_include "$host0/24")
}

netns_hosts_limit() {
    local rate=$1 delay=$2 applied=""
    for end in "$ns0:$veth0" "$ns1:$veth1"; do
        if tc -n "${end%%:*}" qdisc replace dev "${end#*:}" root netem rate "$rate" delay "$delay" 2>/dev/null; then
            applied="netem rate $rate delay $delay"
        elif tc -n "${end%%:*}" qdisc replace dev "${end#*:}" root tbf rate "$rate" burst 256kb latency 50ms; then
            applied="tbf rate $rate (this kernel has no netem: no added delay)"
        else
            echo "could not limit the link (tc)"; return 1
        fi
    done
    link_limit=$applied
}

netns_hosts_down() {
    local ns pids
    for ns in "$ns0" "$ns1"; do
        # mpirun and the remote orted outlive a cut link: end what runs in our namespaces, by pid.
        pids="$(ip netns pids "$ns" 2>/dev/null)"
        [ -n "$pids" ] && kill -9 $pids 2>/dev/null
        ip netns del "$ns" 2>/dev/null
    done
}
