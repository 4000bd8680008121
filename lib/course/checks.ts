/**
 * Self-checks for the notebooks' exercises. A learner writes a function
 * between `// BEGIN SOLUTION <id>` and `// END SOLUTION` (in the learner
 * editions, a stub that throws stands there), then runs `check(id, fn)`: the
 * check calls the function on cases of its own, compares each result with a
 * reference worked out here from first principles (central differences judge
 * every gradient), and prints one line, `✓ id: …` or `✗ id: …`. A check never
 * throws and never shows the answer. `checkAll()` sums up a notebook.
 *
 * @module
 */

import { NDArray } from "../core/ndarray.ts";
import { RandomState, type RandomStateSnapshot } from "../random/random_state.ts";
import { print, str } from "../text/python.ts";
import { shapeToString } from "../text/print.ts";
import { numericalGradient } from "./gradient_check.ts";
import { sameShape, unravelIndex } from "../core/_shape.ts";

/** One exercise of a notebook: its id, what to write, and the exercises its code calls. */
export interface Exercise {
  /** `<notebook number>.<name>`, e.g. `02.relu_derivative`. */
  readonly id: string;
  /** What to write, in a sentence: the stub's message and the check's reminder. */
  readonly task: string;
  /** Exercises whose functions this one's code calls: they must be written first. */
  readonly needs: readonly string[];
}

interface ExerciseSpec extends Exercise {
  /** Runs the cases; returns what is now right, or throws a {@link CheckFailure}. */
  readonly run: (answer: unknown) => string;
}

// A check's verdict that something is wrong; its message is the ✗ line's text.
class CheckFailure extends Error {}

function fail(message: string): never {
  throw new CheckFailure(message);
}

// The error a learner edition's stub throws: "<id>: not written yet — <task>".
const STUB_ERROR = /^(\d\d\.[A-Za-z0-9_]+): not written yet/;

// ---------- arrays made here, without the operations being checked ----------

function arrayOf(
  values: readonly number[],
  shape: number[],
  dtype: "float64" | "int64" = "float64",
) {
  return new NDArray(Float64Array.from(values), shape, dtype);
}

function randomArray(rs: RandomState, shape: number[], scale = 1): NDArray {
  const out = (rs.randn as (...lengths: number[]) => NDArray).apply(rs, shape);
  for (let i = 0; i < out.data.length; i++) out.data[i] *= scale;
  return out;
}

/** Standard normal draws pushed at least `margin` away from 0 (no ReLU kink near them). */
function awayFromZero(rs: RandomState, shape: number[], margin = 0.1): NDArray {
  const out = randomArray(rs, shape);
  for (let i = 0; i < out.data.length; i++) {
    const v = out.data[i];
    out.data[i] = v >= 0 ? v + margin : v - margin;
  }
  return out;
}

function copyOf(a: NDArray): NDArray {
  return new NDArray(Float64Array.from(a.data), [...a.shape], a.dtype);
}

function mapArray(a: NDArray, f: (v: number) => number): NDArray {
  return new NDArray(a.data.map(f), [...a.shape]);
}

function transposed(a: NDArray): NDArray {
  const [rows, cols] = a.shape;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j * rows + i] = a.data[i * cols + j];
  }
  return new NDArray(out, [cols, rows]);
}

