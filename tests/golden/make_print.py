"""Records how NumPy prints arrays and how Python prints floats, as golden data
for tests/print_test.ts and tests/python_test.ts.

Run from the project root with NumPy 2.x installed:

    python3 tests/golden/make_print.py

Writes, next to this script:
  print_cases.json   arrays (dtype, shape, values) with NumPy's str() and repr()
  python_cases.json  floats with Python's str(); (value, spec) pairs with
                     format(); JSON values with str() of the Python object

Floats are stored as float.hex() strings, so they read back exactly.
The arrays include every array the exercises print, captured by running the
code cells of notebooks/reference/*.json (those that need no third-party
package besides NumPy) with a print() that records its array arguments.
"""

import json
import math
import os
import sys
import types

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "..", "notebooks", "reference")
EXERCISES = [
    "01_backprop_made_visible",
    "02_tiny_two_layer_network",
    "03_simple_network_from_scratch",
    "04_backprop_with_gradient_check",
]

rng = np.random.default_rng(20240607)


def encode_value(value, dtype):
    if dtype == "float64":
        value = float(value)
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value.hex()
    if dtype == "int64":
        return str(int(value))
    return "1" if value else "0"


def array_case(category, array):
    array = np.asarray(array)
    dtype = {"f": "float64", "i": "int64", "b": "bool"}[array.dtype.kind]
    if dtype == "int64":
        # The library stores int64 as doubles: keep to exactly representable values.
        assert all(int(float(v)) == int(v) for v in array.reshape(-1)), "int64 beyond doubles"
    return {
        "category": category,
        "dtype": dtype,
        "shape": list(array.shape),
        "values": [encode_value(v, dtype) for v in array.reshape(-1)],
        "str": str(array),
        "repr": repr(array),
    }


# ---------------------------------------------------------------------------
# Arrays the exercises print.


def exercise_arrays():
    # matplotlib is only drawn with, never printed: a stand-in keeps cells running.
    plt = types.ModuleType("matplotlib.pyplot")
    for name in ["plot", "show", "figure", "xlabel", "ylabel", "title", "legend", "grid",
                 "subplot", "tight_layout", "scatter", "contourf", "colorbar", "yscale"]:
        setattr(plt, name, lambda *a, **k: None)
    matplotlib = types.ModuleType("matplotlib")
    matplotlib.pyplot = plt
    sys.modules.setdefault("matplotlib", matplotlib)
    sys.modules.setdefault("matplotlib.pyplot", plt)

    cases = []
    for name in EXERCISES:
        with open(os.path.join(REFERENCE, name + ".json"), encoding="utf-8") as file:
            reference = json.load(file)
        printed = []

        def record(*values, **_options):
            for value in values:
                if isinstance(value, np.ndarray):
                    printed.append(value.copy())

        namespace = {"print": record, "__name__": "__main__"}
        for cell in reference["cells"]:
            exec(compile(cell["python_source"], name, "exec"), namespace)
        cases += [array_case("exercise " + name, a) for a in printed]
    return cases


# ---------------------------------------------------------------------------
# Arrays chosen to cover NumPy's printing rules.


