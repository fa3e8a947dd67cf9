"""Generates the NumPy and safetensors fixtures for NeuronaCoreTests.

Run from this folder: python3 make_fixtures.py  (needs numpy, scipy, safetensors).
Every expected value in numpy_cases.json is computed here by NumPy/SciPy in the case's own dtype:
the float64 cases in float64, the float32 cases by NumPy's float32 kernels on the same inputs
rounded to float32 (not by Neurona's float64 path), the int64 cases in int64. The Swift tests run
every case through one dispatcher, whatever its dtype, and compare with these values.

Ties and bounds (argmax's first index, round half to even, sign(0), max and clip at ties and
bounds, NaN) have their own cases; they pin the conventions written down in
Modules/NeuronaCore/README.md, "Conventions at ties and bounds".
"""
import json
import numpy as np
from scipy.special import erf

cases = []


def t(a, dtype=None):
    """A tensor as JSON: shape, dtype, values as numbers (non-finite ones as strings)."""
    a = np.asarray(a) if dtype is None else np.asarray(a, dtype=dtype)
    if a.dtype.kind in "iu":
        kind = "int64"
    elif a.dtype.kind == "b":
        kind = "bool"
    elif a.dtype == np.float32:
        kind = "float32"
    else:
        assert a.dtype == np.float64, a.dtype
        kind = "float64"

    def value(v):
        if np.isnan(v):
            return "NaN"
        if np.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v

    return {"shape": list(a.shape), "dtype": kind, "data": [value(v) for v in a.astype(np.float64).ravel().tolist()]}


def case(op, args, expected, **kwargs):
    cases.append({"op": op, "args": [t(a) for a in args], "kwargs": kwargs, "expected": t(expected)})


def floating_cases(dt):
    """The general cases in floating dtype `dt`. Inputs are drawn in float64 from the same seed
    for every dtype and rounded to `dt`, so the float32 cases are the float64 ones, rounded."""
    rng = np.random.default_rng(2024)

    def r(*shape, low=-2.0, high=2.0):
        return rng.uniform(low, high, size=shape).astype(dt)

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
    one = dt(1)
    unary = {
        "negate": (x, -x), "abs": (x, np.abs(x)), "exp": (x, np.exp(x)), "sin": (x, np.sin(x)),
        "cos": (x, np.cos(x)), "tanh": (x, np.tanh(x)), "sigmoid": (x, one / (one + np.exp(-x))),
        "relu": (x, np.maximum(x, dt(0))), "softplus": (x, np.log1p(np.exp(x))),
        "gelu": (x, x * dt(0.5) * (one + erf(x / np.sqrt(dt(2))))), "floor": (x, np.floor(x)),
        "ceil": (x, np.ceil(x)), "round": (x, np.round(x)), "sqrt": (xp, np.sqrt(xp)),
        "log": (xp, np.log(xp)), "square": (x, x * x), "reciprocal": (xp, one / xp), "sign": (x, np.sign(x)),
    }
    for name, (a, e) in unary.items():
        assert e.dtype == dt, name
        case(name, [a], e)
    case("leaky_relu", [x], np.where(x > 0, x, dt(0.1) * x), alpha=0.1)
    case("elu", [x], np.where(x > 0, x, dt(1.5) * np.expm1(x)), alpha=1.5)
    case("clip", [x], np.clip(x, dt(-0.5), dt(0.75)), low=-0.5, high=0.75)
    case("pow_scalar", [x], x ** dt(3), exponent=3.0)
    case("pow_scalar", [xp], xp ** dt(0.5), exponent=0.5)
    case("pow_scalar", [xp], xp ** dt(-1.7), exponent=-1.7)
    m = np.array([[True, False, True, False]] * 3)
    y = r(3, 4)
    case("where", [m, x, y], np.where(m, x, y))
    case("where", [m[0], x, np.array(0.0, dtype=dt)], np.where(m[0], x, np.array(0.0, dtype=dt)))

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
    case("stack", [z, z * dt(2)], np.stack([z, z * dt(2)], axis=1), axis=1)
    case("reshape", [z], z.reshape(4, -1), shape=[4, -1])
    case("pad", [z], np.pad(z, [(1, 0), (0, 2), (1, 1)], constant_values=dt(0.5)),
         widths=[[1, 0], [0, 2], [1, 1]], value=0.5)
    slice_cases(z)
    idx = np.array([2, 0, 2, 1])
    case("index_select", [z, idx], np.take(z, idx, axis=1), axis=1)
    case("index_select", [z, np.array([[1, 0], [0, 1]])], np.take(z, np.array([[1, 0], [0, 1]]), axis=0), axis=0)
    gi = rng.integers(0, 3, size=(2, 3, 4))
    case("gather", [z, gi], np.take_along_axis(z, gi, axis=1), axis=1)
    gj = rng.integers(0, 4, size=(2, 3, 2))
    case("gather", [z, gj], np.take_along_axis(z, gj, axis=2), axis=2)
    if dt == np.float64:
        labels = np.array([2, 0, 1, 2])
        case("one_hot", [labels], np.eye(3)[labels], classes=3)

    # Matrix products.
    for sa, sb in [((3, 4), (4, 5)), ((4,), (4,)), ((2, 3, 4), (4, 5)), ((2, 1, 3, 4), (5, 4, 2)),
                   ((4,), (4, 5)), ((3, 4), (4,)), ((2, 3, 4), (4,)), ((1, 4), (3, 4, 2))]:
        a, b = r(*sa), r(*sb)
        case("matmul", [a, b], np.matmul(a, b))


