"""Shared by the Keras peer scripts: the Fashion-MNIST arrays and an epoch timer."""
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402

from idx import read_idx  # noqa: E402


def set_threads(argv, position=3):
    """TensorFlow's intra-op thread count from argv[position] when given (the headline runs each
    peer at 1 and at 2 and counts the faster); before any op runs, the only time TF reads it."""
    if len(argv) > position:
        import tensorflow as tf
        tf.config.threading.set_intra_op_parallelism_threads(int(argv[position]))


def load(folder):
    x = read_idx(f"{folder}/train-images-idx3-ubyte.gz").astype("float32") / 255
    y = read_idx(f"{folder}/train-labels-idx1-ubyte.gz").astype("int64")
    tx = read_idx(f"{folder}/t10k-images-idx3-ubyte.gz").astype("float32") / 255
    ty = read_idx(f"{folder}/t10k-labels-idx1-ubyte.gz").astype("int64")
    return x, y, tx, ty


class EpochTimer(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.times = []

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.times.append(time.perf_counter() - self.start)
