#!/usr/bin/env python3
"""Independent oracles for every layer's forward and backward pass (issue 18, item 1).

Writes, for three test targets, a manifest (JSON, readable) and the tensors it names
(safetensors, float64):

    Tests/NeuronaLayersTests/Fixtures/layer_oracles.{json,safetensors}
        Dense, Conv2D (every padding x stride x dilation), MaxPool2D, AvgPool2D, global pooling,
        every activation (through the Activation layer).
    Tests/PluginTests/Fixtures/plugin_oracles.{json,safetensors}
        BatchNormalization (training/inference, features/images), LayerNormalization, SimpleRNN,
        LSTM, GRU, MultiHeadAttention (with masks), TransformerEncoder, PositionalEncoding,
        ResidualBlock (identity and projection shortcuts, a conv/batch-norm stack).
    Tests/NeuronaLossesTests/Fixtures/loss_oracles.{json,safetensors}
        every loss with every reduction.
    Tests/NeuronaLayersTests/Fixtures/sequence_layer_oracles.{json,safetensors}
        Embedding (and mask_zero before GlobalAveragePooling1D), Conv1D (valid/same/causal x
        strides x dilation), MaxPool1D, AvgPool1D, GlobalMaxPooling1D, UpSampling2D (nearest,
        bilinear), Conv2DTranspose (valid/same x strides), DepthwiseConv2D, SeparableConv2D.
    Tests/PluginTests/Fixtures/masking_oracles.{json,safetensors}
        Embedding(mask_zero) before SimpleRNN and LSTM: trailing padding (packed sequences) and
        padding in the middle (cells stepped by hand).

The references are computed by PyTorch in float64 (outputs by PyTorch's modules or functional
ops, gradients by PyTorch's autograd), never by Neurona. Where Neurona follows Keras rather than
PyTorch, the mapping is written out here, next to the case, and in the manifest's "convention".

Each layer case: the layer's JSON config (made by Neurona's LayerRegistry), the input shape
without the batch, the weights by Neurona's names, an input, an upstream gradient G, and the
expected output y, dL/dx and dL/dparameter for L = sum(y * G). Batch norm in training also has
the running statistics after the step.

Run only to regenerate the fixtures (tests need no PyTorch):

    python3 -m pip install torch      # or the CPU wheel
    python3 Tests/Oracles/make_oracles.py                    # every family
    python3 Tests/Oracles/make_oracles.py masking_oracles    # only the families named
"""

import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # Tests/


# ----------------------------------------------------------------------------- writing