def slice_cases(z):
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


def tie_cases(dt):
    """Ties, bounds and NaN in floating dtype `dt` (README, "Conventions at ties and bounds")."""
    nan = np.nan
    # argmax/argmin: the first of tied extremes; a NaN counts as the extreme (its first index).
    ties = np.array([[1, 3, 3, 0], [2, 2, 2, 2], [-1, 5, 0, 5]], dtype=dt)
    for axis in [None, 0, 1]:
        case("argmax", [ties], np.argmax(ties, axis=axis), axes=None if axis is None else [axis])
        case("argmin", [ties], np.argmin(ties, axis=axis), axes=None if axis is None else [axis])
        case("max", [ties], np.max(ties, axis=axis), axes=None if axis is None else [axis])
        case("min", [ties], np.min(ties, axis=axis), axes=None if axis is None else [axis])
    with_nan = np.array([[1, nan, 3, nan], [2, 2, 0, 1]], dtype=dt)
    case("argmax", [with_nan], np.argmax(with_nan, axis=1), axes=[1])
    case("argmin", [with_nan], np.argmin(with_nan, axis=1), axes=[1])
    case("max", [with_nan], np.max(with_nan, axis=1), axes=[1])
    case("min", [with_nan], np.min(with_nan, axis=1), axes=[1])
    # Rounding: half to even; floor and ceil at halves and at negative zero.
    halves = np.array([-3.5, -2.5, -1.5, -0.5, -0.0, 0.5, 1.5, 2.5, 3.5, 0.49999997, -0.50000006, 4.5000005], dtype=dt)
    case("round", [halves], np.round(halves))
    case("floor", [halves], np.floor(halves))
    case("ceil", [halves], np.ceil(halves))
    # sign: 0 at ±0, NaN at NaN; relu: 0 at 0 and -0, NaN at NaN; leaky relu and elu at 0.
    special = np.array([0.0, -0.0, 3.0, -2.0, nan, np.inf, -np.inf], dtype=dt)
    case("sign", [special], np.sign(special))
    case("relu", [special], np.maximum(special, dt(0)))
    case("abs", [special], np.abs(special))
    case("leaky_relu", [special[:4]], np.where(special[:4] > 0, special[:4], dt(0.1) * special[:4]), alpha=0.1)
    # clip: the bounds themselves, beyond them, and NaN (which stays NaN).
    bounds = np.array([-1.0, -1.5, -0.5, 1.0, 1.5, 0.0, nan], dtype=dt)
    case("clip", [bounds], np.clip(bounds, dt(-1), dt(1)), low=-1.0, high=1.0)
    case("clip", [bounds], np.clip(bounds, dt(0), dt(0)), low=0.0, high=0.0)
    # maximum/minimum: ties give the common value; NaN on either side wins.
    a = np.array([1.0, 2.0, nan, 3.0, -0.0, nan], dtype=dt)
    b = np.array([1.0, nan, 2.0, 3.0, 0.0, nan], dtype=dt)
    case("maximum", [a, b], np.maximum(a, b))
    case("minimum", [a, b], np.minimum(a, b))
    # Broadcast addition with a row and a column.
    case("add", [np.array([[1.5], [-2.25]], dtype=dt), np.array([0.5, 1e-3, -7.0], dtype=dt)],
         np.add(np.array([[1.5], [-2.25]], dtype=dt), np.array([0.5, 1e-3, -7.0], dtype=dt)))


