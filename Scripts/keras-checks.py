"""Keras loads what Neurona writes (run by Scripts/keras-checks.sh): every `<name>.keras` in the
folder, written by the `keras-checks` executable, is loaded by `keras.models.load_model` (Keras
3.15.1, numpy backend) and predicts Neurona's `expected` for `input` (a model of several outputs: each example's outputs
flattened side by side, in the model's order).

The bound, per file: Keras's prediction is a float32 evaluation of the model, so it differs from
the model's float64 prediction r (`reference`) by rounding alone. Neurona measured its own
float32 rounding against r, ρ (`rounding`, at least u·max|r|); Keras's summation orders and
kernels differ, so its rounding may be a few times Neurona's: the bound is |keras − r| ≤ 4ρ (the
rule of the Swift tests, SavedModelFixture's). A weight in the wrong place or a wrong gate order
is off by orders of magnitude more. Beside it, |keras − neurona| ≤ 1e-5 of the outputs' scale. The last line is `keras-checks: N passed, M failed`.
"""
import os
import pathlib
import sys

os.environ.setdefault("KERAS_BACKEND", "numpy")
import keras  # noqa: E402
import numpy as np  # noqa: E402
from safetensors.numpy import load_file  # noqa: E402


def main(folder):
    files = sorted(pathlib.Path(folder).glob("*.keras"))
    if not files:
        print(f"keras-checks: no .keras files in {folder}")
        return 1
    passed = failed = 0
    for path in files:
        data = load_file(str(path.with_suffix(".safetensors")))
        try:
            model = keras.models.load_model(path)
            predicted = model.predict(data["input"], verbose=0)
            if isinstance(predicted, (list, tuple)):  # several outputs: side by side, as keras-checks writes them
                predicted = np.concatenate([np.asarray(p).reshape(len(p), -1) for p in predicted], axis=1)
            predicted = np.asarray(predicted, dtype=np.float64)
        except Exception as error:  # a file Keras refuses is a failure, with Keras's reason
            print(f"FAIL {path.name}: Keras cannot load it: {type(error).__name__}: {error}")
            failed += 1
            continue
        expected = data["expected"].astype(np.float64)
        reference = data["reference"].astype(np.float64)
        if predicted.shape != expected.shape:
            print(f"FAIL {path.name}: Keras predicts shape {predicted.shape}, Neurona {expected.shape}")
            failed += 1
            continue
        rounding = float(np.max(np.abs(predicted - reference)))
        bound = 4 * float(data["rounding"][0])
        difference = float(np.max(np.abs(predicted - expected)))
        relative = difference / max(float(np.max(np.abs(expected))), 1.0)
        summary = f"|Keras − float64| = {rounding:.3g} (bound {bound:.3g}), |Keras − Neurona| = {difference:.3g} (relative {relative:.3g})"
        if rounding <= bound and relative <= 1e-5:
            print(f"ok   {path.name}: {summary}")
            passed += 1
        else:
            print(f"FAIL {path.name}: {summary}")
            failed += 1
    print(f"keras-checks: {passed} passed, {failed} failed (Keras {keras.__version__}, backend {keras.backend.backend()})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
