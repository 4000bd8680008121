"""Writes tests/golden/views.json: NumPy's views, and its sums over any layout.

Run from the repository root with NumPy 2.x:  python3 tests/golden/make_views.py

"views": an array, a chain of view-making steps (a slice with a step, a
transpose, a reshape, ...), and what NumPy says of the result: its values,
strides, flags, whether it is a view of the array (`base`) and shares its
memory; then an update written through it (`+=` or an assignment), and the
array afterwards, or NumPy's error when the result is read-only.

"reductions": sums, means, variances, extremes and cumulative sums over
transposed, reversed, stepped and broadcast views of random arrays, for
every axis: NumPy adds in the order its iterator visits memory, so the last
bits depend on the layout. Also the layout NumPy gives element-wise results
(order "K") and a sum over such a result.

Arrays of doubles are written as base64 of little-endian float64 (int64 as
base64 of little-endian int64), single doubles as float.hex().
"""
import base64
import json
import sys

import numpy as np

rng = np.random.default_rng(20250517)


def hexes(values):
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f8").tobytes()).decode("ascii")


def int64s(values):
    return base64.b64encode(np.ascontiguousarray(values, dtype="<i8").tobytes()).decode("ascii")


def apply(array, steps):
    """The view (or copy) NumPy makes from `array` through `steps`."""
    out = array
    for step in steps:
        op = step["op"]
        if op == "slice":
            start, stop, by = step["args"]
            out = out[slice(start, stop, by)]
        elif op == "T":
            out = out.T
        elif op == "transpose":
            out = out.transpose(step["axes"])
        elif op == "reshape":
            out = out.reshape(step["shape"])
        elif op == "ravel":
            out = out.ravel()
        elif op == "squeeze":
            out = np.squeeze(out, axis=step["axis"])
        elif op == "expand_dims":
            out = np.expand_dims(out, step["axis"])
        elif op == "diagonal":
            out = np.diagonal(out, step["offset"], step["axis1"], step["axis2"])
        elif op == "broadcast_to":
            out = np.broadcast_to(out, step["shape"])
        elif op == "row":
            out = out[step["index"]]
        else:
            raise ValueError(op)
    return out


def flags(a):
    return {
        "c": bool(a.flags.c_contiguous),
        "f": bool(a.flags.f_contiguous),
        "writeable": bool(a.flags.writeable),
        "owndata": bool(a.flags.owndata),
    }


def view_case(shape, steps, update, dtype="float64"):
    original = np.arange(int(np.prod(shape)), dtype=dtype).reshape(shape).copy()
    view = apply(original, steps)
    case = {
        "shape": list(shape),
        "dtype": dtype,
        "steps": steps,
        "view": {
            "shape": list(view.shape),
            "values": hexes(view),
            "strides": list(view.strides),
            "flags": flags(view),
            "isView": view.base is original,
            "sharesMemory": bool(np.shares_memory(view, original)),
        },
        "update": update,
    }
    try:
        if update["kind"] == "add":
            view += update["value"]
        elif update["kind"] == "set":
            view[tuple(update["index"])] = update["value"]
        elif update["kind"] == "fill":
            view[...] = update["value"]
        case["after"] = hexes(original)
    except ValueError as error:
        case["error"] = str(error)
    return case