def int64_cases():
    """int64 arithmetic and indexing against NumPy's int64 results."""
    rng = np.random.default_rng(77)
    a = rng.integers(-9, 10, size=(3, 4))
    b = rng.integers(-9, 10, size=(4,))
    b[b == 0] = 3
    c = rng.integers(-5, 6, size=(2, 1, 4))
    for x, y in [(a, b), (c, a), (a, np.array(-4))]:
        case("add", [x, y], np.add(x, y))
        case("subtract", [x, y], np.subtract(x, y))
        case("multiply", [x, y], np.multiply(x, y))
        case("maximum", [x, y], np.maximum(x, y))
        case("minimum", [x, y], np.minimum(x, y))
        case("less", [x, y], np.less(x, y))
        case("equal", [x, y], np.equal(x, y))
    # Neurona's int64 `/` is floor division, NumPy's `//` (and PyTorch's floor_divide).
    case("divide", [a, b], np.floor_divide(a, b))
    case("divide", [np.array([7, -7, 7, -7, 0, 6]), np.array([2, 2, -2, -2, 5, -3])],
         np.floor_divide(np.array([7, -7, 7, -7, 0, 6]), np.array([2, 2, -2, -2, 5, -3])))
    case("power", [a, np.array([0, 1, 2, 3])], np.power(a, np.array([0, 1, 2, 3])))
    for name, e in {"negate": -a, "abs": np.abs(a), "sign": np.sign(a), "square": a * a,
                    "relu": np.maximum(a, 0)}.items():
        case(name, [a], e)
    case("clip", [a], np.clip(a, -3, 4), low=-3.0, high=4.0)
    case("pow_scalar", [a], a ** 3, exponent=3.0)
    z = rng.integers(-20, 20, size=(2, 3, 4))
    z[0, 1, :] = 7  # ties along the last axis
    for axes in [None, [0], [2], [0, 2]]:
        ax = None if axes is None else tuple(axes)
        case("sum", [z], np.sum(z, axis=ax), axes=axes)
        case("max", [z], np.max(z, axis=ax), axes=axes)
        case("min", [z], np.min(z, axis=ax), axes=axes)
    for axis in [None, 0, 2]:
        case("argmax", [z], np.argmax(z, axis=axis), axes=None if axis is None else [axis])
        case("argmin", [z], np.argmin(z, axis=axis), axes=None if axis is None else [axis])
    case("permute", [z], np.transpose(z, (2, 0, 1)), axes=[2, 0, 1])
    case("transpose", [z], np.swapaxes(z, -2, -1))
    case("concatenate", [z, z], np.concatenate([z, z], axis=0), axis=0)
    case("stack", [z, -z], np.stack([z, -z], axis=2), axis=2)
    case("reshape", [z], z.reshape(-1, 6), shape=[-1, 6])
    case("pad", [z], np.pad(z, [(0, 1), (2, 0), (1, 1)], constant_values=-3), widths=[[0, 1], [2, 0], [1, 1]], value=-3.0)
    slice_cases(z)
    case("index_select", [z, np.array([1, 1, 0])], np.take(z, np.array([1, 1, 0]), axis=0), axis=0)
    gi = rng.integers(0, 3, size=(2, 3, 4))
    case("gather", [z, gi], np.take_along_axis(z, gi, axis=1), axis=1)
    m = z > 0
    case("where", [m, z, -z], np.where(m, z, -z))


floating_cases(np.float64)
floating_cases(np.float32)
tie_cases(np.float64)
tie_cases(np.float32)
int64_cases()

with open("numpy_cases.json", "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f)
counts = {}
for c in cases:
    dtype = next(a["dtype"] for a in c["args"] if a["dtype"] != "bool")  # `where` starts with its mask
    counts[dtype] = counts.get(dtype, 0) + 1
print(f"{len(cases)} cases by dtype: {counts}")

# A safetensors file written by Python's safetensors package, read by SafetensorsTests.
from safetensors.numpy import save_file
save_file({
    "weight": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
    "bias": np.array([-1.5, 0.25], dtype=np.float64),
    "labels": np.array([3, -1, 7], dtype=np.int64),
    "mask": np.array([True, False, True]),
    "scalar": np.array(2.5, dtype=np.float32),
}, "python_written.safetensors", metadata={"format": "np", "source": "make_fixtures.py"})
