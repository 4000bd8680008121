import { assertEquals, assertThrows } from "./assert.ts";
import { assertAllClose } from "../lib/course/testing.ts";
import { array } from "../lib/core/creation.ts";
import {
  binaryCrossEntropy,
  crossEntropy,
  meanSquaredError,
  relu,
  reluDerivative,
  sigmoid,
  sigmoidDerivative,
  softmax,
} from "./support/layers.ts";

Deno.test("relu and its derivative gate at zero", () => {
  const z = array([-2, -0, 0.5, 3]);
  // NumPy keeps the sign of a zero input: np.maximum(0, -0.) is -0.
  assertEquals(Array.from(relu(z).data), [0, -0, 0.5, 3]);
  assertEquals(Array.from(reluDerivative(z).data), [0, 0, 1, 1]);
  assertEquals(reluDerivative(z).dtype, "float64");
});

Deno.test("sigmoid saturates without overflow, and its derivative peaks at 1/4", () => {
  const s = sigmoid(array([-1000, 0, 1000]));
  assertEquals(Array.from(s.data), [1 / (1 + Math.exp(500)), 0.5, 1]);
  assertEquals(sigmoidDerivative(array([0])).data[0], 0.25);
});

Deno.test("softmax rows sum to one, even for huge inputs", () => {
  const p = softmax(array([[1000, 1000], [0, Math.log(3)]]));
  assertAllClose(p, [[0.5, 0.5], [0.25, 0.75]], { rtol: 1e-15 });
  assertThrows(
    () => softmax(array([1, 2])),
    /expected a 2-D batch \(rows, classes\), got shape \(2,\)$/,
  );
});

Deno.test("losses", () => {
  assertEquals(meanSquaredError(array([2.25]), array([1])), 1.5625);
  assertAllClose(
    crossEntropy(array([[0.9, 0.1], [0.2, 0.8]]), array([[1, 0], [0, 1]])),
    -(Math.log(0.9 + 1e-8) + Math.log(0.8 + 1e-8)) / 2,
  );
  assertAllClose(binaryCrossEntropy(array([0.5]), array([1])), Math.LN2, { rtol: 1e-7 });
  assertThrows(
    () => crossEntropy(array([[0.5, 0.5]]), array([[1, 0, 0]])),
    /probabilities \(1,2\) and targets \(1,3\)/,
  );
});
