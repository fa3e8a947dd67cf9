#!/usr/bin/env python3
"""Keras oracles for the augmentation layers (issue 27, item 6).

Writes Tests/NeuronaLayersTests/Fixtures/augmentation_oracles.json, read by
AugmentationOracleTests: for each case, a batch of images, the random parameters one draw
gave each image (an angle, a shift, a zoom, a flip, a contrast factor), and the images Keras
3's own layer makes from them, computed by the layer's `transform_images` with the TensorFlow
backend (TensorFlow's ImageProjectiveTransformV3 for the geometric layers) in float64.

Neurona draws its parameters from its own generator, so the random streams cannot match; what
must match is the image each drawn parameter gives. The geometric cases cover every fill mode
(reflect, wrap, constant, nearest) with both interpolations, on 7x9 images (rows != columns, so
that a swapped axis shows), with angles and shifts large enough to reach the periodic
branches of reflect and wrap.

TensorFlow computes the sampling coordinates and the bilinear weights in float32 even for
float64 images; Neurona computes them in the images' dtype. A nearest-pixel case is kept only if
moving every sampling point by 1e-4 pixel changes none of its outputs, so that float32 rounding
cannot pick a different pixel than float64 does (the script checks and stops otherwise).

Run only to regenerate the fixture (the tests need no Python):

    python3 -m pip install keras==3.15.1 tensorflow-cpu   # 2.21.0 wrote the fixture
    python3 Tests/Oracles/make_augmentation_oracles.py
"""

import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # Tests/
OUTPUT = os.path.join(ROOT, "NeuronaLayersTests", "Fixtures", "augmentation_oracles.json")
SHAPE = (2, 7, 9, 2)  # two images of 7 rows, 9 columns, 2 channels


def images(seed):
    """Pixels in [0, 1]: a smooth ramp plus noise, so that every resampled pixel differs."""
    rng = np.random.default_rng(seed)
    n, h, w, c = SHAPE
    ramp = (np.arange(h)[:, None, None] * 0.07 + np.arange(w)[None, :, None] * 0.05 + np.arange(c) * 0.1)
    return np.clip(0.1 + ramp[None] * 0.8 + rng.uniform(-0.05, 0.05, SHAPE), 0, 1)


def run(layer, x, transformation):
    return np.asarray(layer.transform_images(tf.constant(x), transformation, training=True), dtype=np.float64)


def stable_under_nudge(layer, x, transformation, nudge):
    """For nearest sampling: the output is the same when every sampling point moves by 1e-4."""
    if getattr(layer, "interpolation", "bilinear") != "nearest":
        return True
    return all(np.array_equal(run(layer, x, transformation), run(layer, x, nudge(transformation, d)))
               for d in (-1e-4, 1e-4))


def rotation_cases():
    cases = []
    angles = [[23.7, -131.2], [-64.3, 197.9]]
    for i, (fill, interpolation) in enumerate([(f, m) for f in ("reflect", "wrap", "constant", "nearest")
                                                for m in ("bilinear", "nearest")]):
        layer = keras.layers.RandomRotation(0.5, fill_mode=fill, interpolation=interpolation, fill_value=0.25,
                                            dtype="float64")
        x = images(10 + i)
        degrees = angles[i % 2]

        def transformation(angle):
            return {"rotation_matrix": layer._compute_affine_matrix(
                center_x=0.5, center_y=0.5, angle=tf.constant(angle, tf.float32),
                translate_x=tf.zeros([2]), translate_y=tf.zeros([2]), scale=tf.ones([2]),
                shear_x=tf.zeros([2]), shear_y=tf.zeros([2]), height=SHAPE[1], width=SHAPE[2])}

        def nudge(t, d):
            m = t["rotation_matrix"].numpy().copy()
            m[:, 2] += d
            m[:, 5] += d
            return {"rotation_matrix": tf.constant(m)}

        t = transformation(degrees)
        assert stable_under_nudge(layer, x, t, nudge), f"rotation {fill}/{interpolation}: a nearest read is near a tie"
        cases.append({"name": f"rotation_{fill}_{interpolation}", "layer": "RandomRotation",
                      "config": {"factor": 0.5, "fill_mode": fill, "interpolation": interpolation, "fill_value": 0.25},
                      "parameters": {"degrees": degrees}, "input": x, "output": run(layer, x, t)})
    return cases


