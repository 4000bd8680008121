// A small deterministic generator of numbers in [0, 1) (32-bit xorshift),
// for tests that want many varied inputs and failures that reproduce.

/** A generator seeded with `seed`; each call gives the next number in [0, 1). */
export function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}