def random_shape(size):
    """A shape of `size` elements with one to three axes."""
    axes = rng.integers(1, 4)
    if axes == 1 or size < 4:
        return (size,)
    divisors = [d for d in range(2, size) if size % d == 0]
    if not divisors:
        return (size,)
    first = int(rng.choice(divisors))
    rest = size // first
    if axes == 3:
        inner = [d for d in range(2, rest) if rest % d == 0]
        if inner:
            second = int(rng.choice(inner))
            return (first, second, rest // second)
    return (first, rest)


def signed(values):
    return values * rng.choice([-1.0, 1.0], size=values.shape)


MAGNITUDES = {
    "unit": lambda n: rng.uniform(-1, 1, n),
    "normal": lambda n: rng.standard_normal(n),
    "small": lambda n: signed(rng.uniform(0, 1, n) * 10.0 ** rng.integers(-6, -2, n)),
    "tiny": lambda n: signed(10.0 ** rng.uniform(-320, -5, n)),
    "huge": lambda n: signed(10.0 ** rng.uniform(8, 308, n)),
    "mixed": lambda n: signed(10.0 ** rng.uniform(-10, 10, n)),
    "up to 1e7": lambda n: signed(10.0 ** rng.uniform(-3, 7.9, n)),
    "near 1e-4": lambda n: rng.uniform(0.99e-4, 1.01e-4, n),
    "near 1e8": lambda n: signed(rng.uniform(0.99e8, 1.01e8, n)),
    "integer-valued": lambda n: signed(np.floor(10.0 ** rng.uniform(0, 9, n))),
    "short decimals": lambda n: np.round(rng.uniform(-100, 100, n), int(rng.integers(0, 10))),
    "ties at the 8th decimal": lambda n: (2 * rng.integers(0, 2**12, n) + 1) / 2.0**9,
    "ties at the 8th decimal, large": lambda n: rng.integers(0, 10**4, n) + (2 * rng.integers(0, 256, n) + 1) / 512,
    "random bits": lambda n: random_bit_doubles(n),
}


def random_bit_doubles(n):
    bits = rng.integers(0, 2**63, n, dtype=np.uint64) | (rng.integers(0, 2, n, dtype=np.uint64) << np.uint64(63))
    values = bits.view(np.float64)
    return np.where(np.isfinite(values), values, 1.0)


SPECIALS = [np.nan, np.inf, -np.inf, 0.0, -0.0]


def float_cases():
    cases = []
    for name, draw in MAGNITUDES.items():
        for _ in range(14):
            size = int(rng.integers(1, 13))
            values = draw(size)
            if rng.random() < 0.25:
                # Specials change the padding but not the notation.
                spots = rng.integers(0, size, int(rng.integers(1, 3)))
                values[spots] = rng.choice(SPECIALS, len(spots))
            cases.append(array_case(name, values.reshape(random_shape(size))))

    boundaries = [
        [1e-4, 1.0], [np.nextafter(1e-4, 0), 1.0], [1e-4, 0.1], [1.0, 1000.0],
        [1.0, np.nextafter(1000.0, 2000)], [0.001, 1.0], [0.001, 1.0001], [1e8], [np.nextafter(1e8, 0)],
        [99999999.5, 1.0], [1e8 - 1, 1e8 - 0.5], [12345678.123456789], [0.1, 0.2, 0.30000000000000004],
        [1.0, 2.0, 3.0], [0.0], [-0.0], [0.0, -0.0], [-1.0, 100.0], [1e7, 1.0], [1e16], [1e-5], [5e-324],
        [1.7976931348623157e308, -1.7976931348623157e308], [1e-300, 1e300], [1e100, 1.0],
        [2.2, 2.7755575615628914e-17], [0.5, 2.0**-30], [1.0, 1.5, 2.25], [1e-4, 1e-5],
        [0.99999999, 0.999999999], [0.999999995], [0.999999994999], [9.999999995], [99999999.99999999],
        [0.12345678, 0.123456785, 0.1234567850000001], [1 / 3, 2 / 3], [1e3, 1e-1], [10.0, 0.01],
        [100.0, 0.1], [1000.0, 0.1], [123456.7, 0.001], [2.0**-9, 3 * 2.0**-9], [0.001953125],
        [1.5, -2.5, 3.5], [-1e-5, 1e-5], [1e-16, 1.0], [1.0, 1e-8], [np.pi * 1e7], [np.e * 1e-4],
        [np.nextafter(1e-4, 1), 1.0], [1e-4 * 1000, 1e-4], [1e-4 * 1000.0000001, 1e-4],
    ]
    for values in boundaries:
        cases.append(array_case("boundaries", np.array(values, dtype=np.float64)))

    special_sets = [
        [np.nan], [np.inf], [-np.inf], [np.nan, np.inf], [np.nan, -np.inf], [-np.inf, np.inf],
        [np.nan, 1.0], [np.nan, 1.5, -2.25], [np.inf, 1e-5], [-np.inf, 1e-5, 2.0],
        [np.nan, 1e10], [-np.inf, -0.0], [np.nan, 0.0], [np.inf, -1e100], [np.nan, 0.001, 1234.5],
    ]
    for values in special_sets:
        cases.append(array_case("nan and inf", np.array(values)))
        cases.append(array_case("nan and inf", np.array(values * 3).reshape(3, -1)))
    return cases


def zero_dimensional_cases():
    values = [1.5, 1e-5, 1e16, 1e20, 1234567890123456.0, 0.1 + 0.2, 5.0, -0.0, 0.0, np.nan,
              np.inf, -np.inf, 6.938893903907228e-17, 123456789.0, 1e-300, 2.5e-8, 0.0001]
    cases = [array_case("0-d", np.array(v)) for v in values]
    cases += [array_case("0-d", np.array(v, dtype=np.int64)) for v in [0, 5, -7, 2**53]]
    cases += [array_case("0-d", np.array(v)) for v in [True, False]]
    return cases


def empty_cases():
    shapes = [(0,), (0, 3), (2, 0), (0, 0), (3, 0, 2), (1, 0)]
    cases = []
    for dtype in [np.float64, np.int64, np.bool_]:
        cases += [array_case("empty", np.zeros(shape, dtype=dtype)) for shape in shapes]
    return cases


def integer_cases():
    arrays = [
        np.arange(5), np.arange(-3, 4), np.array([0]), np.array([-1]), np.array([2**53, -(2**53)]),
        np.array([9_000_000_000_000_000_000, -9_000_000_000_000_000_000]), np.arange(24).reshape(2, 3, 4),
        np.arange(100), np.arange(-50, 50).reshape(10, 10), np.arange(0, 300000, 997),
        np.array([[1, -100], [10000, 5]]), np.arange(2000), np.arange(1001) - 500,
        np.arange(3000).reshape(30, 100), np.arange(1331).reshape(11, 11, 11),
    ]
    cases = [array_case("int64", a.astype(np.int64)) for a in arrays]
    for _ in range(20):
        size = int(rng.integers(1, 40))
        scale = 10 ** int(rng.integers(1, 16))
        values = rng.integers(-scale, scale, size, dtype=np.int64)
        cases.append(array_case("int64", values.reshape(random_shape(size))))
    return cases


def bool_cases():
    arrays = [np.array([True]), np.array([False]), np.array([True, False]),
              np.array([[True, False], [False, True]]), rng.random(30) < 0.5,
              (rng.random(24) < 0.5).reshape(2, 3, 4), rng.random(1500) < 0.5,
              (rng.random(1200) < 0.5).reshape(30, 40)]
    return [array_case("bool", a) for a in arrays]


def wrapping_cases():
    cases = []
    for size in [10, 11, 12, 13, 20, 25, 37, 50, 75, 100]:
        for draw in ["unit", "normal", "mixed", "integer-valued", "short decimals"]:
            cases.append(array_case("long rows", MAGNITUDES[draw](size)))
    for shape in [(3, 30), (2, 3, 20), (4, 12), (2, 2, 2, 9), (5, 16), (1, 1, 40), (2, 1, 3, 1, 10)]:
        size = int(np.prod(shape))
        for draw in ["unit", "mixed", "normal"]:
            cases.append(array_case("long rows", MAGNITUDES[draw](size).reshape(shape)))
        cases.append(array_case("long rows", np.arange(size).reshape(shape)))
    # So deeply nested that an element is wider than its line.
    for depth in [40, 55, 60, 63]:
        for values in [[1e300, -1e-300, 1.0], [-123456.789, 1.0, 2.5], [12345678901, -5, 7]]:
            array = np.array(values).reshape((1,) * depth + (3,))
            cases.append(array_case("deep nesting", array))
    # Widths around the wrap point: n elements of width w plus separators.
    for width in range(1, 14):
        value = float("9" * width) if width < 10 else 10.0 ** (width - 1)
        for count in range(1, 12):
            array = np.full(count * 3, value)
            cases.append(array_case("wrap boundaries", array))
    return cases


def summarised_cases():
    cases = []
    shapes = [(1001,), (2000,), (40, 40), (11, 11, 11), (1000, 2), (2, 1000), (3, 7, 50),
              (6, 6, 6, 6), (6, 200), (1, 1001), (1001, 1), (10, 10, 11)]
    for i, shape in enumerate(shapes):
        size = int(np.prod(shape))
        for draw in ["mixed", ["unit", "normal", "integer-valued"][i % 3]]:
            cases.append(array_case("over 1000 elements", MAGNITUDES[draw](size).reshape(shape)))
    cases.append(array_case("over 1000 elements", np.arange(2000.0)))
    cases.append(array_case("over 1000 elements", np.linspace(0, 1, 1500)))
    spread = np.full(3000, 1.0)
    spread[1500] = 1e-10  # hidden by the summary, so it does not force scientific notation
    cases.append(array_case("over 1000 elements", spread))
    spread[0] = np.nan
    cases.append(array_case("over 1000 elements", spread.reshape(30, 100)))
    return cases


# ---------------------------------------------------------------------------
# Python's str and format.


def float_samples():
    values = []
    values += list(random_bit_doubles(2500))
    values += list(rng.uniform(0, 1, 500))
    values += list(signed(10.0 ** rng.uniform(-30, 30, 1500)))
    values += list(signed(10.0 ** rng.uniform(-320, 308, 300)))
    for k in range(-30, 31):
        p = 10.0**k
        values += [p, np.nextafter(p, 0), np.nextafter(p, np.inf), -p]
    for k in [52, 53, 54, 60, 63, 64, 70]:
        p = 2.0**k
        values += [p, p - 1, p + 2, np.nextafter(p, 0), np.nextafter(p, np.inf)]
    values += [k / 8 for k in range(-20, 21)] + [k / 2**10 for k in range(1, 400, 7)]
    values += [0.0, -0.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1e16, 1e-5,
               9999999999999998.0, 1234567890123456.0, 0.0001, 0.00009999999999999999, 1e21, 1e22,
               2.675, 2.665, 1.005, 0.045, 1.5625, 6.938893903907228e-17, 0.1 + 0.2]
    values += list(np.round(rng.uniform(-1000, 1000, 300), 2))
    values += list(rng.integers(-(10**6), 10**6, 200).astype(float))
    return [float(v) for v in values] + [math.nan, math.inf, -math.inf]


FLOAT_SPECS = [
    ".4f", ".2f", ".2e", ".2%", "10.4f", ">8.3f", "+.3f", ".0f", ".1f", ".3f", ".6f", ".8f",
    ".10f", ".17f", ".20f", "f", "F", "e", "E", ".0e", ".1e", ".3e", ".4e", ".10e", ".16e",
    "12.5e", "g", "G", ".1g", ".3g", ".10g", ".17g", "#g", "#.3g", "", ".1", ".3", ".10", ".17",
    "%", ".0%", ".1%", "<12.3f", "^12.3f", "=+12.3f", "012.3f", "*^12.2f", " .3f", ",.2f",
    "_.2f", "015,.2f", "#.0f", "#.0e", "z.2f", "z.1e", "-.3f", "08.2e", "+g", ",", "20",
    "<20", "^20", "=20", "+", " ", "020", "#", "x>10.2%", "0=12.4f", "0<10.1f",
]
TIE_VALUES = [k / 8 for k in range(-16, 17)] + [k / 2**7 for k in range(1, 256, 2)] + [
    2.5, 0.5, 1.5, 3.5, 2.675, 1.005, 0.045, 0.015, 1.115, 1e21, 1.5e22, 1e300, 123456789.125]
INT_SPECS = ["d", "5d", "03d", "+d", " d", ",d", "_d", ">8d", "<8d", "^8d", "=8d", "08,d", "x",
             "#x", "X", "#X", "o", "#o", "b", "#b", "_x", "_b", "#010x", "", "10", "*^10", "+,d"]
INT_VALUES = [0, 1, -1, 5, 7, 42, -42, 100, 999, 1000, -1000, 12345, 1234567, -9876543,
              2**31, 2**53, -(2**53), 2**63 - 1, -(2**63), 10**20, -(10**30)]
STRING_SPECS = ["10s", "<10", ">10", "^10", ".3s", "*^9", "", "s", "05", "10.2", "^11", "_>6", "3"]
STRING_VALUES = ["", "a", "small", "xavier", "he", "W1", "abcdefghijkl", "naïve", "→ ✓", "😀x"]

CONTAINERS = [
    [], [1.0, 2.0], [1.5, "a", None, True, False], [[1.0, [2.0]], {"k": 2.5}], {},
    {"a": 1.0, "b": [0.1, 1e-5]}, ["it's", 'say "hi"', "both ' and \"", "tab\there", "new\nline",
                                   "back\\slash", "\x00\x7f\x80", "naïve", "→", "\u200b", "😀"],
    {"nested": {"x": None}}, [-0.0, 1e16, 1e-7, 123456789.0],
]


def python_cases():
    floats = float_samples()
    str_cases = [[encode_value(v, "float64"), str(v)] for v in floats]
    format_values = floats[::12] + TIE_VALUES
    float_format = {
        "specs": FLOAT_SPECS,
        "values": [encode_value(v, "float64") for v in format_values],
        "results": [[format(v, spec) for spec in FLOAT_SPECS] for v in format_values],
    }
    int_format = {
        "specs": INT_SPECS,
        "values": [str(v) for v in INT_VALUES],
        "results": [[format(v, spec) for spec in INT_SPECS] for v in INT_VALUES],
    }
    string_format = {
        "specs": STRING_SPECS,
        "values": STRING_VALUES,
        "results": [[format(v, spec) for spec in STRING_SPECS] for v in STRING_VALUES],
    }
    containers = [[json.dumps(c, allow_nan=False), str(c)] for c in CONTAINERS]
    return {
        "python": sys.version.split()[0],
        "str": str_cases,
        "format_float": float_format,
        "format_int": int_format,
        "format_string": string_format,
        "containers": containers,
    }


def write(name, content):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as file:
        json.dump(content, file, ensure_ascii=False, separators=(",", ":"))
        file.write("\n")


def main():
    arrays = (exercise_arrays() + zero_dimensional_cases() + empty_cases() + float_cases()
              + integer_cases() + bool_cases() + wrapping_cases() + summarised_cases())
    write("print_cases.json", {"numpy": np.__version__, "cases": arrays})
    write("python_cases.json", python_cases())
    counts = {}
    for case in arrays:
        counts[case["category"]] = counts.get(case["category"], 0) + 1
    for category, count in counts.items():
        print(f"{count:5d}  {category}")
    print(f"{len(arrays):5d}  arrays in all")


if __name__ == "__main__":
    main()
