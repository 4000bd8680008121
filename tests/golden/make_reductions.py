"""Writes tests/golden/reductions.json: NumPy's exact reduction results.

Run from the repository root with NumPy 2.x:  python3 tests/golden/make_reductions.py

Each case holds an input array (little-endian float64 bytes, base64) with its
shape and dtype, and for several reductions and axes the exact result NumPy
returns with keepdims=False (float64 bytes, base64, plus the result shape and
dtype). keepdims=True gives the same values in a shape with the reduced axis
kept as 1; the generator checks that before leaving it out of the file.
Inputs mix magnitudes over many orders so that any difference in summation
order shows up in the last bits.
"""
import base64
import json
import sys

import numpy as np

rng = np.random.default_rng(20240611)


def encode(values):
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f8").tobytes()).decode("ascii")


def draw(shape, dtype):
    if dtype == "int64":
        return rng.integers(-1000, 1000, size=shape).astype(np.int64)
    if dtype == "bool":
        return rng.random(shape) < 0.5
    kind = rng.integers(0, 3)
    if kind == 0:
        return rng.standard_normal(shape)
    if kind == 1:
        return rng.random(shape)
    # Wide dynamic range: values that cancel and values far apart in size.
    return rng.standard_normal(shape) * np.exp(rng.standard_normal(shape) * 4)


OPERATIONS = {
    "float64": ["sum", "mean", "max", "min", "argmax", "argmin", "std", "var"],
    "int64": ["sum", "mean", "max", "min", "argmax", "argmin"],
    "bool": ["sum", "mean"],
}


def reduce(name, a, axis, keepdims):
    if name in ("argmax", "argmin"):
        return getattr(np, name)(a, axis=axis, keepdims=keepdims)
    return getattr(np, name)(a, axis=axis, keepdims=keepdims)


ORDER_FREE = ("max", "min", "argmax", "argmin")


def make_case(shape, dtype="float64", order_free=True):
    """order_free=False leaves out the reductions whose result does not depend on order."""
    a = draw(shape, dtype)
    results = []
    axes = [None] + list(range(len(shape))) + ([-1] if len(shape) > 1 else [])
    for name in OPERATIONS[dtype]:
        if name in ORDER_FREE and not order_free:
            continue
        for axis in axes:
            value = np.asarray(reduce(name, a, axis, False))
            kept = np.asarray(reduce(name, a, axis, True))
            assert np.array_equal(kept.ravel(), value.ravel(), equal_nan=True)
            results.append({
                "op": name,
                "axis": axis,
                "shape": list(value.shape),
                "keptShape": list(kept.shape),
                "dtype": str(value.dtype),
                "values": encode(value.astype(np.float64)),
            })
    return {"shape": list(shape), "dtype": dtype, "data": encode(a.astype(np.float64)), "results": results}


def main():
    shapes = []
    shapes += [(n,) for n in range(1, 41)]
    shapes += [(n,) for n in (63, 64, 65, 127, 128, 129, 130, 135, 136, 255, 256, 257, 263, 264,
                              511, 512, 513, 1000, 1023, 1024, 1025, 1999, 2000)]
    shapes += [(int(n),) for n in rng.integers(41, 2001, size=24)]
    shapes += [(300, 2), (210, 10), (90, 10), (10, 90), (4, 1), (1, 4), (4, 2), (2, 4), (2000, 1),
               (1, 2000), (7, 300), (300, 7), (64, 3), (129, 5), (3, 129), (1, 1), (2, 1000),
               (1000, 2), (16, 16), (9, 130), (130, 9)]
    shapes += [(int(m), int(n)) for m, n in rng.integers(1, 60, size=(12, 2))]
    shapes += [(4, 5, 6), (2, 130, 3), (3, 2, 129), (5, 1, 7)]
    cases = [make_case(shape, order_free=int(np.prod(shape)) <= 300) for shape in shapes]
    # Longer than the sizes the exercises use, to pin down how NumPy splits big sums.
    cases += [make_case(shape, order_free=False) for shape in [(20000,), (2, 9000)]]
    cases += [make_case(shape, "int64") for shape in [(7,), (300,), (210, 10), (4, 1)]]
    cases += [make_case(shape, "bool") for shape in [(5,), (210,), (300, 2)]]
    # Signed zeros: a float sum starts from +0, so -0.0 never survives.
    zeros = {"shape": [2, 2], "dtype": "float64", "data": encode(np.array([[-0.0, -0.0], [-0.0, -0.0]])),
             "results": []}
    a = np.array([[-0.0, -0.0], [-0.0, -0.0]])
    for axis in (None, 0, 1):
        value = np.asarray(np.sum(a, axis=axis))
        kept = np.sum(a, axis=axis, keepdims=True)
        zeros["results"].append({"op": "sum", "axis": axis, "shape": list(value.shape),
                                 "keptShape": list(kept.shape), "dtype": "float64", "values": encode(value)})
    cases.append(zeros)
    out = {
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "format": "data/values: base64 of little-endian float64; int64 and bool stored as exact doubles",
        "cases": cases,
    }
    with open("tests/golden/reductions.json", "w") as handle:
        json.dump(out, handle, separators=(",", ":"))
        handle.write("\n")
    print(f"{len(cases)} arrays, {sum(len(c['results']) for c in cases)} results")


if __name__ == "__main__":
    main()
