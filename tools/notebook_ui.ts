/**
 * The notebooks as a learner runs them: the classic Jupyter Notebook server
 * (Debian's `jupyter-notebook`) on 127.0.0.1, a notebook opened in headless
 * Chromium driven by puppeteer-core, *Kernel → Restart & Run All* clicked in
 * the menu, and, once the kernel is idle, what every cell shows compared with
 * the notebook's committed outputs.
 *
 * The server serves a scratch copy of the project (notebooks, lib/,
 * deno.json, deno.lock), so its autosave never touches the repository. The
 * kernel is the one learners use: the `deno` kernelspec that
 * `deno jupyter --install` registers.
 *
 * As a command, it repeats every notebook (or those named) several times and
 * prints how many runs were identical:
 *
 *     deno run --allow-all tools/notebook_ui.ts [--runs N] [--busy] [NAME...]
 *
 * `--busy` keeps one core busy with a spinning process during the runs.
 *
 * @module
 */
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { findChromium } from "./chromium.ts";
import {
  joinText,
  listNotebooks,
  type Notebook,
  type Output,
  PROJECT_ROOT,
  readNotebook,
} from "./jupyter.ts";
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

  /** Copies the project to a scratch directory and serves it; resolves once it answers. */
  static async start(): Promise<NotebookServer> {
    const root = await Deno.makeTempDir({ prefix: "nn-ui-" });
    await Deno.mkdir(`${root}/notebooks`);
    for (const path of await listNotebooks()) {
      await Deno.copyFile(path, `${root}/notebooks/${path.split("/").pop()}`);
    }
    await copyTree(`${PROJECT_ROOT}lib`, `${root}/lib`);
    for (const file of ["deno.json", "deno.lock"]) {
      await Deno.copyFile(`${PROJECT_ROOT}${file}`, `${root}/${file}`);
    }
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
        env: { JUPYTER_CONFIG_DIR: `${root}/config` },
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

  /** The page of notebook `name` (a file of notebooks/). */
  url(name: string): string {
    return `http://127.0.0.1:${this.port}/notebooks/notebooks/${name}?token=${TOKEN}`;
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

/**
 * Starts headless Chromium for {@link runNotebook}.
 *
 * @example
 * ```ts
 * import { launchBrowser } from "./notebook_ui.ts";
 * const browser = await launchBrowser();
 * await browser.close();
 * ```
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    throw new Error(
      "notebook_ui: Chromium is not installed (tools/setup.sh --browser installs it)",
    );
  }
  return await puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Opens notebook `name`, clicks Kernel → Restart & Run All, confirms, waits
 * until every code cell has run and the kernel is idle (plus `settleMs`, for
 * output that would arrive late), and reads what each code cell shows.
 *
 * @example
 * ```ts
 * import { launchBrowser, NotebookServer, runNotebook } from "./notebook_ui.ts";
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
  name: string,
  { timeoutMs = 300_000, settleMs = 2_000 } = {},
): Promise<UiRun> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(String((error as Error).message ?? error)));
  try {
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(server.url(name), { waitUntil: "load", timeout: 60_000 });
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
    await clickRestartAndRunAll(page);
    // The committed prompts already read 1..n: first see the last cell queued.
    await page.waitForFunction(
      () =>
        // deno-lint-ignore no-explicit-any
        (globalThis as any).Jupyter.notebook.get_cells().filter((c: any) => c.cell_type === "code")
          .at(-1).input_prompt_number === "*",
      { timeout: 60_000, polling: 20 },
    );
    // After a restart the kernel counts from 1, so the last code cell shows
    // the number of code cells once all of them have run (or stops on an error).
    await page.waitForFunction(
      (count: number) => {
        // deno-lint-ignore no-explicit-any
        const notebook = (globalThis as any).Jupyter.notebook;
        // deno-lint-ignore no-explicit-any
        const cells = notebook.get_cells().filter((c: any) => c.cell_type === "code");
        const idle = document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
        const done = cells[cells.length - 1].input_prompt_number === count;
        // deno-lint-ignore no-explicit-any
        const failed = cells.some((c: any) =>
          // deno-lint-ignore no-explicit-any
          c.output_area.outputs.some((o: any) => o.output_type === "error")
        );
        return idle && (done || failed);
      },
      { timeout: timeoutMs, polling: 200 },
      codeCells,
    );
    const seconds = (performance.now() - started) / 1000;
    await delay(settleMs);
    const cells: OutputSummary[][] = await page.evaluate(() => {
      // deno-lint-ignore no-explicit-any
      const notebook = (globalThis as any).Jupyter.notebook;
      // deno-lint-ignore no-explicit-any
      return notebook.get_cells().filter((c: any) => c.cell_type === "code").map((c: any) =>
        // deno-lint-ignore no-explicit-any
        c.output_area.outputs.map((o: any) => ({ ...o }))
      );
    }).then((raw: Output[][]) => raw.map((outputs) => summarize(outputs)));
    const figuresDrawn: number = await page.evaluate(() =>
      // deno-lint-ignore no-explicit-any
      [...document.querySelectorAll(".output_area .js-plotly-plot")].filter((plot: any) => {
        const svg = plot.querySelector("svg.main-svg");
        return svg !== null && svg.getBoundingClientRect().width > 0 &&
          plot.querySelectorAll(".trace, .bars, .contour, .heatmaplayer > g.hm").length > 0;
      }).length
    );
    return { cells, figuresDrawn, pageErrors, seconds };
  } finally {
    await page.close();
  }
}

/** The menu path a learner takes, and the confirmation dialog's button. */
async function clickRestartAndRunAll(page: Page): Promise<void> {
  await page.click("#kernellink");
  await page.waitForSelector("#restart_run_all", { visible: true });
  await page.click("#restart_run_all");
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

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(args: string[]): Promise<number> {
  let runs = 10;
  let busy = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--runs") runs = Number(args[++i]);
    else if (args[i] === "--busy") busy = true;
    else names.push(args[i]);
  }
  if (!Number.isInteger(runs) || runs < 1) {
    console.error("notebook_ui: --runs takes a whole number of runs, at least 1");
    return 2;
  }
  const paths = (await listNotebooks()).filter((path) =>
    names.length === 0 || names.some((name) => path.endsWith(name) || path.includes(name))
  );
  if (paths.length === 0) {
    console.error(`notebook_ui: no notebook matches ${names.join(", ")}`);
    return 2;
  }
  const spinner = busy ? busyCore() : undefined;
  const server = await NotebookServer.start();
  const browser = await launchBrowser();
  let allIdentical = true;
  try {
    for (const path of paths) {
      const name = path.split("/").pop()!;
      const notebook = await readNotebook(path);
      const expected = committedOutputs(notebook);
      const figures = committedFigures(notebook);
      const timing = committedTimingLines(notebook);
      let identical = 0;
      const seconds: number[] = [];
      for (let run = 1; run <= runs; run++) {
        let result: UiRun;
        try {
          result = await runNotebook(browser, server, name);
        } catch (error) {
          allIdentical = false;
          console.log(`  run ${run}: did not finish: ${(error as Error).message.split("\n")[0]}`);
          continue;
        }
        seconds.push(result.seconds);
        const found = differences(expected, result, timing);
        const ok = found.length === 0 && result.figuresDrawn === figures &&
          result.pageErrors.length === 0;
        if (ok) identical++;
        else {
          allIdentical = false;
          for (const difference of found) {
            console.log(`  run ${run}: ${describeDifference(difference)}`);
          }
          if (result.figuresDrawn !== figures) {
            console.log(`  run ${run}: ${result.figuresDrawn} of ${figures} figures drawn`);
          }
          for (const error of result.pageErrors) console.log(`  run ${run}: page error: ${error}`);
        }
      }
      const mean = seconds.reduce((a, b) => a + b, 0) / Math.max(seconds.length, 1);
      console.log(
        `${name}: ${identical} of ${runs} Restart & Run All runs identical to the committed ` +
          `outputs (${figures} figures each; ${mean.toFixed(1)} s per run${
            busy ? ", one core busy" : ""
          })`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
    spinner?.kill();
  }
  return allIdentical ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
