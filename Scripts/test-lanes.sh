#!/usr/bin/env bash
# The checks of `make test` after the build, in two lanes that run side by side: on two cores,
# one lane's waits (a browser loading, ranks timing out, a linker) are the other's compute time.
#
#   tests:  every Swift test under the CPU's own kernels; the lab's server tests in a process of
#           their own (they serve HTTP on Swift's cooperative threads, one per core, which the long
#           synchronous sample tests hold for minutes: their servers would not get to listen); the
#           kernel matrix (Scripts/kernel-matrix.sh), all three running the built test binary
#           directly; then ONNX files in onnxruntime and the third-party package (built in .build
#           beside the main build, reusing its modules)
#   checks: the multi-process and two-host distributed checks (one after the other: both time
#           ranks' failures), the lab in headless Chromium, every public declaration documented
#           (Scripts/doc-coverage.py), release builds' stop messages (a build of its own in the
#           release configuration), .keras files in Keras
# The checks find the built products through NEURONA_BIN_PATH (Scripts/bin-path.sh), not by asking
# SwiftPM, whose lock on .build the third-party build holds: a step may go in either lane.
# The lanes are balanced by their measured times on a fresh 2-core clone (120–135 s each on the
# shared VM this was measured on).
#
# Each lane writes its log under .build/test-lanes/ and prints it whole when it ends (the two
# never interleave); the last lines list every step with its time, and the exit status is
# non-zero when any step failed.
# Usage: Scripts/test-lanes.sh   (after `swift build --build-tests`; SWIFT overrides the swift binary,
#        DEBUG_FLAGS passes the build's flags on to Scripts/third-party-check.sh)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export SWIFT="${SWIFT:-swift}"
cd "$root"   # where `swift test` runs the tests
logs="$root/.build/test-lanes"
mkdir -p "$logs"
rm -f "$logs"/*.log "$logs"/*.steps

# Runs the named steps of one lane in order, each to the lane's log, and records
# "status seconds name" per step; a failed step does not stop the steps after it.
lane() {
    local name=$1; shift
    local log="$logs/$name.log" steps="$logs/$name.steps"
    for step in "$@"; do
        local start=$(date +%s) status=0
        echo "== $step" >>"$log"
        bash -c "$step" >>"$log" 2>&1 || status=$?
        echo "$status $(( $(date +%s) - start )) $step" >>"$steps"
    done
}

export NEURONA_BIN_PATH="$root/.build/debug"
tests="$NEURONA_BIN_PATH/NeuronaPackageTests.xctest --testing-library swift-testing"
lane tests "$tests --skip NeuronaLabTests" "$tests --filter NeuronaLabTests" "Scripts/kernel-matrix.sh" \
    "Scripts/onnx-checks.sh" "Scripts/third-party-check.sh" &
tests_lane=$!
# The checks that mostly wait (ranks timing out, a browser) first, beside the Swift tests; the
# release build and Keras last, beside the kernel matrix and the third-party build.
lane checks "Scripts/distributed-checks.sh" "Scripts/netns-hosts-check.sh" "Scripts/lab-browser-checks.sh" \
    "python3 Scripts/doc-coverage.py" "Scripts/release-checks.sh" "Scripts/keras-checks.sh" &
checks_lane=$!

wait "$checks_lane"
cat "$logs/checks.log"
wait "$tests_lane"
cat "$logs/tests.log"

failed=0
echo "== test lanes (seconds per step)"
for name in checks tests; do
    while read -r status seconds step; do
        if [ "$status" -eq 0 ]; then echo "ok   $name: $step ($seconds s)"; else echo "FAIL $name: $step (exit $status, $seconds s)"; failed=1; fi
    done <"$logs/$name.steps"
done
exit "$failed"
