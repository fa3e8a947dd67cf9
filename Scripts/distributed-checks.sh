#!/usr/bin/env bash
# The multi-process checks of NeuronaDistributed: runs Tests/DistributedChecks (the executable
# `distributed-checks`, built by `swift build --build-tests`) under `mpirun -np 2 --oversubscribe`
# and checks each case's exit status, output and time:
#   collectives, training,  exit 0 and no FAIL line (the checks themselves are in main.swift)
#   mismatch
#   kill                    rank 1 SIGKILLs itself: mpirun must end the job with a non-zero status,
#                           say so, and rank 0 must say why it stops, within 10 s of the kill
#   hang                    rank 1 sleeps: rank 0's collective must time out (2 s) with a typed
#                           error and the job end non-zero within 20 s
#   error-training          rank 1's fit throws (its data does not fit the model): the job must end
#                           within 15 s with rank 1's message, printed by rank 0 too, rank 0
#                           terminated by mpirun
#   hang-training           rank 1 sleeps in the middle of fit: rank 0's gradient allreduce must be
#                           ended by the watchdog (2 s) with its message, the job non-zero within 20 s
#   ordered                 the ordered sum on 1 process (no mpirun), then 2 and 4 ranks (4 on 2 cores:
#                           --oversubscribe): each run compares its weights' bits with the runs before
#   ordered-ranks           the ordered sum on 3 ranks: a typed error naming the size on every rank
#   sharded, sharded-mismatch  each rank its own part of the data: exit 0 and no FAIL line
#   exit-collective         rank 1 calls exit(0) outside a collective while rank 0 waits in one (polled),
#   exit-training           ... or in fit's gradient allreduce (blocking): rank 0 must name rank 1 and
#                           the job end non-zero within 10 s (the world's timeout is 60 s)
#   exit-late               rank 0 works 2 s alone after the last collective: exit 0, no abort
#   timeout                 per-call timeouts (10 s and 0.5 s against the world's 2 s): no FAIL line
# Usage: Scripts/distributed-checks.sh   (from anywhere; SWIFT overrides the swift binary)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="$("$root/Scripts/bin-path.sh")/distributed-checks"
[ -x "$binary" ] || { echo "distributed-checks: $binary is not built (swift build --build-tests)"; exit 1; }
command -v mpirun >/dev/null || { echo "distributed-checks: mpirun not found (make setup installs openmpi-bin)"; exit 1; }
# Open MPI refuses to start as root unless told twice.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
failures=0
passed=0
output="$(mktemp)"
weights="$(mktemp -d)"
trap 'rm -f "$output"; rm -rf "$weights"' EXIT

run_on() {   # run_on <ranks> <case> [argument]: 1 is a plain process; sets status and elapsed (s), output in $output
    local ranks=$1 start end
    shift
    start=$(date +%s.%N)
    if [ "$ranks" -eq 1 ]; then
        timeout 180 "$binary" "$@" >"$output" 2>&1
    else
        timeout 180 mpirun -np "$ranks" --oversubscribe "$binary" "$@" >"$output" 2>&1
    fi
    status=$?
    end=$(date +%s.%N)
    elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
}

run() { run_on 2 "$@"; }   # run <case>: on 2 ranks

fail() { echo "FAIL $1"; sed 's/^/  | /' "$output"; failures=$((failures + 1)); }

# judge <label> <problem, empty when none> <lines to show (grep -E)>: a case of checks passes when
# it exits 0 with no FAIL line and no other problem.
judge() {
    if [ "$status" -ne 0 ] || grep -q '^FAIL' "$output" || [ -n "$2" ]; then
        fail "$1: exit $status${2:+, $2}"
    else
        echo "ok   $1: $(grep -c '^ok ' "$output") checks passed in $elapsed s"
        grep -E "$3" "$output" | sed 's/^ok   /       /'
        passed=$((passed + 1))
    fi
}

for name in collectives training mismatch sharded sharded-mismatch; do
    run "$name"
    judge "$name on 2 ranks" "" 'vs 1 process|resumed by 1 process'
done

