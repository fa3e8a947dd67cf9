#!/usr/bin/env python3
"""Writes the fixtures of Tests/NeuronaPyTorchTests: small seeded PyTorch models saved with
torch.save(model.state_dict()) and as safetensors, their inputs and PyTorch's predictions, odd
tensors (non-contiguous views, float16, bfloat16, big-endian), a legacy-format file, damaged
archives and malicious pickles that a restricted unpickler must refuse.

Run from this folder (PyTorch 2.x and safetensors: `pip install torch safetensors`):
    python3 make_torch_fixtures.py
Everything is seeded, so a rerun writes the same tensors.

The predictions are PyTorch's forward pass in float64 on the float32 weights and inputs (both
exact in float64): the reference Neurona's float32 and float64 passes are compared against.
"""
import collections
import io
import os
import pickle
import zipfile

import torch
import torch.nn as nn
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
reference = {}


def path(name):
    return os.path.join(HERE, name)


def save_model(name, model, x):
    """The state_dict as .pt and .safetensors; the input and the float64 prediction."""
    model.eval()
    torch.save(model.state_dict(), path(f"{name}.pt"))
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, path(f"{name}.safetensors"))
    with torch.no_grad():
        y = model.double()(x.double())
    reference[f"{name}_input"] = x
    reference[f"{name}_output"] = y


# MARK: - Models

torch.manual_seed(1)
mlp = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
save_model("mlp", mlp, torch.randn(5, 4))

torch.manual_seed(2)
# Images of 2 channels, 6×6 (NCHW). BatchNorm gets non-trivial running statistics from a few
# training batches and random affine parameters, then runs in eval mode.
cnn = nn.Sequential(
    nn.Conv2d(2, 4, kernel_size=3, padding=1),
    nn.BatchNorm2d(4),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Dropout(0.5),
    nn.Linear(4 * 3 * 3, 3),
)
with torch.no_grad():
    cnn[1].weight.uniform_(0.5, 1.5)
    cnn[1].bias.uniform_(-0.5, 0.5)
cnn.train()
for _ in range(3):
    cnn(torch.randn(8, 2, 6, 6) * 2 + 0.5)
save_model("cnn", cnn, torch.randn(3, 2, 6, 6))


class SequenceClassifier(nn.Module):
    """A two-layer LSTM over [batch, time, features], then a Linear on the last step."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(input_size=3, hidden_size=5, num_layers=2, batch_first=True)
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1])


torch.manual_seed(3)
save_model("lstm", SequenceClassifier(), torch.randn(4, 6, 3))

# MARK: - Odd tensors

base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
# Three views of one storage: the base, its transpose (strides (1, 4)), and a strided slice
# (offset 4, strides (4, 2)). torch.save keeps the views and writes the storage once.
torch.save(collections.OrderedDict([("base", base), ("transposed", base.t()), ("slice", base[1:, ::2])]),
           path("views.pt"))

half = torch.tensor([0.5, -2.0, 65504.0, 6e-8, 1 / 3, float("inf")], dtype=torch.float16)
bf16 = torch.tensor([0.5, -2.0, 3.0e38, 1 / 3], dtype=torch.bfloat16)
ints = torch.tensor([-3, 7], dtype=torch.int32)
torch.save(collections.OrderedDict([("half", half), ("bf16", bf16), ("ints", ints)]), path("narrow.pt"))
reference["half_as_float"] = half.float()
reference["bf16_as_float"] = bf16.float()

torch.save({"x": torch.zeros(2)}, path("legacy.pt"), _use_new_zipfile_serialization=False)
# Parameters saved as such (torch._utils._rebuild_parameter), and a training checkpoint that
# holds a state_dict under a key (refused, naming the key to save instead).
torch.save(collections.OrderedDict([("w", nn.Parameter(torch.tensor([1.5, -2.0])))]), path("parameters.pt"))
torch.save({"epoch": 3, "model_state_dict": {"w": torch.ones(2)}}, path("checkpoint.pt"))
# A TorchScript archive (code/ and constants.pkl beside data.pkl): refused with the fix.
torch.jit.trace(mlp.float().eval(), torch.randn(1, 4)).save(path("traced.pt"))


def rewrite_zip(source, target, change):
    """Copies the zip `source` to `target`, each entry's bytes through change(name, data)
    (None drops the entry)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)


def byteswapped(name, data):
    """The big-endian twin of a little-endian archive of float32 storages: byteorder says so,
    each 4-byte word reversed."""
    if name.endswith("/byteorder"):
        return b"big"
    if "/data/" in name and not name.endswith("/serialization_id"):
        return torch.frombuffer(bytearray(data), dtype=torch.uint8).view(-1, 4).flip(1).reshape(-1).numpy().tobytes()
    return data


rewrite_zip(path("mlp.pt"), path("mlp_bigendian.pt"), byteswapped)

# MARK: - Damaged archives

rewrite_zip(path("mlp.pt"), path("no_pickle.pt"), lambda n, d: None if n.endswith("data.pkl") else d)
rewrite_zip(path("mlp.pt"), path("no_storage.pt"), lambda n, d: None if n.endswith("/data/1") else d)
rewrite_zip(path("mlp.pt"), path("short_storage.pt"), lambda n, d: d[:8] if n.endswith("/data/0") else d)

# MARK: - Malicious pickles (inert unless Python unpickles them; the payload only echoes)


class SystemCall:
    def __reduce__(self):
        return (os.system, ("echo this-payload-must-never-run",))


class Eval:
    def __reduce__(self):
        return (eval, ("print('this-payload-must-never-run')",))


class UserClass:
    def __init__(self):
        self.note = "a user's class, which a state_dict never holds"


def archive_with_pickle(name, payload):
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", payload)
        z.writestr("archive/byteorder", "little")
        z.writestr("archive/version", "3\n")


# GLOBAL 'posix system' + REDUCE, after a legitimate first entry.
archive_with_pickle("evil_global.pt", pickle.dumps(collections.OrderedDict([("a", 1), ("w", SystemCall())]), protocol=2))
# STACK_GLOBAL (protocol 4) 'posix' 'system' + REDUCE.
archive_with_pickle("evil_stack_global.pt", pickle.dumps({"w": SystemCall()}, protocol=4))
# Protocol 3 spells it builtins.eval (protocol 2 writes Python 2's __builtin__).
archive_with_pickle("evil_eval.pt", pickle.dumps({"w": Eval()}, protocol=3))
UserClass.__module__ = "__main__"
archive_with_pickle("evil_user_class.pt", pickle.dumps({"w": UserClass()}, protocol=2))

# The MLP again, saved with torch.serialization.set_crc32_options(False) (PyTorch 2.6 and later),
# which writes 0 for every entry's CRC-32: torch.load reads it, so Neurona must too.
torch.manual_seed(1)
unchecked = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
torch.serialization.set_crc32_options(False)
torch.save(unchecked.state_dict(), path("mlp_no_crc32.pt"))
torch.serialization.set_crc32_options(True)

save_file({k: v.contiguous() for k, v in reference.items()}, path("reference.safetensors"))
print("wrote", sorted(f for f in os.listdir(HERE) if not f.endswith(".py")))
