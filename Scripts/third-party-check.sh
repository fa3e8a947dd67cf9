#!/usr/bin/env bash
# A third-party plugin, proven from outside: builds and tests ThirdParty/NeuronaExtras, a package of
# its own that depends on this one by path (a layer, a differentiable op, an activation, an
# initializer and an optimizer, used from a JSON model).
#
# It builds in this package's own scratch folder (.build) with the same flags as `make test`'s
# build (DEBUG_FLAGS, from the Makefile), so Neurona's modules, compiled by the same commands, are
# reused from that build rather than compiled a second time (on 2 cores: 11 s instead of 53 s).
# NeuronaExtras is still a root package of its own: it sees Neurona's public API only (its
# `package` declarations belong to another package name).
#
# SwiftPM keeps the build plan of the last build in a scratch folder and reuses it when the
# build's parameters and environment are unchanged, even when the root package is another one;
# NEURONA_BUILD_ROOT makes this build's environment differ from the main build's, so each plans
# for its own root.
# Usage: Scripts/third-party-check.sh   (from anywhere; SWIFT overrides the swift binary,
#        DEBUG_FLAGS the build flags, which otherwise come from the Makefile)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
swift="${SWIFT:-swift}"
flags="${DEBUG_FLAGS-$(make -s -C "$root" --no-print-directory debug-flags)}"
package="$root/ThirdParty/NeuronaExtras"
scratch="$root/.build"
log="$scratch/third-party-tests.log"
export NEURONA_BUILD_ROOT=ThirdParty/NeuronaExtras
start=$(date +%s)
build_status=0
# shellcheck disable=SC2086  # the flags are words
"$swift" build --build-tests --package-path "$package" --scratch-path "$scratch" $flags 2>&1 \
    | { grep -v '^\[' || true; } || build_status=$?
if [ "$build_status" -ne 0 ]; then
    echo "third-party-check: FAILED: the build exited $build_status"
    exit "$build_status"
fi
built=$(date +%s)
status=0
"$swift" test --skip-build --package-path "$package" --scratch-path "$scratch" >"$log" 2>&1 || status=$?
grep -E '✘|Test run with' "$log" || true
echo "third-party-check: build $((built - start)) s, tests $(( $(date +%s) - built )) s"
if [ "$status" -ne 0 ]; then
    echo "third-party-check: FAILED (log: $log)"
    exit "$status"
fi
