/**
 * Self-checks for the notebooks' exercises. A learner writes a function
 * between `// BEGIN SOLUTION <id>` and `// END SOLUTION` (in the learner
 * editions, a stub that throws stands there), then runs `check(id, fn)`: the
 * check calls the function on cases of its own, compares each result with a
 * reference worked out here from first principles (central differences judge
 * every gradient), and prints one line, `✓ id: …` or `✗ id: …`. A check never
 * throws and never shows the answer. `checkAll()` sums up a notebook.
 *
 * Each notebook's exercises, their tasks, hints and cases, are in the file
 * named after the notebook; `_harness.ts` has what they share.
 *
 * @module
 */

import { print } from "../../text/python.ts";
import { CheckFailure, type Exercise, type ExerciseSpec, STUB_ERROR } from "./_harness.ts";
import { EXERCISES_01 } from "./01_backprop_made_visible.ts";
import { EXERCISES_02 } from "./02_tiny_two_layer_network.ts";
import { EXERCISES_03 } from "./03_simple_network_from_scratch.ts";
import { EXERCISES_04 } from "./04_backprop_with_gradient_check.ts";
import { EXERCISES_05 } from "./05_neural_networks_from_scratch.ts";
import { EXERCISES_06 } from "./06_handwritten_digits.ts";

export type { Exercise };

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
 * import { check } from "./mod.ts";
 * import { maximum } from "../../core/elementwise.ts";
 * import type { NDArray } from "../../core/ndarray.ts";
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
 * import { checkAll } from "./mod.ts";
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
