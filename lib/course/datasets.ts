/**
 * The toy data sets the exercises use, drawn exactly as scikit-learn draws
 * them, so that the same `random_state` gives the same points.
 *
 * @module
 */
import { NDArray } from "../core/ndarray.ts";
import { globalRandomState, RandomState } from "../random/random_state.ts";
import { linspace, toArray, zeros } from "../core/creation.ts";
import { checkArgumentCount, checkOptions, describe, formatShape } from "../core/internals.ts";

/**
 * Where random numbers come from, as scikit-learn's `random_state` argument:
 * a seed for a fresh `RandomState`, a `RandomState` to draw from, or
 * nothing for the global stream that `np.random.seed` sets.
 *
 * @example
 * ```ts
 * import type { RandomStateInput } from "./datasets.ts";
 * const fixed: RandomStateInput = 42;
 * ```
 */
export type RandomStateInput = number | RandomState | null | undefined;

/**
 * The generator a `random_state` argument stands for, as scikit-learn's
 * `check_random_state` decides it; an unusable one is refused in an error
 * that names `operation`, the function it was given to.
 *
 * @example
 * ```ts
 * import { checkRandomState } from "./datasets.ts";
 * const generator = checkRandomState(42, "makeMoons"); // a new RandomState(42)
 * ```
 */
export function checkRandomState(randomState: RandomStateInput, operation: string): RandomState {
  if (randomState === undefined || randomState === null) return globalRandomState();
  if (randomState instanceof RandomState) return randomState;
  if (typeof randomState === "number" && Number.isInteger(randomState)) {
    return new RandomState(randomState);
  }
  throw new TypeError(
    `${operation}: ${describe(randomState)} cannot be used to seed a RandomState`,
  );
}

/**
 * Options of {@link makeMoons}, named as scikit-learn's keyword arguments.
 *
 * @example
 * ```ts
 * import { makeMoons, type MakeMoonsOptions } from "../mod.ts";
 * const options: MakeMoonsOptions = { nSamples: 300, noise: 0.2, randomState: 42 };
 * const [X, y] = makeMoons(options); // X has shape [300, 2], y shape [300]
 * ```
 */
export interface MakeMoonsOptions {
  /** How many points in all (default 100); the outer moon gets the smaller half. */
  nSamples?: number;
  /** Shuffle the points (default true). */
  shuffle?: boolean;
  /** Standard deviation of the Gaussian noise added to every coordinate (default none). */
  noise?: number | null;
  /** The random state (see {@link RandomStateInput}). */
  randomState?: RandomStateInput;
}

/**
 * Two interleaving half circles, as `sklearn.datasets.make_moons`: returns
 * `[X, y]` with `X` of shape `(nSamples, 2)` and int64 labels `y` (0 for the
 * outer moon, 1 for the inner one). The same random state gives the same
 * points as scikit-learn, because the same NumPy draws are made in the same
 * order: one shuffle of the indices, then the noise.
 *
 * @example
 * ```ts
 * import { makeMoons } from "./datasets.ts";
 * const [X, y] = makeMoons({ nSamples: 300, noise: 0.2, randomState: 42 });
 * console.log(X.shape, y.shape); // [300, 2] [300]
 * ```
 */
