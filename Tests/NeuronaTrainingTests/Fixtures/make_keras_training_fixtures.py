"""Keras 3's numbers for weighted training and for a two-input two-output functional model: the
fixture of Tests/NeuronaTrainingTests/KerasWeightingTests.swift and KerasMultiOutputTests.swift
(committed; run this again only to change them).

    python3 Tests/NeuronaTrainingTests/Fixtures/make_keras_training_fixtures.py

Writes `keras_training.json`. Keras runs on its jax backend in float64 (`jax_enable_x64` and
`keras.config.set_floatx("float64")`), so its
numbers are the float64 reference the float32 Neurona runs are compared with. Every model starts
from weights drawn here from a seeded normal (written to the JSON by layer name, Keras's
[inputs, units] kernel layout, which is Neurona's), trains with plain SGD (no momentum, so the
only state is the weights), `shuffle=False`, and batches of 4 over 10 examples (the last batch
holds 2: a weighted loss divided by the sum of weights instead of the batch's size would show).

Cases:
- `sample_weight`: `fit(sample_weight=…, validation_data=(x, y, sample_weight))`, then
  `evaluate(sample_weight=…)`: the losses are weighted (the sum of weighted losses over the
  batch's size, Keras's `sum_over_batch_size`), the `metrics=` are not (only `weighted_metrics=`
  would be).
- `class_weight`: `fit(class_weight={0: 1.0, 1: 2.5})` (class 2 left out: weight 1), validation
  unweighted, as Keras leaves it.
- `binary_class_weight`: one sigmoid unit, 0/1 targets, `class_weight={0: 0.25, 1: 2.0}`.
- `validation_split`: `fit(sample_weight=…, validation_split=0.3)`: the split takes the weights'
  tail too.
- `multi_output`: inputs `a` [3] and `b` [2] joined by `Concatenate`, a shared `Dense(4, relu)`,
  outputs `out_a` (3-way softmax, sparse categorical cross-entropy, `accuracy`) and `out_b`
  (linear, mse, `mae`), `loss_weights={"out_a": 1.0, "out_b": 0.5}`, targets by name; fitted
  without and then with sample weights (Keras applies one sample weight to every output).
  History keys as Keras names them (`out_a_loss`, `out_a_accuracy`, ...), `evaluate`'s dict and
  `predict`'s outputs.

Why jax and not tensorflow: Keras averages each output's loss over the epoch weighting every batch by
its size (`metric.update_state(value, sample_weight=y_pred.shape[0])` in `CompileLoss`); under
tensorflow's traced functions that shape is unknown (`None`), so there `out_a_loss` becomes the
unweighted mean of the batches' values and disagrees with `loss` whenever the last batch is short.
The jax backend (and eager tensorflow) weigh by the batch's size, as the total `loss` always is.

Needs keras 3.15.1 and jax (pip).

"""
import json
import os
import pathlib

os.environ["KERAS_BACKEND"] = "jax"
import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

keras.config.set_floatx("float64")
HERE = pathlib.Path(__file__).resolve().parent
rng = np.random.default_rng(27)


def draw_weights(model):
    """Every weight redrawn from the seeded normal (scale 0.5); returned by layer name."""
    drawn = {}
    for layer in model.layers:
        if not layer.weights:
            continue
        values = [0.5 * rng.standard_normal(tuple(v.shape)) for v in layer.weights]
        layer.set_weights(values)
        drawn[layer.name] = {"kernel": values[0].tolist(), "bias": values[1].tolist()}
    return drawn


def history_of(history):
    return {name: [float(v) for v in values] for name, values in history.history.items()}


def classifier(units, activation, loss):
    inputs = keras.Input((3,), name="x")
    hidden = layers.Dense(4, activation="relu", name="hidden")(inputs)
    output = layers.Dense(units, activation=activation, name="output")(hidden)
    model = keras.Model(inputs, output)
    weights = draw_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss=loss, metrics=["accuracy"])
    return model, weights


x = rng.standard_normal((10, 3))
y = np.array([0, 1, 2, 1, 0, 2, 2, 1, 0, 1])
sample_weight = rng.uniform(0.0, 3.0, 10)
sample_weight[3] = 0.0   # a zero weight: that example adds nothing, but still counts in the batch's size
x_val = rng.standard_normal((5, 3))
y_val = np.array([2, 0, 1, 1, 0])
val_weight = rng.uniform(0.5, 2.0, 5)
y_binary = np.array([0, 1, 1, 0, 1, 1, 1, 0, 1, 1], dtype="float64").reshape(10, 1)
cases = {}

