/**
 * `deno task start`: the learner's own workspace.
 *
 * Copies each learner edition (notebooks/exercises/) into workspace/, a
 * folder git ignores and nothing else in the project writes into, without
 * ever overwriting a file that is there, and says what it copied and what it
 * left alone. The copies import the library as the worked notebooks do (the
 * workspace sits beside notebooks/) and open with a note of their own.
 *
 * Beside each copy, workspace/.course/ keeps the version of the course it
 * was made from. When the learner editions change later, the command says
 * which notebooks are behind; with `--update` it merges the course's changes
 * (new exercise cells, changed prose) into the learner's notebook, keeping
 * the learner's code in every exercise they wrote (matched by exercise id)
 * and every other line they changed, after copying the notebook to
 * workspace/backups/<date and time>/.
 *
 * Usage: deno run --allow-read --allow-write tools/workspace.ts [--update]
 *
 * @module
 */

import { commonLines, mergeLines } from "./diff3.ts";
import { EDITION_IMPORT, EXERCISE_DIR, WORKED_IMPORT } from "./exercises.ts";
import {
  type Cell,
  fileExists,
  joinText,
  listNotebooks,
  type Notebook,
  PROJECT_ROOT,
  relativeToRoot,
  serializeNotebook,
} from "./jupyter.ts";

/** The learner's folder: git ignores it, and only this command writes into it. */
export const WORKSPACE_DIR = `${PROJECT_ROOT}workspace`;
/** Inside a workspace: the course version each notebook was copied or last updated from. */
export const COURSE_COPY = ".course";
/** Inside a workspace: the notebooks as they were before each update. */
export const BACKUPS = "backups";

const INTRO_ID = "workspace-intro";

// A stub's two lines, as tools/exercises.ts writes them.
const STUB_MARK = /^\s*\/\/ ✎ (\d\d\.[A-Za-z0-9_]+): your code here/;
const STUB_THROW = /^\s*throw new Error\("(\d\d\.[A-Za-z0-9_]+): not written yet/;

function introCell(name: string): Cell {
  return {
    cell_type: "markdown",
    id: INTRO_ID,
    metadata: {},
    source: `**Your copy.** This is the learner edition of [\`${name}\`](../notebooks/${name}), ` +
      "copied into your workspace by `deno task start`: write in it freely. Each stub marked ✎ " +
      "throws “not written yet” until you replace it with your own code. Run the cells from the " +
      "top; after each exercise a check cell tries your code on cases of its own and prints ✓, " +
      "or ✗ with what is wrong, where, and a hint. Save, then `deno task progress` runs all your " +
      "notebooks and lists what passes.\n\n" +
      "*Nothing in the project writes into `workspace/`. When the course changes, " +
      "`deno task start` says which notebooks are behind, and `deno task start --update` " +
      "brings the changes in, keeping your code (with a backup first).*",
  };
}

/**
 * A learner edition as the workspace holds it: imports pointed at lib/ from
 * workspace/, and the workspace's own note first instead of the edition's.
 */
export function workspaceCopy(edition: Notebook, name: string): Notebook {
  const cells = edition.cells
    .filter((cell) => cell.id !== "learner-edition")
    .map((cell): Cell => {
      const copy = structuredClone(cell);
      if (copy.cell_type === "code") {
        copy.source = joinText(copy.source).replaceAll(EDITION_IMPORT, WORKED_IMPORT);
      }
      return copy;
    });
  return { ...structuredClone(edition), cells: [introCell(name), ...cells] };
}

function linesOf(cell: Cell): string[] {
  return joinText(cell.source).split("\n");
}

/** The exercises whose stub (its throwing line) is still in `notebook`, with the cell id of each. */
export function stubbedExercises(notebook: Notebook): Map<string, string> {
  const found = new Map<string, string>();
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    for (const line of linesOf(cell)) {
      const stub = STUB_THROW.exec(line);
      if (stub) found.set(stub[1], cell.id ?? "");
    }
  }
  return found;
}

/** Where the stub of `id` stands in `lines`: [first line, line after], or undefined. */
function stubRange(lines: readonly string[], id: string): [number, number] | undefined {
  const at = lines.findIndex((line) => STUB_THROW.exec(line)?.[1] === id);
  if (at < 0) return undefined;
  const start = at > 0 && STUB_MARK.exec(lines[at - 1])?.[1] === id ? at - 1 : at;
  return [start, at + 1];
}

/** Where in `mine` the learner's lines stand in place of the stub `range` of `base`: [from, to). */
function answerRange(
  base: readonly string[],
  mine: readonly string[],
  range: [number, number],
): [number, number] {
  let from = 0;
  let to = mine.length;
  for (const [i, j] of commonLines(base, mine)) {
    if (i < range[0]) from = j + 1;
    else if (i >= range[1]) {
      to = j;
      break;
    }
  }
  return [from, to];
}