/** The matrix product of 2-D arrays, summed in index order. */
function product(a: NDArray, b: NDArray): NDArray {
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

function plus(a: NDArray, b: NDArray): NDArray {
  // b is a row (1, m) or (m,) added to every row of a
  const m = a.shape[a.shape.length - 1];
  return new NDArray(a.data.map((v, i) => v + b.data[i % m]), [...a.shape]);
}

function outerOf(a: NDArray, b: NDArray): NDArray {
  const out = new Float64Array(a.size * b.size);
  for (let i = 0; i < a.size; i++) {
    for (let j = 0; j < b.size; j++) out[i * b.size + j] = a.data[i] * b.data[j];
  }
  return new NDArray(out, [a.size, b.size]);
}

function sumOf(a: NDArray): number {
  let s = 0;
  for (const v of a.data) s += v;
  return s;
}

const relu = (v: number) => (v > 0 ? v : 0);
const reluSlope = (v: number) => (v > 0 ? 1 : 0);
const logistic = (v: number) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

// ---------- describing values and comparing ----------

/** A number for a message: Python's repr of it rounded to 12 significant digits (hides round-off). */
function num(value: number): string {
  return str(Number.isFinite(value) ? Number(value.toPrecision(12)) : value);
}

function describe(value: unknown): string {
  if (value instanceof NDArray) return `an array of shape ${shapeToString(value.shape)}`;
  if (value === undefined) return "undefined (a missing return?)";
  if (value === null) return "null";
  if (typeof value === "number") return `the number ${str(value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return `a ${typeof value}`;
}

function indexText(flat: number, shape: readonly number[]): string {
  if (shape.length === 0) return "the value";
  return `entry [${unravelIndex(flat, shape).join(", ")}]`;
}

interface Tolerance {
  rtol: number;
  atol: number;
}

/** Round-off only: for values computed the same way up to the order of operations. */
const EXACT: Tolerance = { rtol: 1e-9, atol: 1e-12 };
/** For an analytic gradient judged by central differences. */
const GRADIENT: Tolerance = { rtol: 1e-5, atol: 1e-7 };
/** For a difference quotient against the same quotient worked out here (round-off over eps). */
const NUMERIC: Tolerance = { rtol: 1e-7, atol: 1e-10 };

function close(got: number, expected: number, tol: Tolerance): boolean {
  return Math.abs(got - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

/** The first entry where `got` and `expected` differ, or -1 (same shapes assumed). */
function firstDifference(got: NDArray, expected: NDArray, tol: Tolerance): number {
  for (let i = 0; i < expected.data.length; i++) {
    if (!close(got.data[i], expected.data[i], tol)) return i;
  }
  return -1;
}

function sameValues(got: NDArray, expected: NDArray, tol: Tolerance = GRADIENT): boolean {
  return sameShape(got.shape, expected.shape) && firstDifference(got, expected, tol) < 0;
}

/**
 * Fails unless `got` is an array of `expected`'s shape and values. `what`
 * names the result and the case; `hint` (or `diagnose`, given the learner's
 * array) says where to look.
 */
function expectArray(
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
function expectNumber(
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
function expectUnchanged(passed: NDArray, original: NDArray, call: string, name: string): void {
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
function callPure(
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
function expectFloat64(got: NDArray, what: string): void {
  if (got.dtype === "float64") return;
  fail(
    `${what} is a ${got.dtype} array; the task asks for float64 numbers: ` +
      "convert with .astype(np.float64).",
  );
}

/** Fails when the array holds true and false where numbers are asked for. */
function expectNumbers(got: NDArray, what: string): void {
  if (got.dtype !== "bool") return;
  fail(
    `${what} is a bool array (true and false), where the task asks for numbers, 1 and 0: ` +
      "convert with .astype(np.float64).",
  );
}

function asFunction(answer: unknown, name: string): (...args: never[]) => unknown {
  if (typeof answer !== "function") fail(`expected the function ${name}, got ${describe(answer)}`);
  return answer as (...args: never[]) => unknown;
}

/** Calls the learner's code; its errors become the check's verdict (stubs are reported by the caller). */
function attempt<T>(label: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof CheckFailure) throw error;
    if (error instanceof Error && STUB_ERROR.test(error.message)) throw error;
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    fail(`${label} threw ${text}`);
  }
}

// ---------- the reference computations, from first principles ----------

/** z1 = X·W1 + b1, a1 = relu(z1), y = a1·W2 + b2, for a batch X (n, inputs). */
function denseForward(X: NDArray, W1: NDArray, b1: NDArray, W2: NDArray, b2: NDArray) {
  const z1 = plus(product(X, W1), b1);
  const a1 = mapArray(z1, relu);
  const out = plus(product(a1, W2), b2);
  return { z1, a1, out };
}

function meanSquare(yPred: NDArray, yTrue: NDArray): number {
  let s = 0;
  for (let i = 0; i < yPred.size; i++) s += (yPred.data[i] - yTrue.data[i]) ** 2;
  return s / yPred.size;
}

/** Whether the row holding `x`'s largest entry came out right in `got` (a softmax of `x`). */
function topRowRight(x: NDArray, got: NDArray, expected: NDArray): boolean {
  const k = x.shape[1];
  let top = 0;
  for (let i = 1; i < x.size; i++) if (x.data[i] > x.data[top]) top = i;
  const row = Math.floor(top / k);
  for (let j = row * k; j < row * k + k; j++) {
    if (!close(got.data[j], expected.data[j], EXACT)) return false;
  }
  return true;
}

/** Rows of probabilities: e^(x - row max) over their row's sum. */
function softmaxRows(x: NDArray): NDArray {
  const [n, k] = x.shape;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let top = -Infinity;
    for (let j = 0; j < k; j++) top = Math.max(top, x.data[i * k + j]);
    let total = 0;
    for (let j = 0; j < k; j++) total += out[i * k + j] = Math.exp(x.data[i * k + j] - top);
    for (let j = 0; j < k; j++) out[i * k + j] /= total;
  }
  return new NDArray(out, [n, k]);
}

/** Mean of -log(probability of the true class), one-hot labels Y. */
function crossEntropy(P: NDArray, Y: NDArray, eps = 0): number {
  const [n, k] = P.shape;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) if (Y.data[i * k + j] === 1) s -= Math.log(P.data[i * k + j] + eps);
  }
  return s / n;
}

/** The single-example 3-4-1 network of notebook 04 (W1 (4,3), b1 (4,), W2 (1,4), b2 (1,)). */
type SmallParams = {
  W1: NDArray;
  b1: NDArray;
  W2: NDArray;
  b2: NDArray;
};

function smallForward(x: NDArray, p: SmallParams) {
  const column = new NDArray(Float64Array.from(x.data), [x.size, 1]);
  const z1 = plus(product(p.W1, column).reshape(-1), p.b1);
  const a1 = mapArray(z1, relu);
  const z2 = plus(product(p.W2, a1.reshape(a1.size, 1)).reshape(-1), p.b2);
  const a2 = mapArray(z2, logistic);
  return { x, z1, a1, z2, a2 };
}

function binaryCrossEntropy(a: number, y: number, clipAt = 0): number {
  const p = Math.min(Math.max(a, clipAt), 1 - clipAt);
  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
}

function smallParams(rs: RandomState): SmallParams {
  return {
    W1: randomArray(rs, [4, 3]),
    b1: randomArray(rs, [4], 0.1),
    W2: randomArray(rs, [1, 4]),
    b2: randomArray(rs, [1], 0.1),
  };
}

/** Same parameters, fresh arrays: what the learner's code gets, so the check's own stay intact. */
function cloneParams<T extends Record<string, NDArray>>(params: T): T {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, copyOf(v)])) as T;
}

// ---------- shuffled epochs (05.mini_batches, 06.train_epoch) ----------

function sameState(a: RandomStateSnapshot, b: RandomStateSnapshot): boolean {
  return a.pos === b.pos && a.hasGauss === b.hasGauss &&
    a.key.every((word, i) => word === b.key[i]);
}

/**
 * Fails unless each epoch's order (the example numbers in the order they
 * came) is the permutation that a generator seeded with `seed` draws, one
 * epoch after the other, as rs.permutation(n) would; `used` says for each
 * epoch whether the call changed rs at all.
 */
function expectPermutations(
  orders: readonly number[][],
  used: readonly boolean[],
  seed: number,
  label: string,
): void {
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

const ELEMENTWISE_INPUT = arrayOf([-3, -0.5, 0, 1e-12, 0.25, 2, 40, -40], [4, 2]);

function checkRelu(name: string) {
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
function checkReluSlope(name: string, float64 = true) {
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

function checkSigmoid(name: string) {
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

// ---------- notebook 01: the pass as functions, for a batch ----------

function case01(seed: number, n: number, inputs: number, hidden: number) {
  const rs = new RandomState(seed);
  const X = randomArray(rs, [n, inputs]);
  const W1 = randomArray(rs, [inputs, hidden]);
  const b1 = randomArray(rs, [hidden], 0.1);
  const W2 = randomArray(rs, [hidden, 1]);
  const b2 = randomArray(rs, [1], 0.1);
  return { X, W1, b1, W2, b2, y: randomArray(rs, [n, 1]) };
}

const EXERCISES_01: ExerciseSpec[] = [
  {
    id: "01.relu",
    task: "return max(0, z) for every entry of z",
    needs: [],
    run: checkRelu("relu"),
  },
  {
    id: "01.forward",
    task:
      "return [z1, a1, y_pred] for the batch X: z1 = X·W1 + b1, a1 = relu(z1), y_pred = a1·W2 + b2",
    needs: ["01.relu"],
    run(answer) {
      const f = asFunction(answer, "forward");
      for (const [seed, n, inputs, hidden] of [[10, 1, 2, 2], [11, 5, 2, 3], [12, 4, 3, 6]]) {
        const c = case01(seed, n, inputs, hidden);
        const label = `forward(X, W1, b1, W2, b2) with X ${shapeToString(c.X.shape)}, W1 ${
          shapeToString(c.W1.shape)
        }`;
        const got = callPure(
          label,
          f,
          [c.X, c.W1, c.b1, c.W2, c.b2],
          ["X", "W1", "b1", "W2", "b2"],
        );
        if (!Array.isArray(got) || got.length !== 3) {
          fail(`${label} should return [z1, a1, y_pred], got ${describe(got)}`);
        }
        const ref = denseForward(c.X, c.W1, c.b1, c.W2, c.b2);
        expectArray(
          got[0],
          ref.z1,
          `z1 of ${label}`,
          "z1 is X times W1 (matrix product), plus b1 on every row.",
          EXACT,
          (g) =>
            sameValues(g, product(c.X, c.W1), EXACT)
              ? "b1 is missing: z1 = X·W1 + b1."
              : sameValues(g, ref.a1, EXACT)
              ? "That is a1: z1 is the value before the ReLU (did relu change z1 in place?)."
              : undefined,
        );
        expectArray(got[1], ref.a1, `a1 of ${label}`, "a1 is relu of z1.");
        expectArray(
          got[2],
          ref.out,
          `y_pred of ${label}`,
          "y_pred is a1 times W2, plus b2; the output has no activation.",
          EXACT,
          (g) =>
            sameValues(g, mapArray(ref.out, relu), EXACT)
              ? "The output has no activation: y_pred = a1·W2 + b2, negative values included."
              : sameValues(g, product(ref.a1, c.W2), EXACT)
              ? "b2 is missing: y_pred = a1·W2 + b2."
              : undefined,
        );
      }
      return "z1, a1 and y_pred right for batches of 1, 5 and 4 examples and other layer sizes, the inputs left unchanged";
    },
  },
  {
    id: "01.mean_squared_error",
    task: "return the mean of (y_pred − y_true)² over all entries, as a number",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "mean_squared_error");
      // the batch first: there the usual slips all give different numbers
      for (const [seed, n] of [[21, 6], [20, 1]]) {
        const rs = new RandomState(seed);
        const yPred = randomArray(rs, [n, 1]);
        const yTrue = randomArray(rs, [n, 1]);
        const label = `mean_squared_error(y_pred, y_true) for ${n} example${n > 1 ? "s" : ""}`;
        const got = callPure(label, f, [yPred, yTrue], ["y_pred", "y_true"]);
        const expected = meanSquare(yPred, yTrue);
        const meanDifference = sumOf(yPred.subtract(yTrue)) / n;
        expectNumber(
          got,
          expected,
          label,
          "Square each difference, then take the mean.",
          EXACT,
          (v) =>
            n > 1 && close(v, expected * n, EXACT)
              ? `That is the sum; the loss is the mean, over the ${n} examples.`
              : close(v, expected / 2, EXACT)
              ? "That is half the mean: this loss has no factor 1/2."
              : close(v, Math.sqrt(expected), EXACT)
              ? "That is the square root of the mean (RMSE): the loss is the mean itself."
              : close(v, meanDifference, EXACT)
              ? "The differences are not squared: square each one, then take the mean."
              : undefined,
        );
      }
      return "the mean squared error as a number, for one example and for a batch, the inputs left unchanged";
    },
  },
  {
    id: "01.output_blame",
    task: "return dLoss/dy_pred for the mean squared error, one entry per entry of y_pred",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "output_blame");
      for (const [seed, n] of [[30, 1], [31, 4]]) {
        const rs = new RandomState(seed);
        const yPred = randomArray(rs, [n, 1]);
        const yTrue = randomArray(rs, [n, 1]);
        const numeric = numericalGradient((p) => meanSquare(p, yTrue), copyOf(yPred));
        const label = `output_blame(y_pred, y_true) for ${n} example${n > 1 ? "s" : ""}`;
        const got = callPure(label, f, [yPred, yTrue], ["y_pred", "y_true"]);
        expectArray(
          got,
          numeric,
          label,
          "Differentiate the loss with respect to each prediction.",
          GRADIENT,
          (g) =>
            n > 1 && sameValues(g, mapArray(numeric, (v) => v * n))
              ? `Your blame is ${n} times too large: the loss is a mean over the ${n} examples, so each one's share is divided by ${n}.`
              : sameValues(g, mapArray(numeric, (v) => -v))
              ? "The sign is flipped: the loss grows when y_pred moves away from y_true."
              : sameValues(g, mapArray(numeric, (v) => v / 2))
              ? "Half as large as it should be: the derivative of (y_pred − y_true)² brings down a 2."
              : undefined,
        );
      }
      return "matches central differences of the loss, for one example and for a batch (the 1/n of the mean included), the inputs left unchanged";
    },
  },
  {
    id: "01.hidden_blame",
    task: "return dLoss/da1: the output blame d_out sent back through W2",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "hidden_blame");
      for (const [seed, n, hidden] of [[40, 1, 2], [41, 5, 3]]) {
        const rs = new RandomState(seed);
        const dOut = randomArray(rs, [n, 1]);
        const W2 = randomArray(rs, [hidden, 1]);
        const a1 = randomArray(rs, [n, hidden]);
        // the loss as a function of a1, whose gradient at the output is d_out
        const numeric = numericalGradient((a) => sumOf(product(a, W2).multiply(dOut)), copyOf(a1));
        const label = `hidden_blame(d_out, W2) with d_out ${shapeToString(dOut.shape)}, W2 ${
          shapeToString(W2.shape)
        }`;
        const got = callPure(label, f, [dOut, W2], ["d_out", "W2"]);
        expectArray(
          got,
          numeric,
          label,
          "Each hidden unit receives the output blame times the weight that joins it to the output; the result has a1's shape (n, hidden).",
          GRADIENT,
          (g) =>
            sameShape(g.shape, [hidden, n]) && hidden !== n
              ? "Rows and columns are swapped: one row per example and one column per hidden unit, (n, hidden)."
              : n > 1 && sameValues(g, mapArray(numeric, (v) => v / n))
              ? `Divided by ${n}: d_out already carries the mean's 1/n, so send it back through W2 as it is.`
              : sameValues(g, mapArray(numeric, (v) => -v))
              ? "The sign is flipped: the blame goes back through W2 unchanged in sign."
              : undefined,
        );
      }
      return "matches central differences, one row per example, one column per hidden unit, the inputs left unchanged";
    },
  },
  {
    id: "01.relu_gate",
    task: "return d_a1 where the unit was active (z1 > 0) and 0 elsewhere",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "relu_gate");
      const rs = new RandomState(50);
      const z1 = awayFromZero(rs, [4, 3]);
      const dA = randomArray(rs, [4, 3]);
      const numeric = numericalGradient((z) => sumOf(mapArray(z, relu).multiply(dA)), copyOf(z1));
      const label = "relu_gate(d_a1, z1) for shape (4, 3)";
      const got = callPure(label, f, [dA, z1], ["d_a1", "z1"]);
      expectArray(
        got,
        numeric,
        label,
        "A unit with z1 > 0 passes its blame on unchanged; any other unit passes on none.",
        GRADIENT,
        (g) =>
          sameValues(g, mapArray(z1, reluSlope))
            ? "That is only the gate (0s and 1s): multiply it by the blame d_a1."
            : sameValues(g, mapArray(dA, relu))
            ? "The gate looks at z1 (was the unit active?), not at the sign of the blame."
            : undefined,
      );
      const edge = arrayOf([0, 0.5], [1, 2]);
      const edgeBlame = arrayOf([2, 2], [1, 2]);
      const edgeLabel = "relu_gate(d_a1, z1) at z1 = [[0, 0.5]]";
      expectArray(
        callPure(edgeLabel, f, [edgeBlame, edge], ["d_a1", "z1"]),
        arrayOf([0, 2], [1, 2]),
        edgeLabel,
        "At exactly 0 a unit counts as off here (z1 > 0, not >=).",
      );
      return "passes blame only through active units (none at z1 = 0), matching central differences, the inputs left unchanged";
    },
  },
  {
    id: "01.weight_blame",
    task:
      "return dLoss/dW for a layer computing inputs·W, given the blame at its outputs (sum over the examples)",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "weight_blame");
      for (const [seed, n, inputs, units] of [[60, 1, 2, 2], [61, 5, 3, 2], [62, 4, 2, 1]]) {
        const rs = new RandomState(seed);
        const inputsArray = randomArray(rs, [n, inputs]);
        const blame = randomArray(rs, [n, units]);
        const W = randomArray(rs, [inputs, units]);
        const numeric = numericalGradient(
          (w) => sumOf(product(inputsArray, w).multiply(blame)),
          copyOf(W),
        );
        const label = `weight_blame(inputs, blame) with inputs ${
          shapeToString(inputsArray.shape)
        }, blame ${shapeToString(blame.shape)}`;
        const got = callPure(label, f, [inputsArray, blame], ["inputs", "blame"]);
        const firstOnly = outerOf(
          arrayOf(Array.from(inputsArray.data.slice(0, inputs)), [inputs]),
          arrayOf(Array.from(blame.data.slice(0, units)), [units]),
        );
        expectArray(
          got,
          numeric,
          label,
          "Weight [i, j] joins input i to unit j: its blame is input i times unit j's blame, added up over the examples.",
          GRADIENT,
          (g) =>
            g.shape.length === 2 && g.shape[0] === units && g.shape[1] === inputs &&
              units !== inputs
              ? "Rows and columns are swapped: row i belongs to input i, column j to unit j (W's own shape)."
              : g.shape.length === 2 && sameValues(g, transposed(numeric))
              ? "Rows and columns are swapped: row i belongs to input i, column j to unit j."
              : n > 1 && sameValues(g, mapArray(numeric, (v) => v / n))
              ? `Divided by ${n}: the blame already carries the mean's 1/n, so add the examples' shares up.`
              : n > 1 && sameValues(g, firstOnly)
              ? "That is the first example's share alone: add up the shares of all the examples."
              : undefined,
        );
      }
      return "matches central differences, W's shape, summed over the examples, the inputs left unchanged";
    },
  },
  {
    id: "01.update",
    task: "subtract lr × grad from param, in place (return nothing)",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "update");
      const rs = new RandomState(70);
      const param = randomArray(rs, [2, 3]);
      const grad = randomArray(rs, [2, 3]);
      const before = copyOf(param);
      const gradBefore = copyOf(grad);
      attempt("update(param, grad, 0.1)", () => f(param as never, grad as never, 0.1 as never));
      const step = (rate: number) =>
        new NDArray(before.data.map((v, i) => v - rate * gradBefore.data[i]), [2, 3]);
      expectArray(
        grad,
        gradBefore,
        "grad after the update",
        "The update must leave grad as it was: compute lr × grad as a new array.",
      );
      expectArray(
        param,
        step(0.1),
        "param after update(param, grad, 0.1)",
        sameValues(param, before, EXACT)
          ? "param did not change: change the array itself (subtractInPlace), do not make a new one."
          : sameValues(param, step(-0.1), EXACT)
          ? "That step goes along the gradient: subtract lr × grad."
          : sameValues(param, step(1), EXACT)
          ? "param moved by the whole gradient: multiply it by lr first."
          : "A step goes against the gradient: param minus lr times grad.",
      );
      return "param takes one step of size lr against grad, in place; grad untouched";
    },
  },
];

// ---------- notebook 02: the building blocks ----------

