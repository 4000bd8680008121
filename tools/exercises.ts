/**
 * `deno task exercises`: makes the learner editions of the notebooks.
 *
 * The worked notebooks under notebooks/ are the only source. Inside their code
 * cells, each exercise's solution sits between `// BEGIN SOLUTION <id>` and
 * `// END SOLUTION`. The learner edition (notebooks/exercises/, same file
 * name) replaces each such region by a stub that throws
 * `<id>: not written yet — <what to write>`, keeps everything else (so the
 * code around a stub still type-checks), points its imports one folder
 * further up, clears every output and execution count, and opens with a note
 * for the learner. Exercise ids and their tasks come from
 * lib/course/checks/mod.ts, which also holds the checks.
 *
 * Usage: deno run --allow-read --allow-write tools/exercises.ts [--check]
 * With --check, writes nothing and exits non-zero when a committed edition
 * differs from what would be made now.
 *
 * @module
 */

import { type Exercise, EXERCISES, notebookOf } from "../lib/course/checks/mod.ts";
import {
  type Cell,
  joinText,
  listNotebooks,
  type Notebook,
  NOTEBOOK_DIR,
  readNotebook,
  relativeToRoot,
  serializeNotebook,
} from "./jupyter.ts";

/** Where the learner editions live. */
export const EXERCISE_DIR = `${NOTEBOOK_DIR}/exercises`;

const BEGIN = /^(\s*)\/\/ BEGIN SOLUTION (\S+)\s*$/;
const END = /^\s*\/\/ END SOLUTION\s*$/;

/** The library import of a worked notebook, and of a learner edition one folder down. */
export const WORKED_IMPORT = `"../lib/mod.ts"`;
export const EDITION_IMPORT = `"../../lib/mod.ts"`;

/** One solution region of a worked notebook. */
export interface Region {
  id: string;
  /** Index of the cell in the notebook. */
  cell: number;
  /** The solution's lines, without the two marker lines. */
  lines: string[];
}

/** The solution regions of a notebook, in order. Throws on an unclosed, nested or unknown region. */
export function findRegions(notebook: Notebook, label = "notebook"): Region[] {
  const regions: Region[] = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    let open: Region | undefined;
    for (const line of joinText(cell.source).split("\n")) {
      const begin = BEGIN.exec(line);
      if (begin) {
        if (open) throw new Error(`${label}, cell ${index}: ${begin[2]} begins inside ${open.id}`);
        open = { id: begin[2], cell: index, lines: [] };
      } else if (END.test(line)) {
        if (!open) throw new Error(`${label}, cell ${index}: END SOLUTION without a BEGIN`);
        regions.push(open);
        open = undefined;
      } else if (open) {
        open.lines.push(line);
      }
    }
    if (open) throw new Error(`${label}, cell ${index}: ${open.id} has no END SOLUTION`);
  });
  for (const region of regions) {
    if (!EXERCISES.some((exercise) => exercise.id === region.id)) {
      throw new Error(`${label}: no exercise ${region.id} in lib/course/checks/mod.ts`);
    }
  }
  return regions;
}

function exercise(id: string): Exercise {
  return EXERCISES.find((candidate) => candidate.id === id)!;
}

/** The lines that stand in a learner edition where the solution of `id` was. */
export function stubLines(indent: string, id: string): string[] {
  const message = `${id}: not written yet — ${exercise(id).task}`;
  return [
    `${indent}// ✎ ${id}: your code here, then run its check cell`,
    `${indent}throw new Error(${JSON.stringify(message)});`,
  ];
}

/** `id` and every exercise it needs, directly or through others. */
export function withPrerequisites(id: string): Set<string> {
  const found = new Set<string>();
  const visit = (next: string) => {
    if (found.has(next)) return;
    found.add(next);
    exercise(next).needs.forEach(visit);
  };
  visit(id);
  return found;
}

/** Options of {@link learnerEdition}. */
export interface EditionOptions {
  /** Exercises whose worked solution stays in place (without its markers) instead of a stub. */
  solved?: ReadonlySet<string>;
}