/** The lines of `mine` that are not in `base` (the learner's own), by a longest common subsequence. */
function ownLines(base: readonly string[], mine: readonly string[]): string[] {
  const kept = new Set(commonLines(base, mine).map(([, j]) => j));
  return mine.filter((line, j) => !kept.has(j) && line.trim() !== "");
}

/** What {@link mergeNotebook} did. */
export interface NotebookMerge {
  notebook: Notebook;
  /** Exercises the learner had written: their code is in the result. */
  kept: string[];
  /** Exercises that are new in the course, now in the result as stubs. */
  added: string[];
  /** Cells the course changed or added that the result takes in. */
  changedCells: number;
  /** Sentences about what needs the learner's eye (conflicts, cells left out). */
  notes: string[];
}

/**
 * Merges a course update into a learner's notebook: `base` is the course
 * version the learner started from, `mine` the learner's notebook, `theirs`
 * the course's new version. Cells are matched by id and merged line by line
 * ({@link mergeLines}); an exercise the learner wrote whose stub moved to
 * another cell gets their code there (matched by exercise id); cells the
 * learner added stay after the cell they followed. Throws, changing nothing,
 * when a line of the learner's would be lost.
 */
export function mergeNotebook(base: Notebook, mine: Notebook, theirs: Notebook): NotebookMerge {
  if (mine.cells.some((cell) => !cell.id)) {
    throw new Error(
      "its cells carry no ids (saved by an old Jupyter front end), so they cannot be matched",
    );
  }
  const baseCells = new Map(base.cells.map((cell) => [cell.id!, cell]));
  const mineCells = new Map(mine.cells.map((cell) => [cell.id!, cell]));
  const theirCells = new Set(theirs.cells.map((cell) => cell.id!));
  const baseStubs = stubbedExercises(base);
  const mineStubs = stubbedExercises(mine);
  const theirStubs = stubbedExercises(theirs);
  const written = [...baseStubs.keys()].filter((id) => !mineStubs.has(id));
  const added = [...theirStubs.keys()].filter((id) => !baseStubs.has(id));
  const notes: string[] = [];
  let changedCells = 0;

  // The learner's code of each exercise they wrote, from the cell where its stub was.
  const answers = new Map<string, string[]>();
  // The learner's cells with the code of exercises the course moved to another
  // cell taken out again (their stubs back): that code goes where the stub went.
  const mineLines = new Map(mine.cells.map((cell) => [cell.id!, linesOf(cell)]));
  for (const id of written) {
    const cellId = baseStubs.get(id)!;
    const b = baseCells.get(cellId);
    const m = mineCells.get(cellId);
    if (!b || !m) continue;
    const baseLines = linesOf(b);
    const stub = stubRange(baseLines, id)!;
    const [from, to] = answerRange(baseLines, linesOf(m), stub);
    answers.set(id, linesOf(m).slice(from, to));
    const movedTo = theirStubs.get(id);
    if (movedTo !== undefined && movedTo !== cellId) {
      const lines = mineLines.get(cellId)!;
      // the learner's lines of this cell, with this answer's range put back to the stub
      const [f, t] = answerRange(baseLines, lines, stub);
      lines.splice(f, t - f, ...baseLines.slice(stub[0], stub[1]));
    }
  }

  const out: Cell[] = [];
  for (const t of theirs.cells) {
    const id = t.id!;
    const b = baseCells.get(id);
    const m = mineCells.get(id);
    if (b && !m) {
      // the learner deleted it: it stays deleted unless it brings a new exercise
      const brings = [...stubbedExercises({ ...theirs, cells: [t] }).keys()]
        .filter((exercise) => added.includes(exercise));
      if (brings.length === 0) {
        if (joinText(t.source) !== joinText(b.source)) {
          notes.push(`cell ${id}, which you deleted, changed in the course; it stays deleted`);
        }
        continue;
      }
    }
    let lines: string[];
    if (b && m) {
      const merge = mergeLines(linesOf(b), mineLines.get(id)!, linesOf(t));
      lines = merge.lines;
      for (const conflict of merge.conflicts) {
        notes.push(
          `cell ${id}: you and the course changed the same lines; yours are kept` +
            (conflict.mine.length > 0 ? ` (from “${conflict.mine[0].trim()}”)` : "") +
            ", the course's version is in the learner edition",
        );
      }
    } else {
      lines = linesOf(t);
    }
    // exercises the learner wrote whose stub is in this cell now: it gets their code
    for (const exercise of written) {
      const range = stubRange(lines, exercise);
      const answer = answers.get(exercise);
      if (range && answer) lines.splice(range[0], range[1] - range[0], ...answer);
    }
    const source = lines.join("\n");
    if (!b || joinText(t.source) !== joinText(b.source)) changedCells++;
    if (m && source === joinText(m.source)) {
      out.push(structuredClone(m));
      continue;
    }
    const cell: Cell = {
      ...structuredClone(t),
      metadata: structuredClone(m?.metadata ?? t.metadata),
      source,
    };
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
    out.push(cell);
  }

  // Cells of the learner's that the course does not have: their own, or ones
  // the course dropped that they changed. Each goes after the cell it followed.
  const mergedText = new Set(out.flatMap(linesOf));
  let anchor = -1;
  for (const m of mine.cells) {
    const id = m.id!;
    if (theirCells.has(id)) {
      const at = out.findIndex((cell) => cell.id === id);
      if (at >= 0) anchor = at;
      continue;
    }
    const b = baseCells.get(id);
    if (b && ownLines(linesOf(b), linesOf(m)).every((line) => mergedText.has(line))) {
      continue; // the course dropped it, and whatever the learner wrote in it went elsewhere
    }
    if (b) notes.push(`cell ${id}, which the course dropped, is kept: you changed it`);
    out.splice(++anchor, 0, structuredClone(m));
  }

  const result: Notebook = {
    ...structuredClone(mine),
    cells: out,
    nbformat: theirs.nbformat,
    nbformat_minor: Math.max(theirs.nbformat_minor, mine.nbformat_minor),
  };

  // No line of the learner's may be lost.
  const resultLines = new Set(result.cells.flatMap(linesOf));
  for (const m of mine.cells) {
    const b = baseCells.get(m.id!);
    const own = b ? ownLines(linesOf(b), linesOf(m)) : linesOf(m).filter((l) => l.trim() !== "");
    const lost = own.find((line) => !resultLines.has(line));
    if (lost !== undefined) {
      throw new Error(`the merge would lose your line “${lost.trim()}” (cell ${m.id})`);
    }
  }
  const stubs = stubbedExercises(result);
  for (const exercise of added) {
    if (!stubs.has(exercise)) {
      notes.push(
        `the new exercise ${exercise} could not be placed next to your code: ` +
          "copy it from the learner edition",
      );
    }
  }
  return { notebook: result, kept: written, added, changedCells, notes };
}

