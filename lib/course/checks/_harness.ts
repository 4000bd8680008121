/**
 * What every notebook's checks share: an exercise and its verdict, arrays
 * made here without the operations being checked, the comparisons that word
 * a ✗ line, the reference computations more than one notebook needs, and the
 * element-wise exercises several notebooks ask for. Not part of the public
 * API.
 *
 * @module
 */

import { sameShape, unravelIndex } from "../../core/internals.ts";
import { NDArray } from "../../core/ndarray.ts";
import { RandomState, type RandomStateSnapshot } from "../../random/random_state.ts";
import { shapeToString } from "../../text/print.ts";
import { str } from "../../text/python.ts";

/** One exercise of a notebook: its id, what to write, and the exercises its code calls. */
export interface Exercise {
  /** `<notebook number>.<name>`, e.g. `02.relu_derivative`. */
  readonly id: string;
  /** What to write, in a sentence: the stub's message and the check's reminder. */
  readonly task: string;
  /** Exercises whose functions this one's code calls: they must be written first. */
  readonly needs: readonly string[];
}

export interface ExerciseSpec extends Exercise {
  /** Runs the cases; returns what is now right, or throws a {@link CheckFailure}. */
  readonly run: (answer: unknown) => string;
}

// A check's verdict that something is wrong; its message is the ✗ line's text.
export class CheckFailure extends Error {}

export function fail(message: string): never {
  throw new CheckFailure(message);
}

// The error a learner edition's stub throws: "<id>: not written yet — <task>".
export const STUB_ERROR = /^(\d\d\.[A-Za-z0-9_]+): not written yet/;

// ---------- arrays made here, without the operations being checked ----------

export function arrayOf(
  values: readonly number[],
  shape: number[],
  dtype: "float64" | "int64" = "float64",
) {
  return new NDArray(Float64Array.from(values), shape, dtype);
}

export function randomArray(rs: RandomState, shape: number[], scale = 1): NDArray {
  const out = (rs.randn as (...lengths: number[]) => NDArray).apply(rs, shape);
  for (let i = 0; i < out.data.length; i++) out.data[i] *= scale;
  return out;
}

export function copyOf(a: NDArray): NDArray {
  return new NDArray(Float64Array.from(a.data), [...a.shape], a.dtype);
}

export function mapArray(a: NDArray, f: (v: number) => number): NDArray {
  return new NDArray(a.data.map(f), [...a.shape]);
}

export function transposed(a: NDArray): NDArray {
  const [rows, cols] = a.shape;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = a.data[i * cols + j];
  }
  return new NDArray(out, [cols, rows]);
}

/** The matrix product of 2-D arrays, summed in index order. */
export function product(a: NDArray, b: NDArray): NDArray {
  const [n, k] = a.shape;
  const m = b.shape[1];
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += a.data[i * k + t] * b.data[t * m + j];
      out[i * m + j] = s;
    }
  }
  return new NDArray(out, [n, m]);
}

export function plus(a: NDArray, b: NDArray): NDArray {
  // b is a row (1, m) or (m,) added to every row of a
  const m = a.shape[a.shape.length - 1];
  return new NDArray(a.data.map((v, i) => v + b.data[i % m]), [...a.shape]);
}

export function outerOf(a: NDArray, b: NDArray): NDArray {
  const out = new Float64Array(a.size * b.size);
  for (let i = 0; i < a.size; i++) {
    for (let j = 0; j < b.size; j++) out[i * b.size + j] = a.data[i] * b.data[j];
  }
  return new NDArray(out, [a.size, b.size]);
}

export function sumOf(a: NDArray): number {
  let s = 0;
  for (const v of a.data) s += v;
  return s;
}

export const relu = (v: number) => (v > 0 ? v : 0);
export const reluSlope = (v: number) => (v > 0 ? 1 : 0);
export const logistic = (
  v: number,
) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

// ---------- describing values and comparing ----------

/** A number for a message: Python's repr of it rounded to 12 significant digits (hides round-off). */
export function num(value: number): string {
  return str(Number.isFinite(value) ? Number(value.toPrecision(12)) : value);
}

