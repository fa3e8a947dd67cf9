#!/usr/bin/env bash
# Keras loads what Neurona writes (run by `make test`): the `keras-checks` executable (built by
# `swift build --build-tests`, Tests/KerasChecks) writes .keras files of models built in Swift, one
# per layer family, with its predictions; Scripts/keras-checks.py loads each in Keras 3 (the pip
# package, numpy backend: no TensorFlow) and compares the predictions.
# The last line is `keras-checks: N passed, M failed`; the exit status is non-zero on a failure.
# Usage: Scripts/keras-checks.sh   (from anywhere; SWIFT overrides the swift binary)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="$("$root/Scripts/bin-path.sh")/keras-checks"
[ -x "$binary" ] || { echo "keras-checks: $binary is not built (swift build --build-tests)"; exit 1; }
# find_spec looks the packages up without importing them (importing Keras without
# KERAS_BACKEND=numpy imports TensorFlow wherever it is installed: 10 s).
python3 -c "import importlib.util as u, sys; sys.exit(not all(map(u.find_spec, ('keras', 'h5py', 'safetensors', 'jax'))))" 2>/dev/null || { echo "keras-checks: Python's keras, h5py, safetensors or jax is missing (make setup installs them)"; exit 1; }
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
timeout 120 "$binary" "$folder" || { echo "keras-checks: the keras-checks executable failed"; exit 1; }
# Not `exec`: the shell must outlive Python for its EXIT trap to remove the folder (an exec'd run
# left one /tmp/tmp.* folder of .keras files behind per run).
KERAS_BACKEND=numpy timeout 300 python3 "$root/Scripts/keras-checks.py" "$folder"
