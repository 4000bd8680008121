import { assertEquals, assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";
import type { DType, NDArray } from "../lib/mod.ts";
import { decodeFloat64 } from "./golden_data.ts";

interface GoldenResult {
  op: "sum" | "mean" | "max" | "min" | "argmax" | "argmin" | "std" | "var";
  axis: number | null;
  shape: number[];
  keptShape: number[];
  dtype: DType;
  values: string;
}

interface GoldenCase {
  shape: number[];
  dtype: DType;
  data: string;
  results: GoldenResult[];
}

function sameBits(actual: number, expected: number): boolean {
  return Object.is(actual, expected) || (actual !== actual && expected !== expected);
}

const golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/reductions.json", import.meta.url)),
) as { numpy: string; cases: GoldenCase[] };

Deno.test("reductions are bit-identical to NumPy's on every golden case", () => {
  let compared = 0;
  const failures: string[] = [];
  for (const testCase of golden.cases) {
    const a = new np.NDArray(decodeFloat64(testCase.data), testCase.shape, testCase.dtype);
    for (const result of testCase.results) {
      const expected = decodeFloat64(result.values);
      for (const keepdims of [false, true]) {
        const options = { axis: result.axis, keepdims };
        const label =
          `${result.op}(${testCase.dtype} shape [${testCase.shape}], axis ${result.axis}, ` +
          `keepdims ${keepdims})`;
        const reduced: NDArray | number = result.op === "var"
          ? a.var(options)
          : a[result.op](options);
        const values = typeof reduced === "number" ? [reduced] : [...reduced.data];
        const shape = typeof reduced === "number" ? [] : reduced.shape;
        const dtype = typeof reduced === "number" ? result.dtype : reduced.dtype;
        assertEquals(shape, keepdims ? result.keptShape : result.shape, `${label}: shape`);
        assertEquals(dtype, result.dtype, `${label}: dtype`);
        for (let i = 0; i < expected.length; i++) {
          compared++;
          if (!sameBits(values[i], expected[i])) {
            failures.push(`${label}[${i}]: got ${values[i]}, NumPy ${expected[i]}`);
          }
        }
      }
    }
  }
  console.log(
    `reductions: ${
      compared - failures.length
    } of ${compared} values bit-identical to NumPy ${golden.numpy}`,
  );
  assertEquals(failures.slice(0, 10), []);
});

Deno.test("sum without axis returns a number, with an axis an array", () => {
  const a = np.array([[1, 2], [3, 4]]);
  assertEquals(a.sum(), 10);
  assertEquals(np.sum(a, 0).tolist(), [4, 6]);
  assertEquals(a.sum({ axis: 1, keepdims: true }).tolist(), [[3], [7]]);
  assertEquals(a.sum({ keepdims: true }).shape, [1, 1]);
  assertEquals(a.sum({ axis: -1 }).tolist(), [3, 7]);
});

Deno.test("integer and bool sums give int64, means float64", () => {
  const flags = np.array([true, false, true]);
  assertEquals(np.sum(flags, { axis: 0, keepdims: true }).dtype, "int64");
  assertEquals(flags.sum(), 2);
  assertEquals(flags.mean(), 2 / 3);
  assertEquals(np.array([1, 2], "int64").sum(0).dtype, "int64");
});

Deno.test("a bad axis names the operation and the dimension", () => {
  const a = np.zeros([2, 3]);
  assertThrows(() => a.sum(2), {
    message: "sum: axis 2 is out of bounds for array of dimension 2",
  });
  assertThrows(() => np.mean(a, { axis: -3 }), {
    message: "mean: axis -3 is out of bounds for array of dimension 2",
  });
});

