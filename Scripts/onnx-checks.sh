#!/usr/bin/env bash
# ONNX export checked by the library that defines the format (run by `make test`): the debug
# build's `onnx-checks` exports a set of models (every layer and activation the exporter writes)
# with Neurona's predictions beside them, then Scripts/onnx-checks.py checks each file with
# onnx.checker and runs it in onnxruntime against those predictions.
# The last line is `onnx-checks: N passed, M failed`; the exit status is non-zero on a failure
# or when onnx or onnxruntime is missing (`make setup` installs them).
# Usage: Scripts/onnx-checks.sh   (SWIFT overrides the swift binary)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$("$root/Scripts/bin-path.sh")"
[ -x "$bin/onnx-checks" ] || { echo "onnx-checks: $bin/onnx-checks is not built (swift build --build-tests)"; exit 1; }
python3 -c "import onnx, onnxruntime, safetensors" 2>/dev/null || {
    echo "onnx-checks: Python's onnx, onnxruntime or safetensors is missing (make setup installs them)"; exit 1; }
work="$(mktemp -d /tmp/onnx-checks.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"$bin/onnx-checks" "$work" || { echo "onnx-checks: exporting the models failed"; exit 1; }
timeout 120 python3 "$root/Scripts/onnx-checks.py" "$work"
