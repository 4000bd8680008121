/**
 * `deno task progress`: runs the learner's notebooks (workspace/) headless
 * in the Deno kernel and says, per notebook and exercise, ✓, ✗ with the
 * first line of what is wrong, or "not written yet", and how many of all the
 * exercises pass.
 *
 * The verdicts are the lines the notebooks' own check cells print: each
 * notebook runs from the top, as "Restart & Run All" would, in a copy that
 * ends with its last check cell (nothing after it can change a verdict), from
 * a temporary folder, with the kernel working in workspace/ so that its
 * imports resolve as in Jupyter. Nothing is written into workspace/. A cell
 * that raises does not stop the cells after it; a cell that runs past the
 * time limit is stopped (see tools/execute_notebook.py) and the run goes on.
 * When an exercise's check printed nothing, its line says why: the error or
 * time-out of its check cell or of the cell holding the learner's code.
 *
 * Usage: deno run --allow-all tools/progress.ts [--html [FILE.html]] [--strict]
 *   [--timeout SECONDS] [NOTEBOOK...]
 * NOTEBOOK: a file name or its number ("02"); none: all. `--html` writes a
 * one-page report, to workspace/progress.html unless a FILE.html is named;
 * `--strict` exits with status 1 unless every exercise passes.
 *
 * @module
 */

import { EXERCISES, notebookOf } from "../lib/course/checks/mod.ts";
import { stripAnsi } from "./compare.ts";
import { EXERCISE_DIR } from "./exercises.ts";
import {
  type Cell,
  executeNotebook,
  ExecutorError,
  fileExists,
  joinText,
  listNotebooks,
  type Notebook,
  relativeToRoot,
  serializeNotebook,
} from "./jupyter.ts";
import { COURSE_COPY, stubbedExercises, WORKSPACE_DIR, workspaceCopy } from "./workspace.ts";

/** How long one cell may run before it is stopped, in seconds. */
export const CELL_SECONDS = 30;

/** An exercise's verdict: `message` is the text after `<id>: ` (the check's, or why it has none). */
export interface ExerciseResult {
  id: string;
  status: "pass" | "fail" | "todo";
  message: string;
}

/** The verdicts of one notebook. */
export interface NotebookResult {
  name: string;
  exercises: ExerciseResult[];
  /** How long the run took; undefined when the notebook was not run. */
  seconds?: number;
}

