"""Keras (TensorFlow CPU) on `bench cnn`'s workload (see cnn_torch.py), as lecture code would write
it. Usage: cnn_keras.py DATA_DIR EPOCHS [THREADS]. Prints one JSON object."""
import json
import resource
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from keras_common import EpochTimer, keras, load, set_threads  # noqa: E402

folder, epochs = sys.argv[1], int(sys.argv[2])
set_threads(sys.argv)
keras.utils.set_random_seed(42)
x, y, tx, ty = load(folder)
x, tx = x.reshape(-1, 28, 28, 1), tx.reshape(-1, 28, 28, 1)
model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Conv2D(32, 3, activation="relu"), keras.layers.MaxPooling2D(2),
                          keras.layers.Conv2D(64, 3, activation="relu"), keras.layers.MaxPooling2D(2), keras.layers.Flatten(),
                          keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
timer = EpochTimer()
model.fit(x, y, epochs=epochs, batch_size=64, verbose=0, callbacks=[timer])
_, accuracy = model.evaluate(tx, ty, verbose=0)
print(json.dumps({"seconds_per_epoch": sum(timer.times) / len(timer.times), "test_accuracy": accuracy,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
