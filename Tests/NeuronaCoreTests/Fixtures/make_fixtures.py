"""Generates the NumPy and safetensors fixtures for NeuronaCoreTests.

Run from this folder: python3 make_fixtures.py  (needs numpy, scipy, safetensors).
Every expected value in numpy_cases.json is computed here by NumPy/SciPy in float64, so the
Swift tests compare Neurona against an independent implementation.
"""
import json
import numpy as np
from scipy.special import erf

rng = np.random.default_rng(2024)


def t(a):
    a = np.asarray(a)
    kind = "int64" if a.dtype.kind in "iu" else ("bool" if a.dtype.kind == "b" else "float64")
    return {"shape": list(a.shape), "dtype": kind, "data": a.astype(np.float64).ravel().tolist()}


def r(*shape, low=-2.0, high=2.0):
    return rng.uniform(low, high, size=shape)


cases = []


def case(op, args, expected, **kwargs):
    cases.append({"op": op, "args": [t(a) for a in args], "kwargs": kwargs, "expected": t(expected)})


# Binary ops with broadcasting.
pairs = [((2, 3), (3,)), ((2, 1, 3), (4, 1)), ((3,), ()), ((), (2, 2)), ((4, 1), (1, 5)),
         ((2, 3, 4), (2, 1, 4)), ((3, 1), (3, 1)), ((1,), (2, 3))]
binary = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.divide,
          "maximum": np.maximum, "minimum": np.minimum}
for sa, sb in pairs:
    a, b = r(*sa), r(*sb)
    for name, f in binary.items():
        case(name, [a, b], f(a, b))
    pa, pb = r(*sa, low=0.1, high=2.0), r(*sb, low=-1.5, high=1.5)
    case("power", [pa, pb], np.power(pa, pb))
    for name, f in {"less": np.less, "greater_equal": np.greater_equal, "equal": np.equal}.items():
        case(name, [np.round(a), np.round(b)], f(np.round(a), np.round(b)))

# Unary ops.
x = r(3, 4, low=-3, high=3)
xp = r(3, 4, low=0.05, high=3)
unary = {
    "negate": (x, -x), "abs": (x, np.abs(x)), "exp": (x, np.exp(x)), "sin": (x, np.sin(x)),
    "cos": (x, np.cos(x)), "tanh": (x, np.tanh(x)), "sigmoid": (x, 1 / (1 + np.exp(-x))),
    "relu": (x, np.maximum(x, 0)), "softplus": (x, np.log1p(np.exp(x))),
    "gelu": (x, x * 0.5 * (1 + erf(x / np.sqrt(2)))), "floor": (x, np.floor(x)),
    "ceil": (x, np.ceil(x)), "round": (x, np.round(x)), "sqrt": (xp, np.sqrt(xp)),
    "log": (xp, np.log(xp)), "square": (x, x * x), "reciprocal": (xp, 1 / xp), "sign": (x, np.sign(x)),
}
for name, (a, e) in unary.items():
    case(name, [a], e)
case("leaky_relu", [x], np.where(x > 0, x, 0.1 * x), alpha=0.1)
case("elu", [x], np.where(x > 0, x, 1.5 * np.expm1(x)), alpha=1.5)
case("clip", [x], np.clip(x, -0.5, 0.75), low=-0.5, high=0.75)
case("pow_scalar", [x], x ** 3, exponent=3.0)
case("pow_scalar", [xp], xp ** 0.5, exponent=0.5)
case("pow_scalar", [xp], xp ** -1.7, exponent=-1.7)
m = np.array([[True, False, True, False]] * 3)
y = r(3, 4)
case("where", [m, x, y], np.where(m, x, y))
case("where", [m[0], x, np.array(0.0)], np.where(m[0], x, 0.0))