def translation_cases():
    cases = []
    # Fractions of the height and the width per image; Keras's matrix takes pixels.
    for name, fill, interpolation, rows, columns in [
            ("reflect_bilinear", "reflect", "bilinear", [0.37, -0.81], [-0.52, 0.93]),
            ("wrap_bilinear", "wrap", "bilinear", [-0.66, 0.29], [0.71, -0.18]),
            ("constant_nearest", "constant", "nearest", [0.23, -0.41], [-0.34, 0.12]),
            ("nearest_bilinear", "nearest", "bilinear", [0.58, -0.27], [0.44, -0.77])]:
        layer = keras.layers.RandomTranslation(1.0, 1.0, fill_mode=fill, interpolation=interpolation,
                                               fill_value=0.75, dtype="float64")
        x = images(30 + len(cases))
        pixels = np.stack([np.array(columns) * SHAPE[2], np.array(rows) * SHAPE[1]], axis=1)

        def transformation(p):
            return {"translations": tf.constant(p, tf.float32), "input_shape": SHAPE}

        t = transformation(pixels)
        assert stable_under_nudge(layer, x, t, lambda t, d: transformation(pixels + d)), f"translation {name}: near a tie"
        cases.append({"name": f"translation_{name}", "layer": "RandomTranslation",
                      "config": {"height_factor": 1.0, "width_factor": 1.0, "fill_mode": fill,
                                 "interpolation": interpolation, "fill_value": 0.75},
                      "parameters": {"row_fractions": rows, "column_fractions": columns},
                      "input": x, "output": run(layer, x, t)})
    return cases


def zoom_cases():
    cases = []
    for name, fill, interpolation, heights, widths in [
            ("out_reflect_bilinear", "reflect", "bilinear", [1.63, 1.21], [1.63, 1.21]),
            ("in_wrap_bilinear", "wrap", "bilinear", [0.62, 0.85], [0.71, 0.55]),
            ("out_constant_bilinear", "constant", "bilinear", [1.37, 1.9], [1.52, 1.13]),
            ("mixed_nearest_nearest", "nearest", "nearest", [0.73, 1.41], [1.36, 0.81])]:
        layer = keras.layers.RandomZoom(0.9, 0.9, fill_mode=fill, interpolation=interpolation,
                                        fill_value=0.5, dtype="float64")
        x = images(50 + len(cases))

        def transformation(hz, wz):
            return {"height_zoom": tf.constant(np.array(hz)[:, None], tf.float32),
                    "width_zoom": tf.constant(np.array(wz)[:, None], tf.float32), "input_shape": SHAPE}

        def nudge(t, d):  # zoom factors moved by d / size: the farthest pixel moves by about d
            return transformation(np.array(heights) + d / SHAPE[1], np.array(widths) + d / SHAPE[2])

        t = transformation(heights, widths)
        assert stable_under_nudge(layer, x, t, nudge), f"zoom {name}: near a tie"
        cases.append({"name": f"zoom_{name}", "layer": "RandomZoom",
                      "config": {"height_factor": 0.9, "width_factor": 0.9, "fill_mode": fill,
                                 "interpolation": interpolation, "fill_value": 0.5},
                      "parameters": {"height_zooms": heights, "width_zooms": widths},
                      "input": x, "output": run(layer, x, t)})
    return cases


def flip_cases():
    cases = []
    for mode in ("horizontal", "vertical", "horizontal_and_vertical"):
        layer = keras.layers.RandomFlip(mode, dtype="float64")
        x = images(70 + len(cases))
        flips = [True, False]
        t = {"flips": tf.constant(np.array(flips).reshape(2, 1, 1, 1)), "input_shape": SHAPE}
        cases.append({"name": f"flip_{mode}", "layer": "RandomFlip", "config": {"mode": mode},
                      "parameters": {"flips": flips}, "input": x, "output": run(layer, x, t)})
    return cases


def contrast_cases():
    cases = []
    for name, factors, value_range in [("stronger_clipped", [1.8, 1.35], [0, 1]),
                                       ("weaker", [0.45, 0.8], [0, 1]),
                                       ("range_255", [1.6, 0.3], [0, 255])]:
        layer = keras.layers.RandomContrast([0.9, 0.9], value_range=value_range, dtype="float64")
        x = images(90 + len(cases)) * value_range[1]
        t = {"contrast_factor": tf.constant(np.array(factors).reshape(2, 1, 1, 1), tf.float64)}
        cases.append({"name": f"contrast_{name}", "layer": "RandomContrast",
                      "config": {"factor": [0.9, 0.9], "value_range": value_range},
                      "parameters": {"factors": factors}, "input": x, "output": run(layer, x, t)})
    return cases


def main():
    cases = rotation_cases() + translation_cases() + zoom_cases() + flip_cases() + contrast_cases()
    for case in cases:
        for key in ("input", "output"):
            case[key + "_shape"] = list(case[key].shape)
            case[key] = [float(v) for v in case[key].ravel()]  # float repr: exact round trip
    manifest = {"generator": "Tests/Oracles/make_augmentation_oracles.py",
                "versions": {"keras": keras.__version__, "tensorflow": tf.__version__, "numpy": np.__version__,
                             "python": sys.version.split()[0]},
                "backend": keras.backend.backend(), "cases": cases}
    with open(OUTPUT + ".tmp", "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(OUTPUT + ".tmp", OUTPUT)
    print(f"{os.path.relpath(OUTPUT, ROOT)}: {len(cases)} cases")


if __name__ == "__main__":
    main()