def views():
    cases = []
    add = {"kind": "add", "value": 100}
    for steps in [
        [{"op": "slice", "args": [None, None, -1]}],
        [{"op": "slice", "args": [1, None, 2]}],
        [{"op": "slice", "args": [-1, 0, -2]}],
        [{"op": "slice", "args": [5, 1, None]}],
        [{"op": "T"}],
        [{"op": "transpose", "axes": [1, 0]}],
        [{"op": "reshape", "shape": [6, 2]}],
        [{"op": "reshape", "shape": [-1]}],
        [{"op": "ravel"}],
        [{"op": "row", "index": 1}],
        [{"op": "row", "index": -1}],
        [{"op": "expand_dims", "axis": 0}],
        [{"op": "expand_dims", "axis": 2}],
        [{"op": "diagonal", "offset": 0, "axis1": 0, "axis2": 1}],
        [{"op": "diagonal", "offset": 1, "axis1": 0, "axis2": 1}],
        [{"op": "diagonal", "offset": -2, "axis1": 1, "axis2": 0}],
        [{"op": "broadcast_to", "shape": [2, 4, 3]}],
        [{"op": "T"}, {"op": "slice", "args": [None, None, -1]}],
        [{"op": "T"}, {"op": "reshape", "shape": [12]}],  # a copy: the layout does not allow a view
        [{"op": "T"}, {"op": "ravel"}],  # a copy
        [{"op": "slice", "args": [None, None, 2]}, {"op": "reshape", "shape": [2, 3]}],
        [{"op": "slice", "args": [None, None, 2]}, {"op": "T"}, {"op": "row", "index": 0}],
        [{"op": "T"}, {"op": "expand_dims", "axis": 1}, {"op": "squeeze", "axis": 1}],
    ]:
        cases.append(view_case([4, 3], steps, add))
        cases.append(view_case([4, 3], steps, {"kind": "fill", "value": -1}, "int64"))
    # Single elements set through views.
    cases.append(view_case([4, 3], [{"op": "T"}], {"kind": "set", "index": [2, 1], "value": 55}))
    cases.append(view_case([4, 3], [{"op": "slice", "args": [None, None, -1]}],
                           {"kind": "set", "index": [0, 0], "value": 55}))
    cases.append(view_case([2, 3, 4], [{"op": "transpose", "axes": [2, 0, 1]}], add))
    cases.append(view_case([2, 3, 4], [{"op": "transpose", "axes": [1, 2, 0]},
                                       {"op": "reshape", "shape": [3, 8]}], add))
    cases.append(view_case([2, 3, 4], [{"op": "reshape", "shape": [6, 4]},
                                       {"op": "slice", "args": [1, 5, None]}], add))
    cases.append(view_case([2, 3, 4], [{"op": "diagonal", "offset": 1, "axis1": 1, "axis2": 2}], add))
    cases.append(view_case([1, 4, 1], [{"op": "squeeze", "axis": None}], add))
    cases.append(view_case([1, 4, 1], [{"op": "squeeze", "axis": 2}], add))
    cases.append(view_case([6], [{"op": "reshape", "shape": [2, 3]}, {"op": "T"}], add))
    cases.append(view_case([3], [{"op": "broadcast_to", "shape": [2, 3]}],
                           {"kind": "set", "index": [0, 0], "value": 1}))
    return cases


def random_view(rng, max_size=3000):
    """A random strided view of a random array: transposed, reversed, stepped."""
    while True:
        ndim = int(rng.integers(1, 5))
        shape = [int(rng.integers(1, 9)) for _ in range(ndim)]
        if rng.random() < 0.5:
            shape[rng.integers(ndim)] = int(rng.integers(20, 600 if ndim <= 2 else 80))
        size = int(np.prod(shape))
        if 0 < size <= max_size:
            break
    base = rng.standard_normal(size) * np.where(rng.random(size) < 0.1, 1000.0, 1.0)
    steps = [{"op": "reshape", "shape": shape}]
    view = base.reshape(shape)
    axes = [int(axis) for axis in rng.permutation(ndim)]
    if axes != list(range(ndim)):
        steps.append({"op": "transpose", "axes": axes})
        view = view.transpose(axes)
    by = [int(rng.choice([1, 1, -1, 2, -2])) for _ in range(ndim)]
    view = view[tuple(slice(None, None, b) for b in by)]
    return base, steps, by, view


