"""Reads the Fashion-MNIST IDX files (gzip) into tensors for the PyTorch peer scripts."""
import gzip

import numpy as np
import torch


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder):
    x = torch.tensor(read_idx(f"{folder}/train-images-idx3-ubyte.gz"), dtype=torch.float32) / 255
    y = torch.tensor(read_idx(f"{folder}/train-labels-idx1-ubyte.gz"), dtype=torch.int64)
    tx = torch.tensor(read_idx(f"{folder}/t10k-images-idx3-ubyte.gz"), dtype=torch.float32) / 255
    ty = torch.tensor(read_idx(f"{folder}/t10k-labels-idx1-ubyte.gz"), dtype=torch.int64)
    return x, y, tx, ty