const EXERCISES_02: ExerciseSpec[] = [
  { id: "02.relu", task: "return max(0, z) entry by entry", needs: [], run: checkRelu("relu") },
  {
    id: "02.relu_derivative",
    task: "return 1 where z > 0, else 0 (as float64 numbers)",
    needs: [],
    run: checkReluSlope("relu_derivative"),
  },
  {
    id: "02.sigmoid",
    task: "return 1 / (1 + e^(−z)) entry by entry",
    needs: [],
    run: checkSigmoid("sigmoid"),
  },
  {
    id: "02.compute_loss",
    task:
      "return the mean log loss of probabilities p against labels y, with eps = 1e-8 inside each log",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "compute_loss");
      const eps = 1e-8;
      // the mean log loss; `positive`/`negative` weigh the terms of the 1s and of the 0s
      const reference = (p: NDArray, y: NDArray, e = eps, positive = 1, negative = 1) => {
        let s = 0;
        for (let i = 0; i < p.size; i++) {
          const t = y.data[i];
          s -= positive * t * Math.log(p.data[i] + e) +
            negative * (1 - t) * Math.log(1 - p.data[i] + e);
        }
        return s / p.size;
      };
      const cases: [string, NDArray, NDArray][] = [
        [
          "4 examples",
          arrayOf([0.9, 0.2, 0.6, 0.35], [4, 1]),
          arrayOf([1, 0, 1, 0], [4, 1], "int64"),
        ],
        [
          "confident and right (p = 1 and 0)",
          arrayOf([1, 0], [2, 1]),
          arrayOf([1, 0], [2, 1], "int64"),
        ],
        [
          "confident and wrong (p = 0 for a 1)",
          arrayOf([0, 0.5], [2, 1]),
          arrayOf([1, 0], [2, 1], "int64"),
        ],
      ];
      const tolerance = { rtol: 1e-9, atol: 1e-9 };
      for (const [name, p, y] of cases) {
        const label = `compute_loss(p, y), ${name}`;
        const got = callPure(label, f, [p, y], ["p", "y"]);
        const expected = reference(p, y);
        expectNumber(
          got,
          expected,
          label,
          "For each example: −[y·log(p + eps) + (1 − y)·log(1 − p + eps)], then the mean.",
          tolerance,
          (v) =>
            !Number.isFinite(v)
              ? "A log of 0 is −∞: add eps inside each log, log(p + eps)."
              : close(v, -expected, tolerance)
              ? "The sign is flipped: a loss is never negative."
              : close(v, expected * p.size, tolerance)
              ? "That is the sum; take the mean over the examples."
              : close(v, reference(p, y, 0), tolerance)
              ? "eps is missing: put it inside each log, log(p + eps) and log(1 − p + eps)."
              : close(v, reference(p, y, eps, 1, 0), tolerance)
              ? "The (1 − y)·log(1 − p + eps) term is missing: it is the loss of the examples labelled 0."
              : undefined,
        );
      }
      return "the mean log loss as a number, finite for p = 0 and p = 1 (eps inside the logs), p and y left unchanged";
    },
  },
];

// ---------- notebook 03: the ReLU network and its first-layer gradient ----------

const X03 = arrayOf([2, 3], [2], "int64");
const W1_03 = arrayOf([-0.78, 0.13, 0.85, 0.23], [2, 2]);
const W2_03 = arrayOf([1.8, 0.4], [2]);

/** Cases of notebook 03's network: the notebook's own, a dead hidden unit, a prediction below the target. */
function cases03(): { name: string; x: NDArray; y: number; w1: NDArray; w2: NDArray }[] {
  return [
    { name: "the notebook's x, w1, w2", x: X03, y: 1, w1: W1_03, w2: W2_03 },
    {
      name: "a dead second hidden unit",
      x: arrayOf([1.5, -0.5], [2]),
      y: 2,
      w1: arrayOf([0.6, -0.9, 0.2, 0.8], [2, 2]),
      w2: arrayOf([0.7, -1.3], [2]),
    },
    {
      name: "a prediction below the target",
      x: arrayOf([0.5, 1.0], [2]),
      y: 3,
      w1: arrayOf([0.4, 1.1, 0.9, -0.2], [2, 2]),
      w2: arrayOf([-0.6, 1.5], [2]),
    },
  ];
}

function hidden03(x: NDArray, w1: NDArray) {
  const h = product(x.astype("float64").reshape(1, 2), w1).reshape(2);
  return { h, a: mapArray(h, relu) };
}

function predict03(x: NDArray, w1: NDArray, w2: NDArray): number {
  const { a } = hidden03(x, w1);
  return a.data[0] * w2.data[0] + a.data[1] * w2.data[1];
}

/** What the original exercise's backward puts in the first-layer gradient. */
function originalW1Gradient(x: NDArray, y: number, w1: NDArray, w2: NDArray): NDArray {
  const { a } = hidden03(x, w1);
  const error = predict03(x, w1, w2) - y;
  const w2Partials = mapArray(a, (v) => error * v);
  return outerOf(mapArray(w2Partials, reluSlope), x);
}

/** Says what a wrong first-layer gradient looks like, when it is one of the known mistakes. */
function diagnoseW1(
  got: NDArray,
  c: ReturnType<typeof cases03>[number],
  numeric: NDArray,
): string | undefined {
  if (sameValues(got, originalW1Gradient(c.x, c.y, c.w1, c.w2), EXACT)) {
    return "This is the original exercise's formula, outer(d_activation(w2_partials), x): it puts the " +
      "second layer's gradient through relu' (only 0s and 1s are left, whatever the error) where the " +
      "hidden blame belongs, and has x on the wrong side. See the numerical check above.";
  }
  if (sameValues(got, transposed(numeric))) {
    return "Rows and columns are swapped: row i belongs to input x[i], column j to hidden unit j.";
  }
  const { a } = hidden03(c.x, c.w1);
  const error = predict03(c.x, c.w1, c.w2) - c.y;
  if (sameValues(got, outerOf(c.x.astype("float64"), mapArray(c.w2, (v) => error * v)))) {
    return "The ReLU gate is missing: a hidden unit with h ≤ 0 passes no blame back.";
  }
  if (sameValues(got, outerOf(c.x.astype("float64"), mapArray(a, (v) => error * v)))) {
    return "That uses the hidden activation where w2 belongs: the blame reaching hidden unit j goes through w2[j].";
  }
  return undefined;
}

const EXERCISES_03: ExerciseSpec[] = [
  {
    id: "03.activation",
    task: "return z where z > 0 and 0 elsewhere (ReLU)",
    needs: [],
    run: checkRelu("activation"),
  },
  {
    id: "03.d_activation",
    task: "return ReLU's slope: 1 where z > 0, else 0",
    needs: [],
    run: checkReluSlope("d_activation", false),
  },
  {
    id: "03.L",
    task: "return half the squared error, (y_hat − y)² / 2, entry by entry",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "L");
      for (
        const [yHat, y] of [[arrayOf([2.162], []), 1], [arrayOf([0.5, 1, -2], [3]), 1]] as [
          NDArray,
          number,
        ][]
      ) {
        const label = `L(y_hat, ${y}) for y_hat of shape ${shapeToString(yHat.shape)}`;
        const got = callPure(label, f, [yHat, y], ["y_hat", "y"]);
        const expected = mapArray(yHat, (v) => 0.5 * (v - y) ** 2);
        const hint = "Half of (y_hat − y) squared.";
        const twice = "Twice too large: L = (y_hat − y)² / 2, with the half.";
        if (yHat.shape.length === 0) {
          expectNumber(
            got,
            expected.data[0],
            label,
            hint,
            EXACT,
            (v) => close(v, 2 * expected.data[0], EXACT) ? twice : undefined,
          );
        } else {
          expectArray(
            got,
            expected,
            label,
            typeof got === "number" || (got instanceof NDArray && got.size === 1)
              ? "Entry by entry: one loss per prediction, not their mean or sum."
              : hint,
            EXACT,
            (g) => sameValues(g, mapArray(expected, (v) => 2 * v), EXACT) ? twice : undefined,
          );
        }
      }
      return "half the squared error, for a single prediction and entry by entry, y_hat left unchanged";
    },
  },
  {
    id: "03.d_L",
    task: "return dL/dy_hat for L = (y_hat − y)² / 2",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "d_L");
      const yHat = arrayOf([2.162, -0.3, 1], [3]);
      const y = 1;
      const numeric = numericalGradient(
        (p) => sumOf(mapArray(p, (v) => 0.5 * (v - y) ** 2)),
        copyOf(yHat),
      );
      const label = "d_L(y_hat, 1) for y_hat = [2.162, -0.3, 1]";
      const got = callPure(label, f, [yHat, y], ["y_hat", "y"]);
      expectArray(
        got,
        numeric,
        label,
        "The half cancels the 2 of the square.",
        GRADIENT,
        (g) =>
          sameValues(g, mapArray(numeric, (v) => 2 * v))
            ? "Twice too large: the loss has a factor 1/2 that cancels the 2 of the square."
            : sameValues(g, mapArray(numeric, (v) => -v))
            ? "The sign is flipped: d_L = y_hat − y, positive when the prediction is too high."
            : sameValues(g, mapArray(yHat, (v) => 0.5 * (v - y) ** 2))
            ? "That is L itself; its derivative is y_hat − y."
            : undefined,
      );
      return "matches central differences of L, 0 where y_hat = y, y_hat left unchanged";
    },
  },
  {
    id: "03.forward",
    task: "return the prediction: x times w1, through the activation, times w2",
    needs: ["03.activation"],
    run(answer) {
      const f = asFunction(answer, "forward");
      for (const c of cases03()) {
        const label = `forward(x, w1, w2) for ${c.name}`;
        const got = callPure(label, f, [c.x, c.w1, c.w2], ["x", "w1", "w2"]);
        const expected = predict03(c.x, c.w1, c.w2);
        const h = hidden03(c.x, c.w1).h;
        const linear = h.data[0] * c.w2.data[0] + h.data[1] * c.w2.data[1];
        const wrongSide = mapArray(product(c.w1, c.x.astype("float64").reshape(2, 1)), relu);
        expectNumber(
          got,
          expected,
          label,
          "h = x · w1 (matrix product), a = activation(h), then a · w2; no biases.",
          EXACT,
          (v) =>
            close(v, linear, EXACT)
              ? "The activation is missing: a = activation(x · w1), then a · w2."
              : expected < 0 && close(v, 0, EXACT)
              ? "The output has no activation: the prediction is a · w2 as it is, negative or not."
              : close(v, wrongSide.data[0] * c.w2.data[0] + wrongSide.data[1] * c.w2.data[1], EXACT)
              ? "That is w1 · x: the product is x · w1, with x on the left."
              : undefined,
        );
      }
      return "the prediction as a number (or 0-d array), with an active and a dead hidden unit and a negative prediction, the inputs left unchanged";
    },
  },
  {
    id: "03.w1_gradient",
    task: "return dL/dW1 from the chain rule: a 2×2 array whose row i belongs to input x[i]",
    needs: ["03.forward", "03.d_L", "03.d_activation"],
    run(answer) {
      const f = asFunction(answer, "chain_rule_w1_gradient");
      for (const c of cases03()) {
        const numeric = numericalGradient(
          (w) => 0.5 * (predict03(c.x, w, c.w2) - c.y) ** 2,
          copyOf(c.w1),
        );
        const label = `chain_rule_w1_gradient(x, y, w1, w2) for ${c.name}`;
        const got = callPure(label, f, [c.x, c.y, c.w1, c.w2], ["x", "y", "w1", "w2"]);
        expectArray(
          got,
          numeric,
          label,
          "Hidden unit j's blame is (y_hat − y) · w2[j] · relu'(h[j]); weight [i, j] gets x[i] times it.",
          GRADIENT,
          (g) => diagnoseW1(g, c, numeric),
        );
      }
      return "dL/dW1 matches central differences, with a dead unit and with the prediction below the target, the inputs left unchanged";
    },
  },
  {
    id: "03.backward_corrected",
    task:
      "compute w1_partials from the chain rule (as in chain_rule_w1_gradient) before the update lines",
    needs: ["03.activation", "03.d_L", "03.d_activation"],
    run(answer) {
      const f = asFunction(answer, "backward_corrected");
      const eta = 0.01;
      for (const c of cases03()) {
        const w1 = copyOf(c.w1);
        const w2 = copyOf(c.w2);
        const x = copyOf(c.x);
        const yHat = arrayOf([predict03(c.x, c.w1, c.w2)], []);
        const label = `backward_corrected(x, y, y_hat, w1, w2, ${eta}) for ${c.name}`;
        const got = attempt(
          label,
          () =>
            f(
              x as never,
              c.y as never,
              yHat as never,
              w1 as never,
              w2 as never,
              eta as never,
            ),
        );
        expectUnchanged(x, c.x, label, "x");
        if (!Array.isArray(got) || got.length !== 2) {
          fail(`${label} should return [w1, w2], got ${describe(got)}`);
        }
        const g1 = numericalGradient(
          (w) => 0.5 * (predict03(c.x, w, c.w2) - c.y) ** 2,
          copyOf(c.w1),
        );
        const g2 = numericalGradient(
          (w) => 0.5 * (predict03(c.x, c.w1, w) - c.y) ** 2,
          copyOf(c.w2),
        );
        const stepped = (w: NDArray, g: NDArray) =>
          new NDArray(w.data.map((v, i) => v - eta * g.data[i]), [...w.shape]);
        expectArray(
          got[0],
          stepped(c.w1, g1),
          `w1 after ${label}`,
          "w1 moves by eta times the chain-rule gradient of the first layer.",
          GRADIENT,
          (g) => {
            const implied = new NDArray(g.data.map((v, i) => (c.w1.data[i] - v) / eta), [
              ...g.shape,
            ]);
            if (sameValues(implied, mapArray(g1, (v) => eta * v))) {
              return "eta is applied twice: w1_partials is the gradient alone, and the update line after it multiplies by eta.";
            }
            return diagnoseW1(implied, c, g1);
          },
        );
        expectArray(
          got[1],
          stepped(c.w2, g2),
          `w2 after ${label}`,
          "w2's step is the same as in the original backward.",
          GRADIENT,
        );
      }
      return "one step moves w1 and w2 against their true gradients (central differences agree), x left unchanged";
    },
  },
];