function stubbedSource(source: string, solved: ReadonlySet<string>): string {
  const out: string[] = [];
  let open: { id: string; keep: boolean } | undefined;
  for (const line of source.split("\n")) {
    const begin = BEGIN.exec(line);
    if (begin) {
      open = { id: begin[2], keep: solved.has(begin[2]) };
      if (!open.keep) out.push(...stubLines(begin[1], begin[2]));
    } else if (END.test(line)) {
      open = undefined;
    } else if (!open || open.keep) {
      out.push(line);
    }
  }
  return out.join("\n").replaceAll(WORKED_IMPORT, EDITION_IMPORT);
}

function introCell(sourceName: string): Cell {
  return {
    cell_type: "markdown",
    id: "learner-edition",
    metadata: {},
    source:
      `**Learner edition.** This is [\`${sourceName}\`](../${sourceName}) with its exercises ` +
      "left to you: each stub marked ✎ throws “not written yet” until you replace it with your " +
      "own code. Run the cells from the top. After each exercise a check cell tries your code on " +
      "cases of its own and prints ✓, or ✗ with what is wrong, where, and a hint; `checkAll()` at " +
      "the end counts the checks that pass. Cells that use an exercise fail until it is written. " +
      "The worked notebook next door has the answers: try first.\n\n" +
      "*Write in your own copy, not here: `deno task start` copies the learner editions into " +
      "`workspace/`, which is yours, and `deno task progress` then shows what passes. This " +
      "edition is made from the worked notebook by `deno task exercises`, which overwrites it.*",
  };
}

/**
 * The learner edition of a worked notebook: solution regions replaced by
 * stubs (except those in `options.solved`), imports pointed one folder up,
 * every output and execution count cleared, and a note for the learner first.
 */
export function learnerEdition(
  worked: Notebook,
  sourceName: string,
  options: EditionOptions = {},
): Notebook {
  const solved = options.solved ?? new Set<string>();
  const cells = worked.cells.map((cell): Cell => {
    const copy = structuredClone(cell);
    if (copy.cell_type !== "code") return copy;
    copy.source = stubbedSource(joinText(copy.source), solved);
    copy.outputs = [];
    copy.execution_count = null;
    return copy;
  });
  return { ...structuredClone(worked), cells: [introCell(sourceName), ...cells] };
}

/** The exercise ids whose check cells a notebook has (`check("<id>", …)`), in order. */
export function checkCells(notebook: Notebook): string[] {
  const ids: string[] = [];
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    for (const match of joinText(cell.source).matchAll(/^check\("([^"]+)",/gm)) ids.push(match[1]);
  }
  return ids;
}

/**
 * Throws unless the worked notebook has, for each of its notebook's exercises
 * in lib/course/checks/mod.ts, exactly one solution region and one check cell.
 */
export function validate(worked: Notebook, sourceName: string): void {
  const prefix = sourceName.slice(0, 2);
  const expected = EXERCISES.filter((e) => notebookOf(e.id) === prefix).map((e) => e.id);
  const regions = findRegions(worked, sourceName).map((region) => region.id);
  const checks = checkCells(worked);
  for (const [what, found] of [["solution region", regions], ["check cell", checks]] as const) {
    const sorted = [...found].sort();
    if (JSON.stringify(sorted) !== JSON.stringify([...expected].sort())) {
      throw new Error(
        `${sourceName}: one ${what} per exercise expected (${expected.join(", ")}), found ` +
          `${found.join(", ") || "none"}`,
      );
    }
  }
}

/** Every worked notebook with its learner edition's path and serialized text. */
export async function editions(): Promise<{ worked: string; path: string; text: string }[]> {
  const out = [];
  for (const worked of await listNotebooks()) {
    const name = worked.split("/").pop()!;
    const notebook = await readNotebook(worked);
    validate(notebook, name);
    out.push({
      worked,
      path: `${EXERCISE_DIR}/${name}`,
      text: serializeNotebook(learnerEdition(notebook, name)),
    });
  }
  return out;
}

async function main(args: string[]): Promise<number> {
  const checkOnly = args.includes("--check");
  let stale = 0;
  if (!checkOnly) await Deno.mkdir(EXERCISE_DIR, { recursive: true });
  for (const { path, text } of await editions()) {
    let current: string | undefined;
    try {
      current = await Deno.readTextFile(path);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    const label = relativeToRoot(path);
    if (current === text) {
      console.log(`${label}: up to date`);
    } else if (checkOnly) {
      console.log(
        `${label}: differs from what the worked notebook makes (run deno task exercises)`,
      );
      stale++;
    } else {
      await Deno.writeTextFile(path, text);
      console.log(`${label}: written`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