run kill
killed_at=$(sed -n 's/^rank 1: killing itself (SIGKILL) at //p' "$output")
after=$(awk -v a="${killed_at:-0}" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
if [ "$status" -eq 0 ] || [ -z "$killed_at" ] \
   || ! grep -q 'exited on signal 9 (Killed)' "$output" \
   || ! grep -q 'NeuronaDistributed: rank 0 terminated by mpirun (SIGTERM)' "$output" \
   || awk -v t="$after" 'BEGIN { exit !(t > 10) }'; then
    fail "kill: exit $status, $after s after the kill"
else
    echo "ok   kill: mpirun exit $status $after s after rank 1 died; $(grep -o 'NeuronaDistributed: rank 0 terminated by mpirun (SIGTERM)' "$output")"
    passed=$((passed + 1))
fi

run hang
message='no answer from the other ranks within 2 s on rank 0'
# The waiting rank naps between looks: under half a core over its 2 s wait.
cpu=$(sed -n 's/.* s, \([0-9.]*\) s of CPU.*/\1/p' "$output" | head -1)
if [ "$status" -eq 0 ] || ! grep -qF "$message" "$output" || awk -v t="$elapsed" 'BEGIN { exit !(t > 20) }' \
   || [ -z "$cpu" ] || awk -v c="$cpu" 'BEGIN { exit !(c > 1.0) }'; then
    fail "hang: exit $status after $elapsed s, ${cpu:-?} s of CPU while waiting"
else
    echo "ok   hang: exit $status after $elapsed s, $cpu s of CPU while waiting 2 s: $(grep -oF "allReduce(sum): $message" "$output")"
    passed=$((passed + 1))
fi

run error-training
message='NeuronaDistributed: rank 1 of 2 failed: '
if [ "$status" -eq 0 ] || ! grep -qF "$message" "$output" || ! grep -q 'rank 0 terminated by mpirun' "$output" \
   || ! grep -qF 'NeuronaDistributed: rank 0 of 2 ends the job: rank 1 failed: fit: the model takes inputs' "$output" \
   || awk -v t="$elapsed" 'BEGIN { exit !(t > 15) }'; then
    fail "error-training: exit $status after $elapsed s"
else
    echo "ok   error-training: exit $status after $elapsed s: $(grep -F "$message" "$output" | head -1 | cut -c1-160)"
    passed=$((passed + 1))
fi

run hang-training
message='NeuronaDistributed: DataParallel: gradient allreduce: no answer from the other ranks within 2 s on rank 0'
if [ "$status" -eq 0 ] || ! grep -qF "$message" "$output" || awk -v t="$elapsed" 'BEGIN { exit !(t > 20) }'; then
    fail "hang-training: exit $status after $elapsed s"
else
    echo "ok   hang-training: exit $status after $elapsed s: $(grep -oF "$message" "$output")"
    passed=$((passed + 1))
fi

# A plain exit on rank 1 where rank 0 still waits for it: rank 0 names it and ends the job
# at once, whether it waits in a polled collective or in the blocking gradient allreduce.
for name in exit-collective exit-training; do
    run "$name"
    exited_at=$(sed -n 's/^rank 1: calling exit(0) at //p' "$output")
    after=$(awk -v a="${exited_at:-0}" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    message='NeuronaDistributed: rank 0 of 2 ends the job: rank 1 exited after '
    if [ "$status" -eq 0 ] || [ -z "$exited_at" ] || ! grep -qF "$message" "$output" \
       || awk -v t="$after" 'BEGIN { exit !(t > 10) }'; then
        fail "$name: exit $status, $after s after rank 1's exit"
    else
        echo "ok   $name: mpirun exit $status $after s after rank 1's exit(0): $(grep -F "$message" "$output" | head -1 | cut -c1-200)"
        passed=$((passed + 1))
    fi
done
run exit-late
judge "exit-late (rank 0 alone for 2 s at the end)" "$(grep -q 'ends the job' "$output" && echo 'a rank ended the job')" 'no line'

run timeout
if grep -q '^FAIL' "$output" || [ "$(grep -c '^ok ' "$output")" -ne 2 ] || awk -v t="$elapsed" 'BEGIN { exit !(t > 20) }'; then
    fail "timeout: exit $status after $elapsed s"
else
    echo "ok   timeout: 2 checks passed in $elapsed s"
    grep '^ok ' "$output" | sed 's/^ok   /       /'
    passed=$((passed + 1))
fi

# The ordered sum: the same weights bit for bit on 1 process, 2 ranks and 4 ranks (each run
# compares with the files of the runs before it), and a typed error on 3 ranks.
for ranks in 1 2 4; do
    run_on "$ranks" ordered "$weights"
    compared=$(grep -c 'bit for bit on .* tensors' "$output")
    expected=$((ranks == 1 ? 0 : ranks == 2 ? 1 : 2))   # the runs before this one
    judge "ordered on $ranks rank(s)" "$([ "$compared" -ne "$expected" ] && echo "$compared of $expected comparisons")" \
          'bit for bit|vs plain fit'
done

run_on 3 ordered-ranks
if [ "$status" -ne 0 ] || grep -q '^FAIL' "$output" || [ "$(grep -c '^ok ' "$output")" -ne 3 ]; then
    fail "ordered-ranks: exit $status"
else
    echo "ok   ordered-ranks: every rank of 3 throws in $elapsed s: $(grep -o 'DataParallel(reduction.*' "$output" | head -1 | cut -c1-160)"
    passed=$((passed + 1))
fi

echo "distributed-checks: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
