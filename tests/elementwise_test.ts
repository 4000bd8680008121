import { assert, assertEquals, assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";

Deno.test("arithmetic broadcasts rows, columns and scalars", () => {
  const a = np.array([[1, 2], [3, 4]]);
  assertEquals(np.add(a, np.array([10, 20])).tolist(), [[11, 22], [13, 24]]);
  assertEquals(np.add(a, np.array([[10], [20]])).tolist(), [[11, 12], [23, 24]]);
  assertEquals(np.subtract(1, a).tolist(), [[0, -1], [-2, -3]]);
  assertEquals(a.multiply(2).tolist(), [[2, 4], [6, 8]]);
  assertEquals(a.divide(a).tolist(), [[1, 1], [1, 1]]);
  assertEquals(np.outer([1, 2], [1, 1]).add(np.array([[0], [1]])).shape, [2, 2]);
  const column = np.array([[1], [2], [3]]);
  const row = np.array([[10, 20]]);
  assertEquals(column.add(row).tolist(), [[11, 21], [12, 22], [13, 23]]);
  const cube = np.arange(8).reshape(2, 2, 2);
  assertEquals(cube.add(np.array([[100], [200]])).tolist(), [
    [[100, 101], [202, 203]],
    [[104, 105], [206, 207]],
  ]);
});

Deno.test("two JS numbers give a JS number (a boolean for comparisons)", () => {
  assertEquals(np.add(2, 3), 5);
  assertEquals(np.maximum(0, -1.5), 0);
  assertEquals(np.divide(1, 4), 0.25);
  assertEquals(np.greater(2, 1), true);
});

Deno.test("result dtypes follow NumPy 2's promotion", () => {
  const integers = np.array([1, 2], "int64");
  assertEquals(integers.add(1).dtype, "int64");
  assertEquals(integers.add(0.5).dtype, "float64");
  assertEquals(integers.divide(2).dtype, "float64");
  assertEquals(integers.divide(2).tolist(), [0.5, 1]);
  assertEquals(integers.power(2).dtype, "int64");
  assertEquals(np.subtract(1, integers).dtype, "int64");
  assertEquals(np.array([1.5]).multiply(integers).dtype, "float64");
  assertEquals(np.array([true]).add(1).dtype, "int64");
  assertEquals(np.multiply(np.array([2.5, 3]), np.array([true, false])).tolist(), [2.5, 0]);
});

Deno.test("bool arithmetic is logical, and bool subtract/negative are refused", () => {
  const p = np.array([true, true, false]);
  const q = np.array([true, false, false]);
  assertEquals(p.add(q).tolist(), [true, true, false]);
  assertEquals(p.multiply(q).tolist(), [true, false, false]);
  assertThrows(() => p.subtract(q), /numpy boolean subtract, the `-` operator, is not supported/);
  assertThrows(() => np.negative(p), /The numpy boolean negative/);
});

Deno.test("comparisons give bool arrays and follow IEEE for NaN", () => {
  const z = np.array([-1, 0, 2, NaN]);
  assertEquals(np.greater(z, 0).tolist(), [false, false, true, false]);
  assertEquals(np.greaterEqual(z, 0).tolist(), [false, true, true, false]);
  assertEquals(np.less(z, 0).tolist(), [true, false, false, false]);
  assertEquals(np.lessEqual(z, 0).tolist(), [true, true, false, false]);
  assertEquals(np.equal(z, z).tolist(), [true, true, true, false]);
  assertEquals(np.notEqual(z, z).tolist(), [false, false, false, true]);
  assertEquals(z.greater(0).dtype, "bool");
});

Deno.test("maximum and minimum propagate NaN and pick the second operand on ties", () => {
  const relu = np.maximum(0, np.array([-0.5, 2, NaN]));
  assertEquals(relu.get(0), 0);
  assertEquals(relu.get(1), 2);
  assert(Number.isNaN(relu.get(2)));
  // NumPy: np.maximum(0, -0.0) is -0.0 and np.maximum(-0.0, 0) is 0.0.
  assert(Object.is(np.maximum(0, np.array([-0])).get(0), -0));
  assert(Object.is(np.maximum(np.array([-0]), 0).get(0), 0));
  assertEquals(np.minimum(np.array([1, 5]), 3).tolist(), [1, 3]);
  assert(Number.isNaN(np.minimum(np.array([NaN]), 1).get(0)));
});

Deno.test("power squares exactly and refuses negative integer powers of integers", () => {
  const x = np.array([0.1, 1.5, -3]);
  assertEquals(np.power(x, 2).tolist(), [0.1 * 0.1, 2.25, 9]);
  assertEquals(np.power(np.array([4]), 0.5).tolist(), [2]);
  assertThrows(
    () => np.power(np.array([2], "int64"), -1),
    { message: "power: Integers to negative integer powers are not allowed." },
  );
  assertEquals(np.power(np.array([2], "int64"), -1.0 + 0.5).dtype, "float64");
});

Deno.test("a broadcast mismatch names the operation and both shapes", () => {
  assertThrows(() => np.add(np.zeros([2, 3]), np.zeros(4)), {
    message: "add: operands could not be broadcast together with shapes (2,3) (4,)",
  });
  assertThrows(() => np.zeros([4, 2]).multiply(np.zeros([3, 1])), {
    message: "multiply: operands could not be broadcast together with shapes (4,2) (3,1)",
  });
  assertThrows(() => np.greater(np.zeros(2), np.zeros(3)), /^RangeError: greater: operands/);
});

Deno.test("in-place updates write into the target and broadcast the other operand", () => {
  const W = np.array([[1, 2], [3, 4]]);
  const returned: unknown = W.subtractInPlace(np.multiply(0.5, np.array([[2, 2], [2, 2]])));
  // A statement, as Python's `-=` is: a cell ending with it shows no value.
  assertEquals(returned, undefined);
  assertEquals(W.tolist(), [[0, 1], [2, 3]]);
  const b = np.zeros([1, 2]);
  b.addInPlace(np.array([[1, 2]]));
  b.multiplyInPlace(3);
  b.divideInPlace(np.array([2, 4]));
  assertEquals(b.tolist(), [[1.5, 1.5]]);
  np.addInPlace(b, 1);
  assertEquals(b.tolist(), [[2.5, 2.5]]);
  const counts = np.zeros(2, "int64");
  counts.addInPlace(np.array([true, false]));
  assertEquals(counts.tolist(), [1, 0]);
});

Deno.test("in-place updates refuse lossy casts and shape growth like NumPy", () => {
  assertThrows(() => np.zeros(3, "int64").subtractInPlace(0.5), {
    message:
      "subtract: Cannot cast ufunc 'subtract' output from dtype('float64') to dtype('int64') " +
      "with casting rule 'same_kind'",
  });
  assertThrows(() => np.zeros(3, "int64").divideInPlace(2), /Cannot cast ufunc 'divide' output/);
  assertThrows(() => np.array([true]).addInPlace(1), /from dtype\('int64'\) to dtype\('bool'\)/);
  assertThrows(() => np.zeros([1, 2]).addInPlace(np.zeros([4, 2])), {
    message:
      "add: non-broadcastable output operand with shape (1,2) doesn't match the broadcast shape (4,2)",
  });
});

Deno.test("nested JS arrays are accepted as operands", () => {
  assertEquals(np.add([[1, 2]], [10, 20]).tolist(), [[11, 22]]);
  assertEquals(np.array([1, 2]).multiply([3, 4]).tolist(), [3, 8]);
});

Deno.test("every broadcast layout gives each element its own pair, short rows and long", () => {
  // Element (i, j) of a (rows, columns) broadcast reads a[i or 0, j or 0] and
  // b likewise; checked against that rule for the layouts the loops treat
  // differently: one flat pass, short rows spread out, long rows one by one,
  // and transposed operands.
  const value = (array: np.NDArray, i: number, j: number) =>
    array.data[
      (array.shape[0] === 1 ? 0 : i) * array.shape[1] + (array.shape[1] === 1 ? 0 : j)
    ];
  for (const [rows, columns] of [[210, 10], [210, 2], [3, 15], [300, 15], [7, 16], [5, 40]]) {
    const layouts: [number, number][] = [[rows, columns], [1, columns], [rows, 1], [1, 1]];
    for (const leftShape of layouts) {
      for (const rightShape of layouts) {
        const left = np.arange(leftShape[0] * leftShape[1]).reshape(leftShape).multiply(1.5);
        const right = np.arange(rightShape[0] * rightShape[1]).reshape(rightShape).add(0.25);
        for (
          const [name, result, apply] of [
            ["subtract", np.subtract(left, right), (x: number, y: number) => x - y],
            ["divide", np.divide(left, right), (x: number, y: number) => x / y],
          ] as const
        ) {
          assertEquals(result.shape, [
            Math.max(leftShape[0], rightShape[0]),
            Math.max(leftShape[1], rightShape[1]),
          ]);
          for (let i = 0; i < result.shape[0]; i++) {
            for (let j = 0; j < result.shape[1]; j++) {
              const expected = apply(value(left, i, j), value(right, i, j));
              const got = result.data[i * result.shape[1] + j];
              if (got !== expected) {
                throw new Error(
                  `${name} (${leftShape}) with (${rightShape}): [${i}, ${j}] is ${got}, not ${expected}`,
                );
              }
            }
          }
        }
        // The transpose of a broadcast is the broadcast of the transposes.
        assertEquals(np.subtract(left.T, right.T).tolist(), np.subtract(left, right).T.tolist());
      }
    }
  }
});

Deno.test("power follows C's pow at the points where JavaScript's differs", () => {
  assertEquals(np.power(1, NaN), 1);
  assertEquals(np.power(-1, Infinity), 1);
  assertEquals(np.power(np.array([1, -1, -1]), np.array([NaN, Infinity, -Infinity])).tolist(), [
    1,
    1,
    1,
  ]);
  // A scalar exponent of 0.5 is NumPy's square root; an array of them is pow.
  assert(Object.is(np.power(np.array([-0]), 0.5).get(0), -0));
  assert(Object.is(np.power(np.array([-0]), np.array([0.5])).get(0), 0));
  assertEquals(np.power(np.array([-Infinity]), np.array([0.5])).tolist(), [Infinity]);
});

Deno.test("int64 arithmetic wraps at 2**63 and stays exact past 2**53, as NumPy's", () => {
  const big = np.array([2n ** 62n, -(2n ** 63n), 2n ** 53n + 1n]);
  assertEquals(np.add(big, 2n ** 62n).tolist(), [
    -(2n ** 63n),
    -(2n ** 62n),
    2n ** 62n + 2n ** 53n + 1n,
  ]);
  assertEquals(np.multiply(big, 2).tolist(), [-(2n ** 63n), 0, 2n ** 54n + 2n]);
  assertEquals(np.subtract(big, 1).tolist(), [2n ** 62n - 1n, 2n ** 63n - 1n, 2n ** 53n]);
  assertEquals(np.maximum(big, 0).tolist(), [2n ** 62n, 0, 2n ** 53n + 1n]);
  assertEquals(np.equal(big, 2 ** 53).tolist(), [false, false, false]);
  // Mixed with float64, every value is converted to the nearest double, as NumPy's.
  assertEquals(np.add(big, 0.5).dtype, "float64");
  assertEquals(np.add(np.array([2n ** 53n + 1n]), np.array(0.0)).tolist(), [2 ** 53]);
  // In-place, a target of doubles turns into 64-bit integers when it needs to.
  const a = np.array([1, 2], "int64");
  a.multiplyInPlace(2n ** 61n);
  assertEquals(a.tolist(), [2n ** 61n, 2n ** 62n]);
  a.addInPlace(a);
  assertEquals(a.tolist(), [2n ** 62n, -(2n ** 63n)]);
});

Deno.test("element-wise results keep the operands' layout, as NumPy's order K", () => {
  const a = np.arange(6).reshape(2, 3).astype("float64");
  assertEquals(a.T.add(1).strides, [8, 24]);
  assertEquals(np.exp(a.T).strides, [8, 24]);
  assertEquals(a.T.add(np.ones([3, 2])).strides, [16, 8], "C order wins a disagreement");
  assertEquals(a.slice(null, null, -1).multiply(2).strides, [24, 8]);
  assertEquals(a.T.add(1).tolist(), [[1, 4], [2, 5], [3, 6]]);
});