// ---------- notebook 04: a 3-4-1 classifier on one example ----------

function callForward04(
  f: (...args: never[]) => unknown,
  x: NDArray,
  p: SmallParams,
  y: number | undefined,
  label: string,
): unknown {
  const passedX = copyOf(x);
  const passed = cloneParams(p);
  const got = attempt(
    label,
    () =>
      y === undefined
        ? f(passedX as never, passed as never)
        : f(passedX as never, passed as never, y as never),
  );
  expectUnchanged(passedX, x, label, "x");
  for (const name of ["W1", "b1", "W2", "b2"] as const) {
    expectUnchanged(passed[name], p[name], label, `params.${name}`);
  }
  if (y !== undefined && (!Array.isArray(got) || got.length !== 2)) {
    fail(`${label} should return [cache, loss], got ${describe(got)}`);
  }
  return got;
}

/** The analytic gradients of notebook 04's network at one example, with or without the ReLU gate. */
function backward04(x: NDArray, y: number, p: SmallParams, gate = true) {
  const { a1, a2, z1 } = smallForward(x, p);
  const dz2 = a2.data[0] - y;
  const dz1 = arrayOf(
    Array.from({ length: 4 }, (_, j) => p.W2.data[j] * dz2 * (gate ? reluSlope(z1.data[j]) : 1)),
    [4],
  );
  return {
    dW1: outerOf(dz1, x),
    db1: dz1,
    dW2: mapArray(a1, (v) => v * dz2).reshape(1, 4),
    db2: arrayOf([dz2], [1]),
  };
}

const EXERCISES_04: ExerciseSpec[] = [
  {
    id: "04.sigmoid",
    task: "return 1 / (1 + e^(−z)) entry by entry",
    needs: [],
    run: checkSigmoid("sigmoid"),
  },
  {
    id: "04.relu_derivative",
    task: "return 1 where z > 0, else 0 (as float64 numbers)",
    needs: [],
    run: checkReluSlope("relu_derivative"),
  },
  {
    id: "04.forward",
    task:
      "compute z1, a1, z2, a2 for the cache; with a label y, also the cross-entropy of a2 clipped into [1e-12, 1 − 1e-12]",
    needs: ["04.sigmoid"],
    run(answer) {
      const f = asFunction(answer, "forward");
      const rs = new RandomState(80);
      for (let k = 0; k < 2; k++) {
        const p = smallParams(rs);
        const x = randomArray(rs, [3]);
        const ref = smallForward(x, p);
        const label = `forward(x, params, 1), case ${k + 1}`;
        const [cache, loss] = callForward04(f, x, p, 1, label) as [
          Record<string, unknown>,
          unknown,
        ];
        const withoutB1 = product(p.W1, x.reshape(3, 1)).reshape(-1);
        for (const key of ["z1", "a1", "z2", "a2"] as const) {
          expectArray(
            cache?.[key],
            ref[key],
            `cache.${key} of ${label}`,
            {
              z1: "z1 = W1 · x + b1, shape (4,).",
              a1: "a1 = relu(z1).",
              z2: "z2 = W2 · a1 + b2, shape (1,).",
              a2: "a2 = sigmoid(z2), the probability of class 1.",
            }[key],
            EXACT,
            (g) =>
              key === "z1" && sameValues(g, withoutB1, EXACT)
                ? "b1 is missing: z1 = W1 · x + b1."
                : undefined,
          );
        }
        const expected = binaryCrossEntropy(ref.a2.data[0], 1, 1e-12);
        expectNumber(
          loss,
          expected,
          `the loss of ${label}`,
          "−[y·log(a2) + (1 − y)·log(1 − a2)], a2 clipped first.",
          EXACT,
          (v) =>
            close(v, -expected, EXACT)
              ? "The sign is flipped: the cross-entropy is −[y·log(a2) + (1 − y)·log(1 − a2)], never negative."
              : undefined,
        );
        const alone = callForward04(f, x, p, undefined, "forward(x, params) without y");
        if (Array.isArray(alone) || !(alone instanceof Object)) {
          fail(
            `forward(x, params) without a label should return the cache alone, got ${
              describe(alone)
            }`,
          );
        }
        expectArray(
          (alone as Record<string, unknown>).a2,
          ref.a2,
          "cache.a2 of forward(x, params)",
          "Without y, return the cache only.",
        );
      }
      // a saturated output: a2 rounds to exactly 1, and the label is 0
      const p = smallParams(new RandomState(81));
      p.W2 = arrayOf([0, 0, 0, 0], [1, 4]);
      p.b2 = arrayOf([60], [1]);
      const x = arrayOf([0.2, -0.4, 0.1], [3]);
      const [, loss] = callForward04(f, x, p, 0, "forward(x, params, 0) with z2 = 60") as [
        unknown,
        unknown,
      ];
      expectNumber(
        loss,
        binaryCrossEntropy(1, 0, 1e-12),
        "the loss when a2 = 1 and y = 0",
        "Clip a2 into [1e-12, 1 − 1e-12] before the logs, so that the loss stays finite.",
      );
      return "cache and loss (a number) right, the cache alone without a label, a finite loss when the sigmoid saturates, x and params left unchanged";
    },
  },
  {
    id: "04.backward",
    task:
      "return { dW1, db1, dW2, db2 } for the one example (for a sigmoid with cross-entropy, dL/dz2 = a2 − y)",
    needs: ["04.relu_derivative"],
    run(answer) {
      const f = asFunction(answer, "backward");
      const rs = new RandomState(90);
      for (const y of [1, 0]) {
        const p = smallParams(rs);
        const x = randomArray(rs, [3]);
        // no hidden pre-activation near the kink; unit 0 off and unit 1 on
        for (let i = 0; i < 4; i++) {
          const z = smallForward(x, p).z1.data[i];
          if (Math.abs(z) < 0.05) p.b1.data[i] += z >= 0 ? 0.1 : -0.1;
        }
        const z1 = smallForward(x, p).z1.data;
        if (z1[0] > 0) p.b1.data[0] -= z1[0] + 0.5;
        if (z1[1] < 0) p.b1.data[1] += 0.5 - z1[1];
        const cache = smallForward(x, p);
        const lossOf = (q: SmallParams) => binaryCrossEntropy(smallForward(x, q).a2.data[0], y);
        const label = `backward(x, ${y}, params, cache)`;
        const passedCache = cloneParams(cache as never) as Record<string, NDArray>;
        const passedParams = cloneParams(p);
        const got = attempt(
          label,
          () => f(copyOf(x) as never, y as never, passedParams as never, passedCache as never),
        );
        for (const [key, value] of Object.entries(passedCache)) {
          expectUnchanged(value, (cache as Record<string, NDArray>)[key], label, `cache.${key}`);
        }
        for (const name of ["W1", "b1", "W2", "b2"] as const) {
          expectUnchanged(passedParams[name], p[name], label, `params.${name}`);
        }
        if (!(got instanceof Object)) {
          fail(`${label} should return { dW1, db1, dW2, db2 }, got ${describe(got)}`);
        }
        const grads = got as Record<string, unknown>;
        const ungated = backward04(x, y, p, false);
        for (const key of ["dW2", "db2", "dW1", "db1"] as const) {
          const name = key.slice(1) as keyof SmallParams;
          const numeric = numericalGradient((w) => lossOf({ ...p, [name]: w }), copyOf(p[name]));
          expectArray(
            grads[key],
            numeric,
            `${key} of ${label}`,
            {
              dW2: "dW2 = dz2 times a1, as a (1, 4) row, with dz2 = a2 − y.",
              db2: "db2 = dz2, shape (1,).",
              dW1:
                "dW1[i, j] = dz1[i] · x[j], where dz1 = W2ᵀ·dz2 gated by relu'(z1); shape (4, 3).",
              db1: "db1 = dz1: the hidden blame after the ReLU gate, shape (4,).",
            }[key],
            GRADIENT,
            (g) =>
              key === "dW1" && g.shape.length === 2 && g.shape[0] === 3
                ? "Rows and columns are swapped: dW1 has W1's shape (4, 3)."
                : sameValues(g, mapArray(numeric, (v) => -v))
                ? "The sign is flipped: dL/dz2 = a2 − y, not y − a2."
                : (key === "dW1" || key === "db1") && sameValues(g, ungated[key])
                ? "The ReLU gate is missing: dz1 = (W2ᵀ · dz2) times relu'(z1), 0 for a unit that was off."
                : undefined,
          );
        }
      }
      return "dW1, db1, dW2, db2 match central differences of the loss, for y = 1 and y = 0, with a unit off; x, params and cache left unchanged";
    },
  },
  {
    id: "04.sgd_update",
    task: "subtract lr × each gradient from its parameter, in place",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "sgd_update");
      const rs = new RandomState(100);
      const params = smallParams(rs);
      const before = cloneParams(params);
      const grads = {
        dW1: randomArray(rs, [4, 3]),
        db1: randomArray(rs, [4]),
        dW2: randomArray(rs, [1, 4]),
        db2: randomArray(rs, [1]),
      };
      const gradsBefore = cloneParams(grads);
      const objects = { ...params };
      attempt(
        "sgd_update(params, grads, 0.3)",
        () => f(params as never, grads as never, 0.3 as never),
      );
      for (const [key, value] of Object.entries(grads)) {
        expectUnchanged(
          value,
          gradsBefore[key as keyof typeof grads],
          "sgd_update(params, grads, 0.3)",
          `grads.${key}`,
        );
      }
      for (const name of ["W1", "b1", "W2", "b2"] as const) {
        if (params[name] !== objects[name]) {
          fail(`params.${name} was replaced by a new array: update it in place (subtractInPlace).`);
        }
        const g = grads[`d${name}`];
        const step = (rate: number) =>
          new NDArray(before[name].data.map((v, i) => v - rate * g.data[i]), [
            ...before[name].shape,
          ]);
        expectArray(
          params[name],
          step(0.3),
          `params.${name} after sgd_update(params, grads, 0.3)`,
          sameValues(params[name], before[name], EXACT)
            ? `params.${name} did not change.`
            : sameValues(params[name], step(-0.3), EXACT)
            ? "That step goes along the gradient: subtract lr × each gradient."
            : sameValues(params[name], step(1), EXACT)
            ? "The parameter moved by its whole gradient: multiply it by lr first."
            : "Each parameter moves by lr times its gradient, against it.",
        );
      }
      return "all four parameters step against their gradients, in place, by lr; the gradients untouched";
    },
  },
  {
    id: "04.numerical_gradient",
    task:
      "fill num_dW1 and num_dW2 by central differences: nudge each weight by ±eps, measure the loss, put the weight back",
    needs: ["04.forward"],
    run(answer) {
      const f = asFunction(answer, "numerical_gradient");
      const rs = new RandomState(110);
      const p = smallParams(rs);
      const x = randomArray(rs, [3]);
      const y = 1;
      // a large eps: a one-sided difference is then far from the central one
      const eps = 1e-3;
      const before = cloneParams(p);
      const lossOf = (q: SmallParams) =>
        binaryCrossEntropy(smallForward(x, q).a2.data[0], y, 1e-12);
      const label = `numerical_gradient(params, x, 1, ${eps})`;
      const got = attempt(
        label,
        () => f(p as never, copyOf(x) as never, y as never, eps as never),
      );
      if (!Array.isArray(got) || got.length !== 2) {
        fail(`${label} should return [num_dW1, num_dW2], got ${describe(got)}`);
      }
      for (const name of ["W1", "W2", "b1", "b2"] as const) {
        const changed = firstDifference(p[name], before[name], { rtol: 0, atol: 0 });
        if (changed >= 0) {
          fail(
            `params.${name} was not restored: ${indexText(changed, p[name].shape)} is ${
              str(p[name].data[changed])
            }, was ${str(before[name].data[changed])}. Put each weight back after its two nudges.`,
          );
        }
      }
      // differences of the loss with this eps: `plus` and `minus` nudge one weight each way
      const differences = (name: "W1" | "W2", plus: number, minus: number) => {
        const out = copyOf(before[name]);
        for (let i = 0; i < out.size; i++) {
          const at = (shift: number) => {
            const w = copyOf(before[name]);
            w.data[i] += shift * eps;
            return lossOf({ ...before, [name]: w });
          };
          out.data[i] = (at(plus) - at(-minus)) / ((plus + minus) * eps);
        }
        return out;
      };
      const hint = "(loss with w + eps − loss with w − eps) / (2·eps), one weight at a time.";
      const diagnose = (name: "W1" | "W2", central: NDArray) => (g: NDArray) =>
        sameValues(g, mapArray(central, (v) => 2 * v), NUMERIC)
          ? "Twice too large: divide by 2·eps, the distance between the two nudges."
          : sameValues(g, differences(name, 1, 0), NUMERIC) ||
              sameValues(g, differences(name, 0, 1), NUMERIC)
          ? "That is a one-sided difference, (loss(w + eps) − loss(w)) / eps: the task asks for central differences, (loss(w + eps) − loss(w − eps)) / (2·eps), whose error shrinks with eps² rather than eps."
          : undefined;
      const central1 = differences("W1", 1, 1);
      const central2 = differences("W2", 1, 1);
      expectArray(got[0], central1, `num_dW1 of ${label}`, hint, NUMERIC, diagnose("W1", central1));
      expectArray(got[1], central2, `num_dW2 of ${label}`, hint, NUMERIC, diagnose("W2", central2));
      return "central differences with the given eps (not one-sided) for every weight of W1 and W2, and every parameter put back exactly";
    },
  },
];

