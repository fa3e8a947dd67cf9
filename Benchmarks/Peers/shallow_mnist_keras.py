"""Keras (TensorFlow CPU) on `bench shallow-mnist`'s workload: lecture 001's model as the lecture
writes it (784 -> 128 tanh -> 10 sigmoid, mse on one-hot, adam). Usage: shallow_mnist_keras.py
DATA_DIR EPOCHS. Prints one JSON object."""
import json
import resource
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from keras_common import EpochTimer, keras, load  # noqa: E402

folder, epochs = sys.argv[1], int(sys.argv[2])
keras.utils.set_random_seed(42)
x, y, tx, ty = load(folder)
x, tx = x.reshape(-1, 784), tx.reshape(-1, 784)
model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(128, activation="tanh"),
                          keras.layers.Dense(10, activation="sigmoid")])
model.compile(optimizer="adam", loss="mse")
timer = EpochTimer()
model.fit(x, keras.utils.to_categorical(y, 10), epochs=epochs, batch_size=32, verbose=0, callbacks=[timer])
accuracy = float((model.predict(tx, verbose=0).argmax(1) == ty).mean())
print(json.dumps({"seconds_per_epoch": sum(timer.times) / len(timer.times), "test_accuracy": accuracy,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
