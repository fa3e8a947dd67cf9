"""Keras (TensorFlow CPU) on `bench fashion-mnist`'s workload: lecture 002's model, exactly as the
lecture writes it. Usage: fashion_mnist_keras.py DATA_DIR EPOCHS [THREADS]. Prints one JSON object."""
import json
import resource
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from keras_common import EpochTimer, keras, load, set_threads  # noqa: E402

folder, epochs = sys.argv[1], int(sys.argv[2])
set_threads(sys.argv)
keras.utils.set_random_seed(42)
x, y, tx, ty = load(folder)
model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(128, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
timer = EpochTimer()
model.fit(x, y, epochs=epochs, batch_size=32, verbose=0, callbacks=[timer])
_, accuracy = model.evaluate(tx, ty, verbose=0)
print(json.dumps({"seconds_per_epoch": sum(timer.times) / len(timer.times), "test_accuracy": accuracy,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
