/**
 * The notebooks as a learner runs them: the classic Jupyter Notebook server
 * (Debian's `jupyter-notebook`) on 127.0.0.1, a notebook opened in headless
 * Chromium driven by puppeteer-core, then either *Kernel → Restart & Run All*
 * clicked in the menu or, after *Restart & Clear Output*, Shift-Enter pressed
 * once per cell as fast as the page takes it; once every cell has run and the
 * kernel is idle, what every cell shows is compared with the expected outputs.
 *
 * The server serves a scratch copy of the project (notebooks, lib/,
 * deno.json, deno.lock, and any extra notebooks), so its autosave never
 * touches the repository. The kernel is the one the notebooks name, the
 * course's `nn-from-scratch`, made for this checkout's proxy (with
 * `kernel: "plain"` that name starts Deno's plain kernel instead), and the
 * figures' plotly.js is served where setup puts it for Jupyter.
 *
 * As a command, it repeats every notebook (or those named) several times and
 * prints how many runs were identical:
 *
 *     deno run --allow-all tools/notebook_ui.ts [--runs N] [--busy] [--mode run-all|shift-enter|both]
 *       [--kernel course|plain] [--fixture] [--learner] [NAME...]
 *
 * `--busy` keeps one core busy with a spinning process during the runs;
 * `--fixture` adds tests/fixtures/learner_output.ipynb (a learner's kinds of
 * output); `--learner` adds the six learner editions with every solution put
 * back, whose expected outputs come from executing them headless first.
 *
 * @module
 */
import { type Browser, launchBrowser, type Page } from "./browser.ts";
import {
  COURSE_KERNEL_NAME,
  executeNotebook,
  joinText,
  type KernelKind,
  listNotebooks,
  type Notebook,
  type Output,
  PROJECT_ROOT,
  readNotebook,
  serializeNotebook,
  writeKernelspec,
} from "./jupyter.ts";
import { findRegions, learnerEdition } from "./exercises.ts";
import { installFigureLibrary } from "./kernel/install.ts";
import { PLOTLY_MIME } from "../lib/plot/mod.ts";
import { maskTimingLines, timingPatterns } from "./compare.ts";

// The page's globals, inside functions that puppeteer runs in the page.
// deno-lint-ignore no-explicit-any
declare const document: any;

/** The token the scratch server requires; it listens on loopback only. */
const TOKEN = "nn-from-scratch-ui-test";

/** One output as the comparison sees it. */
export type OutputSummary =
  | { type: "stream"; name: string; text: string }
  | { type: "display_data" | "execute_result"; plain: string; plotly: boolean }
  | { type: "error"; ename: string; evalue: string };

/** What one Restart & Run All showed. */
export interface UiRun {
  /** Per code cell, in order: its outputs once the kernel went idle. */
  cells: OutputSummary[][];
  /** Figures plotly.js drew in the live page (an SVG with a size). */
  figuresDrawn: number;
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  seconds: number;
  /** How long the outputs took to stop changing once the kernel was idle. */
  settledMs?: number;
}

/** A cell whose outputs differ from the committed ones. */
export interface CellDifference {
  /** The code cell's position among the notebook's code cells, from 0. */
  codeCell: number;
  expected: OutputSummary[];
  actual: OutputSummary[];
}

/**
 * A running `jupyter notebook` server on a scratch copy of the project.
 *
 * @example
 * ```ts
 * import { NotebookServer } from "./notebook_ui.ts";
 * const server = await NotebookServer.start();
 * try {
 *   console.log(server.url("01_backprop_made_visible.ipynb"));
 * } finally {
 *   await server.stop();
 * }
 * ```
 */
export class NotebookServer {
  #process: Deno.ChildProcess;
  #root: string;
  #log: string;
  readonly port: number;

  private constructor(process: Deno.ChildProcess, root: string, log: string, port: number) {
    this.#process = process;
    this.#root = root;
    this.#log = log;
    this.port = port;
  }

