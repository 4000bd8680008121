import { assert, assertEquals, assertThrows } from "./assert.ts";
import { array } from "../lib/core/creation.ts";
import { numericalGradient, relativeError } from "../lib/course/gradient_check.ts";

Deno.test("numericalGradient approximates the gradient and restores the parameter", () => {
  const w = array([[1, -2], [0.5, 3]]);
  const before = Array.from(w.data);
  const gradient = numericalGradient((p) => p.power(3).sum(), w);
  const exact = w.power(2).multiply(3);
  assert(relativeError(gradient, exact) < 1e-9);
  assertEquals(Array.from(w.data), before);
});

Deno.test("numericalGradient refuses integer parameters and non-number losses", () => {
  assertThrows(() => numericalGradient((p) => p.sum(), array([1, 2], "int64")), /must be float64/);
  // deno-lint-ignore no-explicit-any
  assertThrows(() => numericalGradient((p) => p as any, array([1.0])), /must return a number/);
});

Deno.test("relativeError is zero for equal gradients and names mismatched shapes", () => {
  assertEquals(relativeError(array([0, 0]), array([0, 0])), 0);
  assertEquals(relativeError(array([1, 2]), array([1, 2])), 0);
  assertEquals(relativeError(array([1, 0]), array([-1, 0])), 1);
  assertThrows(
    () => relativeError(array([1, 2]), array([1, 2, 3])),
    /shapes \(2,\) and \(3,\) differ$/,
  );
});
