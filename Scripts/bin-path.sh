#!/usr/bin/env bash
# Prints the folder of the debug build's products. Scripts/test-lanes.sh sets NEURONA_BIN_PATH for
# the checks it runs: asking SwiftPM (`swift build --show-bin-path`) takes its lock on .build, and
# a check of one lane would wait there while the other lane's third-party build holds it.
# Usage: bin="$(Scripts/bin-path.sh)"   (SWIFT overrides the swift binary)
set -euo pipefail
if [ -n "${NEURONA_BIN_PATH:-}" ]; then
    echo "$NEURONA_BIN_PATH"
else
    "${SWIFT:-swift}" build --package-path "$(cd "$(dirname "$0")/.." && pwd)" --show-bin-path
fi