// ---------- notebook 05: the softmax classifier ----------

type Net05 = Record<string, unknown> & {
  W1: NDArray;
  b1: NDArray;
  W2: NDArray;
  b2: NDArray;
  cache: Record<string, NDArray>;
};

function case05(seed: number, n = 6, inputs = 2, hidden = 5, classes = 3) {
  const rs = new RandomState(seed);
  const weights = {
    W1: randomArray(rs, [inputs, hidden], 0.8),
    b1: randomArray(rs, [1, hidden], 0.1),
    W2: randomArray(rs, [hidden, classes], 0.8),
    b2: randomArray(rs, [1, classes], 0.1),
  };
  const X = randomArray(rs, [n, inputs]);
  const Y = new NDArray(new Float64Array(n * classes), [n, classes]);
  for (let i = 0; i < n; i++) Y.data[i * classes + ((i * 7 + seed) % classes)] = 1;
  return { weights, X, Y };
}

/**
 * The forward pass of a network with `layers` layers of weights W1, b1, …:
 * ReLU between layers, softmax at the end; every z and a kept by name.
 */
function forwardLayers(X: NDArray, w: Record<string, NDArray>, layers: number) {
  const cache: Record<string, NDArray> = { X };
  let a = X;
  for (let layer = 1; layer <= layers; layer++) {
    const z = plus(product(a, w[`W${layer}`]), w[`b${layer}`]);
    a = layer < layers ? mapArray(z, relu) : softmaxRows(z);
    cache[`z${layer}`] = z;
    cache[`a${layer}`] = a;
  }
  return cache;
}

function forward05(X: NDArray, w: { W1: NDArray; b1: NDArray; W2: NDArray; b2: NDArray }) {
  return forwardLayers(X, w, 2) as Record<"X" | "z1" | "a1" | "z2" | "a2", NDArray>;
}

/** A network object of the learner's class, made without its constructor (which would draw random numbers). */
function instanceOfNet(
  answer: unknown,
  weights: Record<string, NDArray>,
  className = "TwoLayerNet",
): Net05 {
  if (typeof answer !== "function" || typeof answer.prototype !== "object") {
    fail(`expected the class ${className}, got ${describe(answer)}`);
  }
  const net = Object.create(answer.prototype) as Net05;
  Object.assign(net, cloneParams(weights), { cache: {} });
  return net;
}

/** Each of `keys` in the learner's `this.cache` must equal the reference's. */
function expectCache(net: Net05, ref: Record<string, NDArray>, keys: string[], label: string) {
  for (const key of keys) {
    expectArray(
      net.cache?.[key],
      ref[key],
      `this.cache.${key} after ${label}`,
      "backward reads the forward pass's values from this.cache.",
    );
  }
}

/** `a` times `factor`, entry by entry. */
function scaled(a: NDArray, factor: number): NDArray {
  return mapArray(a, (v) => v * factor);
}

/**
 * The analytic gradients of the mean cross-entropy of the `layers`-layer
 * network of {@link forwardLayers}, worked out entry by entry; `gated(h)`
 * says whether the blame is gated by relu'(z_h) at hidden layer h.
 */
function backpropLayers(
  c: { weights: Record<string, NDArray>; X: NDArray; Y: NDArray },
  layers: number,
  gated: (hidden: number) => boolean = () => true,
): Record<string, NDArray> {
  const cache = forwardLayers(c.X, c.weights, layers);
  const m = c.X.shape[0];
  const top = cache[`a${layers}`];
  let dz = new NDArray(top.data.map((v, i) => v - c.Y.data[i]), [...top.shape]);
  const grads: Record<string, NDArray> = {};
  for (let layer = layers; layer >= 1; layer--) {
    const input = layer === 1 ? c.X : cache[`a${layer - 1}`];
    grads[`dW${layer}`] = scaled(product(transposed(input), dz), 1 / m);
    const [n, k] = dz.shape;
    const db = new NDArray(new Float64Array(k), [1, k]);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) db.data[j] += dz.data[i * k + j] / m;
    grads[`db${layer}`] = db;
    if (layer > 1) {
      const blame = product(dz, transposed(c.weights[`W${layer}`]));
      const z = cache[`z${layer - 1}`];
      dz = gated(layer - 1)
        ? new NDArray(blame.data.map((v, i) => v * reluSlope(z.data[i])), [...blame.shape])
        : blame;
    }
  }
  return grads;
}

/**
 * Each gradient in `keys` (dW1, db1, …) of the learner's result must match
 * central differences of the mean cross-entropy of the `layers`-layer
 * network at the case's weights; the usual slips are named: m times too
 * large, rows and columns swapped, a bias gradient without keepdims, the
 * sign flipped, a ReLU gate left out.
 */
function expectGradients(
  grads: Record<string, unknown>,
  c: { weights: Record<string, NDArray>; X: NDArray; Y: NDArray },
  layers: number,
  keys: string[],
  hints: Record<string, string>,
  label: string,
) {
  const m = c.X.shape[0];
  const ungated = Array.from(
    { length: layers },
    (_, h) => backpropLayers(c, layers, (g) => g !== h),
  );
  for (const key of keys) {
    const name = key.slice(1);
    const numeric = numericalGradient(
      (w) =>
        crossEntropy(forwardLayers(c.X, { ...c.weights, [name]: w }, layers)[`a${layers}`], c.Y),
      copyOf(c.weights[name]),
    );
    expectArray(
      grads[key],
      numeric,
      `${key} of ${label}`,
      hints[key],
      GRADIENT,
      (g) => {
        if (!sameShape(g.shape, numeric.shape)) {
          if (
            g.shape.length === 2 && g.shape[0] === numeric.shape[1] &&
            g.shape[1] === numeric.shape[0]
          ) {
            return `Rows and columns are swapped: ${key} has ${name}'s shape ${
              shapeToString(numeric.shape)
            }.`;
          }
          if (g.size === numeric.size) {
            return `Sum over the examples with keepdims: true, so that ${key} keeps ${name}'s shape ${
              shapeToString(numeric.shape)
            }.`;
          }
          return undefined;
        }
        if (sameValues(g, scaled(numeric, m))) {
          return `${m} times too large: the loss is a mean over the ${m} examples, so divide by m.`;
        }
        if (sameValues(g, scaled(numeric, -1))) {
          return `The sign is flipped: the output's blame is dz${layers} = a${layers} − y_true.`;
        }
        for (let h = 1; h < layers; h++) {
          if (sameValues(g, ungated[h][key])) {
            return `The ReLU gate is missing: dz${h} is the blame from the layer above gated by relu'(z${h}), 0 where a unit was off.`;
          }
        }
        return undefined;
      },
    );
  }
}

function method05(net: Net05, name: string): (...args: never[]) => unknown {
  const m = net[name];
  if (typeof m !== "function") {
    fail(`${net.constructor?.name || "the class"} has no method ${name}`);
  }
  return (m as (...args: never[]) => unknown).bind(net);
}

type Weights3 = Record<"W1" | "b1" | "W2" | "b2" | "W3" | "b3", NDArray>;

/** A 2-5-4-classes network with n examples; labels as in case05. */
function case3(seed: number, n: number, classes: number) {
  const rs = new RandomState(seed);
  const weights: Weights3 = {
    W1: randomArray(rs, [2, 5], 0.9),
    b1: randomArray(rs, [1, 5], 0.2),
    W2: randomArray(rs, [5, 4], 0.7),
    b2: randomArray(rs, [1, 4], 0.2),
    W3: randomArray(rs, [4, classes], 0.7),
    b3: randomArray(rs, [1, classes], 0.1),
  };
  const X = randomArray(rs, [n, 2]);
  const Y = new NDArray(new Float64Array(n * classes), [n, classes]);
  for (let i = 0; i < n; i++) Y.data[i * classes + ((i * 5 + seed) % classes)] = 1;
  return { weights, X, Y };
}

function forward3(X: NDArray, w: Weights3) {
  return forwardLayers(X, w, 3) as Record<"X" | "z1" | "a1" | "z2" | "a2" | "z3" | "a3", NDArray>;
}

