/**
 * Line-based comparison and three-way merge, for bringing a course update
 * into a learner's notebook (tools/workspace.ts): `base` is the text both
 * sides started from, `mine` the learner's, `theirs` the course's new one.
 *
 * @module
 */

/**
 * The pairs `[i, j]` of a longest common subsequence of `a` and `b`: line
 * `a[i]` kept as `b[j]`, in increasing order of both.
 */
export function commonLines(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  // suffix[i * (m + 1) + j]: the length of an LCS of a[i..] and b[j..]
  const suffix = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      suffix[i * (m + 1) + j] = a[i] === b[j]
        ? suffix[(i + 1) * (m + 1) + j + 1] + 1
        : Math.max(suffix[(i + 1) * (m + 1) + j], suffix[i * (m + 1) + j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (suffix[(i + 1) * (m + 1) + j] >= suffix[i * (m + 1) + j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

/** A stretch that both sides changed differently: `mine` was kept. */
export interface Conflict {
  /** Where the stretch starts in the merged lines, and how many lines of `mine` stand there. */
  at: number;
  base: string[];
  mine: string[];
  theirs: string[];
}

/** What {@link mergeLines} returns. */
export interface LineMerge {
  lines: string[];
  conflicts: Conflict[];
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/**
 * Merges two edits of `base`: a stretch only one side changed takes that
 * side's lines; where both changed the same stretch differently, `mine`
 * wins and the stretch is reported as a conflict. So every line of `mine`
 * that is not in `base` is in the result.
 *
 * @example
 * ```ts
 * import { mergeLines } from "./diff3.ts";
 * const base = ["a", "stub", "b"];
 * const { lines } = mergeLines(base, ["a", "mine", "b"], ["new", "a", "stub", "b"]);
 * console.log(lines); // ["new", "a", "mine", "b"]
 * ```
 */
export function mergeLines(
  base: readonly string[],
  mine: readonly string[],
  theirs: readonly string[],
): LineMerge {
  const inMine = new Map(commonLines(base, mine));
  const inTheirs = new Map(commonLines(base, theirs));
  const lines: string[] = [];
  const conflicts: Conflict[] = [];
  const resolve = (o: string[], a: string[], b: string[]) => {
    if (sameLines(a, b) || sameLines(o, b)) lines.push(...a);
    else if (sameLines(o, a)) lines.push(...b);
    else {
      conflicts.push({ at: lines.length, base: o, mine: a, theirs: b });
      lines.push(...a);
    }
  };
  let o = 0;
  let a = 0;
  let b = 0;
  for (;;) {
    // the next base line that both sides kept
    let stable = o;
    while (stable < base.length && !(inMine.has(stable) && inTheirs.has(stable))) stable++;
    if (stable === base.length) {
      resolve(base.slice(o), mine.slice(a), theirs.slice(b));
      return { lines, conflicts };
    }
    const aAt = inMine.get(stable)!;
    const bAt = inTheirs.get(stable)!;
    resolve(base.slice(o, stable), mine.slice(a, aAt), theirs.slice(b, bAt));
    lines.push(base[stable]);
    o = stable + 1;
    a = aAt + 1;
    b = bAt + 1;
  }
}