export function describe(value: unknown): string {
  if (value instanceof NDArray) return `an array of shape ${shapeToString(value.shape)}`;
  if (value === undefined) return "undefined (a missing return?)";
  if (value === null) return "null";
  if (typeof value === "number") return `the number ${str(value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return `a ${typeof value}`;
}

export function indexText(flat: number, shape: readonly number[]): string {
  if (shape.length === 0) return "the value";
  return `entry [${unravelIndex(flat, shape).join(", ")}]`;
}

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Round-off only: for values computed the same way up to the order of operations. */
export const EXACT: Tolerance = { rtol: 1e-9, atol: 1e-12 };
/** For an analytic gradient judged by central differences. */
export const GRADIENT: Tolerance = { rtol: 1e-5, atol: 1e-7 };
export function close(got: number, expected: number, tol: Tolerance): boolean {
  return Math.abs(got - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

/** The first entry where `got` and `expected` differ, or -1 (same shapes assumed). */
export function firstDifference(got: NDArray, expected: NDArray, tol: Tolerance): number {
  for (let i = 0; i < expected.data.length; i++) {
    if (!close(got.data[i], expected.data[i], tol)) return i;
  }
  return -1;
}

export function sameValues(got: NDArray, expected: NDArray, tol: Tolerance = GRADIENT): boolean {
  return sameShape(got.shape, expected.shape) && firstDifference(got, expected, tol) < 0;
}

/**
 * Fails unless `got` is an array of `expected`'s shape and values. `what`
 * names the result and the case; `hint` (or `diagnose`, given the learner's
 * array) says where to look.
 */
export function expectArray(
  got: unknown,
  expected: NDArray,
  what: string,
  hint: string,
  tol: Tolerance = EXACT,
  diagnose?: (got: NDArray) => string | undefined,
): NDArray {
  if (!(got instanceof NDArray)) {
    fail(
      `${what} should be an array of shape ${shapeToString(expected.shape)}, got ${
        describe(got)
      }. ${hint}`,
    );
  }
  if (!sameShape(got.shape, expected.shape)) {
    const special = diagnose?.(got);
    fail(
      `${what} has shape ${shapeToString(got.shape)}, expected ${shapeToString(expected.shape)}. ${
        special ?? hint
      }`,
    );
  }
  const at = firstDifference(got, expected, tol);
  if (at >= 0) {
    const special = diagnose?.(got);
    fail(
      `${what}: ${indexText(at, expected.shape)} is ${num(got.data[at])}, expected ` +
        `${num(expected.data[at])} (shapes ${shapeToString(got.shape)} and ${
          shapeToString(expected.shape)
        }). ` +
        (special ?? hint),
    );
  }
  return got;
}

/**
 * Fails unless `got` is a number close to `expected`; a 0-d array (what NumPy
 * returns as a scalar, from `vector @ vector` say) counts as one, an array
 * of shape (1,) or (1, 1) does not. `diagnose`, given the value, may name a
 * known mistake instead of `hint`.
 */
export function expectNumber(
  got: unknown,
  expected: number,
  what: string,
  hint: string,
  tol = EXACT,
  diagnose?: (value: number) => string | undefined,
): number {
  let value: number;
  if (typeof got === "number") value = got;
  else if (got instanceof NDArray && got.ndim === 0) value = got.data[0];
  else if (got instanceof NDArray && got.size === 1) {
    fail(
      `${what} should be a number, got an array of shape ${
        shapeToString(got.shape)
      } holding one. Return the number itself: a mean or sum over the whole array gives one, ` +
        "and .item() takes one out of an array.",
    );
  } else fail(`${what} should be a number, got ${describe(got)}. ${hint}`);
  if (!close(value, expected, tol)) {
    fail(`${what} is ${num(value)}, expected ${num(expected)}. ${diagnose?.(value) ?? hint}`);
  }
  return value;
}

/**
 * Fails when the learner's code changed an array it was given: `passed` is
 * the array it got, `original` a copy taken before the call.
 */
export function expectUnchanged(
  passed: NDArray,
  original: NDArray,
  call: string,
  name: string,
): void {
  const at = firstDifference(passed, original, { rtol: 0, atol: 0 });
  if (at < 0) return;
  fail(
    `${call} changed its input ${name}: ${indexText(at, original.shape)} was ${
      num(original.data[at])
    }, is now ${num(passed.data[at])}. Leave ${name} as it is and compute a new array ` +
      `(an in-place method such as multiplyInPlace changes ${name} itself, and the notebook uses ` +
      `${name} again afterwards).`,
  );
}

/**
 * Calls `f` with copies of `args` (named `names`) and fails when it changed
 * an array among them; returns its result.
 */
export function callPure(
  label: string,
  f: (...args: never[]) => unknown,
  args: readonly unknown[],
  names: readonly string[],
): unknown {
  const passed = args.map((arg) => (arg instanceof NDArray ? copyOf(arg) : arg));
  const got = attempt(label, () => f(...(passed as never[])));
  passed.forEach((arg, i) => {
    if (arg instanceof NDArray) expectUnchanged(arg, args[i] as NDArray, label, names[i]);
  });
  return got;
}

/** Fails unless the array holds float64 numbers, as the task asks. */
export function expectFloat64(got: NDArray, what: string): void {
  if (got.dtype === "float64") return;
  fail(
    `${what} is a ${got.dtype} array; the task asks for float64 numbers: ` +
      "convert with .astype(np.float64).",
  );
}

/** Fails when the array holds true and false where numbers are asked for. */
export function expectNumbers(got: NDArray, what: string): void {
  if (got.dtype !== "bool") return;
  fail(
    `${what} is a bool array (true and false), where the task asks for numbers, 1 and 0: ` +
      "convert with .astype(np.float64).",
  );
}

export function asFunction(answer: unknown, name: string): (...args: never[]) => unknown {
  if (typeof answer !== "function") fail(`expected the function ${name}, got ${describe(answer)}`);
  return answer as (...args: never[]) => unknown;
}

/** Calls the learner's code; its errors become the check's verdict (stubs are reported by the caller). */
export function attempt<T>(label: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof CheckFailure) throw error;
    if (error instanceof Error && STUB_ERROR.test(error.message)) throw error;
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    fail(`${label} threw ${text}`);
  }
}

// ---------- parameters handed to the learner's code ----------

/** Same parameters, fresh arrays: what the learner's code gets, so the check's own stay intact. */
export function cloneParams<T extends Record<string, NDArray>>(params: T): T {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, copyOf(v)])) as T;
}

// ---------- shuffled epochs (05.mini_batches, 06.train_epoch) ----------

export function sameState(a: RandomStateSnapshot, b: RandomStateSnapshot): boolean {
  return a.pos === b.pos && a.hasGauss === b.hasGauss &&
    a.key.every((word, i) => word === b.key[i]);
}

/**
 * Fails when the examples keep their original order or two epochs share
 * one, and unless each epoch's order (the example numbers in the order they
 * came) is the permutation that a generator seeded with `seed` draws, one
 * epoch after the other, as rs.permutation(n) would; `used` says for each
 * epoch whether the call changed rs at all.
 */
export function expectPermutations(
  orders: readonly number[][],
  used: readonly boolean[],
  seed: number,
  label: string,
): void {
  const n = orders[0].length;
  if (n > 2 && orders[0].every((i, k) => i === k)) {
    fail(`${label}: the examples come in their original order. Shuffle them, with rs.permutation.`);
  }
  if (n > 2 && orders.length > 1 && orders[0].join() === orders[1].join()) {
    fail(
      `${label}: two epochs came in the same order. Draw a new permutation from rs on every call.`,
    );
  }
  const twin = new RandomState(seed);
  orders.forEach((order, k) => {
    const expected = Array.from(twin.permutation(order.length).data);
    if (order.join() === expected.join()) return;
    fail(
      used[k]
        ? `${label}, epoch ${
          k + 1
        }: the examples do not come in the order rs.permutation(${order.length}) ` +
          "draws: draw one permutation of the rows from rs per epoch and cut it into batches in that order."
        : `${label}, epoch ${
          k + 1
        }: the order did not come from rs, which was left as it was: it was ` +
          "drawn from another generator, such as np.random's global one. Use rs.permutation, so that " +
          "the seed of rs decides the order and a run can be repeated.",
    );
  });
}

// ---------- element-wise exercises shared by several notebooks ----------

export const ELEMENTWISE_INPUT = arrayOf([-3, -0.5, 0, 1e-12, 0.25, 2, 40, -40], [4, 2]);

export function checkRelu(name: string) {
  return (answer: unknown) => {
    const f = asFunction(answer, name);
    const rs = new RandomState(1);
    for (const z of [ELEMENTWISE_INPUT, randomArray(rs, [3, 5]), arrayOf([-1, 0, 1], [3])]) {
      const label = `${name}(z) for z of shape ${shapeToString(z.shape)}`;
      const got = callPure(label, f, [z], ["z"]);
      const expected = mapArray(z, relu);
      expectArray(
        got,
        expected,
        label,
        "ReLU keeps a positive entry as it is and turns every other entry into 0.",
        EXACT,
        (g) => {
          if (!sameShape(g.shape, z.shape)) return undefined;
          if (sameValues(g, mapArray(z, reluSlope), EXACT)) {
            return "That is ReLU's slope (1 and 0), not ReLU: a positive entry keeps its value.";
          }
          const at = firstDifference(g, expected, EXACT);
          return z.data[at] <= 0
            ? `Every entry at or below 0 becomes 0, so the one where z = ${
              num(z.data[at])
            } too (max(0, z)).`
            : "A positive entry stays as it is.";
        },
      );
    }
    return "0 for negatives and zero, the value itself above 0, for 1-d and 2-d arrays, z left unchanged";
  };
}

/** ReLU's slope; `float64`: the task asks for float64 numbers (else any numbers will do). */
export function checkReluSlope(name: string, float64 = true) {
  return (answer: unknown) => {
    const f = asFunction(answer, name);
    const rs = new RandomState(2);
    for (const z of [ELEMENTWISE_INPUT, randomArray(rs, [2, 3]), arrayOf([0], [1])]) {
      const label = `${name}(z) for z of shape ${shapeToString(z.shape)}`;
      const got = callPure(label, f, [z], ["z"]);
      const expected = mapArray(z, reluSlope);
      expectArray(got, expected, label, "", EXACT, (g) => {
        if (!sameShape(g.shape, z.shape)) return undefined;
        if (sameValues(g, mapArray(z, relu), EXACT)) {
          return "That is ReLU itself; its slope is 1 where z > 0 and 0 elsewhere.";
        }
        const at = firstDifference(g, expected, EXACT);
        if (z.data[at] === 0) {
          return "At exactly 0 the slope is taken as 0 here: use z > 0, not z >= 0.";
        }
        return "ReLU's slope is 1 where z > 0 and 0 elsewhere; it never depends on how large z is.";
      });
      if (float64) expectFloat64(got as NDArray, label);
      else expectNumbers(got as NDArray, label);
      // the slope agrees with central differences away from the kink
      for (let i = 0; i < z.size; i++) {
        const v = z.data[i];
        if (Math.abs(v) < 1e-3) continue;
        const numeric = (relu(v + 1e-6) - relu(v - 1e-6)) / 2e-6;
        if (!close((got as NDArray).data[i], numeric, GRADIENT)) {
          fail(`slope at ${str(v)} disagrees with central differences`);
        }
      }
    }
    return `slope 1 above 0, 0 at 0 and below, as ${
      float64 ? "float64 " : ""
    }numbers, agreeing with central differences away from 0, z left unchanged`;
  };
}

// Where e^z overflows (above about 709.78): the sigmoid must still be 1 there.
const SIGMOID_INPUT = arrayOf([-700, -30, -2, -1e-9, 0, 0.5, 3, 30, 700, 750], [10]);

export function checkSigmoid(name: string) {
  return (answer: unknown) => {
    const f = asFunction(answer, name);
    const z = SIGMOID_INPUT;
    const label = `${name}(z) for z = [-700, -30, -2, -1e-9, 0, 0.5, 3, 30, 700, 750]`;
    const expected = mapArray(z, logistic);
    expectArray(
      callPure(label, f, [z], ["z"]),
      expected,
      label,
      "The sigmoid is 1 / (1 + e^(−z)): 0.5 at 0, near 0 far below, near 1 far above.",
      EXACT,
      (g) => {
        if (!sameShape(g.shape, z.shape)) return undefined;
        const at = firstDifference(g, expected, EXACT);
        if (Number.isNaN(g.data[at]) && z.data[at] > 709) {
          return `At z = ${
            num(z.data[at])
          } e^z overflows to ∞, and ∞ / (1 + ∞) is NaN: write it as 1 / (1 + e^(−z)), ` +
            "where a large z only makes e^(−z) tiny.";
        }
        if (sameValues(g, mapArray(z, (v) => logistic(-v)), EXACT)) {
          return "That is the sigmoid of −z: the exponent is −z, as in 1 / (1 + e^(−z)).";
        }
        return undefined;
      },
    );
    const grid = randomArray(new RandomState(3), [3, 4], 3);
    const gridLabel = `${name}(z) for z of shape (3, 4)`;
    expectArray(
      callPure(gridLabel, f, [grid], ["z"]),
      mapArray(grid, logistic),
      gridLabel,
      "Apply it entry by entry, keeping the shape.",
    );
    return "0.5 at 0, the right values from −700 to 750 (where e^z overflows), no NaN, for 1-d and 2-d arrays, z left unchanged";
  };
}