/** What a course update would bring into a notebook: new exercises and changed cells. */
export function describeUpdate(base: Notebook, theirs: Notebook): string {
  const baseCells = new Map(base.cells.map((cell) => [cell.id, joinText(cell.source)]));
  const baseStubs = stubbedExercises(base);
  const added = [...stubbedExercises(theirs).keys()].filter((id) => !baseStubs.has(id));
  const newCells = theirs.cells.filter((cell) => !baseCells.has(cell.id)).length;
  const changed =
    theirs.cells.filter((cell) =>
      baseCells.has(cell.id) && baseCells.get(cell.id) !== joinText(cell.source)
    ).length;
  const dropped = base.cells.length - (theirs.cells.length - newCells);
  const parts: string[] = [];
  if (added.length > 0) {
    parts.push(`${count(added.length, "new exercise")} (${added.join(", ")})`);
  }
  if (newCells > 0) parts.push(count(newCells, "new cell"));
  if (changed > 0) parts.push(count(changed, "changed cell"));
  if (dropped > 0) parts.push(count(dropped, "cell", "s") + " dropped");
  return parts.join(", ") || "changes in the notebook's metadata";
}

function count(n: number, noun: string, plural = "s"): string {
  return `${n} ${noun}${n === 1 ? "" : plural}`;
}

/** Options of {@link start}. */
export interface StartOptions {
  /** The workspace (default: workspace/ in the project). */
  workspace?: string;
  /** Where the learner editions are (default: notebooks/exercises/). */
  editions?: string;
  /** Merge the course's changes into notebooks that are behind. */
  update?: boolean;
  /** The time that names the backup folder (default: now). */
  now?: Date;
  /** Where the report's lines go (default: console.log). */
  log?: (line: string) => void;
}

/** What {@link start} found and did, notebook by notebook (file names). */
export interface StartReport {
  copied: string[];
  leftAlone: string[];
  behind: string[];
  updated: string[];
  /** Notebooks whose course version is not recorded, so that no update can be merged. */
  untracked: string[];
  /** The backup folder of this run's updates, when there were any. */
  backupDir?: string;
}

/** A folder name for backups: the local date and time, e.g. 2025-01-31_14-05-09. */
function stamp(now: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}_` +
    `${two(now.getHours())}-${two(now.getMinutes())}-${two(now.getSeconds())}`;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Writes a file through a temporary one beside it, so that it is never left half written. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${crypto.randomUUID()}.tmp`;
  await Deno.writeTextFile(temporary, text);
  await Deno.rename(temporary, path);
}

function shown(path: string): string {
  return relativeToRoot(path);
}

