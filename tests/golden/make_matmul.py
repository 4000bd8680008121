"""Writes tests/golden/matmul.json: NumPy's matrix products next to the
summation order the library uses, and exact fused multiply-add results.

Run from the repository root:  python3 tests/golden/make_matmul.py

For each pair of operands (the shapes the exercises multiply, and a few
more) the file holds the inputs, NumPy's `a @ b`, and the "library order"
result: every entry starts from a[i,0]*b[0,j] (rounded) and then adds
a[i,p]*b[p,j] for p = 1, 2, ... with one rounding per step, as a fused
multiply-add does, except for vector @ matrix, where product and sum are
rounded separately. That split is the one under which the NumPy originals'
printed results (notebooks/reference/) come out digit for digit; this
machine's BLAS fuses vector @ matrix too, so NumPy here differs from the
library in a few of those entries. For comparison it also counts how many entries plain
separately rounded products and sums would get equal to NumPy's.

"fma" holds triples (a, b, c) with a*b + c rounded once to nearest, computed
exactly with fractions: random ones, near-cancelling ones, ties, and ones at
the ends of the double range. Arrays are base64 of little-endian float64.
"""
import base64
import json
import math
from fractions import Fraction

import numpy as np

rng = np.random.default_rng(7)


def encode(values):
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f8").tobytes()).decode("ascii")


def fma(a, b, c):
    return float(Fraction(a) * Fraction(b) + Fraction(c))


def in_order(a, b, fused):
    left = a if a.ndim == 2 else a.reshape(1, -1)
    right = b if b.ndim == 2 else b.reshape(-1, 1)
    n, k = left.shape
    m = right.shape[1]
    out = np.empty((n, m))
    for i in range(n):
        for j in range(m):
            total = float(left[i, 0]) * float(right[0, j])
            for p in range(1, k):
                if fused:
                    total = fma(float(left[i, p]), float(right[p, j]), total)
                else:
                    total = total + float(left[i, p]) * float(right[p, j])
            out[i, j] = total
    shape = ([n] if a.ndim == 2 else []) + ([m] if b.ndim == 2 else [])
    return out.reshape(shape)


PAIRS = [
    # 01 backprop made visible, 02 tiny network, 03 simple network, 04 gradient check, 05 from scratch
    ((2,), (2, 2)), ((2,), (2, 1)), ((1,), (1, 2)),
    ((4, 2), (2, 2)), ((4, 2), (2, 1)), ((2, 4), (4, 1)), ((4, 1), (1, 2)), ((2, 4), (4, 2)),
    ((2,), (2,)),
    ((4, 3), (3,)), ((1, 4), (4,)),
    ((210, 2), (2, 10)), ((210, 10), (10, 2)), ((10, 210), (210, 2)), ((210, 2), (2, 10)),
    ((2, 210), (210, 10)), ((10, 2), (2, 5)), ((10, 5), (5, 2)),
    # a few more
    ((3, 3), (3, 3)), ((5, 7), (7, 4)), ((8, 16), (16, 8)), ((3, 64), (64, 3)), ((16,), (16,)),
    ((100,), (100,)), ((6, 33), (33,)),
]


def fma_triples():
    triples = []
    for _ in range(3000):
        a, b, c = (float(v) for v in rng.standard_normal(3) * np.exp(rng.standard_normal(3) * 5))
        triples.append((a, b, c))
    for _ in range(1500):
        # c cancels most of a*b, so the result lives in the product's lost bits.
        a, b = (float(v) for v in rng.standard_normal(2))
        c = -(a * b) * (1 + float(rng.standard_normal()) * 2.0 ** -int(rng.integers(20, 60)))
        triples.append((a, b, c))
    for _ in range(300):
        # Products that land exactly half way between two doubles after adding c.
        a = float(1 + rng.integers(1, 2 ** 26)) * 2.0 ** -26
        b = float(1 + rng.integers(1, 2 ** 26)) * 2.0 ** -26
        c = float(rng.integers(1, 4))
        triples.append((a, b, c))
    for _ in range(700):
        # Near the ends of the range: subnormal results, huge factors.
        ea, eb, ec = (int(v) for v in rng.integers(-560, 520, size=3))
        a = math.ldexp(float(rng.random()) + 0.5, ea) * float(rng.choice([-1, 1]))
        b = math.ldexp(float(rng.random()) + 0.5, eb)
        c = math.ldexp(float(rng.random()) + 0.5, ec) * float(rng.choice([-1, 1]))
        triples.append((a, b, c))
    triples += [(1e308, 10.0, -1e308), (2.0 ** -600, 2.0 ** -600, 0.0), (-(2.0 ** -600), 2.0 ** -600, 0.0),
                (2.0 ** -537, 2.0 ** -537, 2.0 ** -1074), (0.1, 0.1, -0.01), (3.0, 1.0 / 3.0, -1.0)]
    results = []
    for a, b, c in triples:
        try:
            results.append(fma(a, b, c))
        except OverflowError:
            results.append(math.copysign(math.inf, float(Fraction(a) * Fraction(b) + Fraction(c) > 0) - 0.5))
    flat = [value for triple in triples for value in triple]
    return {"count": len(triples), "inputs": encode(np.array(flat)), "results": encode(np.array(results))}


def main():
    cases = []
    unfused_equal = 0
    for left_shape, right_shape in PAIRS:
        a = rng.standard_normal(left_shape) * np.exp(rng.standard_normal(left_shape))
        b = rng.standard_normal(right_shape) * np.exp(rng.standard_normal(right_shape))
        numpy_result = np.asarray(a @ b)
        # The library's model of BLAS: fused steps, except vector @ matrix.
        ordered = in_order(a, b, fused=not (a.ndim == 1 and b.ndim == 2))
        unfused_equal += int(np.sum(in_order(a, b, fused=False) == numpy_result))
        cases.append({
            "left": {"shape": list(left_shape), "data": encode(a)},
            "right": {"shape": list(right_shape), "data": encode(b)},
            "shape": list(numpy_result.shape),
            "numpy": encode(numpy_result),
            "libraryOrder": encode(ordered),
        })
    with open("tests/golden/matmul.json", "w") as handle:
        json.dump({"numpy": np.__version__, "unfusedEqualToNumpy": unfused_equal, "cases": cases,
                   "fma": fma_triples()}, handle, separators=(",", ":"))
        handle.write("\n")
    total = sum(int(np.prod(c["shape"] or [1])) for c in cases)
    print(f"{len(cases)} products, {total} entries; separately rounded sums equal NumPy's on {unfused_equal}")


if __name__ == "__main__":
    main()