# Reductions.
z = r(2, 3, 4)
z[1, 2, 3] = 5.0  # a unique maximum
for axes in [None, [0], [1], [2], [0, 2], [-1], [0, 1, 2], [1, 2]]:
    ax = None if axes is None else tuple(axes)
    for keep in [False, True]:
        case("sum", [z], np.sum(z, axis=ax, keepdims=keep), axes=axes, keepdims=keep)
        case("mean", [z], np.mean(z, axis=ax, keepdims=keep), axes=axes, keepdims=keep)
        case("max", [z], np.max(z, axis=ax, keepdims=keep), axes=axes, keepdims=keep)
        case("min", [z], np.min(z, axis=ax, keepdims=keep), axes=axes, keepdims=keep)
        case("variance", [z], np.var(z, axis=ax, keepdims=keep), axes=axes, keepdims=keep)
        case("variance1", [z], np.var(z, axis=ax, keepdims=keep, ddof=1), axes=axes, keepdims=keep)
for axis in [None, 0, 1, 2, -1]:
    case("argmax", [z], np.argmax(z, axis=axis), axes=None if axis is None else [axis])
    case("argmin", [z], np.argmin(z, axis=axis), axes=None if axis is None else [axis])

# Shape ops.
case("permute", [z], np.transpose(z, (2, 0, 1)), axes=[2, 0, 1])
case("transpose", [z], np.swapaxes(z, -2, -1))
w = r(2, 2, 4)
case("concatenate", [z, w], np.concatenate([z, w], axis=1), axis=1)
case("concatenate", [z, z], np.concatenate([z, z], axis=-1), axis=-1)
case("stack", [z, z * 2], np.stack([z, z * 2], axis=1), axis=1)
case("reshape", [z], z.reshape(4, -1), shape=[4, -1])
case("pad", [z], np.pad(z, [(1, 0), (0, 2), (1, 1)], constant_values=0.5),
     widths=[[1, 0], [0, 2], [1, 1]], value=0.5)
slices = {
    "1:,::2": (slice(1, None), slice(None, None, 2)),
    "::-1": (slice(None, None, -1),),
    "-1": (-1,),
    ":,1:3,::-2": (slice(None), slice(1, 3), slice(None, None, -2)),
    "0,-2:,1": (0, slice(-2, None), 1),
    ":,-3:-1,3:0:-1": (slice(None), slice(-3, -1), slice(3, 0, -1)),
}
for name, index in slices.items():
    spec = []
    for s in index:
        if isinstance(s, int):
            spec.append({"index": s})
        else:
            spec.append({"start": s.start, "end": s.stop, "step": s.step or 1})
    case("slice", [z], z[index], spec=spec)
idx = np.array([2, 0, 2, 1])
case("index_select", [z, idx], np.take(z, idx, axis=1), axis=1)
case("index_select", [z, np.array([[1, 0], [0, 1]])], np.take(z, np.array([[1, 0], [0, 1]]), axis=0), axis=0)
gi = rng.integers(0, 3, size=(2, 3, 4))
case("gather", [z, gi], np.take_along_axis(z, gi, axis=1), axis=1)
gj = rng.integers(0, 4, size=(2, 3, 2))
case("gather", [z, gj], np.take_along_axis(z, gj, axis=2), axis=2)
labels = np.array([2, 0, 1, 2])
case("one_hot", [labels], np.eye(3)[labels], classes=3)

# Matrix products.
for sa, sb in [((3, 4), (4, 5)), ((4,), (4,)), ((2, 3, 4), (4, 5)), ((2, 1, 3, 4), (5, 4, 2)),
               ((4,), (4, 5)), ((3, 4), (4,)), ((2, 3, 4), (4,)), ((1, 4), (3, 4, 2))]:
    a, b = r(*sa), r(*sb)
    case("matmul", [a, b], np.matmul(a, b))

with open("numpy_cases.json", "w") as f:
    json.dump({"cases": cases}, f)
print(f"{len(cases)} cases")

# A safetensors file written by Python's safetensors package, read by SafetensorsTests.
from safetensors.numpy import save_file
save_file({
    "weight": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
    "bias": np.array([-1.5, 0.25], dtype=np.float64),
    "labels": np.array([3, -1, 7], dtype=np.int64),
    "mask": np.array([True, False, True]),
    "scalar": np.array(2.5, dtype=np.float32),
}, "python_written.safetensors", metadata={"format": "np", "source": "make_fixtures.py"})
