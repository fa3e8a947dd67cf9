#!/usr/bin/env python3
"""Writes the models `samples interop` opens: a Fashion-MNIST MLP trained by PyTorch and saved
with torch.save(model.state_dict()), and the figures PyTorch measured on the 10,000 test images
(its accuracy, and how many images its two best classes separate by less than float32 rounding
can move, so that the sample's test knows how far "the same accuracy" may honestly differ).

Run from this folder with PyTorch and the Fashion-MNIST files of Debian's dataset-fashion-mnist:
    python3 make_interop_models.py
Seeded: a rerun on the same PyTorch writes the same weights.
"""
import gzip
import json
import os

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = "/usr/share/datasets/fashion-mnist"


def idx(name):
    with gzip.open(os.path.join(DATA, name)) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


x_train = torch.tensor(idx("train-images-idx3-ubyte.gz"), dtype=torch.float32) / 255
y_train = torch.tensor(idx("train-labels-idx1-ubyte.gz"), dtype=torch.int64)
x_test = torch.tensor(idx("t10k-images-idx3-ubyte.gz"), dtype=torch.float32) / 255
y_test = torch.tensor(idx("t10k-labels-idx1-ubyte.gz"), dtype=torch.int64)

torch.manual_seed(42)
# Lecture 002's network, narrower (64 units) to keep the file small: Flatten, Dense+ReLU, Dense.
model = nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss = nn.CrossEntropyLoss()
for epoch in range(2):
    order = torch.randperm(len(x_train))
    for start in range(0, len(x_train), 32):
        batch = order[start:start + 32]
        optimizer.zero_grad()
        loss(model(x_train[batch]), y_train[batch]).backward()
        optimizer.step()

model.eval()
torch.save(model.state_dict(), os.path.join(HERE, "fashion_mlp.pt"))
with torch.no_grad():
    logits = model.double()(x_test.double())
top2 = logits.topk(2, dim=1).values
# Neurona computes in float32: each logit is a sum of 784 + 64 products, so it may move by about
# (784 + 64) · 2⁻²⁴ · Σ|terms|; a margin below 1e-3 (far above that) is counted as a near-tie.
near_ties = int(((top2[:, 0] - top2[:, 1]) < 1e-3).sum())
accuracy = float((logits.argmax(dim=1) == y_test).double().mean())
with open(os.path.join(HERE, "fashion_mlp.json"), "w") as f:
    json.dump({"framework": f"PyTorch {torch.__version__}", "epochs": 2, "test_accuracy": accuracy,
               "near_ties": near_ties, "test_examples": len(y_test)}, f, indent=1, sort_keys=True)
print(f"accuracy {accuracy}, near-ties {near_ties}")
