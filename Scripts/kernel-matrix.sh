#!/usr/bin/env bash
# The kernel matrix: the suites whose numbers depend on which CPU kernels run, again as they would
# run on other kinds of x86-64 machines (`swift test` in `make test` runs everything under this
# machine's own kernels). Each set forces both libraries down to what such a machine runs:
#   an SSE machine    OPENBLAS_CORETYPE=Prescott (OpenBLAS's SSE3 kernels, which every x86-64 CPU
#                     runs) and NEURONA_VECTOR_LEVEL=sse2 (Neurona's own C kernels at SSE2, and
#                     im2col + BLAS for convolutions)
#   an AVX2 machine   OPENBLAS_CORETYPE=Haswell and NEURONA_VECTOR_LEVEL=avx2, where the CPU has
#                     AVX2 (on an AVX-512 machine both are below its own pick)
# A set pairs the two because a real machine does: OpenBLAS's SSE3 kernels beside Neurona's AVX2
# ones is no CPU's combination (Neurona picks OpenBLAS's kernels to fit the CPU,
# BLAS+CoreSelection.swift), and each pairing costs a whole run of the suites.
# Each run prints the paths its kernels took (KernelPathsTests). The suites: the tensor kernels
# and their NumPy fixtures, every gradient check, the layers', losses' and plugins' PyTorch and
# Keras oracles, the optimizers, and training that promises bits (resume, same seed). The lesson
# figures are not rerun here (minutes each in a debug build): their bands hold every set, measured
# as SamplesTests' comments say; nor are the checkpoint's fault-injection trials (file-system
# steps, the same under every kernel set).
# Usage: Scripts/kernel-matrix.sh   (after `swift build --build-tests`; SWIFT overrides the swift binary)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tests="$("$root/Scripts/bin-path.sh")/NeuronaPackageTests.xctest"
[ -x "$tests" ] || { echo "kernel-matrix: $tests is not built (swift build --build-tests)"; exit 1; }
suites='NeuronaCoreTests|NeuronaAutogradTests|NeuronaLayersTests|NeuronaLossesTests|NeuronaOptimizersTests|PluginTests|NeuronaTrainingTests'
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

sets=("OPENBLAS_CORETYPE=Prescott NEURONA_VECTOR_LEVEL=sse2")
grep -qw avx2 /proc/cpuinfo && sets+=("OPENBLAS_CORETYPE=Haswell NEURONA_VECTOR_LEVEL=avx2")

passed=0
failed=0
for setting in "${sets[@]}"; do
    start=$(date +%s)
    # The test binary itself, not `swift test`: no wait for SwiftPM's lock on .build while
    # Scripts/test-lanes.sh runs other checks beside it.
    # shellcheck disable=SC2086  # $setting is two assignments
    (cd "$root" && env $setting "$tests" --testing-library swift-testing --filter "$suites" --skip CheckpointFaultInjectionTests) >"$log" 2>&1
    status=$?
    seconds=$(( $(date +%s) - start ))
    paths=$(sed -n 's/.*KernelPaths: //p' "$log" | head -1)
    summary=$(grep -E 'Test run with [0-9]+ tests' "$log" | tail -1 | sed 's/^.*Test run/test run/')
    if [ "$status" -eq 0 ]; then
        echo "ok   $setting: $summary ($seconds s); $paths"
        passed=$((passed + 1))
    else
        echo "FAIL $setting (exit $status, $seconds s); $paths"
        grep -E '✘|error:' "$log" | head -40 | sed 's/^/  | /'
        failed=$((failed + 1))
    fi
done
echo "kernel-matrix: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
