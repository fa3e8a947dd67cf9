"""PyTorch on `bench fashion-mnist`'s workload: lecture 002's MLP (Flatten -> Linear(784, 128) ->
ReLU -> Linear(128, 10) -> softmax), Adam (lr 1e-3, eps 1e-7 as Keras), sparse categorical
cross-entropy on probabilities, batch 32, shuffled, on the same Fashion-MNIST IDX files.

Usage: fashion_mnist_torch.py DATA_DIR EPOCHS [THREADS]. Prints one JSON object: seconds_per_epoch (mean),
epoch_losses, test_accuracy, peak_rss_mb.
"""
import json
import resource
import sys
import time

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fashion_mnist_torch_data import load  # noqa: E402


folder, epochs = sys.argv[1], int(sys.argv[2])
torch.manual_seed(42)
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
x, y, tx, ty = load(folder)

model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 128), torch.nn.ReLU(),
                            torch.nn.Linear(128, 10), torch.nn.Softmax(dim=1))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
times, losses = [], []
for epoch in range(epochs):
    start = time.perf_counter()
    order = torch.randperm(len(x))
    total, count = 0.0, 0
    for i in range(0, len(x), 32):
        idx = order[i:i + 32]
        p = model(x[idx]).clamp(1e-7, 1 - 1e-7)
        loss = torch.nn.functional.nll_loss(torch.log(p), y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
        count += len(idx)
    times.append(time.perf_counter() - start)
    losses.append(total / count)
with torch.no_grad():
    accuracy = (model(tx).argmax(1) == ty).float().mean().item()
print(json.dumps({"seconds_per_epoch": sum(times) / len(times), "epoch_losses": losses, "test_accuracy": accuracy,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "torch": torch.__version__}))