const CHECK_CALL = /\bcheck\(\s*"(\d\d\.[A-Za-z0-9_]+)"/g;

function checkIds(cell: Cell): string[] {
  if (cell.cell_type !== "code") return [];
  return [...joinText(cell.source).matchAll(CHECK_CALL)].map((match) => match[1]);
}

function stdoutLines(cell: Cell): string[] {
  return (cell.outputs ?? [])
    .map((output) =>
      output.output_type === "stream" && output.name === "stdout" ? joinText(output.text) : ""
    )
    .join("")
    .split("\n");
}

function errorOf(cell: Cell | undefined): { name: string; message: string } | undefined {
  for (const output of cell?.outputs ?? []) {
    if (output.output_type === "error") {
      const message = stripAnsi(output.evalue).split("\n")[0];
      return { name: output.ename, message };
    }
  }
  return undefined;
}

/** The notebook's exercise ids, from lib/course/checks/mod.ts. */
export function exercisesOf(name: string): string[] {
  return EXERCISES.filter((e) => notebookOf(e.id) === name.slice(0, 2)).map((e) => e.id);
}

/** Why an exercise's check printed no line, as well as the executed cells can tell. */
function silentCheck(
  id: string,
  checkCell: Cell | undefined,
  codeCell: Cell | undefined,
  limit: number,
): string {
  if (!checkCell) {
    return "its check cell is not in your notebook: copy it back from the learner edition";
  }
  const timedOut = (cell: Cell | undefined) => errorOf(cell)?.name === "TimeoutError";
  if (timedOut(checkCell)) {
    return `the check did not finish within ${limit} s and was stopped: does your code loop forever?`;
  }
  const codeError = errorOf(codeCell);
  if (codeError && codeCell !== checkCell) {
    if (codeError.name === "TimeoutError") {
      return `the cell with your code did not finish within ${limit} s and was stopped`;
    }
    if (codeError.name === "SyntaxError") {
      return `the cell with your code has a syntax error: ${codeError.message}`;
    }
    return `the cell with your code raised ${codeError.name}: ${codeError.message}`;
  }
  const checkError = errorOf(checkCell);
  if (checkError) return `its check cell raised ${checkError.name}: ${checkError.message}`;
  if (checkCell.execution_count === null || checkCell.execution_count === undefined) {
    return "its check cell did not run";
  }
  return `its check cell printed no ✓ or ✗ line for ${id}`;
}

/**
 * The verdict of each of `ids` in an executed notebook. `codeCells` gives,
 * per exercise, the id of the cell that holds its code; `newInCourse` the
 * exercises the learner's copy does not have yet.
 */
export function verdicts(
  executed: Notebook,
  ids: readonly string[],
  codeCells: ReadonlyMap<string, string>,
  limit: number,
  newInCourse: ReadonlySet<string> = new Set(),
): ExerciseResult[] {
  const unwritten = stubbedExercises(executed);
  return ids.map((id): ExerciseResult => {
    const checkCell = executed.cells.find((cell) => checkIds(cell).includes(id));
    const line = checkCell &&
      stdoutLines(checkCell).find((text) =>
        text.startsWith(`✓ ${id}: `) || text.startsWith(`✗ ${id}: `)
      );
    if (line) {
      const message = line.slice(`✓ ${id}: `.length);
      if (line.startsWith("✓")) return { id, status: "pass", message };
      // still a stub, though the check may have stopped at another one it calls first
      if (message.startsWith("not written yet") || unwritten.has(id)) {
        return { id, status: "todo", message: "not written yet" };
      }
      return { id, status: "fail", message };
    }
    if (!checkCell && newInCourse.has(id)) {
      return {
        id,
        status: "todo",
        message: "not in your copy yet: deno task start --update brings it in",
      };
    }
    const codeCell = executed.cells.find((cell) => cell.id === codeCells.get(id));
    return { id, status: "fail", message: silentCheck(id, checkCell, codeCell, limit) };
  });
}

/** The notebook cut after its last check cell: the cells after it cannot change a verdict. */
export function throughLastCheck(notebook: Notebook): Notebook {
  let last = -1;
  notebook.cells.forEach((cell, index) => {
    if (checkIds(cell).length > 0) last = index;
  });
  return { ...notebook, cells: notebook.cells.slice(0, last + 1) };
}

/** Options of {@link runProgress}. */
export interface ProgressOptions {
  /** The workspace (default: workspace/ in the project). */
  workspace?: string;
  /** Notebook file names or numbers to run ("02"); default: all. */
  only?: string[];
  /** Seconds per cell (default {@link CELL_SECONDS}). */
  timeoutSeconds?: number;
  /** Called while a notebook runs, with the running code cell when known. */
  onProgress?: (name: string, cell?: { position: number; count: number }) => void;
  /** Called when a notebook's verdicts are in. */
  onNotebook?: (result: NotebookResult) => void;
}

/** Runs the workspace's notebooks and returns every exercise's verdict, notebook by notebook. */
export async function runProgress(options: ProgressOptions = {}): Promise<NotebookResult[]> {
  const workspace = options.workspace ?? WORKSPACE_DIR;
  const limit = options.timeoutSeconds ?? CELL_SECONDS;
  const editions = (await listNotebooks(EXERCISE_DIR)).map((path) => path.split("/").pop()!);
  const wanted = options.only && options.only.length > 0
    ? editions.filter((name) =>
      options.only!.some((key) => name === key || name === `${key}.ipynb` || name.startsWith(key))
    )
    : editions;
  const scratch = await Deno.makeTempDir({ prefix: "nn-progress-" });
  const results: NotebookResult[] = [];
  try {
    for (const name of wanted) {
      const ids = exercisesOf(name);
      const path = `${workspace}/${name}`;
      let result: NotebookResult;
      if (!(await fileExists(path))) {
        result = {
          name,
          exercises: ids.map((id) => ({
            id,
            status: "todo",
            message: "not in your workspace: deno task start copies it there",
          })),
        };
      } else {
        result = await runOne(name, path, ids, workspace, scratch, limit, options.onProgress);
      }
      results.push(result);
      options.onNotebook?.(result);
    }
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
  return results;
}

async function runOne(
  name: string,
  path: string,
  ids: string[],
  workspace: string,
  scratch: string,
  limit: number,
  onProgress?: ProgressOptions["onProgress"],
): Promise<NotebookResult> {
  const fail = (message: string): NotebookResult => ({
    name,
    exercises: ids.map((id) => ({ id, status: "fail", message })),
  });
  let mine: Notebook;
  try {
    mine = JSON.parse(await Deno.readTextFile(path));
  } catch (error) {
    return fail(`your notebook could not be read: ${(error as Error).message}`);
  }
  // Where each exercise's code lives, and which exercises the course has added since the copy
  // was made, from the course version it was made from.
  const course = await courseVersion(name, workspace);
  const codeCells = stubbedExercises(course);
  const inCopy = new Set(course.cells.flatMap(checkIds));
  const newInCourse = new Set(ids.filter((id) => !inCopy.has(id)));

  const runPath = `${scratch}/${name}`;
  await Deno.writeTextFile(runPath, serializeNotebook(throughLastCheck(mine)));
  const progressFile = `${scratch}/${name}.progress`;
  await Deno.writeTextFile(progressFile, "");
  let running = true;
  const timer = onProgress && setInterval(async () => {
    const text = await Deno.readTextFile(progressFile).catch(() => "");
    const [position, count] = text.trim().split(" ").map(Number);
    if (running) onProgress(name, position > 0 ? { position, count } : undefined);
  }, 200);
  onProgress?.(name);
  const started = performance.now();
  try {
    const { notebook } = await executeNotebook(runPath, {
      allowErrors: true,
      continueAfterTimeout: true,
      timeoutSeconds: limit,
      cwd: workspace,
      progressFile,
    });
    return {
      name,
      exercises: verdicts(notebook, ids, codeCells, limit, newInCourse),
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    if (!(error instanceof ExecutorError)) throw error;
    const first = error.details.split("\n").find((line) => line.trim() !== "") ?? "";
    return fail(`the notebook could not be run: ${first.replace(runPath, name)}`);
  } finally {
    running = false;
    if (timer !== undefined) clearInterval(timer);
  }
}

/** The course version the workspace notebook came from, else the current learner edition's copy. */
async function courseVersion(name: string, workspace: string): Promise<Notebook> {
  const recorded = `${workspace}/${COURSE_COPY}/${name}`;
  if (await fileExists(recorded)) return JSON.parse(await Deno.readTextFile(recorded));
  return workspaceCopy(JSON.parse(await Deno.readTextFile(`${EXERCISE_DIR}/${name}`)), name);
}

// ---------- the report ----------

const MARK = { pass: "✓", fail: "✗", todo: "·" } as const;

/** A notebook's verdicts as lines of text: a heading, then one line per exercise. */
export function notebookLines(result: NotebookResult): string[] {
  const passed = result.exercises.filter((e) => e.status === "pass").length;
  const time = result.seconds === undefined ? "" : ` (${result.seconds.toFixed(1)} s)`;
  return [
    `${result.name}: ${passed} of ${result.exercises.length} pass${time}`,
    ...result.exercises.map((e) =>
      e.status === "pass" ? `  ✓ ${e.id}` : `  ${MARK[e.status]} ${e.id}: ${e.message}`
    ),
  ];
}

/** "23 of 41 exercises pass". */
export function totalLine(results: readonly NotebookResult[]): string {
  const all = results.flatMap((r) => r.exercises);
  const passed = all.filter((e) => e.status === "pass").length;
  return `${passed} of ${all.length} exercises pass`;
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** A one-page HTML report of the verdicts. */
export function htmlReport(results: readonly NotebookResult[], limit: number, when: Date): string {
  const sections = results.map((result) => {
    const passed = result.exercises.filter((e) => e.status === "pass").length;
    const rows = result.exercises.map((e) =>
      `<tr class="${e.status}"><td class="mark">${MARK[e.status]}</td><td><code>${
        escapeHtml(e.id)
      }</code></td><td>${escapeHtml(e.message)}</td></tr>`
    ).join("\n");
    return `<h2>${
      escapeHtml(result.name)
    } <small>${passed} of ${result.exercises.length} pass</small></h2>
<table>
${rows}
</table>`;
  }).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Progress: ${escapeHtml(totalLine(results))}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; }
td { padding: 0.25rem 0.5rem; vertical-align: top; border-bottom: 1px solid #ddd; }
td.mark { font-size: 1.2rem; width: 1.5rem; }
tr.pass td.mark { color: #1a7f37; }
tr.fail td.mark { color: #cf222e; }
tr.todo { color: #666; }
small { font-weight: normal; color: #555; }
</style>
</head>
<body>
<h1>${escapeHtml(totalLine(results))}</h1>
<p>Your notebooks in <code>workspace/</code>, run from the top in the Deno kernel on ${
    escapeHtml(when.toLocaleString())
  }; each cell could run for up to ${limit} s. ✓ means the check's own cases came out right
(what it tried is on the line), ✗ what is wrong and a hint, · not written yet.</p>
${sections}
</body>
</html>
`;
}

// ---------- the command ----------

const SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

async function main(args: string[]): Promise<number> {
  let html: string | undefined;
  let strict = false;
  let limit = CELL_SECONDS;
  const only: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--html") {
      html = args[i + 1]?.endsWith(".html") ? args[++i] : `${WORKSPACE_DIR}/progress.html`;
    } else if (arg.startsWith("--html=")) html = arg.slice("--html=".length);
    else if (arg === "--strict") strict = true;
    else if (arg === "--timeout" && Number(args[i + 1]) > 0) limit = Number(args[++i]);
    else if (!arg.startsWith("-")) only.push(arg);
    else {
      console.error(
        `unknown argument ${arg}\n` +
          "usage: deno task progress [--html [FILE.html]] [--strict] [--timeout SECONDS] [NOTEBOOK...]",
      );
      return 2;
    }
  }
  if (!(await fileExists(WORKSPACE_DIR))) {
    console.log("There is no workspace yet: deno task start makes it.");
    return 1;
  }
  console.log(
    `Running your notebooks in ${relativeToRoot(WORKSPACE_DIR)}/ in the Deno kernel, ` +
      `from the top (a cell that runs longer than ${limit} s is stopped).`,
  );
  const live = Deno.stdout.isTerminal();
  const encoder = new TextEncoder();
  let tick = 0;
  let announced = "";
  const results = await runProgress({
    only,
    timeoutSeconds: limit,
    onProgress(name, cell) {
      if (live) {
        const where = cell ? `cell ${cell.position} of ${cell.count}` : "starting the kernel";
        const spin = SPINNER[tick++ % SPINNER.length];
        Deno.stdout.writeSync(encoder.encode(`\r\x1b[K${spin} ${name}: ${where}`));
      } else if (announced !== name) {
        announced = name;
        console.log(`running ${name} …`);
      }
    },
    onNotebook(result) {
      if (live) Deno.stdout.writeSync(encoder.encode("\r\x1b[K"));
      console.log(notebookLines(result).join("\n"));
    },
  });
  if (results.length === 0) {
    console.log(`no course notebook matches ${only.join(" ")}`);
    return 2;
  }
  const total = totalLine(results);
  console.log(`\n${total}`);
  if (html !== undefined) {
    await Deno.writeTextFile(html, htmlReport(results, limit, new Date()));
    console.log(`report: ${relativeToRoot(html)}`);
  }
  const all = results.flatMap((r) => r.exercises);
  return strict && all.some((e) => e.status !== "pass") ? 1 : 0;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
