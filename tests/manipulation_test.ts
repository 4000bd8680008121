import { assertEquals, assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";

Deno.test("reshape accepts separate lengths, a list, and one -1", () => {
  const a = np.arange(6);
  assertEquals(a.reshape(2, 3).tolist(), [[0, 1, 2], [3, 4, 5]]);
  assertEquals(a.reshape([3, 2]).shape, [3, 2]);
  assertEquals(a.reshape(1, -1).shape, [1, 6]);
  assertEquals(a.reshape(-1, 1).shape, [6, 1]);
  assertEquals(np.array([[1, 2]]).reshape(-1).shape, [2]);
  assertEquals(np.reshape(a, 6).shape, [6]);
  assertEquals(a.reshape(2, 3).dtype, "int64");
});

Deno.test("reshape errors read like NumPy's", () => {
  assertThrows(() => np.arange(6).reshape(4), {
    message: "reshape: cannot reshape array of size 6 into shape (4,)",
  });
  assertThrows(
    () => np.arange(6).reshape(4, -1),
    /cannot reshape array of size 6 into shape \(4,-1\)/,
  );
  assertThrows(() => np.arange(6).reshape(-1, -1), /can only specify one unknown dimension/);
});

Deno.test("reshape and ravel are views as in NumPy; flatten copies", () => {
  const a = np.arange(4);
  const b = a.reshape(2, 2);
  b.set([0, 0], 9);
  assertEquals(a.get(0), 9);
  assertEquals(np.array([[1, 2], [3, 4]]).ravel().tolist(), [1, 2, 3, 4]);
  const c = np.array([[1, 2], [3, 4]]);
  const flat = c.flatten();
  flat.set(0, 7);
  assertEquals(c.tolist(), [[1, 2], [3, 4]]);
  assertEquals(np.array([[1, 2], [3, 4]]).flatten().tolist(), [1, 2, 3, 4]);
});

Deno.test("transpose reverses axes by default, or follows the given order", () => {
  const a = np.array([[1, 2, 3], [4, 5, 6]]);
  assertEquals(a.T.tolist(), [[1, 4], [2, 5], [3, 6]]);
  assertEquals(a.transpose([0, 1]).tolist(), a.tolist());
  assertEquals(np.array([1, 2]).T.tolist(), [1, 2]);
  const cube = np.arange(24).reshape(2, 3, 4);
  const moved = cube.transpose([1, 0, 2]);
  assertEquals(moved.shape, [3, 2, 4]);
  assertEquals(moved.get(2, 1, 3), cube.get(1, 2, 3));
  assertEquals(cube.T.shape, [4, 3, 2]);
  assertEquals(cube.T.get(3, 2, 1), cube.get(1, 2, 3));
  assertThrows(() => a.transpose([0, 0]), /axes \[0, 0\] don't match array of dimension 2/);
});

Deno.test("expandDims and squeeze add and remove length-1 axes", () => {
  assertEquals(np.expandDims(np.array([1, 2]), 0).shape, [1, 2]);
  assertEquals(np.expandDims(np.array([1, 2]), -1).shape, [2, 1]);
  assertEquals(np.squeeze(np.array([[1], [2]])).shape, [2]);
  assertEquals(np.array([[[5]]]).squeeze(1).shape, [1, 1]);
  assertThrows(() => np.squeeze(np.zeros([2, 1]), 0), /size not equal to one/);
});

Deno.test("concatenate joins along an axis and promotes dtypes", () => {
  const top = np.array([[1, 2]]);
  const bottom = np.array([[3, 4]], "int64");
  const both = np.concatenate([top, bottom]);
  assertEquals(both.tolist(), [[1, 2], [3, 4]]);
  assertEquals(both.dtype, "float64");
  assertEquals(np.concatenate([np.array([[1], [2]]), np.array([[3, 5], [4, 6]])], 1).tolist(), [
    [1, 3, 5],
    [2, 4, 6],
  ]);
  assertEquals(np.concatenate([np.array([1, 2], "int64"), np.array([3], "int64")]).dtype, "int64");
});

Deno.test("concatenate explains mismatched shapes", () => {
  assertThrows(() => np.concatenate([np.zeros([2, 2]), np.zeros([2, 3])]), {
    message: "concatenate: all the input array dimensions except for the concatenation axis must " +
      "match exactly, but along dimension 1, the array at index 0 has size 2 and the array at " +
      "index 1 has size 3",
  });
  assertThrows(() => np.concatenate([np.zeros(2), np.zeros([1, 2])]), /same number of dimensions/);
  assertThrows(
    () => np.concatenate([np.array(1)]),
    /zero-dimensional arrays cannot be concatenated/,
  );
});

Deno.test("vstack, hstack and append behave as in NumPy", () => {
  assertEquals(np.vstack([np.array([1, 2]), np.array([3, 4])]).tolist(), [[1, 2], [3, 4]]);
  assertEquals(np.vstack([np.array([[1, 2]]), np.array([3, 4])]).shape, [2, 2]);
  assertEquals(np.hstack([np.array([1, 2]), np.array([3])]).tolist(), [1, 2, 3]);
  assertEquals(np.hstack([np.array([[1], [2]]), np.array([[3], [4]])]).tolist(), [[1, 3], [2, 4]]);
  assertEquals(np.append(np.array([[1, 2], [3, 4]]), [5]).tolist(), [1, 2, 3, 4, 5]);
  assertEquals(np.append(np.array([1, 2]), 3).tolist(), [1, 2, 3]);
  assertEquals(np.append(np.array([[1, 2]]), np.array([[3, 4]]), 0).shape, [2, 2]);
});

Deno.test("transpose, expandDims, squeeze and diagonal are views; reshape is when it can be", () => {
  const a = np.arange(6).reshape(2, 3);
  for (
    const view of [a.T, a.transpose(1, 0), np.expandDims(a, 1), np.squeeze(a.reshape(1, 2, 3))]
  ) {
    assertEquals(np.sharesMemory(view, a), true);
  }
  assertEquals(np.sharesMemory(a.T.reshape(3, 2), a), true);
  assertEquals(
    np.sharesMemory(a.T.reshape(6), a),
    false,
    "a transpose cannot be flattened in place",
  );
  assertEquals(np.sharesMemory(a.T.ravel(), a), false);
  assertEquals(np.sharesMemory(a.ravel(), a), true);
  assertEquals(np.sharesMemory(a.flatten(), a), false);
  assertEquals(np.diagonal(a).tolist(), [0, 4]);
  assertEquals(np.diagonal(a, 1).tolist(), [1, 5]);
  assertEquals(np.diagonal(a, -1).tolist(), [3]);
  assertEquals(np.diagonal(a, 5).tolist(), []);
  assertEquals(np.diagonal(np.arange(24).reshape(2, 3, 4), 1, 1, 2).tolist(), [
    [1, 6, 11],
    [13, 18, 23],
  ]);
  assertEquals(np.diagonal(a).flags.writeable, false);
  assertThrows(() => np.diagonal(np.zeros(3)), /diag requires an array of at least two dimensions/);
  assertThrows(() => np.diagonal(a, 0, 1, 1), /axis1 and axis2 cannot be the same/);
});

Deno.test("copy keeps the layout (np.copy) or gives C order (a.copy()); concatenate with axis null", () => {
  const a = np.arange(6).reshape(2, 3);
  assertEquals(np.copy(a.T).strides, [8, 24]);
  assertEquals(a.T.copy().strides, [16, 8]);
  assertEquals(np.copy(a.T).tolist(), a.T.tolist());
  assertEquals(np.concatenate([a.T, np.array([9], "int64")], null).tolist(), [0, 3, 1, 4, 2, 5, 9]);
  assertEquals(np.concatenate([a.T, a.T], 1).tolist(), [[0, 3, 0, 3], [1, 4, 1, 4], [2, 5, 2, 5]]);
  assertEquals(np.vstack([a.T.slice(0, 1), a.T.slice(2)]).tolist(), [[0, 3], [2, 5]]);
  assertEquals(np.hstack([a.T, a.T.slice(null, null, -1)]).tolist(), [
    [0, 3, 2, 5],
    [1, 4, 1, 4],
    [2, 5, 0, 3],
  ]);
});