def write_safetensors(path, tensors, metadata):
    """The safetensors format by hand: u64 header length, JSON header, raw little-endian data."""
    header, blobs, offset = {}, [], 0
    for key in sorted(tensors):
        array = np.asarray(tensors[key], dtype="<f8", order="C")  # (ascontiguousarray would make scalars [1])
        data = array.tobytes()
        header[key] = {"dtype": "F64", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


class Family:
    """The cases of one fixture file."""

    def __init__(self, target, name):
        self.target, self.name = target, name
        self.cases, self.tensors = [], {}

    def put(self, case, key, value):
        full = f"{case}/{key}"
        assert full not in self.tensors, full
        self.tensors[full] = value.detach().cpu().numpy().astype(np.float64) if torch.is_tensor(value) else np.asarray(value, dtype=np.float64)
        return full

    def write(self):
        folder = os.path.join(ROOT, self.target, "Fixtures")
        os.makedirs(folder, exist_ok=True)
        versions = {"torch": torch.__version__, "numpy": np.__version__, "python": sys.version.split()[0]}
        manifest = {"generator": "Tests/Oracles/make_oracles.py", "versions": versions, "cases": self.cases}
        with open(os.path.join(folder, f"{self.name}.json"), "w") as f:
            json.dump(manifest, f, indent=1, sort_keys=True)
            f.write("\n")
        write_safetensors(os.path.join(folder, f"{self.name}.safetensors"), self.tensors,
                          {"generator": "Tests/Oracles/make_oracles.py", "torch": torch.__version__})
        print(f"{self.target}/Fixtures/{self.name}: {len(self.cases)} cases, {len(self.tensors)} tensors")


def layer_case(family, name, config, x, forward, params, *, buffers=None, training=False, mask=None,
               convention="", buffers_after=None, seed=0, differentiable_input=True):
    """Runs `forward(x, params)` under PyTorch autograd with L = sum(y * G) and records the case.

    `params` maps Neurona's parameter names to leaf tensors in Neurona's layout (the mapping from
    PyTorch's layout happens in the caller, written out). An input that is not differentiable
    (Embedding's ids) records no input gradient."""
    x = x.clone().requires_grad_(differentiable_input)
    for p in params.values():
        p.requires_grad_(True)
        p.grad = None
    y = forward(x, params)
    g = torch.Generator().manual_seed(1000 + seed)
    upstream = torch.randn(y.shape, generator=g)
    (y * upstream).sum().backward()
    case = {
        "name": name,
        "layer": config,
        "input_shape": list(x.shape[1:]),
        "training": training,
        "convention": convention,
        "input": family.put(name, "input", x),
        "upstream": family.put(name, "upstream", upstream),
        "output": family.put(name, "output", y),
        "input_gradient": family.put(name, "input_gradient", x.grad) if differentiable_input else None,
        "parameters": {k: family.put(name, f"parameter/{k}", v) for k, v in params.items()},
        "parameter_gradients": {k: family.put(name, f"gradient/{k}", v.grad) for k, v in params.items()},
        "buffers": {k: family.put(name, f"buffer/{k}", v) for k, v in (buffers or {}).items()},
        "buffers_after": {k: family.put(name, f"buffer_after/{k}", v) for k, v in (buffers_after or {}).items()},
    }
    if mask is not None:
        case["mask"] = family.put(name, "mask", mask.to(torch.float64))
    family.cases.append(case)


def randn(*shape, seed):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def nhwc(t):  # NCHW -> NHWC
    return t.permute(0, 2, 3, 1)


def nchw(t):  # NHWC -> NCHW
    return t.permute(0, 3, 1, 2)


def same_padding(size, kernel, stride, dilation):
    """TensorFlow/Keras 'same': output ceil(size/stride), the odd padding cell after (bottom/right).
    PyTorch's padding='same' exists for stride 1 only and pads the odd cell the same way, so the
    padding is applied explicitly with F.pad for every stride."""
    out = -(-size // stride)
    span = (kernel - 1) * dilation + 1
    total = max((out - 1) * stride + span - size, 0)
    return total // 2, total - total // 2


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


# ----------------------------------------------------------------------------- core layers

def dense_cases(fam):
    seed = 0
    for name, units, act, use_bias, shape in [
        ("dense_linear", 3, "linear", True, [4, 5]),
        ("dense_relu", 4, "relu", True, [3, 5]),
        ("dense_tanh_no_bias", 3, "tanh", False, [4, 2]),
        ("dense_softmax", 4, "softmax", True, [3, 3]),
        ("dense_rank3_sigmoid", 3, "sigmoid", True, [2, 3, 4]),
    ]:
        seed += 1
        x = randn(*shape, seed=seed)
        # PyTorch's nn.Linear keeps W as [out, in]; Neurona keeps the Keras kernel [in, out].
        linear = torch.nn.Linear(shape[-1], units, bias=use_bias)
        with torch.no_grad():
            linear.weight.copy_(randn(units, shape[-1], seed=seed + 100))
            if use_bias:
                linear.bias.copy_(randn(units, seed=seed + 200))
        params = {"weight": linear.weight.detach().t().clone()}
        if use_bias:
            params["bias"] = linear.bias.detach().clone()

        def forward(x, p, act=act):
            y = F.linear(x, p["weight"].t(), p.get("bias"))
            return ACTIVATIONS[act](y)

        config = {"type": "Dense", "units": units, "activation": act, "use_bias": use_bias}
        layer_case(fam, name, config, x, forward, params, seed=seed,
                   convention="nn.Linear weight [out, in] = Neurona weight [in, out] transposed")


def conv_cases(fam):
    seed = 10
    n, h, w, c, filters, kernel = 2, 7, 6, 2, 3, (3, 2)
    for padding in ["valid", "same"]:
        for strides in [1, 2, [2, 1]]:
            for dilation in [1, 2, [1, 2]]:
                seed += 1
                s, d = pair(strides), pair(dilation)
                name = f"conv2d_{padding}_s{s[0]}x{s[1]}_d{d[0]}x{d[1]}"
                x = randn(n, h, w, c, seed=seed)
                # PyTorch: weight [filters, channels, kh, kw], NCHW; Neurona: [kh, kw, channels, filters], NHWC.
                torch_weight = randn(filters, c, *kernel, seed=seed + 100)
                params = {"weight": torch_weight.permute(2, 3, 1, 0).clone(), "bias": randn(filters, seed=seed + 200)}

                def forward(x, p, padding=padding, s=s, d=d):
                    xt = nchw(x)
                    if padding == "same":
                        top, bottom = same_padding(h, kernel[0], s[0], d[0])
                        left, right = same_padding(w, kernel[1], s[1], d[1])
                        xt = F.pad(xt, (left, right, top, bottom))
                    y = F.conv2d(xt, p["weight"].permute(3, 2, 0, 1), p["bias"], stride=s, dilation=d)
                    return nhwc(y)

                config = {"type": "Conv2D", "filters": filters, "kernel_size": list(kernel), "strides": strides,
                          "padding": padding, "dilation_rate": dilation}
                layer_case(fam, name, config, x, forward, params, seed=seed,
                           convention="NHWC and kernel [kh, kw, in, out] permuted to PyTorch's NCHW and [out, in, kh, kw]; "
                                      "'same' padded explicitly as TensorFlow (odd cell after)")
    # No bias, relu, a 1x1 kernel, and a square kernel with stride 2.
    for name, config, ksize, use_bias, act in [
        ("conv2d_1x1_no_bias_relu", {"type": "Conv2D", "filters": 2, "kernel_size": 1, "use_bias": False, "activation": "relu"}, (1, 1), False, "relu"),
        ("conv2d_3x3_same_s2_tanh", {"type": "Conv2D", "filters": 2, "kernel_size": 3, "strides": 2, "padding": "same", "activation": "tanh"}, (3, 3), True, "tanh"),
    ]:
        seed += 1
        x = randn(n, 5, 4, c, seed=seed)
        params = {"weight": randn(*ksize, c, config["filters"], seed=seed + 100)}
        if use_bias:
            params["bias"] = randn(config["filters"], seed=seed + 200)
        stride = config.get("strides", 1)

        def forward(x, p, ksize=ksize, stride=stride, act=act, same=config.get("padding") == "same"):
            xt = nchw(x)
            if same:
                top, bottom = same_padding(5, ksize[0], stride, 1)
                left, right = same_padding(4, ksize[1], stride, 1)
                xt = F.pad(xt, (left, right, top, bottom))
            return ACTIVATIONS[act](nhwc(F.conv2d(xt, p["weight"].permute(3, 2, 0, 1), p.get("bias"), stride=stride)))

        layer_case(fam, name, config, x, forward, params, seed=seed, convention="as the conv2d_* cases")


def pooling_cases(fam):
    seed = 40
    n, h, w, c = 2, 5, 7, 3
    for kind in ["MaxPool2D", "AvgPool2D"]:
        for pool in [2, [3, 2]]:
            for strides in [None, 1, [1, 2]]:
                for padding in ["valid", "same"]:
                    seed += 1
                    k = pair(pool)
                    s = pair(strides) if strides is not None else k
                    name = f"{kind.lower()}_p{k[0]}x{k[1]}_s{s[0]}x{s[1]}_{padding}"
                    x = randn(n, h, w, c, seed=seed)

                    def forward(x, p, kind=kind, k=k, s=s, padding=padding):
                        xt = nchw(x)
                        (top, bottom), (left, right) = ((same_padding(h, k[0], s[0], 1), same_padding(w, k[1], s[1], 1))
                                                        if padding == "same" else ((0, 0), (0, 0)))
                        if kind == "MaxPool2D":
                            # Padding never wins: pad with -inf (TensorFlow's 'same' max pooling).
                            xt = F.pad(xt, (left, right, top, bottom), value=-math.inf)
                            return nhwc(F.max_pool2d(xt, k, s))
                        # Keras's average excludes padding cells: window sums over the count of real cells.
                        sums = F.avg_pool2d(F.pad(xt, (left, right, top, bottom)), k, s, divisor_override=1)
                        counts = F.avg_pool2d(F.pad(torch.ones_like(xt), (left, right, top, bottom)), k, s, divisor_override=1)
                        return nhwc(sums / counts)

                    config = {"type": kind, "pool_size": pool, "padding": padding}
                    if strides is not None:
                        config["strides"] = strides
                    layer_case(fam, name, config, x, forward, {}, seed=seed,
                               convention="TensorFlow 'same' (odd cell after); max pads with -inf; average counts real cells only")
    x = randn(n, 3, 4, c, seed=seed + 1)
    layer_case(fam, "global_average_pooling2d", {"type": "GlobalAveragePooling2D"}, x,
               lambda x, p: F.adaptive_avg_pool2d(nchw(x), 1).flatten(1), {}, seed=seed + 1)
    layer_case(fam, "global_max_pooling2d", {"type": "GlobalMaxPooling2D"}, x,
               lambda x, p: F.adaptive_max_pool2d(nchw(x), 1).flatten(1), {}, seed=seed + 2)
    x1 = randn(n, 4, 3, seed=seed + 3)
    layer_case(fam, "global_average_pooling1d", {"type": "GlobalAveragePooling1D"}, x1,
               lambda x, p: F.adaptive_avg_pool1d(x.transpose(1, 2), 1).flatten(1), {}, seed=seed + 3)


ACTIVATIONS = {
    "linear": lambda x: x,
    "relu": F.relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "softmax": lambda x: F.softmax(x, dim=-1),
    "log_softmax": lambda x: F.log_softmax(x, dim=-1),
    # Keras's leaky_relu slope is 0.2 by default (PyTorch's is 0.01): passed explicitly.
    "leaky_relu": lambda x, alpha=0.2: F.leaky_relu(x, negative_slope=alpha),
    "elu": lambda x, alpha=1.0: F.elu(x, alpha=alpha),
    # Exact GELU (erf), Keras's and PyTorch's default.
    "gelu": lambda x: F.gelu(x, approximate="none"),
    "swish": F.silu,
    "silu": F.silu,
    "softplus": F.softplus,  # PyTorch's threshold (20) is never reached by these inputs
    "hard_tanh": F.hardtanh,
    "cos": torch.cos,
    "rbf": lambda x: torch.exp(-x * x),  # Neurona's radial basis: the Gaussian exp(-x^2)
}


def activation_cases(fam):
    seed = 80
    x = randn(3, 5, seed=seed) * 1.5
    # Keep away from the kinks (relu at 0, hard_tanh at +-1) where a derivative has no single value.
    x = torch.where((x.abs() < 0.05) | ((x.abs() - 1).abs() < 0.05), x + 0.2, x)
    for act in ["linear", "relu", "sigmoid", "tanh", "softmax", "log_softmax", "leaky_relu", "elu", "gelu",
                "swish", "silu", "softplus", "hard_tanh", "cos", "rbf"]:
        layer_case(fam, f"activation_{act}", {"type": "Activation", "activation": act}, x,
                   lambda x, p, act=act: ACTIVATIONS[act](x), {}, seed=seed)
    layer_case(fam, "activation_leaky_relu_alpha0.1", {"type": "Activation", "activation": "leaky_relu", "alpha": 0.1}, x,
               lambda x, p: ACTIVATIONS["leaky_relu"](x, 0.1), {}, seed=seed)
    layer_case(fam, "activation_elu_alpha0.5", {"type": "Activation", "activation": "elu", "alpha": 0.5}, x,
               lambda x, p: ACTIVATIONS["elu"](x, 0.5), {}, seed=seed)
    # Softmax over the last axis of a rank-3 input.
    x3 = randn(2, 3, 4, seed=seed + 1)
    layer_case(fam, "activation_softmax_rank3", {"type": "Activation", "activation": "softmax"}, x3,
               lambda x, p: F.softmax(x, dim=-1), {}, seed=seed + 1)


# ----------------------------------------------------------------------------- plugins

def batch_norm_cases(fam):
    seed = 200
    for name, shape, training, momentum in [
        ("batchnorm_features_training", [6, 4], True, 0.9),
        ("batchnorm_features_inference", [6, 4], False, 0.9),
        ("batchnorm_images_training", [3, 2, 3, 4], True, 0.99),
        ("batchnorm_images_inference", [3, 2, 3, 4], False, 0.99),
        ("batchnorm_sequence_training", [2, 3, 4], True, 0.8),
    ]:
        seed += 1
        eps = 1e-3
        features = shape[-1]
        x = randn(*shape, seed=seed) * 2 + 0.5
        params = {"weight": randn(features, seed=seed + 100) * 0.5 + 1, "bias": randn(features, seed=seed + 200)}
        running_mean = randn(features, seed=seed + 300) * 0.1
        running_var = torch.rand(features, generator=torch.Generator().manual_seed(seed + 400)) + 0.5
        # PyTorch's running update: running <- (1 - m')·running + m'·batch with m' = 1 - Keras's momentum,
        # and PyTorch puts the UNBIASED batch variance in running_var. Keras (and Neurona) put the
        # BIASED one there (tf.nn.moments). Both normalize the batch by its biased variance.
        torch_mean, torch_var = running_mean.clone(), running_var.clone()
        moved_axes = list(range(len(shape) - 1))

        def forward(x, p, training=training, torch_mean=torch_mean, torch_var=torch_var):
            # Features last (Keras) -> PyTorch's channels at axis 1.
            xt = x.movedim(-1, 1)
            y = F.batch_norm(xt, torch_mean, torch_var, p["weight"], p["bias"], training=training,
                             momentum=1 - momentum, eps=eps)
            return y.movedim(1, -1)

        convention = "features last (Keras) moved to PyTorch's axis 1; PyTorch momentum = 1 - Keras momentum"
        after = None
        if training:
            count = x.numel() // features
            batch_mean = x.detach().mean(dim=moved_axes)
            biased = x.detach().var(dim=moved_axes, correction=0)
            unbiased = biased * count / (count - 1)
            after = {"running_mean": momentum * running_mean + (1 - momentum) * batch_mean,
                     "running_var": momentum * running_var + (1 - momentum) * biased}
            convention += ("; running_var after the step follows Keras (biased batch variance), "
                           "PyTorch's would use the unbiased one")
        layer_case(fam, name, {"type": "BatchNormalization", "momentum": momentum, "epsilon": eps}, x, forward, params,
                   buffers={"running_mean": running_mean, "running_var": running_var}, training=training,
                   convention=convention, buffers_after=after, seed=seed)
        if training:
            # PyTorch's own update, checked here so the mapping above is what PyTorch documents.
            assert torch.allclose(torch_mean, after["running_mean"], atol=1e-14, rtol=0)
            assert torch.allclose(torch_var, momentum * running_var + (1 - momentum) * unbiased, atol=1e-14, rtol=0)
            assert not torch.allclose(torch_var, after["running_var"])


def layer_norm_cases(fam):
    seed = 220
    for name, shape, eps in [("layernorm_features", [3, 5], 1e-3), ("layernorm_sequence_eps1e-5", [2, 3, 4], 1e-5)]:
        seed += 1
        features = shape[-1]
        x = randn(*shape, seed=seed) * 1.5 + 0.3
        params = {"weight": randn(features, seed=seed + 100) * 0.5 + 1, "bias": randn(features, seed=seed + 200)}
        layer_case(fam, name, {"type": "LayerNormalization", "epsilon": eps}, x,
                   lambda x, p, eps=eps: F.layer_norm(x, (x.shape[-1],), p["weight"], p["bias"], eps), params, seed=seed,
                   convention="PyTorch F.layer_norm over the last axis (biased variance), epsilon given explicitly")


def recurrent_cases(fam):
    seed = 240
    n, steps, features, units = 2, 4, 3, 5
    for kind in ["SimpleRNN", "LSTM", "GRU"]:
        for return_sequences in [False, True]:
            seed += 1
            name = f"{kind.lower()}_{'sequences' if return_sequences else 'last'}"
            x = randn(n, steps, features, seed=seed)
            config = {"type": kind, "units": units, "return_sequences": return_sequences}
            if kind in ("SimpleRNN", "LSTM"):
                module = (torch.nn.RNN(features, units, nonlinearity="tanh", batch_first=True) if kind == "SimpleRNN"
                          else torch.nn.LSTM(features, units, batch_first=True))
                gen = torch.Generator().manual_seed(seed + 100)
                with torch.no_grad():
                    for p in module.parameters():
                        p.copy_(torch.randn(p.shape, generator=gen) * 0.5)
                # Gate layout: PyTorch's LSTM stacks the gates (i, f, g, o) along the rows of
                # weight_ih_l0 [4U, F] and weight_hh_l0 [4U, U]; Neurona's LSTM packs the same
                # order (i, f, c=g, o) along the columns of weight [F, 4U] and recurrent_weight
                # [U, 4U]. So weight = weight_ih_l0ᵀ, recurrent_weight = weight_hh_l0ᵀ, and
                # PyTorch's two biases become Neurona's one: bias = bias_ih_l0 + bias_hh_l0.
                # SimpleRNN is the one-gate case of the same mapping.
                params = {
                    "weight": module.weight_ih_l0.detach().t().clone(),
                    "recurrent_weight": module.weight_hh_l0.detach().t().clone(),
                    "bias": (module.bias_ih_l0 + module.bias_hh_l0).detach().clone(),
                }

                def forward(x, p, module=module, kind=kind, return_sequences=return_sequences):
                    gates = {"weight_ih_l0": p["weight"].t(), "weight_hh_l0": p["recurrent_weight"].t(),
                             "bias_ih_l0": p["bias"], "bias_hh_l0": torch.zeros_like(p["bias"])}
                    out = torch.func.functional_call(module, gates, (x,))[0]
                    return out if return_sequences else out[:, -1]

                convention = ("PyTorch nn.%s (gates i, f, g, o for LSTM): weight = weight_ih_l0^T, "
                              "recurrent_weight = weight_hh_l0^T, bias = bias_ih_l0 + bias_hh_l0" % ("RNN" if kind == "SimpleRNN" else "LSTM"))
            else:
                # PyTorch's nn.GRU is the reset-AFTER form, gates (r, z, n) along the rows:
                #   n = tanh(W_in x + b_in + r * (W_hn h + b_hn)).
                # Neurona's GRU is Keras's reset_after=False form, gates (z, r, h̃) along the columns
                # with a single bias:  h̃ = tanh(x W_h + b_h + (r * h) U_h).
                # No PyTorch module computes the reset-before form, so it is written out in PyTorch
                # ops here (autograd by PyTorch); gru_reset_after below is first checked against
                # nn.GRU to pin the gate layout down.
                gen = torch.Generator().manual_seed(seed + 100)
                params = {"weight": torch.randn(features, 3 * units, generator=gen) * 0.5,
                          "recurrent_weight": torch.randn(units, 3 * units, generator=gen) * 0.5,
                          "bias": torch.randn(3 * units, generator=gen) * 0.5}
                check_gru_layout(features, units, seed)

                def forward(x, p, return_sequences=return_sequences):
                    wz, wr, wh = p["weight"].split(units, dim=1)
                    uz, ur, uh = p["recurrent_weight"].split(units, dim=1)
                    bz, br, bh = p["bias"].split(units)
                    h = torch.zeros(x.shape[0], units)
                    outputs = []
                    for t in range(x.shape[1]):
                        xt = x[:, t]
                        z = torch.sigmoid(xt @ wz + bz + h @ uz)
                        r = torch.sigmoid(xt @ wr + br + h @ ur)
                        candidate = torch.tanh(xt @ wh + bh + (r * h) @ uh)
                        h = z * h + (1 - z) * candidate
                        outputs.append(h)
                    return torch.stack(outputs, dim=1) if return_sequences else h

                convention = ("Keras GRU reset_after=False (Neurona's form; PyTorch's nn.GRU is reset_after=True): "
                              "gates z, r, h along the columns, written in PyTorch ops")
            layer_case(fam, name, config, x, forward, params, seed=seed, convention=convention)


def check_gru_layout(features, units, seed):
    """PyTorch's nn.GRU equals the documented reset-after equations with rows (r, z, n)."""
    module = torch.nn.GRU(features, units, batch_first=True)
    x = randn(2, 3, features, seed=seed + 500)
    wr, wz, wn = module.weight_ih_l0.split(units)
    ur, uz, un = module.weight_hh_l0.split(units)
    bir, biz, bin_ = module.bias_ih_l0.split(units)
    bhr, bhz, bhn = module.bias_hh_l0.split(units)
    h = torch.zeros(2, units)
    for t in range(3):
        xt = x[:, t]
        r = torch.sigmoid(xt @ wr.t() + bir + h @ ur.t() + bhr)
        z = torch.sigmoid(xt @ wz.t() + biz + h @ uz.t() + bhz)
        n = torch.tanh(xt @ wn.t() + bin_ + r * (h @ un.t() + bhn))
        h = (1 - z) * n + z * h
    assert torch.allclose(module(x)[0][:, -1], h, atol=1e-12)


def multi_head_attention(x, p, heads, key_dim, mask, prefix=""):
    """Keras-style self-attention: Dense projections (kernel [in, out]), heads split from the
    columns, PyTorch's scaled_dot_product_attention (boolean mask: True = may attend), merged, projected."""
    n, t, _ = x.shape

    def project(name, v):
        return v @ p[f"{prefix}{name}.weight"] + p[f"{prefix}{name}.bias"]

    def split(v):
        return v.reshape(n, t, heads, key_dim).transpose(1, 2)

    q, k, v = (split(project(name, x)) for name in ("query", "key", "value"))
    attended = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    return project("output", attended.transpose(1, 2).reshape(n, t, heads * key_dim))


def attention_params(d, heads, key_dim, seed, prefix=""):
    gen = torch.Generator().manual_seed(seed)
    width = heads * key_dim
    params = {}
    for name, shape in [("query", (d, width)), ("key", (d, width)), ("value", (d, width)), ("output", (width, d))]:
        params[f"{prefix}{name}.weight"] = torch.randn(shape, generator=gen) * 0.5
        params[f"{prefix}{name}.bias"] = torch.randn(shape[1], generator=gen) * 0.5
    return params


def attention_cases(fam):
    seed = 300
    n, t, d, heads, key_dim = 2, 4, 5, 2, 3
    causal = torch.tril(torch.ones(t, t, dtype=torch.bool))
    # Key padding: sample 1's last key is padding ([N, 1, 1, T], broadcast over heads and queries).
    padding = torch.ones(n, 1, 1, t, dtype=torch.bool)
    padding[1, 0, 0, -1] = False
    # A fixed pattern per (query, key), shared by the batch ([1, 1, T, T]); every row keeps a key.
    pattern = torch.tensor([[1, 0, 1, 1], [0, 1, 0, 1], [1, 1, 0, 0], [0, 0, 1, 1]], dtype=torch.bool).view(1, 1, t, t)
    for name, use_causal, mask in [
        ("mha_no_mask", False, None),
        ("mha_causal", True, None),
        ("mha_key_padding_mask", False, padding),
        ("mha_causal_and_padding_mask", True, padding),
        ("mha_pattern_mask", False, pattern),
    ]:
        seed += 1
        x = randn(n, t, d, seed=seed)
        params = attention_params(d, heads, key_dim, seed + 100)
        full = mask
        if use_causal:
            full = causal if full is None else (full & causal)
        layer_case(fam, name, {"type": "MultiHeadAttention", "num_heads": heads, "key_dim": key_dim, "use_causal_mask": use_causal},
                   x, lambda x, p, full=full: multi_head_attention(x, p, heads, key_dim, full), params, mask=mask, seed=seed,
                   convention="Dense kernels [in, out]; PyTorch's scaled_dot_product_attention masks with -inf, "
                              "Neurona adds -1e9 (the same after exp in float64 and float32: no row is fully masked)")
    # heads·key_dim = D: PyTorch's own nn.MultiheadAttention agrees with the function above.
    d2 = 4
    module = torch.nn.MultiheadAttention(d2, 2, batch_first=True)
    params = attention_params(d2, 2, 2, seed + 200)
    with torch.no_grad():
        module.in_proj_weight.copy_(torch.cat([params[f"{k}.weight"].t() for k in ("query", "key", "value")]))
        module.in_proj_bias.copy_(torch.cat([params[f"{k}.bias"] for k in ("query", "key", "value")]))
        module.out_proj.weight.copy_(params["output.weight"].t())
        module.out_proj.bias.copy_(params["output.bias"])
    x = randn(n, t, d2, seed=seed + 201)
    # nn.MultiheadAttention's attn_mask is True where attention is BLOCKED: the complement of Neurona's.
    ours = multi_head_attention(x, params, 2, 2, causal)
    theirs = module(x, x, x, attn_mask=~causal, need_weights=False)[0]
    assert torch.allclose(ours, theirs, atol=1e-12)

    def torch_module(x, p):
        weights = {
            "in_proj_weight": torch.cat([p[f"{k}.weight"].t() for k in ("query", "key", "value")]),
            "in_proj_bias": torch.cat([p[f"{k}.bias"] for k in ("query", "key", "value")]),
            "out_proj.weight": p["output.weight"].t(), "out_proj.bias": p["output.bias"],
        }
        return torch.func.functional_call(module, weights, (x, x, x), {"attn_mask": ~causal, "need_weights": False})[0]

    seed += 1
    layer_case(fam, "mha_causal_width_equals_model", {"type": "MultiHeadAttention", "num_heads": 2, "key_dim": 2, "use_causal_mask": True},
               x, torch_module, params, seed=seed,
               convention="PyTorch nn.MultiheadAttention: in_proj_weight rows (q, k, v) = Neurona's kernels transposed; "
                          "its attn_mask is True where blocked, the complement of Neurona's")


def transformer_cases(fam):
    seed = 400
    n, t = 2, 3
    eps = 1e-3  # Neurona's LayerNormalization default (Keras's); PyTorch's default is 1e-5

    def names(prefix, d, heads, key_dim, ff):
        params = attention_params(d, heads, key_dim, seed + 1, prefix="attention.")
        gen = torch.Generator().manual_seed(seed + 2)
        params.update({
            "norm1.weight": torch.randn(d, generator=gen) * 0.3 + 1, "norm1.bias": torch.randn(d, generator=gen) * 0.3,
            "ff1.weight": torch.randn(d, ff, generator=gen) * 0.5, "ff1.bias": torch.randn(ff, generator=gen) * 0.5,
            "ff2.weight": torch.randn(ff, d, generator=gen) * 0.5, "ff2.bias": torch.randn(d, generator=gen) * 0.5,
            "norm2.weight": torch.randn(d, generator=gen) * 0.3 + 1, "norm2.bias": torch.randn(d, generator=gen) * 0.3,
        })
        return params

    # 1. PyTorch's own nn.TransformerEncoderLayer (post-norm, relu, dropout 0), heads·key_dim = D.
    d, heads, key_dim, ff = 4, 2, 2, 6
    params = names("", d, heads, key_dim, ff)
    module = torch.nn.TransformerEncoderLayer(d, heads, dim_feedforward=ff, dropout=0.0, activation="relu",
                                              layer_norm_eps=eps, batch_first=True, norm_first=False)
    module.train()  # dropout is 0; training mode keeps PyTorch off its fused inference path

    def torch_names(p):
        return {
            "self_attn.in_proj_weight": torch.cat([p[f"attention.{k}.weight"].t() for k in ("query", "key", "value")]),
            "self_attn.in_proj_bias": torch.cat([p[f"attention.{k}.bias"] for k in ("query", "key", "value")]),
            "self_attn.out_proj.weight": p["attention.output.weight"].t(), "self_attn.out_proj.bias": p["attention.output.bias"],
            "linear1.weight": p["ff1.weight"].t(), "linear1.bias": p["ff1.bias"],
            "linear2.weight": p["ff2.weight"].t(), "linear2.bias": p["ff2.bias"],
            "norm1.weight": p["norm1.weight"], "norm1.bias": p["norm1.bias"],
            "norm2.weight": p["norm2.weight"], "norm2.bias": p["norm2.bias"],
        }

    x = randn(n, t, d, seed=seed + 3)
    layer_case(fam, "transformer_encoder_torch_module",
               {"type": "TransformerEncoder", "num_heads": heads, "key_dim": key_dim, "ff_dim": ff},
               x, lambda x, p: torch.func.functional_call(module, torch_names(p), (x,)), params, seed=seed + 3,
               convention="PyTorch nn.TransformerEncoderLayer(norm_first=False, relu, dropout=0, layer_norm_eps=1e-3); "
                          "in_proj rows (q, k, v) and Linear weights are Neurona's kernels transposed")

    # 2. heads·key_dim != D (Keras allows it, PyTorch's module does not): composed from PyTorch ops.
    d, heads, key_dim, ff = 4, 2, 3, 5
    params = names("", d, heads, key_dim, ff)

    def encoder(x, p):
        h = F.layer_norm(x + multi_head_attention(x, p, heads, key_dim, None, prefix="attention."), (d,),
                         p["norm1.weight"], p["norm1.bias"], eps)
        f = F.relu(h @ p["ff1.weight"] + p["ff1.bias"]) @ p["ff2.weight"] + p["ff2.bias"]
        return F.layer_norm(h + f, (d,), p["norm2.weight"], p["norm2.bias"], eps)

    x = randn(n, t, d, seed=seed + 4)
    layer_case(fam, "transformer_encoder_key_dim3", {"type": "TransformerEncoder", "num_heads": heads, "key_dim": key_dim, "ff_dim": ff},
               x, encoder, params, seed=seed + 4,
               convention="post-norm encoder composed from F.scaled_dot_product_attention and F.layer_norm")


def residual_cases(fam):
    seed = 450
    # Identity shortcut: y = relu(Dense(tanh) -> Dense, plus x).
    x = randn(3, 4, seed=seed)
    gen = torch.Generator().manual_seed(seed + 1)
    params = {"layers.0.weight": torch.randn(4, 4, generator=gen) * 0.5, "layers.0.bias": torch.randn(4, generator=gen) * 0.5,
              "layers.1.weight": torch.randn(4, 4, generator=gen) * 0.5, "layers.1.bias": torch.randn(4, generator=gen) * 0.5}
    layer_case(fam, "residual_dense_identity",
               {"type": "ResidualBlock", "activation": "relu",
                "layers": [{"type": "Dense", "units": 4, "activation": "tanh"}, {"type": "Dense", "units": 4}]},
               x, lambda x, p: F.relu(torch.tanh(x @ p["layers.0.weight"] + p["layers.0.bias"]) @ p["layers.1.weight"]
                                      + p["layers.1.bias"] + x), params, seed=seed,
               convention="He et al.'s block with Dense kernels [in, out]; identity shortcut")
    # Projection shortcut for features: a Dense without bias (`shortcut.weight`).
    x = randn(3, 5, seed=seed + 2)
    params = {"layers.0.weight": torch.randn(5, 3, generator=gen) * 0.5, "layers.0.bias": torch.randn(3, generator=gen) * 0.5,
              "shortcut.weight": torch.randn(5, 3, generator=gen) * 0.5}
    layer_case(fam, "residual_dense_projection",
               {"type": "ResidualBlock", "layers": [{"type": "Dense", "units": 3, "activation": "relu"}]},
               x, lambda x, p: F.relu(x @ p["layers.0.weight"] + p["layers.0.bias"]) + x @ p["shortcut.weight"], params,
               seed=seed + 2, convention="projection shortcut: Dense without bias, kernel [in, out]")
    # Images: Conv2D(3x3, stride 2, same) -> BatchNormalization (training) -> relu, plus a 1x1
    # stride-2 convolution without bias on the shortcut.
    x = randn(2, 4, 4, 2, seed=seed + 3)
    params = {"layers.0.weight": torch.randn(3, 3, 2, 3, generator=gen) * 0.5, "layers.0.bias": torch.randn(3, generator=gen) * 0.5,
              "layers.1.weight": torch.randn(3, generator=gen) * 0.3 + 1, "layers.1.bias": torch.randn(3, generator=gen) * 0.3,
              "shortcut.weight": torch.randn(1, 1, 2, 3, generator=gen) * 0.5}
    running_mean, running_var = torch.randn(3, generator=gen) * 0.1, torch.rand(3, generator=gen) + 0.5
    momentum = 0.9
    torch_mean, torch_var = running_mean.clone(), running_var.clone()

    def block(x, p):
        xt = nchw(x)
        top, bottom = same_padding(4, 3, 2, 1)
        h = F.conv2d(F.pad(xt, (top, bottom, top, bottom)), p["layers.0.weight"].permute(3, 2, 0, 1), p["layers.0.bias"], stride=2)
        h = F.batch_norm(h, torch_mean, torch_var, p["layers.1.weight"], p["layers.1.bias"], training=True,
                         momentum=1 - momentum, eps=1e-3)
        skip = F.conv2d(xt, p["shortcut.weight"].permute(3, 2, 0, 1), stride=2)
        return nhwc(F.relu(h + skip))

    with torch.no_grad():
        xt = nchw(x)
        top, bottom = same_padding(4, 3, 2, 1)
        conv = F.conv2d(F.pad(xt, (top, bottom, top, bottom)), params["layers.0.weight"].permute(3, 2, 0, 1), params["layers.0.bias"], stride=2)
        batch_mean, batch_var = conv.mean(dim=(0, 2, 3)), conv.var(dim=(0, 2, 3), correction=0)
    after = {"layers.1.running_mean": momentum * running_mean + (1 - momentum) * batch_mean,
             "layers.1.running_var": momentum * running_var + (1 - momentum) * batch_var}
    layer_case(fam, "residual_conv_batchnorm_projection",
               {"type": "ResidualBlock", "activation": "relu",
                "layers": [{"type": "Conv2D", "filters": 3, "kernel_size": 3, "strides": 2, "padding": "same"},
                           {"type": "BatchNormalization", "momentum": momentum}]},
               x, block, params, buffers={"layers.1.running_mean": running_mean, "layers.1.running_var": running_var},
               training=True, buffers_after=after, seed=seed + 3,
               convention="as the conv2d_* and batchnorm_* cases; shortcut a 1x1 stride-2 convolution without bias")


def positional_encoding_cases(fam):
    n, t, d = 2, 3, 4
    position = torch.arange(t, dtype=torch.float64).unsqueeze(1)
    pairs = torch.arange(d) // 2 * 2
    angle = position / torch.pow(10000.0, pairs.to(torch.float64) / d)
    table = torch.where(torch.arange(d) % 2 == 0, torch.sin(angle), torch.cos(angle))
    layer_case(fam, "positional_encoding", {"type": "PositionalEncoding"}, randn(n, t, d, seed=470),
               lambda x, p: x + table, {}, seed=470,
               convention="Vaswani et al.: PE[t, 2i] = sin(t / 10000^(2i/D)), PE[t, 2i+1] = cos(same angle)")


# ----------------------------------------------------------------------------- sequence and upsampling layers

def embedding_cases(fam):
    seed = 600
    vocabulary, dim = 7, 3
    ids = torch.tensor([[1, 4, 0, 6, 4], [3, 3, 2, 0, 0]], dtype=torch.float64)   # ids repeat: their gradients add
    table = randn(vocabulary, dim, seed=seed)
    layer_case(fam, "embedding", {"type": "Embedding", "input_dim": vocabulary, "output_dim": dim}, ids,
               lambda x, p: F.embedding(x.long(), p["weight"]), {"weight": table.clone()}, seed=seed,
               differentiable_input=False,
               convention="nn.Embedding weight [input_dim, output_dim] = Neurona weight; ids passed as float64 whole numbers")
    # mask_zero: GlobalAveragePooling1D averages the real steps only (Keras: sum(x * m) / sum(m)).
    def masked_mean(x, p):
        m = (x != 0).to(torch.float64).unsqueeze(-1)
        return (F.embedding(x.long(), p["layers.0.weight"]) * m).sum(1) / m.sum(1)
    layer_case(fam, "embedding_mask_zero_global_average_pooling1d",
               {"type": "Sequential", "input_shape": [5], "layers": [
                   {"type": "Embedding", "input_dim": vocabulary, "output_dim": dim, "mask_zero": True},
                   {"type": "GlobalAveragePooling1D"}]},
               ids, masked_mean, {"layers.0.weight": table.clone()}, seed=seed + 1, differentiable_input=False,
               convention="Keras masking: id 0 masked; the mean over the unmasked steps")


def conv1d_cases(fam):
    seed = 620
    n, t, c, filters = 2, 7, 3, 2
    for padding in ["valid", "same", "causal"]:
        for kernel, stride, dilation in [(3, 1, 1), (2, 2, 1), (3, 1, 2), (4, 3, 1)]:
            seed += 1
            name = f"conv1d_{padding}_k{kernel}_s{stride}_d{dilation}"
            x = randn(n, t, c, seed=seed)
            # PyTorch: weight [filters, channels, k], NCL; Neurona (Keras): [k, channels, filters], NLC.
            params = {"weight": randn(kernel, c, filters, seed=seed + 100), "bias": randn(filters, seed=seed + 200)}

            def forward(x, p, padding=padding, kernel=kernel, stride=stride, dilation=dilation):
                xt = x.transpose(1, 2)
                if padding == "same":
                    xt = F.pad(xt, same_padding(t, kernel, stride, dilation))
                elif padding == "causal":
                    xt = F.pad(xt, ((kernel - 1) * dilation, 0))   # Keras: all the padding before
                y = F.conv1d(xt, p["weight"].permute(2, 1, 0), p["bias"], stride=stride, dilation=dilation)
                return y.transpose(1, 2)

            config = {"type": "Conv1D", "filters": filters, "kernel_size": kernel, "strides": stride,
                      "padding": padding, "dilation_rate": dilation}
            layer_case(fam, name, config, x, forward, params, seed=seed,
                       convention="NLC and kernel [k, in, out] permuted to PyTorch's NCL and [out, in, k]; "
                                  "'same' padded as TensorFlow (odd cell after); 'causal' pads (k-1)*d before")
    seed += 1
    x = randn(n, 5, c, seed=seed)
    params = {"weight": randn(2, c, 4, seed=seed + 100)}
    layer_case(fam, "conv1d_no_bias_relu", {"type": "Conv1D", "filters": 4, "kernel_size": 2, "use_bias": False, "activation": "relu"},
               x, lambda x, p: F.relu(F.conv1d(x.transpose(1, 2), p["weight"].permute(2, 1, 0)).transpose(1, 2)), params,
               seed=seed, convention="as the conv1d_* cases")


def pooling1d_cases(fam):
    seed = 660
    n, t, c = 2, 7, 3
    for kind in ["MaxPool1D", "AvgPool1D"]:
        for pool, strides in [(2, None), (3, 1), (3, 2)]:
            for padding in ["valid", "same"]:
                seed += 1
                s = strides if strides is not None else pool
                name = f"{kind.lower()}_p{pool}_s{s}_{padding}"
                x = randn(n, t, c, seed=seed)

                def forward(x, p, kind=kind, pool=pool, s=s, padding=padding):
                    xt = x.transpose(1, 2)
                    before, after = same_padding(t, pool, s, 1) if padding == "same" else (0, 0)
                    if kind == "MaxPool1D":
                        return F.max_pool1d(F.pad(xt, (before, after), value=-math.inf), pool, s).transpose(1, 2)
                    sums = F.avg_pool1d(F.pad(xt, (before, after)), pool, s) * pool
                    counts = F.avg_pool1d(F.pad(torch.ones_like(xt), (before, after)), pool, s) * pool
                    return (sums / counts).transpose(1, 2)

                config = {"type": kind, "pool_size": pool, "padding": padding}
                if strides is not None:
                    config["strides"] = strides
                layer_case(fam, name, config, x, forward, {}, seed=seed,
                           convention="TensorFlow 'same' (odd cell after); max pads with -inf; average counts real cells only")
    x = randn(n, 4, c, seed=seed + 1)
    layer_case(fam, "global_max_pooling1d", {"type": "GlobalMaxPooling1D"}, x,
               lambda x, p: F.adaptive_max_pool1d(x.transpose(1, 2), 1).flatten(1), {}, seed=seed + 1)


def upsampling_cases(fam):
    seed = 700
    n, h, w, c = 2, 3, 4, 2
    for size, interpolation in [(2, "nearest"), ([2, 3], "nearest"), (2, "bilinear"), ([3, 2], "bilinear")]:
        seed += 1
        sh, sw = pair(size)
        name = f"upsampling2d_{sh}x{sw}_{interpolation}"
        x = randn(n, h, w, c, seed=seed)
        if interpolation == "nearest":
            forward = lambda x, p, sh=sh, sw=sw: nhwc(F.interpolate(nchw(x), scale_factor=(sh, sw), mode="nearest"))
        else:
            # Keras's bilinear is TensorFlow's resize with half-pixel centres: PyTorch's align_corners=False.
            forward = lambda x, p, sh=sh, sw=sw: nhwc(F.interpolate(nchw(x), scale_factor=(sh, sw), mode="bilinear", align_corners=False))
        layer_case(fam, name, {"type": "UpSampling2D", "size": size, "interpolation": interpolation}, x, forward, {}, seed=seed,
                   convention="F.interpolate on NCHW; bilinear with align_corners=False (TensorFlow's half-pixel centres)")


def conv2d_transpose_cases(fam):
    seed = 720
    n, h, w, c, filters = 2, 3, 4, 2, 3
    for padding in ["valid", "same"]:
        for kernel, strides in [(3, 1), (3, 2), ([2, 3], [2, 1]), (2, 3)]:
            seed += 1
            k, s = pair(kernel), pair(strides)
            name = f"conv2d_transpose_{padding}_k{k[0]}x{k[1]}_s{s[0]}x{s[1]}"
            x = randn(n, h, w, c, seed=seed)
            # Keras's transposed kernel is [kh, kw, filters, channels]; PyTorch's conv_transpose2d
            # weight is [channels, filters, kh, kw].
            params = {"weight": randn(*k, filters, c, seed=seed + 100), "bias": randn(filters, seed=seed + 200)}

            def forward(x, p, k=k, s=s, padding=padding):
                y = F.conv_transpose2d(nchw(x), p["weight"].permute(3, 2, 0, 1), p["bias"], stride=s)
                if padding == "valid":
                    return nhwc(y)
                # TensorFlow's 'same': the output is input * stride, the transposed convolution's
                # full output cropped by max(k - s, 0) cells, the smaller half before (the
                # gradient of a 'same' convolution); extra cells when k < s hold the bias alone.
                out = []
                for axis, (size, kk, ss) in enumerate([(h, k[0], s[0]), (w, k[1], s[1])]):
                    total = max(kk - ss, 0)
                    out.append((total // 2, size * ss))
                full = y
                (top, oh), (left, ow) = out
                need_h, need_w = top + oh - full.shape[2], left + ow - full.shape[3]
                if need_h > 0 or need_w > 0:
                    bias = p["bias"].view(1, -1, 1, 1)
                    full = F.pad(full - bias, (0, max(need_w, 0), 0, max(need_h, 0))) + bias
                return nhwc(full[:, :, top:top + oh, left:left + ow])

            config = {"type": "Conv2DTranspose", "filters": filters, "kernel_size": kernel, "strides": strides, "padding": padding}
            layer_case(fam, name, config, x, forward, params, seed=seed,
                       convention="kernel [kh, kw, filters, channels] permuted to PyTorch's [channels, filters, kh, kw]; "
                                  "'same' crops TensorFlow's way (output = input * stride)")


def depthwise_cases(fam):
    seed = 800
    n, h, w, c = 2, 5, 6, 3
    for name, kernel, strides, padding, m, dilation in [
        ("depthwise_conv2d_valid_k3_m1", 3, 1, "valid", 1, 1),
        ("depthwise_conv2d_same_k2x3_s2_m2", [2, 3], 2, "same", 2, 1),
        ("depthwise_conv2d_valid_k2_d2_m2", 2, 1, "valid", 2, 2),
    ]:
        seed += 1
        k, s, d = pair(kernel), pair(strides), pair(dilation)
        x = randn(n, h, w, c, seed=seed)
        # Keras's depthwise kernel [kh, kw, C, m]; PyTorch's grouped conv weight [C*m, 1, kh, kw],
        # output channel c*m + j from filter j of channel c (groups=C orders them the same way).
        params = {"weight": randn(*k, c, m, seed=seed + 100), "bias": randn(c * m, seed=seed + 200)}

        def forward(x, p, k=k, s=s, d=d, m=m, padding=padding):
            xt = nchw(x)
            if padding == "same":
                top, bottom = same_padding(h, k[0], s[0], d[0])
                left, right = same_padding(w, k[1], s[1], d[1])
                xt = F.pad(xt, (left, right, top, bottom))
            weight = p["weight"].permute(2, 3, 0, 1).reshape(c * m, 1, *k)
            return nhwc(F.conv2d(xt, weight, p["bias"], stride=s, dilation=d, groups=c))

        config = {"type": "DepthwiseConv2D", "kernel_size": kernel, "strides": strides, "padding": padding,
                  "depth_multiplier": m, "dilation_rate": dilation}
        layer_case(fam, name, config, x, forward, params, seed=seed,
                   convention="kernel [kh, kw, C, m] as PyTorch's grouped weight [C*m, 1, kh, kw] (groups=C); 'same' as TensorFlow")
    seed += 1
    x = randn(n, h, w, c, seed=seed)
    filters, m = 4, 2
    params = {"depthwise_weight": randn(3, 3, c, m, seed=seed + 100), "pointwise_weight": randn(1, 1, c * m, filters, seed=seed + 200),
              "bias": randn(filters, seed=seed + 300)}

    def separable(x, p):
        top, bottom = same_padding(h, 3, 1, 1)
        left, right = same_padding(w, 3, 1, 1)
        xt = F.pad(nchw(x), (left, right, top, bottom))
        depthwise = F.conv2d(xt, p["depthwise_weight"].permute(2, 3, 0, 1).reshape(c * m, 1, 3, 3), groups=c)
        return torch.tanh(nhwc(F.conv2d(depthwise, p["pointwise_weight"].permute(3, 2, 0, 1), p["bias"])))

    layer_case(fam, "separable_conv2d_same_m2_tanh",
               {"type": "SeparableConv2D", "filters": filters, "kernel_size": 3, "padding": "same", "depth_multiplier": m,
                "activation": "tanh"}, x, separable, params, seed=seed,
               convention="grouped convolution (groups=C) then a 1x1 convolution; pointwise kernel [1, 1, C*m, filters]")


def masking_cases(fam):
    """Embedding(mask_zero) before a recurrent layer: Keras skips the masked steps (the state
    stays as it was). References: PyTorch's packed sequences for trailing padding, and PyTorch
    cells stepped with the state held on masked steps for padding in the middle."""
    seed = 760
    vocabulary, dim, units = 6, 3, 4
    ids = torch.tensor([[2, 5, 1, 0, 0], [4, 1, 3, 3, 2], [5, 0, 0, 0, 0]], dtype=torch.float64)
    lengths = (ids != 0).sum(1)
    gen = torch.Generator().manual_seed(seed)
    for kind in ["SimpleRNN", "LSTM"]:
        seed += 1
        gates = 4 if kind == "LSTM" else 1
        module = (torch.nn.LSTM(dim, units, batch_first=True) if kind == "LSTM"
                  else torch.nn.RNN(dim, units, nonlinearity="tanh", batch_first=True))
        params = {"layers.0.weight": torch.randn(vocabulary, dim, generator=gen),
                  "layers.1.weight": torch.randn(dim, gates * units, generator=gen) * 0.5,
                  "layers.1.recurrent_weight": torch.randn(units, gates * units, generator=gen) * 0.5,
                  "layers.1.bias": torch.randn(gates * units, generator=gen) * 0.5}

        def forward(x, p, module=module):
            embedded = F.embedding(x.long(), p["layers.0.weight"])
            packed = torch.nn.utils.rnn.pack_padded_sequence(embedded, lengths, batch_first=True, enforce_sorted=False)
            weights = {"weight_ih_l0": p["layers.1.weight"].t(), "weight_hh_l0": p["layers.1.recurrent_weight"].t(),
                       "bias_ih_l0": p["layers.1.bias"], "bias_hh_l0": torch.zeros_like(p["layers.1.bias"])}
            _, state = torch.func.functional_call(module, weights, (packed,))
            h = state[0] if kind == "LSTM" else state
            return h[0]

        config = {"type": "Sequential", "input_shape": [5], "layers": [
            {"type": "Embedding", "input_dim": vocabulary, "output_dim": dim, "mask_zero": True},
            {"type": kind, "units": units}]}
        layer_case(fam, f"masked_{kind.lower()}_trailing_padding", config, ids, forward, params, seed=seed,
                   differentiable_input=False,
                   convention="trailing padding: the last output is PyTorch's packed-sequence h_n (the state after the last real step); "
                              "weights mapped as the recurrent cases")
    # Padding in the middle, every step returned: an LSTM cell stepped by hand, the state (and the
    # output) held where the id is 0, as Keras's RNN does with its default zero_output_for_mask=False.
    seed += 1
    ids_mid = torch.tensor([[2, 0, 1, 0, 4], [0, 3, 0, 5, 5]], dtype=torch.float64)
    cell = torch.nn.LSTMCell(dim, units)
    params = {"layers.0.weight": torch.randn(vocabulary, dim, generator=gen),
              "layers.1.weight": torch.randn(dim, 4 * units, generator=gen) * 0.5,
              "layers.1.recurrent_weight": torch.randn(units, 4 * units, generator=gen) * 0.5,
              "layers.1.bias": torch.randn(4 * units, generator=gen) * 0.5}

    def stepped(x, p):
        embedded = F.embedding(x.long(), p["layers.0.weight"])
        weights = {"weight_ih": p["layers.1.weight"].t(), "weight_hh": p["layers.1.recurrent_weight"].t(),
                   "bias_ih": p["layers.1.bias"], "bias_hh": torch.zeros_like(p["layers.1.bias"])}
        h = c = torch.zeros(x.shape[0], units)
        outputs = []
        for t in range(x.shape[1]):
            h_new, c_new = torch.func.functional_call(cell, weights, (embedded[:, t], (h, c)))
            real = (x[:, t] != 0).unsqueeze(1)
            h, c = torch.where(real, h_new, h), torch.where(real, c_new, c)
            outputs.append(h)
        return torch.stack(outputs, 1)

    config = {"type": "Sequential", "input_shape": [5], "layers": [
        {"type": "Embedding", "input_dim": vocabulary, "output_dim": dim, "mask_zero": True},
        {"type": "LSTM", "units": units, "return_sequences": True}]}
    layer_case(fam, "masked_lstm_middle_padding_sequences", config, ids_mid, stepped, params, seed=seed,
               differentiable_input=False,
               convention="nn.LSTMCell stepped by hand; on a masked step the state and the output stay the previous step's")


# ----------------------------------------------------------------------------- losses

def loss_cases(fam):
    seed = 500
    n, k = 4, 3
    eps = 1e-7  # Keras's probability clip, which Neurona follows

    def clip(p):
        return p.clamp(eps, 1 - eps)

    g = torch.Generator().manual_seed(seed)
    regression_pred = torch.randn(n, k, generator=g)
    regression_target = torch.randn(n, k, generator=g)
    regression_target[0, 0] = regression_pred[0, 0] + 3.0  # one error beyond Huber's delta for sure
    logits = torch.randn(n, k, generator=g) * 2
    probabilities = torch.softmax(torch.randn(n, k, generator=g), dim=-1)
    unnormalized = torch.rand(n, k, generator=g) + 0.1  # rows not summing to 1: Keras normalizes them
    binary_targets = (torch.rand(n, k, generator=g) > 0.5).to(torch.float64)
    binary_probabilities = torch.rand(n, k, generator=g) * 0.9 + 0.05
    # Probabilities of exactly 0 and 1. A 1 sits only where the target is 1: log(1 - clip(1)) =
    # log(1e-7) is what float32 cannot represent (1 - 1e-7 rounds), not a property of the layer.
    edge_probabilities = torch.tensor([[0.0, 1.0, 0.3], [1.0, 0.0, 0.7], [0.5, 0.2, 1.0], [0.0, 0.6, 0.4]])
    edge_targets = torch.tensor([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [0.0, 1.0, 0.0]])
    soft_targets = torch.softmax(torch.randn(n, k, generator=g), dim=-1)
    labels = torch.tensor([2, 0, 1, 2])
    one_hot = F.one_hot(labels, k).to(torch.float64)
    sequence_pred, sequence_target = torch.randn(n, 2, k, generator=g), torch.randn(n, 2, k, generator=g)

    def per_sample_mean(e):
        return e.flatten(1).mean(1)

    specs = [
        # name, config (without reduction), predictions, targets, per-sample loss in PyTorch, targets dtype
        ("mse", {"type": "mse"}, regression_pred, regression_target,
         lambda p, y: per_sample_mean(F.mse_loss(p, y, reduction="none")), "float64"),
        ("mse_rank3", {"type": "mse"}, sequence_pred, sequence_target,
         lambda p, y: per_sample_mean(F.mse_loss(p, y, reduction="none")), "float64"),
        ("mae", {"type": "mae"}, regression_pred, regression_target,
         lambda p, y: per_sample_mean(F.l1_loss(p, y, reduction="none")), "float64"),
        ("huber", {"type": "huber"}, regression_pred, regression_target,
         lambda p, y: per_sample_mean(F.huber_loss(p, y, reduction="none", delta=1.0)), "float64"),
        ("huber_delta0.5", {"type": "huber", "delta": 0.5}, regression_pred, regression_target,
         lambda p, y: per_sample_mean(F.huber_loss(p, y, reduction="none", delta=0.5)), "float64"),
        ("binary_crossentropy", {"type": "binary_crossentropy"}, binary_probabilities, binary_targets,
         lambda p, y: per_sample_mean(F.binary_cross_entropy(p, y, reduction="none")), "float64"),
        # Probabilities of exactly 0 and 1: Keras clips them to [1e-7, 1 - 1e-7] (PyTorch would clamp
        # the log at -100 instead), so the clip is applied explicitly before PyTorch's loss.
        ("binary_crossentropy_clipped", {"type": "binary_crossentropy"}, edge_probabilities, edge_targets,
         lambda p, y: per_sample_mean(F.binary_cross_entropy(clip(p), y, reduction="none")), "float64"),
        ("binary_crossentropy_logits", {"type": "binary_crossentropy", "from_logits": True}, logits, binary_targets,
         lambda p, y: per_sample_mean(F.binary_cross_entropy_with_logits(p, y, reduction="none")), "float64"),
        ("binary_crossentropy_soft_logits", {"type": "binary_crossentropy", "from_logits": True}, logits, soft_targets,
         lambda p, y: per_sample_mean(F.binary_cross_entropy_with_logits(p, y, reduction="none")), "float64"),
        # Keras (and Neurona) divide probability rows by their sum before the clip and the log; the
        # division changes the gradient (by 1/sum(p) in every element) even where rows sum to 1, so
        # the reference divides too: PyTorch's nll_loss(log p) would leave it out.
        ("categorical_crossentropy", {"type": "categorical_crossentropy"}, probabilities, one_hot,
         lambda p, y: F.nll_loss(torch.log(clip(p / p.sum(-1, keepdim=True))), y.argmax(1), reduction="none"), "float64"),
        ("categorical_crossentropy_unnormalized", {"type": "categorical_crossentropy"}, unnormalized, soft_targets,
         lambda p, y: -(y * torch.log(clip(p / p.sum(-1, keepdim=True)))).sum(-1), "float64"),
        ("categorical_crossentropy_logits", {"type": "categorical_crossentropy", "from_logits": True}, logits, soft_targets,
         lambda p, y: F.cross_entropy(p, y, reduction="none"), "float64"),
        # Neurona's sparse form does not divide by the row sum (PyTorch's nll_loss(log p) convention).
        ("sparse_categorical_crossentropy", {"type": "sparse_categorical_crossentropy"}, probabilities, labels,
         lambda p, y: F.nll_loss(torch.log(clip(p)), y, reduction="none"), "int64"),
        ("sparse_categorical_crossentropy_logits", {"type": "sparse_categorical_crossentropy", "from_logits": True}, logits, labels,
         lambda p, y: F.cross_entropy(p, y, reduction="none"), "int64"),
    ]
    for base, config, pred, target, per_sample, target_dtype in specs:
        for reduction in ["mean", "sum", "none"]:
            seed += 1
            name = f"{base}_{reduction}"
            p = pred.clone().requires_grad_(True)
            losses = per_sample(p, target)
            if reduction == "none":
                upstream = torch.randn(losses.shape, generator=torch.Generator().manual_seed(seed))
                value = losses
                (losses * upstream).sum().backward()
            else:
                upstream = None
                value = losses.mean() if reduction == "mean" else losses.sum()
                value.backward()
            case = {
                "name": name,
                "loss": dict(config, reduction=reduction),
                "targets_dtype": target_dtype,
                "predictions": fam.put(name, "predictions", p),
                "targets": fam.put(name, "targets", target),
                "output": fam.put(name, "output", value),
                "prediction_gradient": fam.put(name, "prediction_gradient", p.grad),
            }
            if upstream is not None:
                case["upstream"] = fam.put(name, "upstream", upstream)
            fam.cases.append(case)


def main():
    """Writes every fixture, or only the families named on the command line
    (`make_oracles.py sequence_layer_oracles masking_oracles`): regenerating one family leaves the
    others' files untouched."""
    families = {
        "layer_oracles": ("NeuronaLayersTests", [dense_cases, conv_cases, pooling_cases, activation_cases]),
        "sequence_layer_oracles": ("NeuronaLayersTests", [embedding_cases, conv1d_cases, pooling1d_cases,
                                                          upsampling_cases, conv2d_transpose_cases, depthwise_cases]),
        "plugin_oracles": ("PluginTests", [batch_norm_cases, layer_norm_cases, recurrent_cases, attention_cases,
                                           transformer_cases, positional_encoding_cases, residual_cases]),
        "masking_oracles": ("PluginTests", [masking_cases]),
        "loss_oracles": ("NeuronaLossesTests", [loss_cases]),
    }
    chosen = sys.argv[1:] or list(families)
    for name in chosen:
        if name not in families:
            sys.exit(f"unknown family {name!r}; the families: {', '.join(families)}")
        target, makers = families[name]
        family = Family(target, name)
        for make in makers:
            make(family)
        family.write()


if __name__ == "__main__":
    main()
