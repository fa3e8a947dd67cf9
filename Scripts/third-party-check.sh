#!/usr/bin/env bash
# A third-party plugin, proven from outside: builds and tests ThirdParty/NeuronaExtras, a package of
# its own that depends on this one by path (a layer, a differentiable op, an activation, an
# initializer and an optimizer, used from a JSON model), in its own scratch folder.
# Usage: Scripts/third-party-check.sh   (from anywhere; SWIFT overrides the swift binary)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
swift="${SWIFT:-swift}"
package="$root/ThirdParty/NeuronaExtras"
scratch="$root/.build-third-party"
start=$(date +%s)
"$swift" build --build-tests --package-path "$package" --scratch-path "$scratch" 2>&1 | grep -v '^\[' || true
built=$(date +%s)
status=0
"$swift" test --skip-build --package-path "$package" --scratch-path "$scratch" >"$scratch/test.log" 2>&1 || status=$?
grep -E '✘|Test run with' "$scratch/test.log" || true
echo "third-party-check: build $((built - start)) s, tests $(( $(date +%s) - built )) s"
if [ "$status" -ne 0 ]; then
    echo "third-party-check: FAILED (log: $scratch/test.log)"
    exit "$status"
fi
