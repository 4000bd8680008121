import { assert, assertEquals } from "./assert.ts";
import { NDArray } from "../lib/core/ndarray.ts";
import { arrayRepr, arrayToHtml, arrayToString, repr } from "../lib/text/print.ts";
import { fromHex } from "../lib/text/float_digits.ts";

/** One array of tests/golden/print_cases.json, written by tests/golden/make_print.py. */
interface ArrayCase {
  category: string;
  dtype: NDArray["dtype"];
  shape: number[];
  values: string[];
  str: string;
  repr: string;
}

const golden: { numpy: string; cases: ArrayCase[] } = JSON.parse(
  await Deno.readTextFile(new URL("./golden/print_cases.json", import.meta.url)),
);

function arrayOf(c: ArrayCase): NDArray {
  const read = c.dtype === "float64" ? fromHex : Number;
  return new NDArray(Float64Array.from(c.values, read), c.shape, c.dtype);
}

function float64(values: number[], shape: number[] = [values.length]): NDArray {
  return new NDArray(new Float64Array(values), shape, "float64");
}

/** The golden cases whose output differs, with both texts, for a readable failure. */
function mismatches(render: (a: NDArray) => string, expected: (c: ArrayCase) => string) {
  return golden.cases
    .map((c) => ({
      category: c.category,
      shape: c.shape,
      actual: render(arrayOf(c)),
      expected: expected(c),
    }))
    .filter((row) => row.actual !== row.expected);
}

Deno.test("print: arrayToString equals NumPy's str() on every golden array", () => {
  assert(golden.cases.length > 500);
  assertEquals(mismatches(arrayToString, (c) => c.str), []);
});

Deno.test("print: arrayRepr equals NumPy's repr() on every golden array", () => {
  assertEquals(mismatches(arrayRepr, (c) => c.repr), []);
});

Deno.test("print: the golden arrays cover what the exercises print", () => {
  const exercise = golden.cases.filter((c) => c.category.startsWith("exercise"));
  assertEquals(exercise.length, 17);
  const printed = new Set(exercise.map((c) => c.str));
  assert(printed.has("[2.20000000e+00 2.77555756e-17]"));
  assert(printed.has("[[5.5000000e+00]\n [6.9388939e-17]]"));
  assert(printed.has("[[-0.15154094 -0.25889318 -0.         -0.17080231]]"));
});

Deno.test("print: positional floats line up on the point and keep a trailing '.'", () => {
  assertEquals(
    arrayToString(float64([2.5, -3.75, 5, -7.5], [2, 2])),
    "[[ 2.5  -3.75]\n [ 5.   -7.5 ]]",
  );
  assertEquals(arrayRepr(float64([1, 2])), "array([1., 2.])");
  assertEquals(arrayToString(float64([0, -0])), "[ 0. -0.]");
});

Deno.test("print: scientific notation when magnitudes are far apart, tiny or huge", () => {
  assertEquals(arrayToString(float64([1e-5, 1])), "[1.e-05 1.e+00]");
  assertEquals(arrayToString(float64([1, 1000])), "[   1. 1000.]");
  assertEquals(arrayToString(float64([1, 1000.5])), "[1.0000e+00 1.0005e+03]");
  assertEquals(arrayToString(float64([1e8])), "[1.e+08]");
});

Deno.test("print: exact ties at the 8th decimal round half to even", () => {
  // 0.001953125 = 2^-9 ends in ...125 and 0.005859375 = 3 * 2^-9 in ...375.
  assertEquals(arrayToString(float64([2 ** -9, 3 * 2 ** -9])), "[0.00195312 0.00585938]");
});

Deno.test("print: nan and inf are padded to the common width", () => {
  assertEquals(arrayToString(float64([NaN, -Infinity])), "[ nan -inf]");
  assertEquals(arrayToString(float64([NaN, 1.5, -2.25])), "[  nan  1.5  -2.25]");
});

