"""PyTorch DistributedDataParallel (gloo) on `bench scaling`'s workloads: the MLP (Flatten ->
Dense(128, relu) -> Dense(10, softmax), global batch 32) or the CNN (bench cnn's network, global
batch 64), Adam (eps 1e-7), on the first EXAMPLES Fashion-MNIST training images.

RANKS = 1: one plain process (no DDP) on THREADS threads. RANKS > 1: RANKS processes on
127.0.0.1 with the gloo backend, THREADS threads each; every epoch draws the same permutation
on every rank and each rank takes its contiguous shard of each global batch. The second epoch is
timed (the first warms up); the share of time communicating is 1 - (epoch time under
`no_sync()`, which skips the allreduce) / (epoch time with it).
With RANK, MASTER_ADDR and MASTER_PORT in the environment (as torchrun sets them), this process
is that one rank of RANKS, started by someone else (Benchmarks/scaling-hosts.sh: one per
network namespace); otherwise RANKS processes are spawned here on 127.0.0.1.
Usage: ddp_torch.py DATA_DIR MODEL EXAMPLES RANKS THREADS. Rank 0 prints one JSON object."""
import json
import os
import socket
import sys
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fashion_mnist_torch_data import load  # noqa: E402


def network(kind):
    if kind == "mlp":
        return torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 128), torch.nn.ReLU(),
                                   torch.nn.Linear(128, 10), torch.nn.Softmax(dim=1)), 32
    return torch.nn.Sequential(torch.nn.Conv2d(1, 32, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                               torch.nn.Conv2d(32, 64, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(),
                               torch.nn.Linear(1600, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10),
                               torch.nn.Softmax(dim=1)), 64


def epoch(model, optimizer, x, y, batch, rank, ranks, generator, sync=True):
    start = time.perf_counter()
    order = torch.randperm(len(x), generator=generator)
    for i in range(0, len(x), batch):
        idx = order[i:i + batch]
        n = len(idx)
        idx = idx[rank * n // ranks:(rank + 1) * n // ranks]
        p = model(x[idx]).clamp(1e-7, 1 - 1e-7)
        loss = torch.nn.functional.nll_loss(torch.log(p), y[idx])
        optimizer.zero_grad()
        if sync or ranks == 1:
            loss.backward()
        else:
            with model.no_sync():
                loss.backward()
        optimizer.step()
    return time.perf_counter() - start


def worker(rank, ranks, port, folder, kind, examples, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    x, y, _, _ = load(folder)
    x, y = x[:examples], y[:examples]
    if kind == "cnn":
        x = x.unsqueeze(1)
    model, batch = network(kind)
    if ranks > 1:
        if port:
            os.environ["MASTER_ADDR"], os.environ["MASTER_PORT"] = "127.0.0.1", str(port)
        dist.init_process_group("gloo", rank=rank, world_size=ranks)
        model = torch.nn.parallel.DistributedDataParallel(model)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    generator = torch.Generator().manual_seed(42)
    epoch(model, optimizer, x, y, batch, rank, ranks, generator)
    seconds = epoch(model, optimizer, x, y, batch, rank, ranks, generator)
    share = 0.0
    if ranks > 1:
        unsynced = epoch(model, optimizer, x, y, batch, rank, ranks, generator, sync=False)
        share = max(0.0, 1 - unsynced / seconds)
        dist.destroy_process_group()
    if rank == 0:
        print(json.dumps({"examples_per_second": examples / seconds, "seconds_per_epoch": seconds,
                          "communication_share": share}), flush=True)


if __name__ == "__main__":
    folder, kind, examples, ranks, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    if ranks == 1:
        worker(0, 1, 0, folder, kind, examples, threads)
    elif "RANK" in os.environ:
        worker(int(os.environ["RANK"]), ranks, 0, folder, kind, examples, threads)
    else:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        mp.spawn(worker, args=(ranks, port, folder, kind, examples, threads), nprocs=ranks)