  /**
   * Copies the project to a scratch directory and serves it; resolves once it
   * answers. `extra` notebooks are written at their paths (relative to the
   * project's root) in the copy.
   */
  static async start(
    options: { kernel?: KernelKind; extra?: { path: string; notebook: Notebook }[] } = {},
  ): Promise<NotebookServer> {
    const root = await Deno.makeTempDir({ prefix: "nn-ui-" });
    await Deno.mkdir(`${root}/notebooks`);
    for (const path of await listNotebooks()) {
      await Deno.copyFile(path, `${root}/notebooks/${path.split("/").pop()}`);
    }
    await copyTree(`${PROJECT_ROOT}lib`, `${root}/lib`);
    for (const file of ["deno.json", "deno.lock"]) {
      await Deno.copyFile(`${PROJECT_ROOT}${file}`, `${root}/${file}`);
    }
    for (const { path, notebook } of options.extra ?? []) {
      await Deno.mkdir(`${root}/${path.split("/").slice(0, -1).join("/")}`, { recursive: true });
      await Deno.writeTextFile(`${root}/${path}`, serializeNotebook(notebook));
    }
    // The kernel the notebooks name, made for this checkout and this Deno.
    await writeKernelspec(`${root}/jupyter`, COURSE_KERNEL_NAME, options.kernel ?? "course");
    await installFigureLibrary(`${root}/jupyter`);
    const port = freePort();
    const log = `${root}/server.log`;
    const args = [
      "notebook",
      "--no-browser",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--NotebookApp.token=${TOKEN}`,
      `--notebook-dir=${root}`,
    ];
    if (Deno.uid() === 0) args.push("--allow-root");
    let process: Deno.ChildProcess;
    try {
      process = new Deno.Command("jupyter", {
        args,
        stdin: "null",
        stdout: "null",
        stderr: "piped",
        env: {
          JUPYTER_CONFIG_DIR: `${root}/config`,
          JUPYTER_PATH: `${root}/jupyter`,
          JUPYTER_PLATFORM_DIRS: "1",
        },
      }).spawn();
    } catch (error) {
      throw new Error(
        `notebook_ui: cannot start 'jupyter notebook' (${error}); on Debian: ` +
          "apt-get install --no-install-recommends jupyter-notebook (tools/setup.sh --browser does it)",
      );
    }
    const logFile = await Deno.open(log, { write: true, create: true });
    process.stderr.pipeTo(logFile.writable).catch(() => {});
    const server = new NotebookServer(process, root, log, port);
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/status?token=${TOKEN}`);
        await response.body?.cancel();
        if (response.ok) return server;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        const tail = await server.logTail();
        await server.stop();
        throw new Error(`notebook_ui: the notebook server did not answer within 60 s\n${tail}`);
      }
      await delay(250);
    }
  }

  /** The page of the notebook at `path`: a file of notebooks/, or a path from the project's root. */
  url(path: string): string {
    const relative = path.includes("/") ? path : `notebooks/${path}`;
    return `http://127.0.0.1:${this.port}/notebooks/${relative}?token=${TOKEN}`;
  }

  /** The last lines of the server's log, for error messages. */
  async logTail(): Promise<string> {
    try {
      return (await Deno.readTextFile(this.#log)).split("\n").slice(-20).join("\n");
    } catch {
      return "";
    }
  }

  /** Stops the server (and its kernels) and removes the scratch copy. */
  async stop(): Promise<void> {
    try {
      this.#process.kill("SIGTERM");
      const stopped = await Promise.race([this.#process.status.then(() => true), delay(10_000)]);
      if (stopped !== true) this.#process.kill("SIGKILL");
    } catch {
      // already gone
    }
    await Deno.remove(this.#root, { recursive: true }).catch(() => {});
  }
}

/** How a run executes the notebook. */
export type RunMode = "run-all" | "shift-enter";

/**
 * Opens the notebook at `path` (see {@link NotebookServer.url}), runs it as
 * `mode` says, waits until every code cell has run and the kernel is idle
 * (plus `settleMs`, for output that would arrive late), and reads what each
 * code cell shows.
 *
 * @example
 * ```ts
 * import { launchBrowser } from "./browser.ts";
 * import { NotebookServer, runNotebook } from "./notebook_ui.ts";
 * const server = await NotebookServer.start();
 * const browser = await launchBrowser();
 * const run = await runNotebook(browser, server, "04_backprop_with_gradient_check.ipynb");
 * console.log(run.cells.length, run.seconds);
 * await browser.close();
 * await server.stop();
 * ```
 */
export async function runNotebook(
  browser: Browser,
  server: NotebookServer,
  path: string,
  { timeoutMs = 300_000, settleMs = 2_000, mode = "run-all" as RunMode } = {},
): Promise<UiRun> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(String((error as Error).message ?? error)));
  try {
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(server.url(path), { waitUntil: "load", timeout: 60_000 });
    await page.waitForFunction(
      // deno-lint-ignore no-explicit-any
      () => (globalThis as any).Jupyter?.notebook?.kernel?.is_connected?.() === true,
      { timeout: 60_000, polling: 200 },
    );
    const codeCells: number = await page.evaluate(() =>
      // deno-lint-ignore no-explicit-any
      (globalThis as any).Jupyter.notebook.get_cells().filter((c: any) => c.cell_type === "code")
        .length
    );
    const started = performance.now();
    if (mode === "run-all") {
      await clickRestartAndRunAll(page);
      // The committed prompts already read 1..n: first see the last cell queued.
      await page.waitForFunction(
        () =>
          // deno-lint-ignore no-explicit-any
          (globalThis as any).Jupyter.notebook.get_cells().filter((c: any) =>
            c.cell_type === "code"
          ).at(-1).input_prompt_number === "*",
        { timeout: 60_000, polling: 20 },
      );
    } else {
      // The prompts were cleared, and a quick last cell may show "*" too briefly to see.
      await restartClearAndPressShiftEnter(page);
    }
    // After a restart the kernel counts from 1, so the last code cell shows
    // the number of code cells once all of them have run (Deno's kernel runs
    // the cells after one that throws, so this holds with errors too).
    await page.waitForFunction(
      (count: number) => {
        // deno-lint-ignore no-explicit-any
        const notebook = (globalThis as any).Jupyter.notebook;
        // deno-lint-ignore no-explicit-any
        const cells = notebook.get_cells().filter((c: any) => c.cell_type === "code");
        const idle = document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
        return idle && cells[cells.length - 1].input_prompt_number === count;
      },
      { timeout: timeoutMs, polling: 200 },
      codeCells,
    );
    const seconds = (performance.now() - started) / 1000;
    // The page may still be drawing what came (a figure's plotly.js takes a
    // while on a busy machine): read once nothing has changed for `settleMs`.
    const read = () =>
      page.evaluate(() => {
        // deno-lint-ignore no-explicit-any
        const notebook = (globalThis as any).Jupyter.notebook;
        // deno-lint-ignore no-explicit-any
        return notebook.get_cells().filter((c: any) => c.cell_type === "code").map((c: any) =>
          // deno-lint-ignore no-explicit-any
          c.output_area.outputs.map((o: any) => ({ ...o }))
        );
      }).then((raw: Output[][]) => raw.map((outputs) => summarize(outputs)));
    let cells = await read();
    const settleStarted = performance.now();
    for (let stableSince = performance.now(); performance.now() - stableSince < settleMs;) {
      await delay(250);
      const again = await read();
      if (JSON.stringify(again) !== JSON.stringify(cells)) {
        cells = again;
        stableSince = performance.now();
      }
      if (performance.now() - settleStarted > 60_000) break;
    }
    const settledMs = performance.now() - settleStarted;
    const figuresDrawn: number = await page.evaluate(() =>
      // deno-lint-ignore no-explicit-any
      [...document.querySelectorAll(".output_area .js-plotly-plot")].filter((plot: any) => {
        const svg = plot.querySelector("svg.main-svg");
        return svg !== null && svg.getBoundingClientRect().width > 0 &&
          plot.querySelectorAll(".trace, .bars, .contour, .heatmaplayer > g.hm").length > 0;
      }).length
    );
    return { cells, figuresDrawn, pageErrors, seconds, settledMs };
  } finally {
    await page.close();
  }
}

/** The menu path a learner takes, and the confirmation dialog's button. */
async function clickRestartAndRunAll(page: Page): Promise<void> {
  await clickMenu(page, "#restart_run_all");
}

/**
 * Kernel → Restart & Clear Output, then Shift-Enter once per cell from the
 * first, each press sent as soon as the page has taken the previous one (the
 * next cell is selected).
 */
async function restartClearAndPressShiftEnter(page: Page): Promise<void> {
  // A notebook without outputs looks cleared and idle before the restart has
  // even begun; keys pressed while the dialog closes are lost. So wait for
  // the restarted kernel, the dialog gone and the keyboard back.
  await page.evaluate(() => {
    // deno-lint-ignore no-explicit-any
    const jupyter = (globalThis as any).Jupyter;
    jupyter.nnKernelRestarted = false;
    jupyter.notebook.events.one("kernel_ready.Kernel", () => jupyter.nnKernelRestarted = true);
  });
  await clickMenu(page, "#restart_clear_output");
  await page.waitForFunction(
    () => {
      // deno-lint-ignore no-explicit-any
      const jupyter = (globalThis as any).Jupyter;
      const notebook = jupyter.notebook;
      const idle = document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
      return idle && jupyter.nnKernelRestarted && jupyter.keyboard_manager.enabled &&
        document.querySelector(".modal-dialog") === null &&
        // deno-lint-ignore no-explicit-any
        notebook.get_cells().every((c: any) =>
          c.cell_type !== "code" || c.output_area.outputs.length === 0
        );
    },
    { timeout: 60_000, polling: 50 },
  );
  const count: number = await page.evaluate(() => {
    // deno-lint-ignore no-explicit-any
    const notebook = (globalThis as any).Jupyter.notebook;
    notebook.select(0);
    notebook.command_mode();
    return notebook.get_cells().length;
  });
  // Each press as soon as the page has taken the one before, that is, moved
  // on to the next cell. Shift-Enter on the last cell would add a new one:
  // Ctrl-Enter runs it in place.
  await page.keyboard.down("Shift");
  try {
    for (let i = 0; i < count - 1; i++) {
      await page.keyboard.press("Enter");
      const selected = () =>
        page.waitForFunction(
          // deno-lint-ignore no-explicit-any
          (next: number) => (globalThis as any).Jupyter.notebook.get_selected_index() >= next,
          { timeout: 20_000, polling: 5 },
          i + 1,
        );
      await selected().catch(async (error) => {
        const [at, type, editing] = await page.evaluate(() => {
          // deno-lint-ignore no-explicit-any
          const notebook = (globalThis as any).Jupyter.notebook;
          const index = notebook.get_selected_index();
          return [index, notebook.get_cell(index)?.cell_type, notebook.mode];
        });
        throw new Error(
          `Shift-Enter number ${i + 1} of ${count - 1} left the selection on cell ${at} ` +
            `(${type}, ${editing} mode): ${(error as Error).message}`,
        );
      });
    }
  } finally {
    await page.keyboard.up("Shift");
  }
  await page.keyboard.down("Control");
  try {
    await page.keyboard.press("Enter");
  } finally {
    await page.keyboard.up("Control");
  }
}

async function clickMenu(page: Page, item: string): Promise<void> {
  await page.click("#kernellink");
  await page.waitForSelector(item, { visible: true });
  await page.click(item);
  const confirm = ".modal-dialog .modal-footer button.btn-danger";
  await page.waitForSelector(confirm, { visible: true, timeout: 10_000 });
  await page.click(confirm);
}

/**
 * The outputs of `cells` as compared: streams merged as a front end merges
 * consecutive text of one stream; rich outputs by their text form and
 * whether they hold a figure (the static PNG is added by the notebooks job,
 * not by the kernel).
 *
 * @example
 * ```ts
 * import { summarize } from "./notebook_ui.ts";
 * console.log(summarize([{ output_type: "stream", name: "stdout", text: "a\n" }]));
 * ```
 */
export function summarize(outputs: Output[]): OutputSummary[] {
  const summary: OutputSummary[] = [];
  for (const output of outputs) {
    // deno-lint-ignore no-explicit-any
    const o = output as any;
    if (o.output_type === "stream") {
      const last = summary[summary.length - 1];
      const text = joinText(o.text);
      if (last?.type === "stream" && last.name === o.name) last.text += text;
      else summary.push({ type: "stream", name: o.name, text });
    } else if (o.output_type === "display_data" || o.output_type === "execute_result") {
      summary.push({
        type: o.output_type,
        plain: joinText(o.data?.["text/plain"] ?? ""),
        plotly: o.data?.[PLOTLY_MIME] !== undefined,
      });
    } else if (o.output_type === "error") {
      summary.push({ type: "error", ename: o.ename, evalue: o.evalue });
    }
  }
  return summary;
}

/** The timing-line patterns of `notebook`'s code cells, for {@link differences}. */
export function committedTimingLines(notebook: Notebook): RegExp[][] {
  return notebook.cells.filter((cell) => cell.cell_type === "code").map(timingPatterns);
}

/** The committed outputs of `notebook`'s code cells, summarized. */
export function committedOutputs(notebook: Notebook): OutputSummary[][] {
  return notebook.cells.filter((cell) => cell.cell_type === "code")
    .map((cell) => summarize(cell.outputs ?? []));
}

/**
 * The code cells whose outputs in `run` differ from `expected`.
 *
 * @example
 * ```ts
 * import { differences } from "./notebook_ui.ts";
 * console.log(differences([[]], { cells: [[]], figuresDrawn: 0, pageErrors: [], seconds: 1 }));
 * ```
 */
export function differences(
  expected: OutputSummary[][],
  run: UiRun,
  timing: readonly (readonly RegExp[])[] = [],
): CellDifference[] {
  const found: CellDifference[] = [];
  const count = Math.max(expected.length, run.cells.length);
  // A code cell's timing lines (its metadata.timing_lines) may differ in their digits.
  const masked = (outputs: OutputSummary[], i: number) =>
    JSON.stringify(
      outputs.map((o) =>
        o.type === "stream" ? { ...o, text: maskTimingLines(o.text, timing[i] ?? []) } : o
      ),
    );
  for (let i = 0; i < count; i++) {
    const want = expected[i] ?? [];
    const got = run.cells[i] ?? [];
    if (masked(want, i) !== masked(got, i)) {
      found.push({ codeCell: i, expected: want, actual: got });
    }
  }
  return found;
}

/** Describes a difference for a person: the cell and the first line that differs. */
export function describeDifference(difference: CellDifference): string {
  const text = (outputs: OutputSummary[]) =>
    outputs.map((o) =>
      o.type === "stream"
        ? `[${o.name}] ${o.text}`
        : o.type === "error"
        ? `[error] ${o.ename}: ${o.evalue}\n`
        : `[${o.type}${o.plotly ? ", figure" : ""}] ${o.plain}\n`
    ).join("");
  const want = text(difference.expected).split("\n");
  const got = text(difference.actual).split("\n");
  let line = 0;
  while (line < want.length && want[line] === got[line]) line++;
  return `code cell ${difference.codeCell + 1}, line ${line + 1}: expected ` +
    `${JSON.stringify(want[line] ?? "(nothing)")}, the page shows ${
      JSON.stringify(got[line] ?? "(nothing)")
    } (${want.length - 1} lines expected, ${got.length - 1} shown)`;
}

/** How many figures the committed notebook shows. */
export function committedFigures(notebook: Notebook): number {
  return committedOutputs(notebook).flat()
    .filter((o) => o.type !== "stream" && o.type !== "error" && o.plotly).length;
}

/**
 * Starts a process that keeps one core busy until it is killed, standing in
 * for a learner's machine doing something else.
 *
 * @example
 * ```ts
 * import { busyCore } from "./notebook_ui.ts";
 * const spinner = busyCore();
 * spinner.kill();
 * ```
 */
export function busyCore(): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["eval", "let x = 0; for (;;) { x = (x + 1) | 0; }"],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
}

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyTree(`${from}/${entry.name}`, `${to}/${entry.name}`);
    else if (entry.isFile) await Deno.copyFile(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A notebook to run in the UI, with what it should show. */
export interface UiCase {
  /** Its path from the project's root, as served. */
  path: string;
  expected: OutputSummary[][];
  figures: number;
  timing: RegExp[][];
}

/** A case whose expected outputs are `notebook`'s own. */
export function caseOf(path: string, notebook: Notebook): UiCase {
  return {
    path,
    expected: committedOutputs(notebook),
    figures: committedFigures(notebook),
    timing: committedTimingLines(notebook),
  };
}

/** The learner_output fixture: a learner's own kinds of output, its outputs committed. */
export const FIXTURE_PATH = "tests/fixtures/learner_output.ipynb";

/**
 * The learner editions with every solution put back, at
 * notebooks/exercises/, each expected to show what it shows when executed
 * headless through jupyter_client.
 */
export async function learnerCases(
  names: string[] = [],
): Promise<{ cases: UiCase[]; extra: { path: string; notebook: Notebook }[] }> {
  const cases: UiCase[] = [];
  const extra: { path: string; notebook: Notebook }[] = [];
  const scratch = await Deno.makeTempDir({ prefix: "nn-ui-learner-" });
  try {
    await Deno.mkdir(`${scratch}/notebooks/exercises`, { recursive: true });
    await copyTree(`${PROJECT_ROOT}lib`, `${scratch}/lib`);
    for (const file of ["deno.json", "deno.lock"]) {
      await Deno.copyFile(`${PROJECT_ROOT}${file}`, `${scratch}/${file}`);
    }
    for (const worked of await listNotebooks()) {
      const name = worked.split("/").pop()!;
      if (names.length > 0 && !names.some((n) => name.includes(n))) continue;
      const notebook = await readNotebook(worked);
      const solved = new Set(findRegions(notebook, name).map((region) => region.id));
      const edition = learnerEdition(notebook, name, { solved });
      const path = `notebooks/exercises/${name}`;
      await Deno.writeTextFile(`${scratch}/${path}`, serializeNotebook(edition));
      const executed =
        (await executeNotebook(`${scratch}/${path}`, { allowErrors: true })).notebook;
      extra.push({ path, notebook: edition });
      cases.push(caseOf(path, executed));
    }
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
  return { cases, extra };
}

/** Whether `run` shows what `c` expects; prints what differs, prefixed by `label`. */
export function reportRun(c: UiCase, run: UiRun, label: string): boolean {
  const found = differences(c.expected, run, c.timing);
  for (const difference of found) console.log(`  ${label}: ${describeDifference(difference)}`);
  if (run.figuresDrawn !== c.figures) {
    console.log(`  ${label}: ${run.figuresDrawn} of ${c.figures} figures drawn`);
  }
  for (const error of run.pageErrors) console.log(`  ${label}: page error: ${error}`);
  return found.length === 0 && run.figuresDrawn === c.figures && run.pageErrors.length === 0;
}

async function main(args: string[]): Promise<number> {
  let runs = 10;
  let busy = false;
  let modes: RunMode[] = ["run-all"];
  let kernel: KernelKind = "course";
  let fixture = false;
  let learner = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--runs") runs = Number(args[++i]);
    else if (args[i] === "--busy") busy = true;
    else if (args[i] === "--mode") {
      const mode = args[++i];
      modes = mode === "both" ? ["run-all", "shift-enter"] : [mode as RunMode];
    } else if (args[i] === "--kernel") kernel = args[++i] as KernelKind;
    else if (args[i] === "--fixture") fixture = true;
    else if (args[i] === "--learner") learner = true;
    else names.push(args[i]);
  }
  if (!Number.isInteger(runs) || runs < 1) {
    console.error("notebook_ui: --runs takes a whole number of runs, at least 1");
    return 2;
  }
  if (!modes.every((m) => m === "run-all" || m === "shift-enter")) {
    console.error("notebook_ui: --mode takes run-all, shift-enter or both");
    return 2;
  }
  if (kernel !== "course" && kernel !== "plain") {
    console.error("notebook_ui: --kernel takes course or plain");
    return 2;
  }
  const cases: UiCase[] = [];
  const extra: { path: string; notebook: Notebook }[] = [];
  if (fixture) {
    const notebook = await readNotebook(`${PROJECT_ROOT}${FIXTURE_PATH}`);
    cases.push(caseOf(FIXTURE_PATH, notebook));
    extra.push({ path: FIXTURE_PATH, notebook });
  }
  if (!fixture && !learner || names.length > 0) {
    for (const path of await listNotebooks()) {
      const name = path.split("/").pop()!;
      if (names.length > 0 && !names.some((n) => name.includes(n))) continue;
      cases.push(caseOf(`notebooks/${name}`, await readNotebook(path)));
    }
  }
  if (learner) {
    console.log("notebook_ui: executing the learner editions headless for their expected outputs");
    const made = await learnerCases(names);
    cases.push(...made.cases);
    extra.push(...made.extra);
  }
  if (cases.length === 0) {
    console.error(`notebook_ui: no notebook matches ${names.join(", ")}`);
    return 2;
  }
  const spinner = busy ? busyCore() : undefined;
  const server = await NotebookServer.start({ kernel, extra });
  let browser = await launchBrowser();
  // Stopped from outside (Ctrl-C, kill): leave no spinner, server or browser behind.
  const stopNow = () => {
    spinner?.kill();
    browser.close().catch(() => {}).finally(() => server.stop().finally(() => Deno.exit(130)));
  };
  Deno.addSignalListener("SIGINT", stopNow);
  Deno.addSignalListener("SIGTERM", stopNow);
  let allIdentical = true;
  try {
    for (const c of cases) {
      for (const mode of modes) {
        let identical = 0;
        const seconds: number[] = [];
        for (let run = 1; run <= runs; run++) {
          let result: UiRun;
          try {
            result = await runNotebook(browser, server, c.path, { mode });
          } catch (error) {
            allIdentical = false;
            console.log(`  run ${run}: did not finish: ${(error as Error).message.split("\n")[0]}`);
            // A browser that went away (killed from outside) is started again.
            if (!browser.connected) browser = await launchBrowser();
            continue;
          }
          seconds.push(result.seconds);
          if ((result.settledMs ?? 0) > 2_500) {
            console.log(
              `  run ${run}: outputs still changed ${result.settledMs!.toFixed(0)} ms after idle`,
            );
          }
          if (reportRun(c, result, `run ${run}`)) identical++;
          else allIdentical = false;
        }
        const mean = seconds.reduce((a, b) => a + b, 0) / Math.max(seconds.length, 1);
        const how = mode === "run-all" ? "Restart & Run All" : "Shift-Enter";
        console.log(
          `${c.path}: ${identical} of ${runs} ${how} runs identical to the expected outputs ` +
            `(${c.figures} figures each; ${mean.toFixed(1)} s per run; ${kernel} kernel${
              busy ? ", one core busy" : ""
            })`,
        );
      }
    }
  } finally {
    Deno.removeSignalListener("SIGINT", stopNow);
    Deno.removeSignalListener("SIGTERM", stopNow);
    await browser.close();
    await server.stop();
    spinner?.kill();
  }
  return allIdentical ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
