"""Runs the ONNX files `onnx-checks` wrote in onnxruntime and compares with Neurona's predictions.

For each <name>.onnx in the folder: onnx.checker.check_model (full check, with shape inference),
then an onnxruntime CPU session on <name>.safetensors' inputs (`input:<graph input>`), compared
with its `expected` (Neurona's Model.predict). Also checks that the batch axis is symbolic by
running the first example alone.

Tolerance (float32, u = 2^-24): two orderings of the same computation differ by at most about
2 · terms · u · scale per output, where `terms` (metadata, set per model in
Tests/ONNXChecks/CheckModels.swift) is the number of float32 roundings along the model's
deepest path and scale = max(1, max |expected|) (the models' intermediate values are O(1):
unit-normal inputs, weights of standard deviation 0.5, normalized layers).
Prints `onnx-checks: N passed, M failed`; exits non-zero on a failure.
"""
import glob
import os
import sys

import numpy as np
import onnx
import onnxruntime
from safetensors import safe_open
from safetensors.numpy import load_file

UNIT_ROUNDOFF = 2.0 ** -24


def check(path):
    stem = path[: -len(".onnx")]
    name = os.path.basename(stem)
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    data = load_file(stem + ".safetensors")
    with safe_open(stem + ".safetensors", framework="np") as f:
        terms = int(f.metadata()["terms"])
    inputs = {key[len("input:"):]: value for key, value in data.items() if key.startswith("input:")}
    expected = data["expected"]
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    declared = [i.name for i in session.get_inputs()]
    if sorted(declared) != sorted(inputs):
        return False, f"{name}: inputs {declared}, the fixture has {sorted(inputs)}"
    got = session.run(["output"], inputs)[0]
    if got.shape != expected.shape:
        return False, f"{name}: output shape {got.shape}, Neurona's {expected.shape}"
    scale = max(1.0, float(np.abs(expected).max()))
    tolerance = 2 * terms * UNIT_ROUNDOFF * scale
    error = float(np.abs(got.astype(np.float64) - expected.astype(np.float64)).max())
    if not error <= tolerance:
        return False, f"{name}: max |onnxruntime − Neurona| = {error:.3g} > tolerance {tolerance:.3g} (terms {terms})"
    # The batch axis is symbolic: one example runs too, and gives the same row.
    single = session.run(["output"], {k: v[:1] for k, v in inputs.items()})[0]
    single_error = float(np.abs(single.astype(np.float64) - expected[:1].astype(np.float64)).max())
    if not single_error <= tolerance:
        return False, f"{name}: a batch of one differs by {single_error:.3g} > {tolerance:.3g}"
    ops = sorted({node.op_type for node in model.graph.node})
    return True, f"{name}: max error {error:.2g} ≤ {tolerance:.2g} ({len(model.graph.node)} nodes: {', '.join(ops)})"


def main():
    folder = sys.argv[1]
    files = sorted(glob.glob(os.path.join(folder, "*.onnx")))
    if not files:
        print(f"onnx-checks: no .onnx files in {folder}")
        return 1
    passed = failed = 0
    print(f"onnx-checks: onnx {onnx.__version__}, onnxruntime {onnxruntime.__version__}")
    for path in files:
        try:
            ok, message = check(path)
        except Exception as error:  # a checker or runtime error is a failure with its message
            ok, message = False, f"{os.path.basename(path)}: {type(error).__name__}: {error}"
        print(("ok   " if ok else "FAIL ") + message)
        passed += ok
        failed += not ok
    print(f"onnx-checks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
