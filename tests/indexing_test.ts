import { assert, assertEquals, assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";

Deno.test("get and set read and write single elements, with negative indices", () => {
  const W = np.array([[1, 2], [3, 4]]);
  assertEquals(W.get(1, 0), 3);
  assertEquals(W.get(-1, -1), 4);
  W.set([0, 1], 5);
  W.set([-1, 0], 7);
  assertEquals(W.tolist(), [[1, 5], [7, 4]]);
  const v = np.zeros(3);
  v.set(-1, 2);
  assertEquals(v.tolist(), [0, 0, 2]);
});

Deno.test("set with a shorter index fills the selected sub-array, converting the value", () => {
  const W = np.zeros([2, 2], "int64");
  W.set(1, 7.9);
  assertEquals(W.tolist(), [[0, 0], [7, 7]]);
  const losses = np.zeros(3);
  losses.set(1, np.matmul(np.array([1, 2]), np.array([3, 4])));
  assertEquals(losses.tolist(), [0, 11, 0]);
  const M = np.zeros([2, 2]);
  M.set(0, np.array([1, 2]));
  M.set([1], np.array([[3, 4]]).squeeze());
  assertEquals(M.tolist(), [[1, 2], [3, 4]]);
  assertThrows(
    () => M.set(0, np.zeros(3)),
    /could not broadcast input array from shape \(3,\) into shape \(2,\)/,
  );
  const flags = np.zeros(2, "bool");
  flags.set(0, 3);
  assertEquals(flags.tolist(), [true, false]);
});

Deno.test("indices out of range throw NumPy's IndexError text", () => {
  const a = np.zeros(3);
  assertThrows(() => a.get(5), { message: "get: index 5 is out of bounds for axis 0 with size 3" });
  assertThrows(() => a.set(-4, 1), {
    message: "set: index -4 is out of bounds for axis 0 with size 3",
  });
  assertThrows(() => np.zeros([2, 3]).get(1, 3), /index 3 is out of bounds for axis 1 with size 3/);
  assertThrows(
    () => np.zeros([2, 3]).get(1),
    /expected 2 indices for an array of shape \(2,3\), got 1/,
  );
  assertThrows(() => a.set([0, 0], 1), /too many indices for array/);
});

Deno.test("the exercises' gradient-check loop: every multi-index, read, nudge, restore", () => {
  const param = np.array([[0.5, -0.3], [0.8, 0.2]]);
  const seen: number[][] = [];
  for (const ix of param.multiIndices()) {
    const old = param.get(...ix);
    param.set(ix, old + 1e-5);
    param.set(ix, old);
    seen.push(ix);
  }
  assertEquals(seen, [[0, 0], [0, 1], [1, 0], [1, 1]]);
  assertEquals(param.tolist(), [[0.5, -0.3], [0.8, 0.2]]);
  assertEquals([...np.ndindex(3)], [[0], [1], [2]]);
  assertEquals([...np.ndindex([2, 1, 2])].length, 4);
});

Deno.test("item returns the number of a size-1 array, or at a flat or full index", () => {
  assertEquals(np.array([[0.25]]).item(), 0.25);
  assertEquals(np.array([[1, 2], [3, 4]]).item(3), 4);
  assertEquals(np.array([[1, 2], [3, 4]]).item(1, 0), 3);
  assertThrows(() => np.zeros(2).item(), /can only convert an array of size 1 to a Python scalar/);
});

Deno.test("tolist gives nested numbers, or booleans for bool arrays", () => {
  assertEquals(np.array([[1, 2], [3, 4]]).tolist(), [[1, 2], [3, 4]]);
  assertEquals(np.array([true, false]).tolist(), [true, false]);
  assertEquals(np.array(2.5).tolist(), 2.5);
  assertEquals(np.zeros([2, 0]).tolist(), [[], []]);
});

Deno.test("slice takes row ranges like Python's X[a:b]", () => {
  const X = np.arange(10).reshape(5, 2);
  assertEquals(X.slice(0, 2).tolist(), [[0, 1], [2, 3]]);
  assertEquals(X.slice(3).tolist(), [[6, 7], [8, 9]]);
  assertEquals(X.slice(-1).tolist(), [[8, 9]]);
  assertEquals(X.slice(null, -3).shape, [2, 2]);
  assertEquals(X.slice(4, 100).shape, [1, 2]);
  assertEquals(X.slice(3, 1).shape, [0, 2]);
  assertEquals(np.arange(10).slice(null, null, 3).tolist(), [0, 3, 6, 9]);
  assertEquals(np.arange(5).slice(null, null, -1).tolist(), [4, 3, 2, 1, 0]);
  assertEquals(np.arange(5).slice(3, 0, -2).tolist(), [3, 1]);
  assertEquals(np.slice(np.arange(10), 0, 3).tolist(), [0, 1, 2]);
});

Deno.test("take selects rows by position and one-hot encodes through eye", () => {
  const X = np.array([[1, 2], [3, 4], [5, 6]]);
  assertEquals(X.take([2, 0]).tolist(), [[5, 6], [1, 2]]);
  assertEquals(X.take(np.array([1], "int64")).tolist(), [[3, 4]]);
  assertEquals(X.take([-1]).tolist(), [[5, 6]]);
  assertEquals(X.take([1, 0], 1).tolist(), [[2, 1], [4, 3], [6, 5]]);
  assertEquals(X.take(1).tolist(), [3, 4]);
  const labels = np.array([0, 1, 1, 0], "int64");
  assertEquals(np.eye(2).take(labels).tolist(), [[1, 0], [0, 1], [0, 1], [1, 0]]);
  assertEquals(np.eye(2).take(np.array([[0, 1]], "int64")).shape, [1, 2, 2]);
});

Deno.test("take refuses float indices and out-of-range positions", () => {
  const X = np.zeros([3, 2]);
  assertThrows(
    () => X.take(np.array([0, 1])),
    /arrays used as indices must be of integer type, got float64/,
  );
  assertThrows(() => X.take([0.5]), /indices must be integers, got 0.5/);
  assertThrows(() => X.take([5]), {
    message: "take: index 5 is out of bounds for axis 0 with size 3",
  });
});

Deno.test("pick does paired fancy indexing, A[rows, columns]", () => {
  const p = np.array([[0.9, 0.1], [0.3, 0.7], [0.5, 0.5]]);
  const y = np.array([[1, 0], [0, 1], [0, 1]]);
  const picked = p.pick(np.arange(3), y.argmax({ axis: 1 }));
  assertEquals(picked.tolist(), [0.9, 0.7, 0.5]);
  assertEquals(p.pick([0, 2], 1).tolist(), [0.1, 0.5]);
  assertThrows(() => p.pick([0, 1], [0, 1, 0]), /pick: operands could not be broadcast together/);
  assertThrows(() => p.pick([3], [0]), /index 3 is out of bounds for axis 0 with size 3/);
  assertThrows(() => np.zeros(3).pick([0], [0]), /expects a 2-D array/);
});

Deno.test("iterating an array walks its first axis", () => {
  const values = [...np.array([1.5, 2.5])];
  assertEquals(values, [1.5, 2.5]);
  const rows = [...np.array([[1, 2], [3, 4]])];
  assert(rows[0] instanceof np.NDArray);
  assertEquals(rows.map((row) => (row as np.NDArray).tolist()), [[1, 2], [3, 4]]);
  assertEquals([...np.rows(np.array([[1], [2]]))].length, 2);
  assertEquals([...np.array([[5, 6], [7, 8]]).flatten().entries()], [[0, 5], [1, 6], [2, 7], [
    3,
    8,
  ]]);
});

Deno.test("slice is a view, with negative steps and bounds clipped as Python's", () => {
  const a = np.arange(10);
  assertEquals(a.slice(null, null, -1).tolist(), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  assertEquals(a.slice(8, 2, -3).tolist(), [8, 5]);
  assertEquals(a.slice(-1, -11, -4).tolist(), [9, 5, 1]);
  assertEquals(a.slice(20, null, -1).tolist(), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  assertEquals(a.slice(3, 3).shape, [0]);
  const view = a.slice(2, 8, 2);
  view.set(1, 40);
  assertEquals(a.get(4), 40);
  assertEquals(view.base, a);
  assertEquals(a.slice(null, null, -1).strides, [-8]);
});

Deno.test("take and pick read views where they lie", () => {
  const a = np.arange(12).reshape(3, 4);
  assertEquals(a.T.take([3, 0]).tolist(), [[3, 7, 11], [0, 4, 8]]);
  assertEquals(a.T.take([1], 1).tolist(), [[4], [5], [6], [7]]);
  assertEquals(a.slice(null, null, -1).pick([0, 2], [3, 0]).tolist(), [11, 0]);
  assertEquals(a.T.pick(np.arange(2), np.array([2, 1], "int64")).tolist(), [8, 5]);
  assertEquals(a.take(a.T.slice(0, 1).reshape(-1).slice(0, 1)).shape, [1, 4]);
});

Deno.test("get, item and tolist read views, and int64 values past 2**53 exactly", () => {
  const a = np.arange(6).reshape(2, 3);
  assertEquals(a.T.get(2, 1), 5);
  assertEquals(a.T.item(1), 3);
  assertEquals(a.slice(null, null, -1).tolist(), [[3, 4, 5], [0, 1, 2]]);
  const big = np.array([2n ** 62n, -3n]);
  assertEquals(big.tolist(), [2n ** 62n, -3]);
  assertEquals(big.get(1), -3);
  assertThrows(() => big.item(0), RangeError, "item: the int64 value 4611686018427387904 is past");
});

Deno.test("set writes through any view, casting as NumPy assigns", () => {
  const a = np.zeros([2, 3], "int64");
  a.T.set(2, [7, 8]);
  assertEquals(a.tolist(), [[0, 0, 7], [0, 0, 8]]);
  a.slice(null, null, -1).set(0, np.array([1.9, 2.9, -3.9]));
  assertEquals(a.tolist(), [[0, 0, 7], [1, 2, -3]]);
  // A value past 2**53 turns the memory into 64-bit integers for every view of it.
  const column = a.T.slice(2);
  a.set([0, 0], 2n ** 60n);
  assertEquals(column.tolist(), [[7, -3]]);
  assertEquals(a.get(1, 1), 2);
  // Assigning an array that overlaps the target reads it first.
  const b = np.arange(5).astype("float64");
  np.set(b, [], b.slice(null, null, -1));
  assertEquals(b.tolist(), [4, 3, 2, 1, 0]);
});