const EXERCISES_05: ExerciseSpec[] = [
  {
    id: "05.relu_grad",
    task: "return 1 where x > 0, else 0 (as float64 numbers)",
    needs: [],
    run: checkReluSlope("relu_grad"),
  },
  {
    id: "05.softmax",
    task:
      "return each row's probabilities: e^x over the row's sum of e^x, after subtracting the row's max",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "softmax");
      const cases: [string, NDArray][] = [
        ["a (4, 3) batch", randomArray(new RandomState(120), [4, 3], 2)],
        [
          "large scores [[1000, 1001], [-1000, -1002]]",
          arrayOf([1000, 1001, -1000, -1002], [2, 2]),
        ],
        ["a tie [[0, 0]]", arrayOf([0, 0], [1, 2])],
      ];
      for (const [name, x] of cases) {
        const label = `softmax(x) for ${name}`;
        const got = callPure(label, f, [x], ["x"]);
        const expected = softmaxRows(x);
        expectArray(
          got,
          expected,
          label,
          "Each row: e^(x − row max), divided by that row's sum.",
          EXACT,
          (g) => {
            if (!sameShape(g.shape, expected.shape)) return undefined;
            if (g.data.some((v) => !Number.isFinite(v))) {
              return topRowRight(x, g, expected)
                ? "A row far below the largest score came out 0 / 0: subtract each row's own max (axis 1, keepdims), not the whole array's."
                : "e^1000 overflows: subtract each row's max before exp (it leaves the result unchanged).";
            }
            const [n, k] = g.shape;
            for (let r = 0; r < n; r++) {
              let rowSum = 0;
              for (let j = 0; j < k; j++) rowSum += g.data[r * k + j];
              if (!close(rowSum, 1, EXACT)) {
                return "Each row must add up to 1: normalise by each row's sum (axis 1, keepdims), not over the whole array or a column.";
              }
            }
            return undefined;
          },
        );
      }
      return "rows of probabilities that add up to 1, stable for scores of ±1000 in rows far apart, x left unchanged";
    },
  },
  {
    id: "05.forward",
    task:
      "compute z1, a1, z2, a2 with this network's weights, keep { X, z1, a1, z2, a2 } in this.cache, return a2",
    needs: ["05.softmax"],
    run(answer) {
      for (const seed of [130, 131]) {
        const c = case05(seed, seed === 130 ? 6 : 1, 2, seed === 130 ? 5 : 4, seed === 130 ? 2 : 3);
        const net = instanceOfNet(answer, c.weights);
        const label = `net.forward(X) with X ${shapeToString(c.X.shape)}, W1 ${
          shapeToString(c.weights.W1.shape)
        }, W2 ${shapeToString(c.weights.W2.shape)}`;
        const got = callPure(label, method05(net, "forward"), [c.X], ["X"]);
        const ref = forward05(c.X, c.weights);
        const { W1, W2, b2 } = c.weights;
        expectArray(
          got,
          ref.a2,
          label,
          "a2 = softmax(a1 · W2 + b2), with a1 = relu(X · W1 + b1).",
          EXACT,
          (g) =>
            sameValues(g, softmaxRows(plus(product(ref.z1, W2), b2)), EXACT)
              ? "The ReLU is missing: a1 = relu(z1), and the second layer takes a1."
              : sameValues(g, softmaxRows(product(mapArray(product(c.X, W1), relu), W2)), EXACT)
              ? "The biases are missing: z1 = X · W1 + b1 and z2 = a1 · W2 + b2."
              : sameValues(g, mapArray(ref.z2, logistic), EXACT)
              ? "That is a sigmoid of z2: the output is softmax(z2), rows that add up to 1."
              : undefined,
        );
        expectCache(net, ref, ["z1", "a1", "z2", "a2"], label);
      }
      return "returns the softmax output and caches X, z1, a1, z2, a2, for 6 examples and for 1, X left unchanged";
    },
  },
  {
    id: "05.backward",
    task:
      "return { dW1, db1, dW2, db2 }, averaged over the m examples (softmax with cross-entropy gives dz2 = a2 − y_true)",
    needs: ["05.relu_grad"],
    run(answer) {
      for (const seed of [140, 141]) {
        const c = case05(seed, seed === 140 ? 6 : 3, 2, 5, seed === 140 ? 2 : 3);
        const net = instanceOfNet(answer, c.weights);
        net.cache = forward05(c.X, c.weights);
        const m = c.X.shape[0];
        const label = `net.backward(y_true) for ${m} examples and ${c.Y.shape[1]} classes`;
        const got = attempt(label, () => method05(net, "backward")(copyOf(c.Y) as never));
        if (!(got instanceof Object)) {
          fail(`${label} should return { dW1, db1, dW2, db2 }, got ${describe(got)}`);
        }
        const grads = got as Record<string, unknown>;
        expectGradients(
          grads,
          c,
          2,
          ["dW2", "db2", "dW1", "db1"],
          {
            dW2:
              "dW2 = a1ᵀ · dz2 / m, where dz2 = a2 − y_true is the softmax-with-cross-entropy gradient at z2.",
            db2: "db2: dz2 summed over the examples (axis 0, keepdims) and divided by m.",
            dW1: "dW1 = Xᵀ · dz1 / m, where dz1 = (dz2 · W2ᵀ) gated by relu'(z1).",
            db1: "db1: dz1 summed over the examples (axis 0, keepdims) and divided by m.",
          },
          label,
        );
      }
      return "dW1, db1, dW2, db2 match central differences of the mean cross-entropy, for 2 and 3 classes";
    },
  },
  {
    id: "05.compute_loss",
    task: "return the mean over the examples of −log(probability of the true class + 1e-8)",
    needs: [],
    run(answer) {
      for (const seed of [150, 151]) {
        const c = case05(seed, seed === 150 ? 6 : 4, 2, 4, 3);
        const P = forward05(c.X, c.weights).a2;
        const net = instanceOfNet(answer, c.weights);
        const m = c.X.shape[0];
        const label = `net.compute_loss(y_pred, y_true) for ${m} examples, 3 classes`;
        const got = callPure(label, method05(net, "compute_loss"), [P, c.Y], ["y_pred", "y_true"]);
        const expected = crossEntropy(P, c.Y, 1e-8);
        expectNumber(
          got,
          expected,
          label,
          "Pick each row's probability of its true class, take −log(p + 1e-8), then the mean.",
          EXACT,
          (v) =>
            close(v, -expected, EXACT)
              ? "The sign is flipped: −log of a probability is positive."
              : close(v, expected * m, EXACT)
              ? "That is the sum; take the mean over the examples."
              : close(v, expected / 3, EXACT)
              ? "Divided by m·classes: the mean is over the m examples, one −log p per row."
              : undefined,
        );
      }
      const P = arrayOf([0, 1, 0.5, 0.5], [2, 2]);
      const Y = arrayOf([1, 0, 0, 1], [2, 2]);
      const net = instanceOfNet(answer, case05(152).weights);
      const got = attempt(
        "net.compute_loss for a probability of exactly 0",
        () => method05(net, "compute_loss")(P as never, Y as never),
      );
      expectNumber(
        got,
        crossEntropy(P, Y, 1e-8),
        "the loss when the true class has probability 0",
        "Add 1e-8 inside the log so that it stays finite.",
      );
      return "the mean cross-entropy as a number, finite when the true class has probability 0, the inputs left unchanged";
    },
  },
  {
    id: "05.train_step",
    task: "subtract lr × each gradient from its parameter, in place",
    needs: [],
    run(answer) {
      const c = case05(160);
      const net = instanceOfNet(answer, c.weights);
      const objects = { W1: net.W1, b1: net.b1, W2: net.W2, b2: net.b2 };
      const rs = new RandomState(161);
      const grads = {
        dW1: randomArray(rs, [2, 5]),
        db1: randomArray(rs, [1, 5]),
        dW2: randomArray(rs, [5, 3]),
        db2: randomArray(rs, [1, 3]),
      };
      // the check's own forward, loss and backward: only the update is being checked
      Object.assign(net, {
        forward: (X: NDArray) => forward05(X, c.weights).a2,
        compute_loss: () => 0.625,
        backward: () => grads,
      });
      const label = "net.train_step(X, y, 0.5)";
      const got = attempt(
        label,
        () => method05(net, "train_step")(copyOf(c.X) as never, copyOf(c.Y) as never, 0.5 as never),
      );
      for (const name of ["W1", "b1", "W2", "b2"] as const) {
        if (net[name] !== objects[name]) {
          fail(`this.${name} was replaced by a new array: update it in place (subtractInPlace).`);
        }
        const g = grads[`d${name}`];
        const step = (rate: number) =>
          new NDArray(c.weights[name].data.map((v, i) => v - rate * g.data[i]), [...g.shape]);
        expectArray(
          net[name],
          step(0.5),
          `this.${name} after ${label}`,
          sameValues(net[name], c.weights[name], EXACT)
            ? `this.${name} did not change.`
            : sameValues(net[name], step(-0.5), EXACT)
            ? "That step goes along the gradient: subtract lr × each gradient."
            : sameValues(net[name], step(1), EXACT)
            ? "The parameter moved by its whole gradient: multiply it by lr first."
            : "Each parameter moves by lr times its gradient, against it.",
        );
      }
      expectNumber(
        got,
        0.625,
        `the value ${label} returns`,
        "train_step returns the loss of the forward pass.",
      );
      return "the four parameters step against their gradients by lr, in place, and the loss is returned";
    },
  },
  {
    id: "05.tanh_grad",
    task: "return the slope of tanh at x, entry by entry: 1 − tanh(x)²",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "tanh_grad");
      const rs = new RandomState(170);
      for (const z of [ELEMENTWISE_INPUT, randomArray(rs, [3, 4], 2)]) {
        const label = `tanh_grad(x) for x of shape ${shapeToString(z.shape)}`;
        const got = callPure(label, f, [z], ["x"]);
        const numeric = mapArray(z, (v) => (Math.tanh(v + 1e-6) - Math.tanh(v - 1e-6)) / 2e-6);
        expectArray(got, numeric, label, "", GRADIENT, (g) => {
          if (sameValues(g, mapArray(z, Math.tanh), EXACT)) {
            return "That is tanh itself; its slope is 1 − tanh(x)².";
          }
          if (sameValues(g, mapArray(z, (v) => 1 - v * v), GRADIENT)) {
            return "Square tanh(x), not x: the slope is 1 − tanh(x)².";
          }
          if (sameValues(g, mapArray(z, (v) => 1 - Math.tanh(v)), GRADIENT)) {
            return "tanh(x) is not squared: the slope is 1 − tanh(x)².";
          }
          return "The slope of tanh is 1 − tanh(x)²: 1 at 0, near 0 far from 0.";
        });
      }
      return "1 at 0, near 0 for large |x|, agreeing with central differences, x left unchanged";
    },
  },
  {
    id: "05.leaky_relu_grad",
    task: "return 1 where x > 0 and alpha elsewhere (alpha defaults to 0.01), as float64 numbers",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "leaky_relu_grad");
      const rs = new RandomState(171);
      const leak = (alpha: number) => (v: number) => (v > 0 ? 1 : alpha);
      for (
        const [z, alpha] of [[ELEMENTWISE_INPUT, undefined], [
          randomArray(rs, [2, 5]),
          0.2,
        ]] as const
      ) {
        const label = `leaky_relu_grad(x${
          alpha === undefined ? "" : `, ${alpha}`
        }) for x of shape ${shapeToString(z.shape)}`;
        const got = callPure(label, f, [z, alpha], ["x", "alpha"]);
        const expected = mapArray(z, leak(alpha ?? 0.01));
        expectArray(got, expected, label, "", EXACT, (g) => {
          if (!sameShape(g.shape, z.shape)) return undefined;
          if (sameValues(g, mapArray(z, reluSlope), EXACT)) {
            return "That is ReLU's slope: below 0 the leaky ReLU's slope is alpha, not 0.";
          }
          if (alpha !== undefined && sameValues(g, mapArray(z, leak(0.01)), EXACT)) {
            return `alpha is ${alpha} here: use the alpha passed in, not a fixed 0.01.`;
          }
          if (sameValues(g, mapArray(z, (v) => (v > 0 ? v : (alpha ?? 0.01) * v)), EXACT)) {
            return "That is the leaky ReLU itself; its slope is 1 above 0 and alpha elsewhere.";
          }
          const at = firstDifference(g, expected, EXACT);
          if (at >= 0 && z.data[at] === 0) {
            return "At exactly 0 take the slope as alpha: use x > 0.";
          }
          return "The leaky ReLU is x above 0 and alpha·x below: slope 1 above 0, alpha elsewhere.";
        });
        expectFloat64(got as NDArray, label);
      }
      return "slope 1 above 0 and alpha at 0 and below, with alpha 0.01 by default and 0.2 given, as float64 numbers, x left unchanged";
    },
  },
  {
    id: "05.mini_batches",
    task:
      "yield [X_batch, y_batch] pairs of batch_size rows (the last one may be shorter), in an order drawn by rs.permutation each epoch, each X row with its own y row",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "mini_batches");
      // rows that say which example they are: X[i] = [i + 0.25, 100 − i], y[i, j] = 1000 + 10·i + j
      const dataset = (n: number) => {
        const X = new NDArray(new Float64Array(n * 2), [n, 2]);
        const y = new NDArray(new Float64Array(n * 3), [n, 3]);
        for (let i = 0; i < n; i++) {
          X.data[2 * i] = i + 0.25;
          X.data[2 * i + 1] = 100 - i;
          for (let j = 0; j < 3; j++) y.data[3 * i + j] = 1000 + 10 * i + j;
        }
        return { X, y };
      };
      const cases: [number, number][] = [[23, 5], [16, 8], [23, 32], [7, 1]];
      for (const [n, size] of cases) {
        const { X, y } = dataset(n);
        const Xg = copyOf(X);
        const yg = copyOf(y);
        const rs = new RandomState(180 + n + size);
        const label = `mini_batches(X, y, ${size}, rs) for ${n} examples`;
        const orders: number[][] = [];
        const used: boolean[] = [];
        for (const epoch of [1, 2]) {
          const what = `${label}, epoch ${epoch}`;
          const state = rs.getState();
          const batches = attempt(what, () => {
            const out = f(Xg as never, yg as never, size as never, rs as never);
            if (out === null || typeof out !== "object" || !(Symbol.iterator in out)) {
              fail(`${what} should yield [X_batch, y_batch] pairs, got ${describe(out)}`);
            }
            return [...(out as Iterable<unknown>)];
          });
          used.push(!sameState(state, rs.getState()));
          const expectedSizes: number[] = [];
          for (let start = 0; start < n; start += size) {
            expectedSizes.push(Math.min(size, n - start));
          }
          const sizes = batches.map((b) =>
            Array.isArray(b) && b[0] instanceof NDArray ? b[0].shape[0] : NaN
          );
          batches.forEach((b, k) => {
            if (
              !Array.isArray(b) || b.length !== 2 || !(b[0] instanceof NDArray) ||
              !(b[1] instanceof NDArray)
            ) {
              fail(`${what}: batch ${k} should be a pair [X_batch, y_batch], got ${describe(b)}`);
            }
            if (b[0].shape.length !== 2 || b[0].shape[1] !== 2) {
              fail(
                `${what}: X_batch ${k} has shape ${
                  shapeToString(b[0].shape)
                }, expected (rows, 2). Take whole rows of X (axis 0).`,
              );
            }
            if (!sameShape(b[1].shape, [b[0].shape[0], 3])) {
              fail(
                `${what}: y_batch ${k} has shape ${shapeToString(b[1].shape)} next to X_batch ${
                  shapeToString(b[0].shape)
                }: take the same rows of y as of X.`,
              );
            }
          });
          if (sizes.join() !== expectedSizes.join()) {
            const hint = sizes.length < expectedSizes.length
              ? `The last ${n % size} examples are missing: keep the short batch at the end.`
              : `Batches of ${size} rows, and one shorter batch with whatever is left.`;
            fail(
              `${what} gave batches of ${sizes.join(", ") || "nothing"} rows, expected ${
                expectedSizes.join(", ")
              }. ${hint}`,
            );
          }
          const order: number[] = [];
          for (const [Xb, yb] of batches as [NDArray, NDArray][]) {
            for (let r = 0; r < Xb.shape[0]; r++) {
              const i = Math.round(Xb.data[2 * r] - 0.25);
              if (
                !(i >= 0 && i < n) || Xb.data[2 * r] !== i + 0.25 || Xb.data[2 * r + 1] !== 100 - i
              ) {
                fail(
                  `${what}: row ${order.length} of the batches is not a row of X. Take whole rows of X.`,
                );
              }
              for (let j = 0; j < 3; j++) {
                if (yb.data[3 * r + j] !== 1000 + 10 * i + j) {
                  fail(
                    `${what}: X row ${i} came with a y row that is not its own: shuffle X and y with the same order.`,
                  );
                }
              }
              order.push(i);
            }
          }
          const seen = new Array(n).fill(0);
          for (const i of order) seen[i]++;
          const twice = seen.findIndex((c) => c > 1);
          if (twice >= 0) {
            fail(
              `${what}: example ${twice} came ${
                seen[twice]
              } times in one epoch. Draw one permutation of 0…n−1 per epoch and cut it into batches, instead of drawing rows with replacement.`,
            );
          }
          if (!sameValues(Xg, X, EXACT) || !sameValues(yg, y, EXACT)) {
            fail(
              `${what} changed X or y: leave them as they are and take shuffled copies of rows.`,
            );
          }
          orders.push(order);
        }
        if (n > 2 && orders[0].every((i, k) => i === k)) {
          fail(
            `${label}: the examples come in their original order. Shuffle them, with rs.permutation.`,
          );
        }
        if (n > 2 && orders[0].join() === orders[1].join()) {
          fail(
            `${label}: two epochs came in the same order. Draw a new permutation from rs each time mini_batches is called.`,
          );
        }
        expectPermutations(orders, used, 180 + n + size, label);
      }
      return "every example exactly once per epoch, with its own label, in batches of the given size and a shorter last one, in the order rs.permutation draws, a new one each epoch; X and y left unchanged";
    },
  },
  {
    id: "05.l2_loss_and_grads",
    task:
      "return { loss, grads }: the network's cross-entropy plus (lam / 2)·(ΣW1² + ΣW2²), and backward's gradients with lam·W added to dW1 and dW2 (biases not penalised)",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "l2_loss_and_grads");
      for (const [seed, lam, classes] of [[190, 0.1, 2], [191, 0.7, 3], [192, 0, 2]] as const) {
        const c = case05(seed, 6, 2, 4, classes);
        // biases well away from 0, so that penalising them shows
        for (const key of ["b1", "b2"] as const) {
          c.weights[key] = mapArray(c.weights[key], (v) => v + (v >= 0 ? 0.5 : -0.5));
        }
        type W = typeof c.weights;
        const dataLoss = (w: W) => crossEntropy(forward05(c.X, w).a2, c.Y, 1e-8);
        const squares = (w: W) =>
          sumOf(mapArray(w.W1, (v) => v * v)) + sumOf(mapArray(w.W2, (v) => v * v));
        const total = (w: W) => dataLoss(w) + (lam / 2) * squares(w);
        const numeric = (loss: (w: W) => number, name: keyof W) =>
          numericalGradient((v) => loss({ ...c.weights, [name]: v }), copyOf(c.weights[name]));
        // the check's own network: forward, loss and backward (by central differences) are not being checked
        const net = {
          ...cloneParams(c.weights),
          cache: {} as Record<string, NDArray>,
          forward(X: NDArray) {
            this.cache = forward05(X, this);
            return this.cache.a2;
          },
          compute_loss: (P: NDArray, Y: NDArray) => crossEntropy(P, Y, 1e-8),
          backward: () => ({
            dW1: numeric(dataLoss, "W1"),
            db1: numeric(dataLoss, "b1"),
            dW2: numeric(dataLoss, "W2"),
            db2: numeric(dataLoss, "b2"),
          }),
        };
        const label = `l2_loss_and_grads(net, X, y_true, ${lam}) for ${classes} classes`;
        const got = callPure(label, f, [net, c.X, c.Y, lam], ["net", "X", "y_true", "lam"]);
        for (const name of ["W1", "b1", "W2", "b2"] as const) {
          expectUnchanged(net[name], c.weights[name], label, `net.${name}`);
        }
        if (got === null || typeof got !== "object" || !("loss" in got) || !("grads" in got)) {
          fail(`${label} should return { loss, grads }, got ${describe(got)}`);
        }
        const { loss, grads } = got as { loss: unknown; grads: Record<string, unknown> };
        const expected = total(c.weights);
        let hint = "The loss is the cross-entropy plus (lam / 2)·(ΣW1² + ΣW2²).";
        if (typeof loss === "number" || loss instanceof NDArray) {
          const value = typeof loss === "number" ? loss : loss.data[0];
          const biases = sumOf(mapArray(c.weights.b1, (v) => v * v)) +
            sumOf(mapArray(c.weights.b2, (v) => v * v));
          if (close(value, expected + (lam / 2) * biases, EXACT)) {
            hint = "The biases are penalised too: the penalty is on W1 and W2 only.";
          } else if (close(value, dataLoss(c.weights) + lam * squares(c.weights), EXACT)) {
            hint = "The penalty is twice too large: (lam / 2)·Σw², whose slope is lam·w.";
          } else if (close(value, dataLoss(c.weights), EXACT)) {
            hint = "That is the cross-entropy alone: add (lam / 2)·(ΣW1² + ΣW2²).";
          }
        }
        expectNumber(loss, expected, `the loss of ${label}`, hint);
        if (grads === null || typeof grads !== "object") {
          fail(`grads of ${label} should be { dW1, db1, dW2, db2 }, got ${describe(grads)}`);
        }
        for (const key of ["dW1", "db1", "dW2", "db2"] as const) {
          const name = key.slice(1) as keyof W;
          const reference = numeric(total, name);
          const isBias = name === "b1" || name === "b2";
          expectArray(
            grads[key],
            reference,
            `${key} of ${label}`,
            isBias
              ? `The penalty leaves the biases alone: ${key} is backward's ${key} unchanged.`
              : `${key} is backward's ${key} plus lam·${name}.`,
            GRADIENT,
            (g) => {
              if (isBias && lam > 0) {
                const penalised = plus(reference, mapArray(c.weights[name], (v) => lam * v));
                if (sameValues(g, penalised)) {
                  return `lam·${name} was added to ${key}: biases are not penalised, so ${key} stays as backward gives it.`;
                }
              }
              if (!isBias && lam > 0) {
                const twice = new NDArray(
                  reference.data.map((v, i) => v + lam * c.weights[name].data[i]),
                  [...reference.shape],
                );
                if (sameValues(g, twice)) {
                  return `2·lam·${name} was added: the slope of (lam / 2)·Σw² is lam·w.`;
                }
                const bare = numeric(dataLoss, name);
                if (sameValues(g, bare)) {
                  return `That is backward's ${key} alone: add lam·${name}, the slope of the penalty.`;
                }
              }
              return undefined;
            },
          );
        }
      }
      return "the loss with (lam / 2)·(ΣW1² + ΣW2²) and all four gradients agree with central differences, biases not penalised, the network's weights left unchanged";
    },
  },
  {
    id: "05.three_layer_forward",
    task:
      "compute z1, a1 = relu(z1), z2, a2 = relu(z2), z3, a3 = softmax(z3) with this network's weights, keep { X, z1, a1, z2, a2, z3, a3 } in this.cache, return a3",
    needs: ["05.softmax"],
    run(answer) {
      for (const [seed, n, classes] of [[200, 6, 2], [201, 1, 3]] as const) {
        const c = case3(seed, n, classes);
        const net = instanceOfNet(answer, c.weights, "ThreeLayerNet");
        const label = `net.forward(X) with X ${shapeToString(c.X.shape)}, W1 ${
          shapeToString(c.weights.W1.shape)
        }, W2 ${shapeToString(c.weights.W2.shape)}, W3 ${shapeToString(c.weights.W3.shape)}`;
        const got = callPure(label, method05(net, "forward"), [c.X], ["X"]);
        const ref = forward3(c.X, c.weights);
        const { W3, b3 } = c.weights;
        expectArray(
          got,
          ref.a3,
          label,
          "a3 = softmax(a2 · W3 + b3), with a2 = relu(a1 · W2 + b2) and a1 = relu(X · W1 + b1).",
          EXACT,
          (g) =>
            sameValues(g, softmaxRows(plus(product(ref.z2, W3), b3)), EXACT)
              ? "The second ReLU is missing: a2 = relu(z2), and the third layer takes a2."
              : sameValues(g, mapArray(ref.z3, relu), EXACT)
              ? "The output is softmax(z3), not a ReLU: rows of probabilities."
              : undefined,
        );
        expectCache(net, ref, ["z1", "a1", "z2", "a2", "z3", "a3"], label);
      }
      return "returns the softmax output of three layers and caches X, z1, a1, z2, a2, z3, a3, for 6 examples and for 1, X left unchanged";
    },
  },
  {
    id: "05.three_layer_backward",
    task:
      "return { dW1, db1, dW2, db2, dW3, db3 }, averaged over the m examples: dz3 = a3 − y_true, then back through W3, relu'(z2), W2, relu'(z1)",
    needs: ["05.relu_grad"],
    run(answer) {
      for (const [seed, n, classes] of [[210, 6, 2], [211, 3, 3]] as const) {
        const c = case3(seed, n, classes);
        const net = instanceOfNet(answer, c.weights, "ThreeLayerNet");
        net.cache = forward3(c.X, c.weights);
        const label = `net.backward(y_true) for ${n} examples and ${classes} classes`;
        const got = attempt(label, () => method05(net, "backward")(copyOf(c.Y) as never));
        if (got === null || typeof got !== "object") {
          fail(`${label} should return { dW1, db1, dW2, db2, dW3, db3 }, got ${describe(got)}`);
        }
        const grads = got as Record<string, unknown>;
        const hints: Record<string, string> = {
          dW3: "dW3 = a2ᵀ · dz3 / m, with dz3 = a3 − y_true.",
          db3: "db3: dz3 summed over the examples (axis 0, keepdims) and divided by m.",
          dW2: "dW2 = a1ᵀ · dz2 / m, where dz2 = (dz3 · W3ᵀ) gated by relu'(z2).",
          db2: "db2: dz2 summed over the examples (axis 0, keepdims) and divided by m.",
          dW1: "dW1 = Xᵀ · dz1 / m, where dz1 = (dz2 · W2ᵀ) gated by relu'(z1).",
          db1: "db1: dz1 summed over the examples (axis 0, keepdims) and divided by m.",
        };
        expectGradients(
          grads,
          c,
          3,
          ["dW3", "db3", "dW2", "db2", "dW1", "db1"],
          hints,
          label,
        );
      }
      return "all six gradients match central differences of the mean cross-entropy, for 2 and 3 classes";
    },
  },
];

