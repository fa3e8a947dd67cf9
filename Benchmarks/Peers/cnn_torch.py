"""PyTorch on `bench cnn`'s workload: Conv2D(32, 3, relu) -> MaxPool(2) -> Conv2D(64, 3, relu) ->
MaxPool(2) -> Flatten -> Dense(128, relu) -> Dense(10, softmax), Adam (eps 1e-7), sparse
categorical cross-entropy on probabilities, batch 64, Fashion-MNIST.
Usage: cnn_torch.py DATA_DIR EPOCHS [THREADS]. Prints one JSON object."""
import json
import resource
import sys
import time

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fashion_mnist_torch_data import load  # noqa: E402

folder, epochs = sys.argv[1], int(sys.argv[2])
torch.manual_seed(42)
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
x, y, tx, ty = load(folder)
x, tx = x.unsqueeze(1), tx.unsqueeze(1)   # PyTorch's layout: [N, 1, 28, 28]
model = torch.nn.Sequential(torch.nn.Conv2d(1, 32, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                            torch.nn.Conv2d(32, 64, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(),
                            torch.nn.Linear(1600, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10), torch.nn.Softmax(dim=1))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
times = []
for epoch in range(epochs):
    start = time.perf_counter()
    order = torch.randperm(len(x))
    for i in range(0, len(x), 64):
        idx = order[i:i + 64]
        p = model(x[idx]).clamp(1e-7, 1 - 1e-7)
        loss = torch.nn.functional.nll_loss(torch.log(p), y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    times.append(time.perf_counter() - start)
with torch.no_grad():
    accuracy = sum((model(tx[i:i + 1000]).argmax(1) == ty[i:i + 1000]).sum().item() for i in range(0, len(tx), 1000)) / len(tx)
print(json.dumps({"seconds_per_epoch": sum(times) / len(times), "test_accuracy": accuracy,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
