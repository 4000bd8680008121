import { assert, assertAllClose, assertEquals, assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";
import { fusedMultiplyAdd } from "../lib/core/_fma.ts";
import { decodeFloat64 } from "./golden_data.ts";

interface GoldenOperand {
  shape: number[];
  data: string;
}

interface GoldenProduct {
  left: GoldenOperand;
  right: GoldenOperand;
  shape: number[];
  numpy: string;
  libraryOrder: string;
}

const golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/matmul.json", import.meta.url)),
) as {
  numpy: string;
  unfusedEqualToNumpy: number;
  cases: GoldenProduct[];
  fma: { count: number; inputs: string; results: string };
};

Deno.test("the fused multiply-add rounds once, like the hardware instruction", () => {
  const inputs = decodeFloat64(golden.fma.inputs);
  const expected = decodeFloat64(golden.fma.results);
  const wrong: string[] = [];
  for (let t = 0; t < golden.fma.count; t++) {
    const [a, b, c] = inputs.subarray(3 * t, 3 * t + 3);
    const result = fusedMultiplyAdd(a, b, c);
    if (!Object.is(result, expected[t])) {
      wrong.push(`fma(${a}, ${b}, ${c}) = ${result}, not ${expected[t]}`);
    }
  }
  assertEquals(wrong, []);
  assert(Object.is(fusedMultiplyAdd(-(2 ** -600), 2 ** -600, 0), -0));
  assertEquals(fusedMultiplyAdd(NaN, 1, 1), NaN);
  assertEquals(fusedMultiplyAdd(Infinity, 2, 1), Infinity);
});

Deno.test("matmul sums each entry in index order, fused except vector @ matrix, like the BLAS of the reference results", () => {
  let entries = 0;
  let sameAsNumpy = 0;
  for (const product of golden.cases) {
    const a = new np.NDArray(decodeFloat64(product.left.data), product.left.shape);
    const b = new np.NDArray(decodeFloat64(product.right.data), product.right.shape);
    const label = `(${product.left.shape}) @ (${product.right.shape})`;
    const result = np.matmul(a, b);
    assertEquals(result.shape, product.shape, label);
    assertEquals([...result.data], [...decodeFloat64(product.libraryOrder)], label);
    const numpy = decodeFloat64(product.numpy);
    assertAllClose(result, new np.NDArray(numpy, product.shape), { rtol: 1e-12, atol: 1e-14 });
    entries += numpy.length;
    sameAsNumpy += numpy.filter((value, i) => value === result.data[i]).length;
  }
  console.log(
    `matmul: ${sameAsNumpy} of ${entries} entries (${(100 * sameAsNumpy / entries).toFixed(1)}%) ` +
      `bit-identical to NumPy ${golden.numpy}'s BLAS; separately rounded products and sums ` +
      `would give ${golden.unfusedEqualToNumpy}`,
  );
});

Deno.test("matmul promotes 1-D operands and removes the added axis", () => {
  const X = np.array([[1, 2], [3, 4]]);
  assertEquals(np.matmul(X, np.array([[1], [0]])).tolist(), [[1], [3]]);
  assertEquals(np.matmul(np.array([1, 1]), X).tolist(), [4, 6]);
  assertEquals(np.matmul(X, np.array([1, 1])).tolist(), [3, 7]);
  const scalar = np.matmul(np.array([1, 2]), np.array([3, 4]));
  assertEquals(scalar.shape, []);
  assertEquals(scalar.item(), 11);
  assertEquals(X.matmul(X).tolist(), [[7, 10], [15, 22]]);
  assertEquals(
    np.matmul(np.array([[1, 2]], "int64"), np.array([[3], [4]], "int64")).dtype,
    "int64",
  );
});

Deno.test("a matmul mismatch reads like NumPy's and names both shapes", () => {
  assertThrows(() => np.matmul(np.zeros([2, 3]), np.zeros([2, 2])), {
    message: "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc " +
      "signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3); shapes (2,3) and (2,2)",
  });
  assertThrows(
    () => np.dot(np.zeros(3), np.zeros(2)),
    /^RangeError: dot: .*\(size 2 is different from 3\)/,
  );
  assertThrows(() => np.matmul(np.zeros([2, 2, 2]), np.zeros([2, 2])), /only 1-D and 2-D operands/);
});

Deno.test("dot handles scalars, vectors and matrices", () => {
  const W1 = np.array([[1, 0, 2], [0, 1, 0]]);
  assertEquals(np.dot(W1, np.array([1, 2, 3])).tolist(), [7, 2]);
  assertEquals(W1.dot(np.array([1, 2, 3])).tolist(), [7, 2]);
  assertEquals(np.dot(np.array([1, 2]), 3).tolist(), [3, 6]);
  assertEquals(np.dot(2, 3), 6);
  assertEquals(np.dot(np.array([1, 2]), np.array([3, 4])).item(), 11);
});

Deno.test("outer multiplies every pair, flattening its inputs", () => {
  assertEquals(np.outer(np.array([1, 2]), np.array([3, 4, 5])).tolist(), [[3, 4, 5], [6, 8, 10]]);
  assertEquals(np.outer(np.array([[1], [2]]), [1]).shape, [2, 1]);
});

Deno.test("linalg.norm is the square root of the sum of squares", () => {
  assertEquals(np.linalg.norm(np.array([3, 4])), 5);
  assertEquals(np.linalg.norm(np.array([[1, 2], [2, 4]])), 5);
  assertEquals(np.norm(np.zeros(0)), 0);
  assert(np.linalg.norm(np.array([1e-5, 2e-5])) > 0);
});
