"""PyTorch on `bench shallow-mnist`'s workload: lecture 001's shallow network (784 -> 128 tanh ->
10 sigmoid), mean squared error on one-hot targets, Adam (eps 1e-7 as Keras), batch 32, on
Fashion-MNIST. Usage: shallow_mnist_torch.py DATA_DIR EPOCHS. Prints one JSON object."""
import json
import resource
import sys
import time

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fashion_mnist_torch_data import load  # noqa: E402

folder, epochs = sys.argv[1], int(sys.argv[2])
torch.manual_seed(42)
torch.set_num_threads(1)
x, y, tx, ty = load(folder)
x, tx = x.reshape(-1, 784), tx.reshape(-1, 784)
targets = torch.nn.functional.one_hot(y, 10).float()
model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.Tanh(), torch.nn.Linear(128, 10), torch.nn.Sigmoid())
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
times = []
for epoch in range(epochs):
    start = time.perf_counter()
    order = torch.randperm(len(x))
    for i in range(0, len(x), 32):
        idx = order[i:i + 32]
        loss = torch.nn.functional.mse_loss(model(x[idx]), targets[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    times.append(time.perf_counter() - start)
with torch.no_grad():
    accuracy = (model(tx).argmax(1) == ty).float().mean().item()
print(json.dumps({"seconds_per_epoch": sum(times) / len(times), "test_accuracy": accuracy,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
