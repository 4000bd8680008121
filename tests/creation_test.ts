import { assert, assertEquals, assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";

Deno.test("array infers float64, or bool when every element is a boolean", () => {
  const X = np.array([[2.0, 3.0], [1.0, 1.0]]);
  assertEquals(X.shape, [2, 2]);
  assertEquals(X.dtype, "float64");
  assertEquals(np.array([true, false]).dtype, "bool");
  assertEquals(np.array([true, 2]).dtype, "float64");
  assertEquals(np.array([2, 3], "int64").dtype, "int64");
  assertEquals(np.array(5).shape, []);
  assertEquals(np.array([]).shape, [0]);
  assertEquals(np.array([[]]).shape, [1, 0]);
});

Deno.test("array converts values to the requested dtype like NumPy", () => {
  assertEquals(np.array([1.7, -1.7], "int64").tolist(), [1, -1]);
  assertEquals(np.array([0, 0.5, -2], "bool").tolist(), [false, true, true]);
  // NumPy: ValueError: cannot convert float NaN to integer
  assertThrows(() => np.array([NaN], "int64"), {
    message: "array: cannot convert float NaN to integer",
  });
});

Deno.test("array copies an NDArray and accepts typed arrays", () => {
  const a = np.array([1, 2]);
  const b = np.array(a);
  b.set(0, 9);
  assertEquals(a.tolist(), [1, 2]);
  assertEquals(np.array(a, "int64").dtype, "int64");
  assertEquals(np.array(new Float64Array([1, 2, 3])).shape, [3]);
});

Deno.test("a ragged nested array names the depth and lengths", () => {
  assertThrows(() => np.array([[1, 2], [3]]), {
    message:
      "array: nested arrays are not rectangular: at depth 1 expected length 2 but found length 1 " +
      "(the detected shape was (2,) + inhomogeneous part)",
  });
  assertThrows(() => np.array([[1, 2], 3]), /at depth 1 expected length 2 but found a number/);
  assertThrows(() => np.array([1, [2]]), /at depth 1 found a list where a number was expected/);
  assertThrows(() => np.array([1, 2], "float32" as np.DType), /data type "float32" not understood/);
});

Deno.test("array stacks NDArray items and takes their dtype", () => {
  const y = np.array([1, 0], "int64");
  const stacked = np.array([y, y]);
  assertEquals(stacked.shape, [2, 2]);
  assertEquals(stacked.dtype, "int64");
  assertEquals(np.array([np.array(1.5), np.array(2)]).tolist(), [1.5, 2]);
  assertEquals(np.array([np.array([true]), [false]]).dtype, "bool");
  assertEquals(np.array([y, [0.5, 1]]).dtype, "float64");
  assertThrows(
    () => np.array([y, np.zeros(3)]),
    /at depth 1 expected shape \(2,\) but found an array of shape \(3,\)/,
  );
});

Deno.test("asarray passes an NDArray through untouched", () => {
  const a = np.zeros(3);
  assert(np.asarray(a) === a);
  assert(np.asarray(a, "int64") !== a);
});

Deno.test("zeros, ones, full and the *Like variants", () => {
  assertEquals(np.zeros(4).shape, [4]);
  assertEquals(np.zeros([1, 2]).tolist(), [[0, 0]]);
  assertEquals(np.zeros(2, np.int64).dtype, "int64");
  assertEquals(np.ones([2, 1]).tolist(), [[1], [1]]);
  assertEquals(np.full([2], 7).tolist(), [7, 7]);
  assertEquals(np.full(2, true).dtype, "bool");
  const W = np.array([[1, 2]], "int64");
  assertEquals(np.zerosLike(W).dtype, "int64");
  assertEquals(np.onesLike(W).tolist(), [[1, 1]]);
  assertEquals(np.fullLike(W, 3).tolist(), [[3, 3]]);
  assertThrows(() => np.zeros([-1]), /negative or non-integer dimensions/);
});

Deno.test("eye makes identities, with shifted diagonals and one-hot rows via take", () => {
  assertEquals(np.eye(2).tolist(), [[1, 0], [0, 1]]);
  assertEquals(np.eye(2, 3).tolist(), [[1, 0, 0], [0, 1, 0]]);
  assertEquals(np.eye(3, { k: 1 }).tolist(), [[0, 1, 0], [0, 0, 1], [0, 0, 0]]);
  assertEquals(np.eye(2, { dtype: "int64" }).dtype, "int64");
  assertEquals(np.eye(2).take(np.array([1, 0, 1], "int64")).tolist(), [[0, 1], [1, 0], [0, 1]]);
});

Deno.test("arange is int64 for integer arguments and matches NumPy's float values", () => {
  const integers = np.arange(5);
  assertEquals(integers.dtype, "int64");
  assertEquals(integers.tolist(), [0, 1, 2, 3, 4]);
  assertEquals(np.arange(2, 8, 3).tolist(), [2, 5]);
  assertEquals(np.arange(5, 0, -2).tolist(), [5, 3, 1]);
  assertEquals(np.arange(3, 1).shape, [0]);
  const cases: [[number, number, number], number[]][] = [
    [[0.1, 1, 0.3], [0.1, 0.4, 0.7000000000000001]],
    [[-2.5, 3.1, 0.7], [
      -2.5,
      -1.8,
      -1.1,
      -0.40000000000000036,
      0.2999999999999998,
      1.0,
      1.6999999999999993,
      2.3999999999999995,
    ]],
    [[0, 1, 0.1], [
      0.0,
      0.1,
      0.2,
      0.30000000000000004,
      0.4,
      0.5,
      0.6000000000000001,
      0.7000000000000001,
      0.8,
      0.9,
    ]],
  ];
  for (const [[start, stop, step], expected] of cases) {
    const values = np.arange(start, stop, step);
    assertEquals(values.dtype, "float64");
    assertEquals(values.tolist(), expected);
  }
  assertThrows(() => np.arange(0, 1, 0), /step must not be zero/);
});

Deno.test("linspace is bit-identical to NumPy's", () => {
  // Expected values printed by NumPy 2.4 (Python's repr is exact).
  const cases: [[number, number, number], number[]][] = [
    [[0, 1, 7], [
      0.0,
      0.16666666666666666,
      0.3333333333333333,
      0.5,
      0.6666666666666666,
      0.8333333333333333,
      1.0,
    ]],
    [[0.1, 0.7, 11], [
      0.1,
      0.16,
      0.22,
      0.28,
      0.33999999999999997,
      0.4,
      0.45999999999999996,
      0.52,
      0.58,
      0.64,
      0.7,
    ]],
    [[-1.3, 2.9, 13], [
      -1.3,
      -0.95,
      -0.6,
      -0.25,
      0.10000000000000009,
      0.4500000000000002,
      0.8,
      1.1500000000000001,
      1.5000000000000002,
      1.8500000000000003,
      2.2,
      2.5500000000000007,
      2.9,
    ]],
    [[1, 1, 4], [1, 1, 1, 1]],
    [[0, 1, 1], [0]],
  ];
  for (const [[start, stop, num], expected] of cases) {
    assertEquals(np.linspace(start, stop, num).tolist(), expected);
  }
  const fifty = np.linspace(-5, 5);
  assertEquals(fifty.size, 50);
  assertEquals(fifty.get(22), -0.5102040816326525);
  assertEquals(fifty.get(27), 0.5102040816326534);
  assertEquals(np.linspace(0, 1, 5, { endpoint: false }).tolist(), [
    0.0,
    0.2,
    0.4,
    0.6000000000000001,
    0.8,
  ]);
  assertThrows(() => np.linspace(0, 1, -1), /Number of samples, -1, must be non-negative/);
});

Deno.test("dtype constants name the dtypes", () => {
  assertEquals([np.float64, np.int64, np.bool], ["float64", "int64", "bool"]);
});

Deno.test("bigints are Python ints: exact int64 arrays, arange and full", () => {
  assertEquals(np.array([1n, 2n]).dtype, "int64");
  assertEquals(np.array([1n, 2.5]).dtype, "float64");
  assertEquals(np.array([1n, true]).dtype, "int64");
  assertEquals(np.array([2n ** 53n + 1n], "float64").tolist(), [2 ** 53]);
  assertEquals(np.full(2, 2n ** 62n).tolist(), [2n ** 62n, 2n ** 62n]);
  assertEquals(np.arange(2n ** 62n, 2n ** 62n + 2n).tolist(), [2n ** 62n, 2n ** 62n + 1n]);
  assertEquals(np.arange(0.5, 3, 0.7, "int64").tolist(), [0, 1, 2, 3]);
  assertEquals(Object.is(np.full(1, -0).get(0), -0), true);
  assertEquals(np.array(np.arange(6).reshape(2, 3).T).strides, [8, 24], "np.array keeps the order");
});
