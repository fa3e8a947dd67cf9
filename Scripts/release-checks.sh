#!/usr/bin/env bash
# Release builds explain themselves: builds Tests/ReleaseChecks in the release configuration
# (`swift build -c release`, its own scratch path, only NeuronaCore and swift-numerics), runs each
# misuse case, and checks that it stops with a non-zero exit and the op-and-shapes message on stderr.
# Which messages a release build prints is decided by its assert configuration, not by the
# optimizer: under `-assert-config Release` Swift's `precondition` drops its message whether the
# code is optimized or not (tried: a -Onone build with it prints no message, as -O does). So the
# check builds with that configuration and without optimizing, in half the CPU time of -O.
# Usage: Scripts/release-checks.sh   (from anywhere; SWIFT overrides the swift binary)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
swift="${SWIFT:-swift}"
scratch="$root/.build-release-checks"
start=$(date +%s)
"$swift" build -c release --package-path "$root/Tests/ReleaseChecks" --scratch-path "$scratch" \
    --product release-checks -Xswiftc -Onone -Xswiftc -assert-config -Xswiftc Release 2>&1 | grep -v '^\[' || true
binary="$scratch/release/release-checks"
[ -x "$binary" ] || { echo "release-checks: build failed (no $binary)"; exit 1; }
built=$(date +%s)

# case | the message release builds must print (exactly, as a substring of stderr)
expectations=(
    "matmul|matmul: shapes [2, 3] and [4, 5] do not align (3 ≠ 4)"
    "affine|affine: shapes [2, 5], [4, 3] and [3] do not fit [m, k]·[k, n] + [n]"
    "broadcast-add|add: shapes [2, 3] and [4] cannot be broadcast together"
    "reshape|reshape: cannot reshape shape [2, 3] (6 elements) to [4]"
    "axis|sum: axis 2 is out of range for shape [2, 3]"
    "gather|gather: index 3 out of range for axis 1 of shape [2, 3]"
    "index-select|indexSelect: index 2 out of range for axis 0 of shape [2, 3]"
    "concatenate-empty|concatenate: no tensors"
    "int64-exp|exp: not defined for int64 tensors (shape [3]); convert to a floating-point dtype first"
    "item|Tensor.item: tensor of shape [2] has 2 elements, not 1"
    "one-hot-fraction|oneHot: labels: label 2.5 at example 1 (labels of shape [3]) is not a class index in 0..<3"
    "one-hot-negative|oneHot: labels: label -1 at example 1"
    "max-pool-gradient|maxPoolGradient: winner 5 at position 0 of [1, 1, 1, 1] lies outside its"
    "vector-level|NEURONA_VECTOR_LEVEL=fast: not a vector level; use one of"
)
failures=0
for entry in "${expectations[@]}"; do
    name="${entry%%|*}"; message="${entry#*|}"
    set +e
    # No crash backtrace (it takes seconds per stop and is not what is checked).
    stderr="$(SWIFT_BACKTRACE=enable=no "$binary" "$name" 2>&1 >/dev/null)"; status=$?
    set -e
    if [ "$status" -eq 0 ]; then
        echo "FAIL $name: exited 0 (expected a stop)"; failures=$((failures + 1))
    elif ! grep -qF -- "$message" <<<"$stderr"; then
        echo "FAIL $name: exit $status, stderr does not contain: $message"; echo "  stderr: $stderr"
        failures=$((failures + 1))
    else
        echo "ok   $name: exit $status, $(grep -F -- "$message" <<<"$stderr" | head -1)"
    fi
done
# The control case stops nowhere: the harness can tell a stop from a normal run.
"$binary" none >/dev/null || { echo "FAIL none: the control case stopped"; failures=$((failures + 1)); }
# A plain start (no OPENBLAS_CORETYPE) runs kernels that fit the CPU, even where OpenBLAS falls
# back to its SSE3 ones (BLAS+CoreSelection.swift); a user's OPENBLAS_CORETYPE always wins.
checks=${#expectations[@]}
if grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then
    checks=$((checks + 1))
    plain="$(env -u OPENBLAS_CORETYPE "$binary" blas-core)"
    case "${plain%% *}" in
        Haswell|Zen|SkylakeX|Cooperlake|SapphireRapids) echo "ok   blas-core plain start: $plain" ;;
        *) echo "FAIL blas-core plain start runs ${plain%% *} on a CPU with AVX2: $plain"; failures=$((failures + 1)) ;;
    esac
fi
checks=$((checks + 1))
chosen="$(OPENBLAS_CORETYPE=Haswell "$binary" blas-core)"
if [ "${chosen%% *}" = Haswell ] && [[ "$chosen" == *"chosen=-"* ]]; then
    echo "ok   blas-core OPENBLAS_CORETYPE=Haswell: $chosen"
else
    echo "FAIL blas-core: OPENBLAS_CORETYPE=Haswell was not kept: $chosen"; failures=$((failures + 1))
fi
# OpenBLAS's idle workers sleep at once after a product instead of spinning against Neurona's own
# loops (BLAS+IdleThreads.swift); a user's OPENBLAS_THREAD_TIMEOUT wins.
checks=$((checks + 2))
idle="$(env -u OPENBLAS_THREAD_TIMEOUT "$binary" blas-idle)"
spent=${idle#idle-cpu-ms=}; spent=${spent%% *}
if [[ "$idle" == *"threads=1 "* ]] || { [[ "$idle" == *"set-by-neurona=true"* ]] && [ "$spent" -le 5 ]; }; then
    echo "ok   blas-idle plain start: $idle"
else
    echo "FAIL blas-idle: idle OpenBLAS workers spun after a product: $idle"; failures=$((failures + 1))
fi
kept="$(OPENBLAS_THREAD_TIMEOUT=20 "$binary" blas-idle)"
if [[ "$kept" == *"set-by-neurona=false"* ]]; then
    echo "ok   blas-idle OPENBLAS_THREAD_TIMEOUT=20 kept: $kept"
else
    echo "FAIL blas-idle: OPENBLAS_THREAD_TIMEOUT=20 was not kept: $kept"; failures=$((failures + 1))
fi
end=$(date +%s)
echo "release-checks: build $((built - start)) s, runs $((end - built)) s"
echo "release-checks: $((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