// ---------- notebook 06: handwritten digits ----------

/** Integer labels as an int64 array. */
function labels06(values: readonly number[]): NDArray {
  return arrayOf(values, [values.length], "int64");
}

/** Row k of the identity for label k, built entry by entry. */
function oneHotRows(labels: readonly number[], classes: number): NDArray {
  const out = new Float64Array(labels.length * classes);
  labels.forEach((label, i) => out[i * classes + label] = 1);
  return new NDArray(out, [labels.length, classes]);
}

/** Rows that say which example they are: X[i] = [i + 0.5, −i], y[i] = one-hot of i mod 3. */
function numbered06(n: number): { X: NDArray; y: NDArray } {
  const X = new NDArray(new Float64Array(n * 2), [n, 2]);
  for (let i = 0; i < n; i++) {
    X.data[2 * i] = i + 0.5;
    X.data[2 * i + 1] = -i;
  }
  return { X, y: oneHotRows(Array.from({ length: n }, (_, i) => i % 3), 3) };
}

const EXERCISES_06: ExerciseSpec[] = [
  {
    id: "06.one_hot",
    task:
      "return an array of shape (labels.size, n_classes) whose row i is row labels[i] of the identity matrix",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "one_hot");
      const cases: [number[], number][] = [[[3, 0, 9, 3, 7], 10], [[1, 0], 2], [[2], 5], [[
        0,
        0,
        0,
      ], 4]];
      for (const [values, classes] of cases) {
        const labels = labels06(values);
        const what = `one_hot([${values.join(", ")}], ${classes})`;
        const got = attempt(what, () => f(labels as never, classes as never));
        expectArray(
          got,
          oneHotRows(values, classes),
          what,
          "Row i is all zeros but a 1 in column labels[i]: one row per label, one column per class.",
          EXACT,
          (g) =>
            sameShape(g.shape, [classes, values.length])
              ? "One row per label and one column per class, not the other way round."
              : undefined,
        );
        expectNumbers(got as NDArray, what);
        if (labels.data.join() !== values.join()) {
          fail(`${what} changed the labels: leave them as they are.`);
        }
      }
      return "one row per label, a single 1 (a number) in the label's column, for 2 to 10 classes, the labels left unchanged";
    },
  },
  {
    id: "06.train_epoch",
    task:
      "take one net.train_step(X_batch, y_batch, lr) per batch of batch_size rows (the last one may be shorter), in an order drawn by rs.permutation, and return the mean of the losses it returns",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "train_epoch");
      for (const [n, size, lr] of [[23, 5, 0.3], [16, 8, 0.05], [7, 32, 1]] as const) {
        const { X, y } = numbered06(n);
        const rs = new RandomState(600 + n);
        const label = `train_epoch(net, X, y, ${size}, ${lr}, rs) for ${n} examples`;
        const orders: number[][] = [];
        const used: boolean[] = [];
        for (const epoch of [1, 2]) {
          const what = `${label}, epoch ${epoch}`;
          // A stand-in network that records its steps; each step's loss is the batch's first row number + 1.
          const steps: { rows: number[]; lr: unknown }[] = [];
          const net = {
            train_step(Xb: unknown, yb: unknown, rate: unknown): number {
              if (!(Xb instanceof NDArray) || !(yb instanceof NDArray)) {
                fail(
                  `${what}: train_step got ${describe(Xb)} and ${
                    describe(yb)
                  }, expected a batch of X and of y`,
                );
              }
              if (
                Xb.shape.length !== 2 || Xb.shape[1] !== 2 || !sameShape(yb.shape, [Xb.shape[0], 3])
              ) {
                fail(
                  `${what}: train_step got batches of shapes ${shapeToString(Xb.shape)} and ${
                    shapeToString(yb.shape)
                  }; take whole rows (axis 0) of X and the same rows of y.`,
                );
              }
              const rows: number[] = [];
              for (let r = 0; r < Xb.shape[0]; r++) {
                const i = Xb.data[2 * r] - 0.5;
                if (!(Number.isInteger(i) && i >= 0 && i < n) || Xb.data[2 * r + 1] !== -i) {
                  fail(
                    `${what}: a batch holds something that is not a row of X. Take whole rows of X.`,
                  );
                }
                for (let j = 0; j < 3; j++) {
                  if (yb.data[3 * r + j] !== (j === i % 3 ? 1 : 0)) {
                    fail(
                      `${what}: X row ${i} came with a y row that is not its own: take the same rows of both.`,
                    );
                  }
                }
                rows.push(i);
              }
              steps.push({ rows, lr: rate });
              return rows[0] + 1;
            },
          };
          const state = rs.getState();
          const got = attempt(
            what,
            () => f(net as never, X as never, y as never, size as never, lr as never, rs as never),
          );
          used.push(!sameState(state, rs.getState()));
          const expectedSizes: number[] = [];
          for (let start = 0; start < n; start += size) {
            expectedSizes.push(Math.min(size, n - start));
          }
          const sizes = steps.map((s) => s.rows.length);
          if (sizes.join() !== expectedSizes.join()) {
            fail(
              `${what} took steps on batches of ${sizes.join(", ") || "nothing"} rows, expected ${
                expectedSizes.join(", ")
              }. One step per batch of batch_size rows, and a shorter last one with what is left.`,
            );
          }
          const wrongRate = steps.find((s) => s.lr !== lr);
          if (wrongRate) {
            fail(`${what} passed ${describe(wrongRate.lr)} to train_step, not lr = ${lr}.`);
          }
          const order = steps.flatMap((s) => s.rows);
          if (new Set(order).size !== n) {
            fail(
              `${what}: some examples came twice in one epoch. Cut one permutation of 0…n−1 into batches.`,
            );
          }
          const losses = steps.map((s) => s.rows[0] + 1);
          const mean = losses.reduce((a, b) => a + b, 0) / losses.length;
          expectNumber(
            got,
            mean,
            `${what}'s result`,
            "Return the mean of the losses train_step returned, one per batch (not their sum, nor the last one).",
          );
          orders.push(order);
        }
        if (n > 2 && orders[0].every((i, k) => i === k)) {
          fail(
            `${label}: the examples come in their original order. Shuffle them, with rs.permutation.`,
          );
        }
        if (n > 2 && orders[0].join() === orders[1].join()) {
          fail(
            `${label}: two epochs came in the same order. Draw a new permutation from rs on every call.`,
          );
        }
        expectPermutations(orders, used, 600 + n, label);
      }
      return "one step per batch, every example once per epoch with its own label, in the order rs.permutation draws (a new one each epoch), and the mean batch loss";
    },
  },
  {
    id: "06.accuracy",
    task:
      "return the share (between 0 and 1) of rows whose largest probability is in the column of their label",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "accuracy");
      const rs = new RandomState(660);
      for (const [n, classes] of [[8, 10], [5, 3], [12, 2]] as const) {
        const P = mapArray(randomArray(rs, [n, classes]), Math.exp);
        const values: number[] = [];
        let right = 0;
        for (let i = 0; i < n; i++) {
          let best = 0;
          for (let c = 1; c < classes; c++) {
            if (P.data[i * classes + c] > P.data[i * classes + best]) best = c;
          }
          // every other row labelled with its most probable class, the rest with another
          const label = i % 2 === 0 ? best : (best + 1 + (i % (classes - 1))) % classes;
          if (label === best) right++;
          values.push(label);
        }
        const labels = labels06(values);
        const what = `accuracy(probabilities of shape (${n}, ${classes}), labels)`;
        const got = callPure(what, f, [P, labels], ["probabilities", "labels"]);
        const expected = right / n;
        if (typeof got === "number" && close(got, expected * 100, EXACT) && expected !== 0) {
          fail(
            `${what} is ${num(got)}, expected ${
              num(expected)
            }: a share between 0 and 1, not a percentage.`,
          );
        }
        expectNumber(
          got,
          expected,
          what,
          "Take each row's most probable class (argmax along axis 1) and count how often it equals the label, divided by the number of rows.",
        );
      }
      return "the share (a number from 0 to 1) of rows whose most probable class is the label, for 2, 3 and 10 classes, the inputs left unchanged";
    },
  },
  {
    id: "06.confusion_matrix",
    task:
      "return an (n_classes, n_classes) array whose entry [t, p] counts the examples of true label t predicted as p",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "confusion_matrix");
      const cases: [number[], number[], number][] = [
        [[0, 1, 2, 2, 1, 0, 2], [0, 2, 2, 1, 1, 0, 0], 3],
        [[3, 3, 0, 1, 3], [3, 0, 0, 3, 3], 5],
        [[1, 1, 1, 0], [1, 1, 1, 0], 2],
      ];
      for (const [truth, predicted, classes] of cases) {
        const expected = new NDArray(
          new Float64Array(classes * classes),
          [classes, classes],
          "int64",
        );
        truth.forEach((t, i) => expected.data[t * classes + predicted[i]]++);
        const what = `confusion_matrix([${truth.join(", ")}], [${
          predicted.join(", ")
        }], ${classes})`;
        const got = callPure(
          what,
          f,
          [labels06(truth), labels06(predicted), classes],
          ["true_labels", "predicted", "n_classes"],
        );
        expectArray(
          got,
          expected,
          what,
          "Add 1 at [true label, predicted label] for every example, in an n_classes × n_classes array of zeros.",
          EXACT,
          (g) =>
            sameShape(g.shape, expected.shape) && sameValues(g, transposed(expected), EXACT)
              ? "Rows are the true labels, columns the predicted ones: this is the other way round."
              : sameShape(g.shape, expected.shape) &&
                  sameValues(g, mapArray(expected, (v) => (v > 0 ? 1 : 0)), EXACT)
              ? "Each entry only says whether a pair occurred: add 1 for every example, so that pairs that occur twice count 2."
              : undefined,
        );
        expectNumbers(got as NDArray, what);
      }
      return "counts (numbers) at [true, predicted], classes that never occur included, rows true and columns predicted, the inputs left unchanged";
    },
  },
];