Deno.test("max, min and their positions follow NumPy on ties and NaN", () => {
  assertEquals(np.argmax(np.array([1, 3, 3])), 1);
  assertEquals(np.argmin(np.array([2, 1, 1])), 1);
  assertEquals(np.max(np.array([1, NaN, 3])), NaN);
  assertEquals(np.argmax(np.array([1, NaN, 3, NaN])), 1);
  assertEquals(Object.is(np.max(np.array([0, -0])), -0), true);
  assertEquals(Object.is(np.max(np.array([-0, 0])), 0), true);
  assertEquals(np.array([[0.1, 0.9], [0.8, 0.2]]).argmax({ axis: 1 }).tolist(), [1, 0]);
  assertThrows(() => np.zeros(0).max(), {
    message: "maximum: zero-size array to reduction operation maximum which has no identity",
  });
});

Deno.test("std and var use the mean of squared deviations, with ddof", () => {
  const a = np.array([1, 2, 3, 4]);
  assertEquals(a.var(), 1.25);
  assertEquals(np.variance(a, { ddof: 1 }), 5 / 3);
  assertEquals(np.std(a), Math.sqrt(1.25));
});

Deno.test("pairwise summation beats a running sum on many equal terms", () => {
  // 0.1 added 1000 times: a running sum drifts, NumPy's pairwise order does not.
  const tenths = np.full(1000, 0.1);
  let running = 0;
  for (let i = 0; i < 1000; i++) running += 0.1;
  assertEquals(np.sum(tenths), 100.00000000000001);
  assertEquals(running, 99.9999999999986);
});

Deno.test("cumsum accumulates in order from the first element, flattening without an axis", () => {
  assertEquals(np.cumsum(np.array([[1, 2], [3, 4]])).tolist(), [1, 3, 6, 10]);
  assertEquals(np.cumsum(np.array([[1, 2], [3, 4]]), 0).tolist(), [[1, 2], [4, 6]]);
  assertEquals(np.array([[1, 2], [3, 4]]).cumsum(-1).tolist(), [[1, 3], [3, 7]]);
  assertEquals(Object.is(np.cumsum(np.array([-0, -0])).get(1), -0), true);
  assertEquals(np.cumsum(np.array([true, true, false])).dtype, "int64");
  assertEquals(np.cumsum(np.array([2n ** 62n, 2n ** 62n, 1n])).tolist(), [
    2n ** 62n,
    -(2n ** 63n),
    -(2n ** 63n) + 1n,
  ]);
  assertEquals(np.cumsum(np.arange(6).reshape(2, 3).T, 0).tolist(), [[0, 3], [1, 7], [3, 12]]);
  assertThrows(() => np.cumsum(np.zeros(3), 1), /axis 1 is out of bounds for array of dimension 1/);
});

Deno.test("max and min of a bool array are booleans; int64 sums are exact", () => {
  assertEquals(np.max(np.array([false, true])), true);
  assertEquals(np.min(np.array([false, true])), false);
  assertEquals(np.array([[true], [false]]).max({ axis: 0 }).dtype, "bool");
  assertEquals(np.sum(np.array([2n ** 53n, 1n])), 2n ** 53n + 1n);
  assertEquals(np.sum(np.array([2n ** 62n, 2n ** 62n])), -(2n ** 63n));
  assertEquals(np.sum(np.array([true, true, true])), 3);
  assertEquals(np.max(np.array([2n ** 53n + 1n, 2n ** 53n])), 2n ** 53n + 1n);
  assertEquals(np.argmax(np.array([2n ** 53n, 2n ** 53n + 1n])), 1);
});

Deno.test("sums over a transpose add in memory order, as NumPy's do", () => {
  // Values whose sum depends on the order: a large value and many small ones.
  const values = new Float64Array(300).map((_, i) => (i === 0 ? 1e16 : (i % 7) + 0.3));
  const a = np.array(values).reshape(20, 15);
  // NumPy sums a transpose (F-contiguous) in memory order, which is a's own order.
  assertEquals(np.sum(a.T), np.sum(a));
  assertEquals(np.sum(a.T, { axis: 1 }).tolist(), np.sum(a, { axis: 0 }).tolist());
  assertEquals(np.mean(a.T), np.mean(a));
});