def reductions():
    cases = []
    for case_number in range(80):
        base, steps, by, view = random_view(rng, 2000)
        results = []
        for axis in [None] + list(range(view.ndim)):
            names = ["sum", "mean", "var", "std", "max", "min", "argmax", "argmin"]
            if case_number % 4 == 0:
                names.append("cumsum")
            for name in names:
                value = np.asarray(getattr(np, name)(view, axis=axis))
                results.append({"op": name, "axis": axis, "shape": list(value.shape),
                                "values": hexes(value)})
        # Element-wise results keep the operands' order (NumPy's order "K"),
        # which a sum over them then follows.
        doubled = view * 2.0
        # sqrt, unlike exp, is correctly rounded in NumPy too, so only the order can differ.
        roots = np.sqrt(np.abs(view))
        cases.append({
            "base": hexes(base), "steps": steps, "by": by, "results": results,
            "elementwise": {
                "timesTwoStrides": list(doubled.strides), "sumTimesTwo": float(np.sum(doubled)).hex(),
                "sqrtStrides": list(roots.strides), "sumSqrt": float(np.sum(roots)).hex(),
                "sumPlusTransposeOfItself": float(np.sum(view + view.T.T)).hex(),
                # cumsum and concatenate keep the layout too (each in its own way).
                "cumsumStrides": list(np.cumsum(view, axis=0).strides),
                "sumCumsum": float(np.sum(np.cumsum(view, axis=0))).hex(),
                "concatenateStrides": list(np.concatenate([view, view]).strides),
                "sumConcatenate": float(np.sum(np.concatenate([view, view]))).hex(),
                "copyStrides": list(np.copy(view).strides),
                "astypeStrides": list(view.astype(np.float64).strides),
            },
        })
    # Broadcast views (stride 0) and long stepped ones that NumPy buffers.
    for shape, target in [((3,), (400, 3)), ((50, 1), (50, 90)), ((1, 7), (9000, 7))]:
        base = rng.standard_normal(int(np.prod(shape)))
        view = np.broadcast_to(base.reshape(shape), target)
        results = []
        for axis in [None] + list(range(view.ndim)):
            for name in ("sum", "mean", "var"):
                value = np.asarray(getattr(np, name)(view, axis=axis))
                results.append({"op": name, "axis": axis, "shape": list(value.shape),
                                "values": hexes(value)})
        cases.append({"base": hexes(base), "steps": [{"op": "reshape", "shape": list(shape)},
                                                      {"op": "broadcast_to", "shape": list(target)}],
                      "by": [1] * len(target), "results": results})
    return cases


def mixed(size):
    """Integers in [-2**59, 2**59) from a 64-bit linear congruential step, which
    the test recomputes with bigints rather than reading them from this file."""
    values = []
    state = 12345
    for _ in range(size):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        values.append((state >> 4) - 2**59)
    return np.array(values, dtype=np.int64)


def integer_means():
    """Means of int64 and bool arrays, which NumPy converts in buffers of 8192."""
    cases = []
    for size, shape in [(20000, (20000,)), (9000, (9000,)), (24000, (8, 3000)), (24000, (3000, 8)),
                        (8191, (8191,)), (8193, (8193,))]:
        for dtype in ("int64", "bool"):
            values = mixed(size)
            if dtype == "bool":
                values = values % 3 == 0
            array = values.reshape(shape)
            results = []
            for axis in [None] + list(range(array.ndim)):
                for view_name, view in (("plain", array), ("T", array.T), ("reversed", array[::-1])):
                    value = np.asarray(np.mean(view, axis=axis))
                    results.append({"view": view_name, "axis": axis, "shape": list(value.shape),
                                    "values": hexes(value)})
            cases.append({"dtype": dtype, "shape": list(shape), "results": results})
    return cases


def main():
    out = {
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "views": views(),
        "reductions": reductions(),
        "integerMeans": integer_means(),
    }
    with open("tests/golden/views.json", "w") as handle:
        json.dump(out, handle, separators=(",", ":"))
        handle.write("\n")
    print(len(out["views"]), "views,", len(out["reductions"]), "reduction cases,",
          len(out["integerMeans"]), "integer means")


if __name__ == "__main__":
    main()