/**
 * Fills the workspace from the learner editions without overwriting a file,
 * reports notebooks that are behind the course, and with `update` merges the
 * course's changes into them (see {@link mergeNotebook}), each notebook
 * backed up first.
 */
export async function start(options: StartOptions = {}): Promise<StartReport> {
  const workspace = options.workspace ?? WORKSPACE_DIR;
  const log = options.log ?? console.log;
  const report: StartReport = { copied: [], leftAlone: [], behind: [], updated: [], untracked: [] };
  const editionDir = options.editions ?? EXERCISE_DIR;
  const editions = await listNotebooks(editionDir);
  if (editions.length === 0) throw new Error(`no learner editions in ${shown(editionDir)}/`);
  const courseDir = `${workspace}/${COURSE_COPY}`;
  await Deno.mkdir(courseDir, { recursive: true });
  log(
    `Your workspace: ${
      shown(workspace)
    }/ (git ignores it; nothing else in the project writes here)`,
  );
  const pending: { name: string; base: Notebook; theirs: Notebook; text: string }[] = [];
  for (const path of editions) {
    const name = path.split("/").pop()!;
    const theirs = workspaceCopy(JSON.parse(await Deno.readTextFile(path)), name);
    const text = serializeNotebook(theirs);
    const target = `${workspace}/${name}`;
    const coursePath = `${courseDir}/${name}`;
    if (!(await fileExists(target))) {
      await writeAtomically(target, text);
      await writeAtomically(coursePath, text);
      report.copied.push(name);
      log(`  copied      ${name}`);
      continue;
    }
    report.leftAlone.push(name);
    const baseText = await readIfExists(coursePath);
    if (baseText === text) {
      log(`  left alone  ${name} (already there; up to date with the course)`);
    } else if (baseText === undefined) {
      if ((await Deno.readTextFile(target)) === text) {
        await writeAtomically(coursePath, text);
        log(`  left alone  ${name} (already there; up to date with the course)`);
      } else {
        report.untracked.push(name);
        log(
          `  left alone  ${name} (already there; the course version it came from is not in ` +
            `${shown(courseDir)}/, so course updates cannot be merged into it: rename it and run ` +
            "deno task start again for a fresh copy, then move your code over)",
        );
      }
    } else {
      const base = JSON.parse(baseText) as Notebook;
      report.behind.push(name);
      log(
        `  left alone  ${name} (already there; behind the course: ${describeUpdate(base, theirs)})`,
      );
      pending.push({ name, base, theirs, text });
    }
  }
  if (pending.length > 0 && !options.update) {
    log(
      `${count(pending.length, "notebook")} behind the course. ` +
        "`deno task start --update` brings the changes in and keeps your code " +
        `(each notebook is copied to ${shown(workspace)}/${BACKUPS}/ first).`,
    );
  }
  if (pending.length > 0 && options.update) {
    let backupDir = `${workspace}/${BACKUPS}/${stamp(options.now ?? new Date())}`;
    for (let n = 2; await fileExists(backupDir); n++) {
      backupDir = `${workspace}/${BACKUPS}/${stamp(options.now ?? new Date())}_${n}`;
    }
    for (const { name, base, theirs, text } of pending) {
      const target = `${workspace}/${name}`;
      const mineText = await Deno.readTextFile(target);
      let merge: NotebookMerge;
      try {
        merge = mergeNotebook(base, JSON.parse(mineText) as Notebook, theirs);
      } catch (error) {
        log(`  not updated ${name}: ${(error as Error).message}; it is as it was`);
        continue;
      }
      await Deno.mkdir(backupDir, { recursive: true });
      report.backupDir = backupDir;
      await Deno.writeTextFile(`${backupDir}/${name}`, mineText);
      await writeAtomically(target, serializeNotebook(merge.notebook));
      await writeAtomically(`${courseDir}/${name}`, text);
      report.updated.push(name);
      const what = [
        merge.added.length > 0 ? `new exercises ${merge.added.join(", ")}` : "",
        count(merge.changedCells, "cell") + " changed or added by the course",
        merge.kept.length > 0 ? `your code kept in ${merge.kept.join(", ")}` : "",
      ].filter((part) => part !== "");
      log(`  updated     ${name}: ${what.join("; ")}`);
      for (const note of merge.notes) log(`              ${note}`);
    }
    if (report.backupDir) log(`Backups of the notebooks as they were: ${shown(report.backupDir)}/`);
  }
  log(
    `${count(report.copied.length, "notebook")} copied, ${report.leftAlone.length} left alone` +
      (report.updated.length > 0 ? `, ${report.updated.length} updated` : "") +
      `. Open them from ${shown(workspace)}/ (deno task lab), and run deno task progress to see ` +
      "which exercises pass.",
  );
  return report;
}

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== "--update");
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown[0]}\nusage: deno task start [--update]`);
    return 2;
  }
  await start({ update: args.includes("--update") });
  return 0;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
