/**
 * NumPy's legacy random module (`np.random`): the module-level functions
 * draw from one global {@link RandomState}, and `new RandomState(seed)`
 * makes an independent generator. Same seeds, same numbers as NumPy.
 *
 * ```ts
 * import * as random from "./mod.ts";
 * random.seed(42);
 * const W = random.randn(2, 3);
 * const rs = new random.RandomState(0);
 * rs.permutation(5);
 * ```
 *
 * @module
 */
export {
  getState,
  normal,
  permutation,
  rand,
  randint,
  randn,
  random,
  randomSample,
  RandomState,
  seed,
  setState,
  shuffle,
  standardNormal,
  uniform,
} from "./random_state.ts";
export type {
  NormalOptions,
  RandintOptions,
  RandomStateSnapshot,
  Seed,
  Size,
  SizeOptions,
  UniformOptions,
} from "./random_state.ts";