const SPECS: readonly ExerciseSpec[] = [
  ...EXERCISES_01,
  ...EXERCISES_02,
  ...EXERCISES_03,
  ...EXERCISES_04,
  ...EXERCISES_05,
  ...EXERCISES_06,
];

/** Every exercise of every notebook, in order: id, task and prerequisites. */
export const EXERCISES: readonly Exercise[] = SPECS.map(({ id, task, needs }) => ({
  id,
  task,
  needs,
}));

/** The notebook number an exercise id starts with: `"02"` for `02.relu`. */
export function notebookOf(id: string): string {
  return id.split(".")[0];
}

// What this session's checks found, by exercise id.
const results = new Map<string, boolean>();

/** The text of the ✗ or ✓ line for `id`, without printing it. */
export function checkLine(id: string, answer: unknown): { passed: boolean; line: string } {
  const spec = SPECS.find((s) => s.id === id);
  if (!spec) {
    const known = SPECS.filter((s) => notebookOf(s.id) === notebookOf(id)).map((s) => s.id);
    return {
      passed: false,
      line: `✗ ${id}: no such exercise; this notebook's are ${known.join(", ") || "none"}`,
    };
  }
  try {
    return { passed: true, line: `✓ ${id}: ${spec.run(answer)}` };
  } catch (error) {
    const stub = error instanceof Error ? STUB_ERROR.exec(error.message) : null;
    let text: string;
    if (error instanceof CheckFailure) text = error.message;
    else if (stub && stub[1] === id) text = `not written yet — ${spec.task}`;
    else if (stub) {
      text = `it calls ${
        stub[1]
      }, which is not written yet — write that one first (this one needs ${spec.needs.join(", ")})`;
    } else {
      // the check's own mistake would land here; still one line, never a throw
      text = `the check could not run: ${
        error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      }`;
    }
    return { passed: false, line: `✗ ${id}: ${text}` };
  }
}

/**
 * Checks the learner's answer to exercise `id` (a function, or for notebook
 * 05's methods the class) on cases of its own, and prints one line:
 * `✓ <id>: <what is now right>` or `✗ <id>: <what is wrong, where, and a
 * hint>`. It never throws: an error in the answer, a stub's "not written yet"
 * included, is reported on the ✗ line.
 *
 * @example
 * ```ts
 * import { check } from "./checks.ts";
 * import { maximum } from "../core/elementwise.ts";
 * import type { NDArray } from "../core/ndarray.ts";
 * function relu(z: NDArray): NDArray {
 *   return maximum(0, z);
 * }
 * check("02.relu", relu); // ✓ 02.relu: 0 for negatives and zero, …
 * ```
 */
export function check(id: string, answer: unknown): void {
  const { passed, line } = checkLine(id, answer);
  results.set(id, passed);
  print(line);
}

/**
 * Prints how many of a notebook's public checks pass, and which exercises
 * are still to do (a check that has not run counts as not passing). The
 * notebook is `notebook` ("02"), or else the one whose checks ran in this
 * session.
 *
 * @example
 * ```ts
 * import { checkAll } from "./checks.ts";
 * checkAll("02"); // 0 of 4 public checks pass; still to do: 02.relu, …
 * ```
 */
export function checkAll(notebook?: string): void {
  const notebooks = notebook !== undefined
    ? [notebook]
    : [...new Set([...results.keys()].map(notebookOf))];
  const ids = SPECS.map((s) => s.id).filter((id) => notebooks.includes(notebookOf(id)));
  if (ids.length === 0) {
    print("no public checks have run yet: run the check cells first");
    return;
  }
  const open = ids.filter((id) => results.get(id) !== true);
  const count = `${ids.length - open.length} of ${ids.length} public checks pass`;
  print(
    open.length === 0
      ? `${count} (each tried its own cases; they cannot vouch for every possible input)`
      : `${count}; still to do: ${open.join(", ")}`,
  );
}
