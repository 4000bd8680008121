import { assertEquals } from "./assert.ts";
import { checkFloatingPoint } from "../lib/core/warnings.ts";
import { array } from "../lib/core/creation.ts";
import { divide, multiply } from "../lib/core/elementwise.ts";
import { exp, log, sqrt } from "../lib/core/ufuncs.ts";

/** What `run` writes through console.warn. */
function warningsOf(run: () => void): string[] {
  const original = console.warn;
  const seen: string[] = [];
  console.warn = (...parts: unknown[]) => seen.push(parts.join(" "));
  try {
    run();
  } finally {
    console.warn = original;
  }
  return seen;
}

Deno.test("nan and inf from finite inputs come with NumPy's RuntimeWarning, once", () => {
  const seen = warningsOf(() => {
    assertEquals(Array.from(log(array([0, -1, 1])).data), [-Infinity, NaN, 0]);
    log(array([0]));
    divide(array([1, 0]), 0);
    exp(array([1000]));
    sqrt(array([-4]));
    multiply(array([1e200]), 1e200);
  });
  assertEquals(seen, [
    "RuntimeWarning: divide by zero encountered in log",
    "RuntimeWarning: invalid value encountered in log",
    "RuntimeWarning: divide by zero encountered in divide",
    "RuntimeWarning: invalid value encountered in divide",
    "RuntimeWarning: overflow encountered in exp",
    "RuntimeWarning: invalid value encountered in sqrt",
    "RuntimeWarning: overflow encountered in multiply",
  ]);
});

Deno.test("non-finite inputs and finite results pass without a warning", () => {
  const seen = warningsOf(() => {
    checkFloatingPoint(
      "quiet-1",
      [new Float64Array([NaN, 1])],
      new Float64Array([NaN, 2]),
      "overflow",
    );
    checkFloatingPoint("quiet-2", [new Float64Array([1])], new Float64Array([2]), "overflow");
    checkFloatingPoint("loud", [new Float64Array([1])], new Float64Array([Infinity]), "overflow");
  });
  assertEquals(seen, ["RuntimeWarning: overflow encountered in loud"]);
});
