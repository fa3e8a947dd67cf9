"""PyTorch eager on `bench xor`'s workload: 5,000 full-batch training steps of XOR with a
2 -> 2 (sigmoid) -> 1 (sigmoid) network, binary cross-entropy, SGD with learning rate 0.5.

Usage: xor_torch.py [THREADS]. Prints one JSON object: us_per_step (best of 3 runs) and the final loss.
"""
import json
import sys
import time

import torch

torch.manual_seed(0)
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)

x = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
y = torch.tensor([[0.], [1.], [1.], [0.]])


def run(steps):
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Sigmoid(), torch.nn.Linear(2, 1), torch.nn.Sigmoid())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    loss_fn = torch.nn.BCELoss()
    start = time.perf_counter()
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    return (time.perf_counter() - start) / steps, float(loss.detach())


run(200)
best, loss = min(run(5000) for _ in range(3))
print(json.dumps({"us_per_step": best * 1e6, "final_loss": loss, "torch": torch.__version__}))
