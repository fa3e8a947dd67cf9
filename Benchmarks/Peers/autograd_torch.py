"""PyTorch eager on the autograd-overhead workloads of `bench autograd` (same shapes, same loops).

Prints one JSON object: microseconds per iteration, best of 5 runs.
  add_forward_us, add_forward_backward_us: c = a + b on 10-element tensors (backward with a seed of ones)
  matmul_forward_us, matmul_forward_backward_us: (x @ w).sum() with x 32x128, w 128x10
"""
import json
import time

import torch

torch.manual_seed(0)
torch.set_num_threads(1)


def best_us(fn, iterations):
    fn()
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(iterations):
            fn()
        best = min(best, (time.perf_counter() - start) / iterations)
    return best * 1e6


a = torch.randn(10, requires_grad=True)
b = torch.randn(10, requires_grad=True)
seed = torch.ones(10)
x = torch.randn(32, 128)
w = torch.randn(128, 10, requires_grad=True)


def add_forward():
    return a + b


def add_forward_backward():
    (a + b).backward(seed)


def matmul_forward():
    return (x @ w).sum()


def matmul_forward_backward():
    (x @ w).sum().backward()


print(json.dumps({
    "add_forward_us": best_us(add_forward, 20000),
    "add_forward_backward_us": best_us(add_forward_backward, 5000),
    "matmul_forward_us": best_us(matmul_forward, 5000),
    "matmul_forward_backward_us": best_us(matmul_forward_backward, 2000),
    "torch": torch.__version__,
}))