export function makeMoons(options: MakeMoonsOptions = {}): [NDArray, NDArray] {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "makeMoons");
  // Lenient: a record that also carries other fields may serve as the options.
  checkOptions(options, ["nSamples", "shuffle", "noise", "randomState"], "makeMoons", false);
  const { nSamples = 100, shuffle = true, noise = null, randomState } = options;
  if (!Number.isInteger(nSamples) || nSamples < 0) {
    throw new RangeError(
      `makeMoons: nSamples must be a non-negative integer, got ${describe(nSamples)}`,
    );
  }
  if (noise !== null && !(typeof noise === "number" && noise >= 0)) {
    throw new RangeError(`makeMoons: noise must be a non-negative number, got ${describe(noise)}`);
  }
  if (typeof shuffle !== "boolean") {
    throw new TypeError(`makeMoons: shuffle must be true or false, got ${describe(shuffle)}`);
  }
  const outerCount = Math.floor(nSamples / 2);
  const innerCount = nSamples - outerCount;
  const generator = checkRandomState(randomState, "makeMoons");

  // Angles from 0 to pi; the inner moon is the outer one flipped and shifted.
  const outerAngles = linspace(0, Math.PI, outerCount).data;
  const innerAngles = linspace(0, Math.PI, innerCount).data;
  let points = zeros([nSamples, 2]);
  let labels = zeros(nSamples, "int64");
  for (let i = 0; i < outerCount; i++) {
    points.data[2 * i] = Math.cos(outerAngles[i]);
    points.data[2 * i + 1] = Math.sin(outerAngles[i]);
  }
  for (let i = 0; i < innerCount; i++) {
    const row = outerCount + i;
    points.data[2 * row] = 1 - Math.cos(innerAngles[i]);
    points.data[2 * row + 1] = 1 - Math.sin(innerAngles[i]) - 0.5;
    labels.data[row] = 1;
  }

  if (shuffle) {
    // scikit-learn shuffles an index array, then reorders both arrays by it.
    const order = new NDArray(
      Float64Array.from({ length: nSamples }, (_, i) => i),
      [nSamples],
      "int64",
    );
    generator.shuffle(order);
    points = points.take(order);
    labels = labels.take(order);
  }
  if (noise !== null) {
    points.addInPlace(generator.normal({ scale: noise, size: [nSamples, 2] }));
  }
  return [points, labels];
}

/**
 * Options of {@link trainTestSplit}, named as scikit-learn's keyword arguments.
 *
 * @example
 * ```ts
 * import { arange, trainTestSplit, type TrainTestSplitOptions } from "../mod.ts";
 * const options: TrainTestSplitOptions = { testSize: 0.3, randomState: 42 };
 * const [train, test] = trainTestSplit(arange(10), options); // 7 and 3 items
 * ```
 */
export interface TrainTestSplitOptions {
  /** The test share (a fraction in (0, 1)) or count; default 0.25 when `trainSize` is not given either. */
  testSize?: number;
  /** The training share or count; default: everything not in the test set. */
  trainSize?: number;
  /** The random state (see {@link RandomStateInput}). */
  randomState?: RandomStateInput;
  /** Shuffle before splitting (default true); without it the first rows train. */
  shuffle?: boolean;
}

/**
 * How many rows go to training and to testing, by scikit-learn's rules: a
 * fractional test size rounds up, a fractional train size rounds down.
 */
function splitSizes(rowCount: number, options: TrainTestSplitOptions): [number, number] {
  const { testSize, trainSize } = options;
  const badSize = (name: string, value: number) =>
    `trainTestSplit: ${name}=${describe(value)} should be a fraction in (0, 1) or a count in [1, ${
      rowCount - 1
    }]`;
  const resolve = (name: string, value: number, round: (x: number) => number) => {
    if (typeof value !== "number") throw new TypeError(badSize(name, value));
    if (Number.isInteger(value) && value >= 1) {
      if (value >= rowCount) throw new RangeError(badSize(name, value));
      return value;
    }
    if (value > 0 && value < 1) return round(value * rowCount);
    throw new RangeError(badSize(name, value));
  };
  const defaultTest = testSize === undefined && trainSize === undefined ? 0.25 : testSize;
  const testCount = defaultTest === undefined
    ? undefined
    : resolve("testSize", defaultTest, Math.ceil);
  const trainCount = trainSize === undefined
    ? undefined
    : resolve("trainSize", trainSize, Math.floor);
  const test = testCount ?? rowCount - (trainCount as number);
  const train = trainCount ?? rowCount - test;
  if (train + test > rowCount) {
    throw new RangeError(
      `trainTestSplit: train (${train}) and test (${test}) sizes add up to more than the ${rowCount} rows`,
    );
  }
  if (train === 0) {
    throw new RangeError(
      `trainTestSplit: with ${rowCount} rows and these sizes the training set is empty`,
    );
  }
  return [train, test];
}