Deno.test("print: int64 and bool arrays", () => {
  const ints = new NDArray(new Float64Array([1, -100, 10000, 5]), [2, 2], "int64");
  assertEquals(arrayToString(ints), "[[    1  -100]\n [10000     5]]");
  const bools = new NDArray(new Float64Array([1, 0]), [2], "bool");
  assertEquals(arrayRepr(bools), "array([ True, False])");
});

Deno.test("print: 0-d arrays print their scalar, empty arrays their dtype", () => {
  assertEquals(arrayToString(float64([1e-5], [])), "1e-05");
  assertEquals(arrayRepr(float64([1e-5], [])), "array(1.e-05)");
  assertEquals(arrayRepr(new NDArray(new Float64Array([1]), [], "bool")), "array(True)");
  assertEquals(arrayToString(float64([], [0])), "[]");
  assertEquals(arrayRepr(float64([], [0, 3])), "array([], shape=(0, 3), dtype=float64)");
  assertEquals(
    arrayRepr(new NDArray(new Float64Array([]), [0], "int64")),
    "array([], dtype=int64)",
  );
});

Deno.test("print: more than 1000 elements print their corners", () => {
  const a = float64(Array.from({ length: 2000 }, (_, i) => i));
  assertEquals(
    arrayToString(a),
    "[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]",
  );
  assertEquals(
    arrayRepr(a),
    "array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n       1.999e+03], shape=(2000,))",
  );
});

Deno.test("print: repr is arrayRepr", () => {
  const a = float64([0.25, 0.075, 0.3, 0.95], [2, 2]);
  assertEquals(repr(a), "array([[0.25 , 0.075],\n       [0.3  , 0.95 ]])");
});

Deno.test("print: arrayToHtml tabulates 1-D and 2-D arrays as str shows the values", () => {
  const html = arrayToHtml(float64([2.5, -3.75, 5, -7.5], [2, 2]));
  assert(html.includes("<caption>shape (2, 2), float64</caption>"), html);
  assert(
    html.includes("<tr><td>2.5</td><td>-3.75</td></tr><tr><td>5.</td><td>-7.5</td></tr>"),
    html,
  );
  const scalar = arrayToHtml(new NDArray(new Float64Array([1]), [], "bool"));
  assert(scalar.includes("<td>True</td>") && scalar.includes("shape (), bool"), scalar);
});

Deno.test("print: arrayToHtml shows the str of 3-D, empty and large arrays", () => {
  const cube = new NDArray(new Float64Array(8), [2, 2, 2], "int64");
  assert(arrayToHtml(cube).includes(`<pre>${arrayToString(cube)}</pre>`));
  const large = float64(Array.from({ length: 1001 }, (_, i) => i));
  assert(arrayToHtml(large).includes("<pre>[   0.    1.    2. ..."));
  assert(arrayToHtml(float64([], [0])).includes("<pre>[]</pre>"));
});

Deno.test("print: subnormals show the exact digits NumPy shows past the shortest ones", () => {
  assertEquals(arrayToString(float64([5e-324, 1.25e-5])), "[4.94e-324 1.25e-005]");
  assertEquals(
    arrayRepr(float64([1e-320, 1.123456789])),
    "array([9.99988867e-321, 1.12345679e+000])",
  );
  assertEquals(arrayToString(float64([5e-324])), "[5.e-324]");
});

Deno.test("print: views print their own elements, and int64 values past 2**53 exactly", async () => {
  const np = await import("../lib/mod.ts");
  const a = np.arange(6).reshape(2, 3);
  assertEquals(arrayToString(a.T), "[[0 3]\n [1 4]\n [2 5]]");
  assertEquals(arrayRepr(a.slice(null, null, -1)), "array([[3, 4, 5],\n       [0, 1, 2]])");
  assertEquals(arrayToHtml(a.T).includes("<td>3</td>"), true);
  assertEquals(
    arrayRepr(np.array([2n ** 63n - 1n, -5n])),
    "array([9223372036854775807,                  -5])",
  );
  assertEquals(String(np.array(2n ** 62n + 1n)), "4611686018427387905");
});
