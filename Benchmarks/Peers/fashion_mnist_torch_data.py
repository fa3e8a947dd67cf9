"""Reads the Fashion-MNIST IDX files (gzip) into tensors for the PyTorch peer scripts."""

import torch

from idx import read_idx


def load(folder):
    x = torch.tensor(read_idx(f"{folder}/train-images-idx3-ubyte.gz"), dtype=torch.float32) / 255
    y = torch.tensor(read_idx(f"{folder}/train-labels-idx1-ubyte.gz"), dtype=torch.int64)
    tx = torch.tensor(read_idx(f"{folder}/t10k-images-idx3-ubyte.gz"), dtype=torch.float32) / 255
    ty = torch.tensor(read_idx(f"{folder}/t10k-labels-idx1-ubyte.gz"), dtype=torch.int64)
    return x, y, tx, ty