/**
 * Splits arrays into random train and test rows, as
 * `sklearn.model_selection.train_test_split`: returns
 * `[a_train, a_test, b_train, b_test, ...]` for arrays `a, b, ...` that share
 * their first axis. With the same random state, the rows are the same as
 * scikit-learn's (one `permutation` draw: its first `test` entries are the
 * test rows, the next `train` entries the training rows).
 *
 * @example
 * ```ts
 * import { makeMoons, trainTestSplit } from "./datasets.ts";
 * const [X, y] = makeMoons({ nSamples: 300, noise: 0.2, randomState: 42 });
 * const [X_train, X_test, y_train, y_test] = trainTestSplit(X, y, { testSize: 0.3, randomState: 42 });
 * console.log(X_train.shape, X_test.shape); // [210, 2] [90, 2]
 * ```
 */
export function trainTestSplit(
  ...args: [...NDArray[], TrainTestSplitOptions] | NDArray[]
): NDArray[] {
  const last = args.at(-1);
  const isOptions = last !== undefined && !(last instanceof NDArray) && !Array.isArray(last);
  const options: TrainTestSplitOptions = isOptions ? last : {};
  checkOptions(options, ["testSize", "trainSize", "randomState", "shuffle"], "trainTestSplit");
  const arrays = (isOptions ? args.slice(0, -1) : args).map((arg, index) => {
    if (!(arg instanceof NDArray) && !Array.isArray(arg)) {
      throw new TypeError(
        `trainTestSplit: expected arrays followed by one options object, got ${
          describe(arg)
        } at position ${index}`,
      );
    }
    return toArray(arg as NDArray, "trainTestSplit");
  });
  if (arrays.length === 0) {
    throw new TypeError("trainTestSplit: at least one array required as input");
  }
  const rowCount = arrays[0].shape[0];
  for (const a of arrays) {
    if (a.ndim === 0 || a.shape[0] !== rowCount) {
      throw new RangeError(
        `trainTestSplit: found input arrays with inconsistent numbers of rows: [${
          arrays.map((b) => b.ndim === 0 ? "scalar" : b.shape[0]).join(", ")
        }]`,
      );
    }
  }
  const [train, test] = splitSizes(rowCount, options);
  let trainRows: number[];
  let testRows: number[];
  if (options.shuffle === false) {
    trainRows = Array.from({ length: train }, (_, i) => i);
    testRows = Array.from({ length: test }, (_, i) => train + i);
  } else {
    const generator = checkRandomState(options.randomState, "trainTestSplit");
    const order = generator.permutation(rowCount).data;
    testRows = Array.from(order.subarray(0, test));
    trainRows = Array.from(order.subarray(test, test + train));
  }
  return arrays.flatMap((a) => [a.take(trainRows), a.take(testRows)]);
}

/**
 * One-hot encoding: row `k` of the identity matrix for label `k`, as
 * `np.eye(n_classes)[y]`.
 *
 * @example
 * ```ts
 * import { array } from "../core/creation.ts";
 * import { oneHot } from "./datasets.ts";
 * console.log(String(oneHot(array([0, 1, 1], "int64"), 2))); // [[1. 0.] [0. 1.] [0. 1.]]
 * ```
 */
export function oneHot(labels: NDArray, classCount: number): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "oneHot");
  labels = toArray(labels, "oneHot");
  if (labels.ndim !== 1) {
    throw new RangeError(`oneHot: labels must be 1-D, got shape ${formatShape(labels.shape)}`);
  }
  if (!Number.isInteger(classCount) || classCount < 0) {
    throw new RangeError(
      `oneHot: the number of classes must be a non-negative integer, got ${describe(classCount)}`,
    );
  }
  const encoded = zeros([labels.size, classCount]);
  for (let i = 0; i < labels.size; i++) {
    const label = labels.data[i];
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new RangeError(
        `oneHot: label ${label} at index ${i} is not an integer in [0, ${classCount})`,
      );
    }
    encoded.data[i * classCount + label] = 1;
  }
  return encoded;
}
