"""Writes tests/golden/int64.json: NumPy's int64 arithmetic at the edges.

Run from the repository root with NumPy 2.x:  python3 tests/golden/make_int64.py

Values around ±2**53 (where doubles stop being exact), ±2**62 and ±2**63
(where int64 wraps around), through add, subtract, multiply, negative, abs,
square, sign, power, maximum, minimum, comparisons, sum, cumsum, mean, dot,
matmul, astype in both directions, arange and printing. Every integer is
written as a decimal string (a Python int, read back as a bigint); doubles as
float.hex(). A call NumPy refuses records its error message instead.
"""
import json
import sys
import warnings

import numpy as np

EDGES = [
    0, 1, -1, 2, -2, 3, 7, -7, 1000, -1000,
    2**31 - 1, 2**31, 2**32 + 1, -(2**32) - 3,
    2**53 - 2, 2**53 - 1, 2**53, 2**53 + 1, 2**53 + 2, 2**53 + 3,
    -(2**53) + 1, -(2**53), -(2**53) - 1, -(2**53) - 2,
    2**62 - 1, 2**62, 2**62 + 1, 3 * 2**61, -(2**62), -(2**62) - 1,
    2**63 - 2, 2**63 - 1, -(2**63), -(2**63) + 1,
]


def ints(values):
    return [str(int(v)) for v in np.asarray(values, dtype=np.int64).reshape(-1)]