model, weights = classifier(3, "softmax", "sparse_categorical_crossentropy")
history = model.fit(x, y, sample_weight=sample_weight, validation_data=(x_val, y_val, val_weight),
                    batch_size=4, epochs=2, shuffle=False, verbose=0)
cases["sample_weight"] = {
    "weights": weights, "history": history_of(history),
    "evaluate": model.evaluate(x_val, y_val, sample_weight=val_weight, batch_size=4, verbose=0, return_dict=True),
    "evaluate_training_data": model.evaluate(x, y, sample_weight=sample_weight, batch_size=4, verbose=0, return_dict=True),
}

model, weights = classifier(3, "softmax", "sparse_categorical_crossentropy")
class_weight = {0: 1.0, 1: 2.5}
history = model.fit(x, y, class_weight=class_weight, validation_data=(x_val, y_val),
                    batch_size=4, epochs=2, shuffle=False, verbose=0)
cases["class_weight"] = {"weights": weights, "class_weight": {str(k): v for k, v in class_weight.items()},
                         "history": history_of(history)}

model, weights = classifier(1, "sigmoid", "binary_crossentropy")
class_weight = {0: 0.25, 1: 2.0}
history = model.fit(x, y_binary, class_weight=class_weight, batch_size=4, epochs=2, shuffle=False, verbose=0)
cases["binary_class_weight"] = {"weights": weights, "class_weight": {str(k): v for k, v in class_weight.items()},
                                "history": history_of(history)}

model, weights = classifier(3, "softmax", "sparse_categorical_crossentropy")
history = model.fit(x, y, sample_weight=sample_weight, validation_split=0.3, batch_size=4, epochs=2,
                    shuffle=False, verbose=0)
cases["validation_split"] = {"weights": weights, "history": history_of(history)}

# Two inputs, two outputs.
a = keras.Input((3,), name="a")
b = keras.Input((2,), name="b")
joined = layers.Concatenate(name="joined")([a, b])
shared = layers.Dense(4, activation="relu", name="shared")(joined)
out_a = layers.Dense(3, activation="softmax", name="out_a")(shared)
out_b = layers.Dense(1, name="out_b")(shared)


def multi_output_model():
    model = keras.Model({"a": a, "b": b}, {"out_a": out_a, "out_b": out_b})
    weights = draw_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1),
                  loss={"out_a": "sparse_categorical_crossentropy", "out_b": "mse"},
                  loss_weights={"out_a": 1.0, "out_b": 0.5},
                  metrics={"out_a": ["accuracy"], "out_b": ["mae"]})
    return model, weights


x_b = rng.standard_normal((10, 2))
y_b = rng.standard_normal((10, 1))
x_b_val = rng.standard_normal((5, 2))
y_b_val = rng.standard_normal((5, 1))
inputs = {"a": x, "b": x_b}
targets = {"out_a": y, "out_b": y_b}
val_inputs = {"a": x_val, "b": x_b_val}
val_targets = {"out_a": y_val, "out_b": y_b_val}
for name, weighting in [("multi_output", None), ("multi_output_sample_weight", sample_weight)]:
    model, weights = multi_output_model()
    history = model.fit(inputs, targets, sample_weight=weighting, validation_data=(val_inputs, val_targets),
                        batch_size=4, epochs=2, shuffle=False, verbose=0)
    predictions = model.predict(val_inputs, verbose=0)
    cases[name] = {
        "weights": weights, "history": history_of(history),
        "evaluate": model.evaluate(val_inputs, val_targets, batch_size=4, verbose=0, return_dict=True),
        "predict": {k: np.asarray(v).tolist() for k, v in predictions.items()},
    }

data = {"x": x.tolist(), "y": y.tolist(), "sample_weight": sample_weight.tolist(), "x_val": x_val.tolist(),
        "y_val": y_val.tolist(), "val_weight": val_weight.tolist(), "y_binary": y_binary.tolist(),
        "x_b": x_b.tolist(), "y_b": y_b.tolist(), "x_b_val": x_b_val.tolist(), "y_b_val": y_b_val.tolist()}
for case in cases.values():
    for key in ("evaluate", "evaluate_training_data"):
        if key in case:
            case[key] = {k: float(v) for k, v in case[key].items()}
out = {"keras": keras.__version__, "backend": keras.backend.backend(), "data": data, "cases": cases}
path = HERE / "keras_training.json"
temporary = path.with_suffix(".json.tmp")
temporary.write_text(json.dumps(out, indent=1) + "\n")
temporary.replace(path)
print("wrote", path)
