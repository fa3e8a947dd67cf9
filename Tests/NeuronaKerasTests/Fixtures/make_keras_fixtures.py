"""Keras 3 models of every layer kind NeuronaKeras maps, saved as .keras files with Keras's own
predictions: the fixtures of Tests/NeuronaKerasTests (committed; run this again only to change them).

    KERAS_BACKEND=tensorflow python3 Tests/NeuronaKerasTests/Fixtures/make_keras_fixtures.py

For each model `<name>`: `<name>.keras` (saved by `model.save`) and `<name>.safetensors` holding
`input` (float32, a batch of 3 drawn from a seeded normal) and `expected` (Keras's
`model.predict(input)`, float32). Every weight is redrawn from a seeded normal (batch
normalization's moving variance from a uniform on [0.5, 1.5]) so that no bias is zero and no
mapping mistake hides behind Keras's zero or one initial values.

`fashion_mnist_mlp.keras` is lecture 002's model (Flatten → Dense(128, relu) → Dense(10, softmax),
Adam, categorical cross-entropy, batch 32, 5 epochs, seed 42) trained by Keras on Debian's
Fashion-MNIST (`apt-get install dataset-fashion-mnist`, as `make setup` does), its images divided by
255; `fashion_mnist_mlp.json` records Keras's test accuracy on the 10,000 test images and how many
it got right.

`unsupported_layer.keras` holds a layer Neurona lacks (RepeatVector): loading it must fail naming it.
`two_outputs.keras` has two outputs; its safetensors file holds each output's prediction.
Needs keras 3.15.1, h5py and safetensors (pip), and a Keras backend able to train (tensorflow or jax).
"""
import json
import os
import pathlib
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402
from safetensors.numpy import save_file  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
# The benchmarks' IDX reader (the MNIST layout, gzip), shared by every Python script of the repository.
sys.path.insert(0, str(HERE.parents[2] / "Benchmarks" / "Peers"))
from idx import read_idx  # noqa: E402
BATCH = 3