def outcome(run):
    """What NumPy gives: values, shape and dtype, or the error; and its warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = np.asarray(run())
        except (ValueError, OverflowError, TypeError) as error:
            return {"error": str(error)}
    result = {"shape": list(value.shape), "dtype": str(value.dtype)}
    if value.dtype == np.float64:
        result["values"] = [float(v).hex() for v in value.reshape(-1)]
    elif value.dtype == np.bool_:
        result["values"] = [bool(v) for v in value.reshape(-1)]
    else:
        result["values"] = ints(value)
    result["warnings"] = sorted({str(w.message) for w in caught})
    return result


def binary():
    a = np.array(EDGES, dtype=np.int64)
    cases = []
    rng = np.random.default_rng(5)
    b = a[rng.permutation(len(a))]
    for name in ("add", "subtract", "multiply", "maximum", "minimum", "greater", "equal",
                 "less_equal", "not_equal"):
        op = getattr(np, name)
        cases.append({"op": name, "left": ints(a), "right": ints(b), "result": outcome(lambda: op(a, b))})
        # Against a Python int (a weak scalar), on either side.
        for scalar in (1, -1, 2**53, 2**62, -(2**63), 2**63 - 1):
            cases.append({"op": name, "left": ints(a), "right": str(scalar),
                          "result": outcome(lambda: op(a, scalar))})
            cases.append({"op": name, "left": str(scalar), "right": ints(a),
                          "result": outcome(lambda: op(scalar, a))})
    # Python ints past int64 with an int64 array: NumPy refuses them.
    for scalar in (2**63, -(2**63) - 1, 2**64):
        cases.append({"op": "add", "left": ints(a[:3]), "right": str(scalar),
                      "result": outcome(lambda: np.add(a[:3], scalar))})
    # Two Python ints: NumPy's int64 scalar arithmetic.
    for x, y, name in [(2**53, 1, "add"), (2**62, 4, "multiply"), (-(2**63), 1, "subtract"),
                       (2**31, 2**32, "multiply"), (3, 5, "add")]:
        cases.append({"op": name, "left": str(x), "right": str(y),
                      "result": outcome(lambda: getattr(np, name)(x, y))})
    # int64 with float64: every int64 converted to the nearest double.
    floats = np.array([0.5, -1.5, 2.0**53, 1e19], dtype=np.float64)
    for name in ("add", "multiply", "divide"):
        for x in (2**53 + 1, 2**62 + 1, -(2**63)):
            arr = np.array([x] * 4, dtype=np.int64)
            cases.append({"op": name, "left": ints(arr), "right": [v.hex() for v in floats],
                          "result": outcome(lambda: getattr(np, name)(arr, floats))})
    return cases


def power():
    cases = []
    bases = np.array([0, 1, -1, 2, -2, 3, 10, -10, 7, 2**31, 2**32 + 1, 3**20, -(3**19)],
                     dtype=np.int64)
    for exponent in (0, 1, 2, 3, 10, 19, 20, 31, 32, 33, 62, 63, 64, 65, 127, 2**62 + 1):
        cases.append({"base": ints(bases), "exponent": str(exponent),
                      "result": outcome(lambda: np.power(bases, exponent))})
    exponents = np.array([0, 1, 2, 5, 40, 63, 64, 65, 100, 2**53 + 1, 3, 2, 1], dtype=np.int64)
    cases.append({"base": ints(bases), "exponent": ints(exponents),
                  "result": outcome(lambda: np.power(bases, exponents))})
    for x, y in [(10, 19), (2, 63), (-2, 63), (3, 40), (2, 64), (-1, 2**62 + 1), (7, -1)]:
        cases.append({"base": str(x), "exponent": str(y), "result": outcome(lambda: np.power(x, y))})
    cases.append({"base": ints(bases), "exponent": "-1",
                  "result": outcome(lambda: np.power(bases, -1))})
    return cases


def unary():
    a = np.array(EDGES, dtype=np.int64)
    return [{"op": name, "input": ints(a), "result": outcome(lambda: getattr(np, name)(a))}
            for name in ("negative", "abs", "square", "sign")]


def reductions():
    cases = []
    rng = np.random.default_rng(11)
    for shape in [(34,), (2, 17), (17, 2), (3, 5), (6, 4)]:
        size = int(np.prod(shape))
        values = np.array(rng.choice(EDGES, size=size), dtype=np.int64).reshape(shape)
        for axis in [None] + list(range(len(shape))):
            for name in ("sum", "cumsum", "max", "min", "argmax", "argmin", "mean"):
                cases.append({"op": name, "input": ints(values), "shape": list(shape), "axis": axis,
                              "result": outcome(lambda: getattr(np, name)(values, axis=axis))})
    # Sums that wrap, and bool sums.
    for values in ([2**62, 2**62], [2**63 - 1, 1], [-(2**63), -1], [2**53, 1, 1, 1], [2**62] * 9):
        arr = np.array(values, dtype=np.int64)
        for name in ("sum", "cumsum"):
            cases.append({"op": name, "input": ints(arr), "shape": [len(values)], "axis": None,
                          "result": outcome(lambda: getattr(np, name)(arr))})
    return cases


def products():
    cases = []
    rng = np.random.default_rng(13)
    for left_shape, right_shape in [((3,), (3,)), ((2, 3), (3, 2)), ((4, 3), (3,)), ((3,), (3, 5)),
                                    ((5, 6), (6, 4))]:
        for kind in ("edges", "small", "mixed"):
            if kind == "edges":
                left = np.array(rng.choice(EDGES, size=int(np.prod(left_shape))), dtype=np.int64)
                right = np.array(rng.choice(EDGES, size=int(np.prod(right_shape))), dtype=np.int64)
            elif kind == "small":
                left = rng.integers(-1000, 1000, size=int(np.prod(left_shape)))
                right = rng.integers(-1000, 1000, size=int(np.prod(right_shape)))
            else:
                left = rng.integers(-2**40, 2**40, size=int(np.prod(left_shape)))
                right = rng.integers(-2**40, 2**40, size=int(np.prod(right_shape)))
            left = left.reshape(left_shape)
            right = right.reshape(right_shape)
            for name in ("dot", "matmul"):
                cases.append({"op": name, "left": ints(left), "leftShape": list(left_shape),
                              "right": ints(right), "rightShape": list(right_shape),
                              "result": outcome(lambda: getattr(np, name)(left, right))})
    left = np.array([2**62, 3, -5], dtype=np.int64)
    right = np.array([7, 2**61 + 1], dtype=np.int64)
    cases.append({"op": "outer", "left": ints(left), "leftShape": [3], "right": ints(right),
                  "rightShape": [2], "result": outcome(lambda: np.outer(left, right))})
    return cases


def casts():
    doubles = [0.0, -0.0, 0.5, -0.5, 2.7, -2.7, 1e20, -1e20, float("nan"), float("inf"), float("-inf"),
               2.0**53, 2.0**53 + 2, -(2.0**53) - 2, 2.0**62, 2.0**63, -(2.0**63), 2.0**63 - 1024,
               -(2.0**63) - 2048, 9.3e18, -9.3e18, 1.5e-300, 2.0**64, 4611686018427387904.0 * 1.5]
    cases = []
    for chunk in ([d for d in doubles if d == d and abs(d) < 2.0**63 or d == -(2.0**63)], doubles):
        arr = np.array(chunk, dtype=np.float64)
        cases.append({"op": "astype_int64", "input": [v.hex() for v in arr],
                      "result": outcome(lambda: arr.astype(np.int64))})
    a = np.array(EDGES, dtype=np.int64)
    cases.append({"op": "astype_float64", "input": ints(a), "result": outcome(lambda: a.astype(np.float64))})
    cases.append({"op": "astype_bool", "input": ints(a), "result": outcome(lambda: a.astype(np.bool_))})
    # Python scalars stored into int64: array() and full().
    for value in (2**63 - 1, -(2**63), 2**63, -(2**63) - 1, 2**64):
        cases.append({"op": "array_int", "input": str(value),
                      "result": outcome(lambda: np.array([value], dtype=np.int64))})
    for value in (2.5, -2.5, 1e20, float("nan"), float("inf"), 2.0**62 + 0.5):
        cases.append({"op": "array_float", "input": value.hex(),
                      "result": outcome(lambda: np.array([value], dtype=np.int64))})
        cases.append({"op": "full_float", "input": value.hex(),
                      "result": outcome(lambda: np.full(2, value, dtype=np.int64))})
    return cases


def aranges():
    cases = []
    for args in [(2**53, 2**53 + 4), (2**53 - 2, 2**53 + 3, 2), (2**62, 2**62 + 5), (2**63 - 4, 2**63 - 1),
                 (-(2**63), -(2**63) + 3), (2**63 - 1, 2**63 - 6, -1), (0, 2**62, 2**60),
                 (-(2**62), 2**62, 2**61 + 1), (5, 0, -2), (0, 10, 3), (2**53 + 1, 2**53 - 3, -1)]:
        cases.append({"args": [str(v) for v in args], "dtype": None,
                      "result": outcome(lambda: np.arange(*args))})
    for args in [(0.5, 3, 0.5), (0.5, 3.0, 0.7), (-2.5, 2.5, 1.5), (0.1, 1.1, 0.25), (3.5, -1, -0.75),
                 (0, 5, 1.5), (1.999, 7, 2)]:
        for dtype in ("int64", None):
            cases.append({"args": [float(v).hex() if isinstance(v, float) else str(v) for v in args],
                          "dtype": dtype, "result": outcome(lambda: np.arange(*args, dtype=dtype))})
    return cases


def printing():
    arrays = [np.array(EDGES, dtype=np.int64), np.array([2**63 - 1, -(2**63)], dtype=np.int64),
              np.array([[2**53 + 1, 5], [-3, 2**62]], dtype=np.int64), np.array(2**62 + 3, dtype=np.int64),
              np.arange(2**53, 2**53 + 2000)]
    return [{"values": ints(a), "shape": list(a.shape), "str": str(a), "repr": repr(a)} for a in arrays]


def main():
    out = {
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "binary": binary(),
        "power": power(),
        "unary": unary(),
        "reductions": reductions(),
        "products": products(),
        "casts": casts(),
        "arange": aranges(),
        "printing": printing(),
    }
    with open("tests/golden/int64.json", "w") as handle:
        json.dump(out, handle, separators=(",", ":"))
        handle.write("\n")
    print({key: len(value) for key, value in out.items() if isinstance(value, list)})


if __name__ == "__main__":
    main()
