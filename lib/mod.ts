/**
 * Neural networks from scratch: a NumPy-faithful ndarray library for Deno.
 *
 * Import it the way the exercises import NumPy:
 *
 * ```ts
 * import * as np from "./mod.ts";
 * import { format, plot, print } from "./mod.ts";
 * const W = np.array([[0.5, -0.3], [0.8, 0.2]]);
 * print("W:\n", W.T.matmul(np.ones([2, 1])));
 * print(format(np.mean(W), ".4f"));
 * ```
 *
 * NumPy's snake_case names become camelCase here (`zeros_like` is
 * `zerosLike`, `keepdims` stays as NumPy spells it); the layers, from the
 * bottom up: `core/` (the array and its operations), `text/` (NumPy's and
 * Python's printing), `random/` (NumPy's `RandomState`), `course/` (data
 * sets and gradient checks the notebooks use) and `plot/` (figures).
 *
 * @module
 */

// core: the array, its dtypes and its operations
export { type ArrayFlags, type DType, NDArray, type Shape } from "./core/ndarray.ts";
export { bool, canCast, float64, int64, promoteTypes, resultType } from "./core/dtype.ts";
export {
  arange,
  array,
  type ArrayInput,
  asarray,
  astype,
  eye,
  type EyeOptions,
  full,
  fullLike,
  linspace,
  type NestedArray,
  type NestedInput,
  ones,
  onesLike,
  zeros,
  zerosLike,
} from "./core/creation.ts";
export { broadcastShapes, broadcastTo } from "./core/broadcast.ts";
export {
  add,
  addInPlace,
  divide,
  divideInPlace,
  equal,
  greater,
  greaterEqual,
  less,
  lessEqual,
  maximum,
  minimum,
  multiply,
  multiplyInPlace,
  notEqual,
  power,
  subtract,
  subtractInPlace,
} from "./core/elementwise.ts";
export {
  abs,
  clip,
  cos,
  exp,
  log,
  negative,
  sign,
  sin,
  sqrt,
  square,
  tanh,
} from "./core/ufuncs.ts";
export {
  argmax,
  argmin,
  type ArrayReduceOptions,
  cumsum,
  max,
  mean,
  min,
  type ReduceOptions,
  type ScalarReduceOptions,
  std,
  sum,
  variance,
  type VarianceOptions,
} from "./core/reduce.ts";
export { dot, linalg, matmul, norm, outer } from "./core/linalg.ts";
export {
  append,
  concatenate,
  copy,
  diagonal,
  expandDims,
  flatten,
  hstack,
  ravel,
  reshape,
  sharesMemory,
  squeeze,
  transpose,
  vstack,
} from "./core/manipulation.ts";
export {
  get,
  type IndexInput,
  item,
  ndindex,
  pick,
  rows,
  set,
  slice,
  take,
  tolist,
} from "./core/indexing.ts";
export { allclose, arrayEqual, type CloseOptions, isclose } from "./core/logic.ts";

// text: printing as NumPy and Python do
export {
  arrayRepr,
  arrayToHtml,
  arrayToString,
  type ArrayView,
  shapeToString,
} from "./text/print.ts";
export { format, print, type PrintOptions, printWith, repr, str } from "./text/python.ts";

// random: NumPy's legacy RandomState, as np.random
export * as random from "./random/mod.ts";
export type {
  NormalOptions,
  RandintOptions,
  RandomState,
  RandomStateSnapshot,
  Seed,
  Size,
  SizeOptions,
  UniformOptions,
} from "./random/mod.ts";

// course: what the notebooks use beyond NumPy
export {
  makeMoons,
  type MakeMoonsOptions,
  oneHot,
  type RandomStateInput,
  trainTestSplit,
  type TrainTestSplitOptions,
} from "./course/datasets.ts";
export { type Digits, loadDigits } from "./course/digits.ts";
export { numericalGradient, relativeError } from "./course/gradient_check.ts";
export { type AllCloseOptions, assertAllClose } from "./course/testing.ts";
export { check, checkAll } from "./course/checks/mod.ts";

// plot: figures, as plot.figure(...)
export * as plot from "./plot/mod.ts";