def randomize(model, seed):
    """Every weight redrawn (scale 0.5), moving variances positive."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        values = []
        for variable in layer.weights:
            shape = tuple(variable.shape)
            if "moving_variance" in variable.path:
                values.append(rng.uniform(0.5, 1.5, shape).astype("float32"))
            else:
                values.append((0.5 * rng.standard_normal(shape)).astype("float32"))
        if values:
            layer.set_weights(values)


def save(name, model, input_shape, seed):
    randomize(model, seed)
    rng = np.random.default_rng(1000 + seed)
    x = rng.standard_normal((BATCH,) + tuple(input_shape)).astype("float32")
    expected = np.asarray(model.predict(x, verbose=0), dtype="float32")
    model.save(HERE / f"{name}.keras")
    save_file({"input": x, "expected": expected}, str(HERE / f"{name}.safetensors"))
    print(f"{name}: {model.count_params()} parameters, output {expected.shape}")


def sequential(*stack, input_shape):
    return keras.Sequential([keras.Input(input_shape)] + list(stack))


def make_small_models():
    save("dense_dropout", sequential(layers.Dense(4, activation="relu"), layers.Dropout(0.3),
                                     layers.Dense(3, activation="softmax"), input_shape=(5,)), (5,), 1)
    save("conv_pooling", sequential(
        layers.Conv2D(3, 3, padding="same", activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(2, (2, 2), strides=(1, 1)), layers.AveragePooling2D(pool_size=(1, 2)),
        layers.Flatten(), layers.Dense(2), input_shape=(8, 8, 2)), (8, 8, 2), 2)
    save("conv_strided", sequential(
        layers.Conv2D(2, (3, 2), strides=(2, 1), padding="valid", use_bias=False),
        layers.MaxPooling2D(pool_size=2, strides=1, padding="same"), layers.Flatten(), input_shape=(7, 6, 1)), (7, 6, 1), 3)
    save("batch_norm", sequential(layers.Dense(6), layers.BatchNormalization(), layers.Activation("tanh"),
                                  layers.Dense(2), input_shape=(4,)), (4,), 4)
    save("layer_norm_reshape", sequential(layers.Reshape((3, 4)), layers.LayerNormalization(), layers.Flatten(),
                                          layers.Dense(2, activation="sigmoid"), input_shape=(12,)), (12,), 5)
    save("simple_rnn", sequential(layers.SimpleRNN(4, return_sequences=True), layers.SimpleRNN(2),
                                  input_shape=(5, 3)), (5, 3), 6)
    save("lstm", sequential(layers.LSTM(4, return_sequences=True), layers.LSTM(3), input_shape=(5, 3)), (5, 3), 7)
    save("gru_reset_after", sequential(layers.GRU(4, return_sequences=True), layers.GRU(3), input_shape=(5, 3)), (5, 3), 8)
    save("gru_reset_before", sequential(layers.GRU(4, reset_after=False), input_shape=(5, 3)), (5, 3), 9)
    activations = ["relu", "sigmoid", "tanh", "softmax", "linear", "elu", "gelu", "silu", "softplus",
                   "leaky_relu", "log_softmax"]
    save("activations", sequential(*[layers.Dense(3, activation=a) for a in activations], input_shape=(4,)), (4,), 10)
    save("activation_layers", sequential(*[layers.Activation(a) for a in ["elu", "swish", "relu"]],
                                         layers.Dense(2), input_shape=(3,)), (3,), 11)

    # Functional models (Neurona's Graph): branches joined by Concatenate and Add.
    inputs = keras.Input((6,))
    a = layers.Dense(4, activation="relu")(inputs)
    b = layers.Dense(3, activation="tanh")(inputs)
    c = layers.Dense(4)(layers.Concatenate()([a, b]))
    outputs = layers.Dense(2, activation="softmax")(layers.Add()([a, c]))
    save("functional_branches", keras.Model(inputs, outputs), (6,), 12)

    # Self-attention with a residual connection and layer normalization (a transformer's first half).
    inputs = keras.Input((5, 8))
    attended = layers.MultiHeadAttention(num_heads=2, key_dim=3)(inputs, inputs)
    outputs = layers.LayerNormalization()(layers.Add()([inputs, attended]))
    save("attention", keras.Model(inputs, outputs), (5, 8), 13)
    inputs = keras.Input((4, 6))
    outputs = layers.MultiHeadAttention(num_heads=3, key_dim=2)(inputs, inputs, use_causal_mask=True)
    save("attention_causal", keras.Model(inputs, layers.Flatten()(outputs)), (4, 6), 14)

    # A layer Neurona lacks, fourth in the Sequential's layers (after the InputLayer).
    model = sequential(layers.Reshape((4,)), layers.Dense(3), layers.RepeatVector(2), input_shape=(4,))
    model.save(HERE / "unsupported_layer.keras")
    make_layers_past_the_lectures()


def make_layers_past_the_lectures():
    """Embeddings, 1-D convolutions and pooling; transposed, depthwise and separable convolutions
    and upsampling. Ids for the embedding are drawn as integers (stored as float32, as Keras's
    `predict` takes them)."""
    model = sequential(layers.Embedding(10, 4), layers.Conv1D(3, 3, padding="causal", activation="relu"),
                       layers.MaxPooling1D(2), layers.AveragePooling1D(2, strides=1, padding="same"),
                       layers.Conv1D(4, 2, dilation_rate=1, padding="same"), layers.GlobalMaxPooling1D(),
                       layers.Dense(2), input_shape=(8,))
    randomize(model, 15)
    rng = np.random.default_rng(1015)
    x = rng.integers(0, 10, (BATCH, 8)).astype("float32")
    expected = np.asarray(model.predict(x, verbose=0), dtype="float32")
    model.save(HERE / "embedding_conv1d.keras")
    save_file({"input": x, "expected": expected}, str(HERE / "embedding_conv1d.safetensors"))
    print(f"embedding_conv1d: {model.count_params()} parameters, output {expected.shape}")
    save("conv_transpose_separable", sequential(
        layers.Conv2DTranspose(3, 3, strides=2, padding="same"), layers.DepthwiseConv2D(3, depth_multiplier=2),
        layers.SeparableConv2D(2, 3, padding="same", activation="tanh"), layers.AveragePooling2D(2),
        layers.UpSampling2D(2), layers.UpSampling2D(size=(1, 2), interpolation="bilinear"),
        layers.Flatten(), layers.Dense(2), input_shape=(5, 5, 2)), (5, 5, 2), 16)
    make_two_outputs()


def make_two_outputs():
    """A functional model with two outputs (Neurona's Graph of several outputs): a shared trunk,
    a class head and a value head. `<name>.safetensors` holds `input` and each output's prediction
    as `expected.<output layer's name>`."""
    inputs = keras.Input((6,))
    trunk = layers.Dense(5, activation="relu")(inputs)
    classes = layers.Dense(3, activation="softmax", name="classes")(trunk)
    value = layers.Dense(1, name="value")(layers.Concatenate()([trunk, inputs]))
    model = keras.Model(inputs, [classes, value])
    randomize(model, 17)
    rng = np.random.default_rng(1017)
    x = rng.standard_normal((BATCH, 6)).astype("float32")
    predictions = model.predict(x, verbose=0)
    model.save(HERE / "two_outputs.keras")
    save_file({"input": x, "expected.classes": np.asarray(predictions[0], dtype="float32"),
               "expected.value": np.asarray(predictions[1], dtype="float32")}, str(HERE / "two_outputs.safetensors"))
    print(f"two_outputs: {model.count_params()} parameters, outputs {[p.shape for p in predictions]}")


def save_without_optimizer(model, path):
    """The trained weights in an uncompiled copy: a compiled model's file also holds Adam's two
    moments of every weight (three times the size), which Neurona does not read."""
    plain = keras.Sequential.from_config(model.get_config())
    plain.set_weights(model.get_weights())
    plain.save(path)


def make_fashion_mnist_mlp():
    folder = pathlib.Path("/usr/share/datasets/fashion-mnist")
    x_train = read_idx(folder / "train-images-idx3-ubyte.gz").astype("float32") / 255
    y_train = read_idx(folder / "train-labels-idx1-ubyte.gz")
    x_test = read_idx(folder / "t10k-images-idx3-ubyte.gz").astype("float32") / 255
    y_test = read_idx(folder / "t10k-labels-idx1-ubyte.gz")
    keras.utils.set_random_seed(42)
    model = keras.Sequential([keras.Input((28, 28)), layers.Flatten(), layers.Dense(128, activation="relu"),
                              layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, keras.utils.to_categorical(y_train, 10), epochs=5, batch_size=32, verbose=2)
    save_without_optimizer(model, HERE / "fashion_mnist_mlp.keras")
    predictions = np.asarray(model.predict(x_test, batch_size=256, verbose=0))
    correct = int((predictions.argmax(axis=1) == y_test).sum())
    _, accuracy = model.evaluate(x_test, keras.utils.to_categorical(y_test, 10), batch_size=256, verbose=0)
    record = {"test_images": int(len(y_test)), "correct": correct, "test_accuracy": round(float(accuracy), 4),
              "keras_version": keras.__version__, "backend": keras.backend.backend()}
    (HERE / "fashion_mnist_mlp.json").write_text(json.dumps(record, indent=2) + "\n")
    print("fashion_mnist_mlp:", record)


if __name__ == "__main__":
    keras.utils.set_random_seed(0)
    make_small_models()
    make_fashion_mnist_mlp()
