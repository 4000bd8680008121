/**
 * Runs notebooks in a fresh kernel through `tools/execute_notebook.py`
 * (Python, on jupyter_client), and reads and writes notebook JSON.
 *
 * The kernel is the course's (tools/kernel/), started from a kernelspec made
 * here in a temporary directory for this very Deno and this checkout's proxy,
 * so nothing depends on what the user registered; the executed notebook
 * names the `nn-from-scratch` kernelspec, which is what learners have.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { KERNEL_NAME, kernelJson } from "./kernel/install.ts";

/** Text in a notebook: one string, or its lines (each with its newline). */
export type MultilineString = string | string[];

/** Outputs keyed by media type, as in `display_data` and `execute_result`. */
export type MimeBundle = Record<string, unknown>;

/** One output of a code cell (nbformat 4). */
export type Output =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: MultilineString }
  | {
    output_type: "display_data";
    data: MimeBundle;
    metadata: Record<string, unknown>;
  }
  | {
    output_type: "execute_result";
    data: MimeBundle;
    metadata: Record<string, unknown>;
    execution_count: number | null;
  }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

/** A cell of a notebook (nbformat 4.5). */
export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  metadata: Record<string, unknown>;
  source: MultilineString;
  outputs?: Output[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
}

/** A notebook as nbformat 4 JSON. */
export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** How long the kernel and each cell took, as the executor measured it. */
export interface ExecutionTimes {
  kernel_start_seconds: number;
  total_seconds: number;
  cells: { cell: number; execution_count: number | null; seconds: number }[];
}

/** What {@link executeNotebook} returns. */
export interface ExecutionResult {
  /** The executed notebook, with the (first) run's outputs. */
  notebook: Notebook;
  times: ExecutionTimes;
  /** With `runTwice`: the executor's report of an error in the second run. */
  secondRunError?: string;
}

/** Options of {@link executeNotebook}. */
export interface ExecuteOptions {
  /** Seconds allowed per cell (the executor's default is 600). */
  timeoutSeconds?: number;
  /** Keep going after a cell raises, saving the error as its output. */
  allowErrors?: boolean;
  /** Run all cells a second time in the same kernel, reporting any error then. */
  runTwice?: boolean;
  /**
   * "course" (default): the course's kernel; "plain": Deno's own kernel
   * without the proxy, whose output can land in the wrong cell.
   */
  kernel?: "course" | "plain";
  /**
   * Stop a cell that runs past the timeout and go on: the kernel is
   * interrupted (restarted, with the cells before run again, when that fails)
   * and the cell gets a `TimeoutError` output.
   */
  continueAfterTimeout?: boolean;
  /** The kernel's working directory (default: the notebook's directory). */
  cwd?: string;
  /** A file the executor keeps up to date with the running code cell: `<position from 1> <count>`. */
  progressFile?: string;
}

/** A notebook could not be executed: a cell raised or timed out, or the kernel died. */
export class ExecutorError extends Error {
  constructor(
    readonly notebookPath: string,
    readonly exitCode: number,
    readonly details: string,
  ) {
    super(`executing ${notebookPath} failed (exit status ${exitCode}):\n${details}`);
    this.name = "ExecutorError";
  }
}

/** The project's root directory, with a trailing slash. */
export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where the notebooks live. */
export const NOTEBOOK_DIR = `${PROJECT_ROOT}notebooks`;

/** The `*.ipynb` files of `directory` (default: notebooks/), sorted by name. */
export async function listNotebooks(directory = NOTEBOOK_DIR): Promise<string[]> {
  const paths: string[] = [];
  try {
    for await (const entry of Deno.readDir(directory)) {
      if (entry.isFile && entry.name.endsWith(".ipynb")) paths.push(`${directory}/${entry.name}`);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return paths.sort();
}

/** Whether `path` exists; other errors than its absence are thrown. */
export async function fileExists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** `path` relative to the project root when it lies inside it, for messages. */
export function relativeToRoot(path: string): string {
  return path.startsWith(PROJECT_ROOT) ? path.slice(PROJECT_ROOT.length) : path;
}

/** The course's kernelspec as the executor starts it: this checkout's proxy. */
export const COURSE_KERNEL_NAME = KERNEL_NAME;
/** Deno's own kernel, without the proxy; it lives only in our temp directory. */
export const PLAIN_KERNEL_NAME = "deno-plain-nn-test";

const EXECUTOR = fileURLToPath(new URL("./execute_notebook.py", import.meta.url));

// The executor's status when only the second run of --run-twice failed.
const EXIT_SECOND_RUN_FAILED = 3;

const INSTALL_HINT = "Jupyter's Python client is missing. Install it:\n" +
  "  Debian/Ubuntu: apt-get update && apt-get install -y jupyter-nbconvert python3-nbclient " +
  "python3-ipykernel jupyter-client\n" +
  "  elsewhere:     pip install nbclient nbconvert jupyter_client ipykernel\n" +
  "(or run tools/setup.sh, which does this)";

/**
 * Throws when the quick tests (`deno task test:quick`, which sets
 * NN_QUICK_TESTS) reach for a kernel, Jupyter or a browser: a test that
 * needs one belongs to the full suite only.
 */
export function refuseInQuickTests(what: string): void {
  const allowed = Deno.permissions.querySync({ name: "env", variable: "NN_QUICK_TESTS" });
  if (allowed.state === "granted" && Deno.env.get("NN_QUICK_TESTS")) {
    throw new Error(
      `the quick tests start no ${what}: add this test file to the ignore list of ` +
        "test:quick in deno.json",
    );
  }
}

let pythonFound: Promise<string> | undefined;

/**
 * The Python interpreter that can import jupyter_client and nbformat: `python3`
 * on PATH, else Debian's `/usr/bin/python3` (a pyenv `python3` may shadow it).
 * Throws an error saying how to install them when neither can.
 */
export function findJupyterPython(): Promise<string> {
  refuseInQuickTests("Jupyter");
  pythonFound ??= (async () => {
    for (const candidate of ["python3", "/usr/bin/python3"]) {
      if (await canImportJupyterClient(candidate)) return candidate;
    }
    throw new Error(INSTALL_HINT);
  })();
  return pythonFound;
}

async function canImportJupyterClient(python: string): Promise<boolean> {
  try {
    const { success } = await new Deno.Command(python, {
      args: ["-c", "import jupyter_client, nbformat"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Where the private kernelspecs live: a directory for JUPYTER_PATH and one for runtime files. */
export interface KernelspecLocation {
  jupyterPath: string;
  runtimeDir: string;
}

let kernelspecMade: Promise<KernelspecLocation> | undefined;

/** Which kernel a kernelspec starts: the course's (this checkout's proxy) or Deno's plain one. */
export type KernelKind = "course" | "plain";

/**
 * Writes a kernelspec named `name` into `jupyterPath/kernels/` that starts
 * this very Deno (`Deno.execPath()`): the course's kernel, running this
 * checkout's `tools/kernel/proxy.ts`, or Deno's plain kernel.
 */
export async function writeKernelspec(
  jupyterPath: string,
  name: string,
  kind: KernelKind,
): Promise<void> {
  const proxyDir = fileURLToPath(new URL("./kernel", import.meta.url));
  const spec = kind === "course" ? kernelJson(Deno.execPath(), proxyDir) : {
    argv: [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno (plain)",
    language: "typescript",
  };
  await Deno.mkdir(`${jupyterPath}/kernels/${name}`, { recursive: true });
  await Deno.writeTextFile(
    `${jupyterPath}/kernels/${name}/kernel.json`,
    JSON.stringify(spec, null, 1) + "\n",
  );
}

/**
 * Writes {@link COURSE_KERNEL_NAME} (first on JUPYTER_PATH, it hides a
 * registered one) and {@link PLAIN_KERNEL_NAME} with {@link writeKernelspec}
 * in a temporary directory that is removed when the process exits. Made once
 * per process.
 */
export function prepareKernelspec(): Promise<KernelspecLocation> {
  kernelspecMade ??= (async () => {
    const root = await Deno.makeTempDir({ prefix: "deno-nn-jupyter-" });
    globalThis.addEventListener("unload", () => {
      try {
        Deno.removeSync(root, { recursive: true });
      } catch {
        // Already gone; nothing to tidy.
      }
    });
    await Deno.mkdir(`${root}/runtime`);
    await writeKernelspec(root, COURSE_KERNEL_NAME, "course");
    await writeKernelspec(root, PLAIN_KERNEL_NAME, "plain");
    return { jupyterPath: root, runtimeDir: `${root}/runtime` };
  })();
  return kernelspecMade;
}

/** The environment that makes Jupyter find the kernelspecs of {@link prepareKernelspec}. */
export async function kernelEnvironment(): Promise<Record<string, string>> {
  refuseInQuickTests("kernel");
  const kernelspec = await prepareKernelspec();
  const existing = Deno.env.get("JUPYTER_PATH");
  return {
    JUPYTER_PATH: existing ? `${kernelspec.jupyterPath}:${existing}` : kernelspec.jupyterPath,
    JUPYTER_RUNTIME_DIR: kernelspec.runtimeDir,
    // jupyter_core warns on every start until this is set.
    JUPYTER_PLATFORM_DIRS: "1",
  };
}

/**
 * Executes the notebook at `path` top to bottom in a fresh course kernel (the
 * kernel's working directory is the notebook's directory unless `options.cwd`
 * says otherwise) and returns the
 * executed notebook; the file itself is not changed. Throws
 * {@link ExecutorError} when a cell raises (unless `allowErrors`), times out,
 * or the kernel dies.
 */
export async function executeNotebook(
  path: string,
  options: ExecuteOptions = {},
): Promise<ExecutionResult> {
  const [python, env] = await Promise.all([findJupyterPython(), kernelEnvironment()]);
  const workDir = await Deno.makeTempDir({ prefix: "deno-nn-run-" });
  try {
    const outputPath = `${workDir}/executed.ipynb`;
    const timesPath = `${workDir}/times.json`;
    const kernel = options.kernel === "plain" ? PLAIN_KERNEL_NAME : COURSE_KERNEL_NAME;
    const args = [EXECUTOR, path, outputPath, "--kernel-name", kernel];
    args.push("--times", timesPath);
    if (options.timeoutSeconds !== undefined) {
      args.push("--timeout", String(options.timeoutSeconds));
    }
    if (options.allowErrors) args.push("--allow-errors");
    if (options.runTwice) args.push("--run-twice");
    if (options.continueAfterTimeout) args.push("--continue-after-timeout");
    if (options.cwd !== undefined) args.push("--cwd", options.cwd);
    if (options.progressFile !== undefined) args.push("--progress", options.progressFile);
    const { code, stderr } = await new Deno.Command(python, {
      args,
      env,
      stdin: "null",
      stdout: "inherit",
      stderr: "piped",
    }).output();
    const report = new TextDecoder().decode(stderr).trim();
    if (code !== 0 && code !== EXIT_SECOND_RUN_FAILED) {
      throw new ExecutorError(path, code, report);
    }
    const notebook = await readNotebook(outputPath);
    const times = JSON.parse(await Deno.readTextFile(timesPath)) as ExecutionTimes;
    return code === EXIT_SECOND_RUN_FAILED
      ? { notebook, times, secondRunError: report }
      : { notebook, times };
  } finally {
    await Deno.remove(workDir, { recursive: true });
  }
}

/** Reads a notebook file as JSON. */
export async function readNotebook(path: string): Promise<Notebook> {
  return JSON.parse(await Deno.readTextFile(path)) as Notebook;
}

/** Joins a notebook's multi-line text into one string. */
export function joinText(text: MultilineString): string {
  return Array.isArray(text) ? text.join("") : text;
}

/**
 * Serializes a notebook as Jupyter saves it (nbformat's `writes`): keys sorted
 * at every level, one-space indentation, cell sources, stream text and textual
 * media split into lines, and a trailing newline. Keeping the same form keeps
 * diffs of refreshed notebooks small.
 */
export function serializeNotebook(notebook: Notebook): string {
  const split = structuredClone(notebook);
  for (const cell of split.cells) {
    cell.source = splitLines(joinText(cell.source));
    for (const output of cell.outputs ?? []) {
      if (output.output_type === "stream") {
        output.text = splitLines(joinText(output.text));
      } else if (output.output_type === "display_data" || output.output_type === "execute_result") {
        for (const [mime, value] of Object.entries(output.data)) {
          if (isSplitMime(mime) && (typeof value === "string" || Array.isArray(value))) {
            output.data[mime] = splitLines(joinText(value as MultilineString));
          }
        }
      }
    }
  }
  return JSON.stringify(sortKeys(split), null, 1) + "\n";
}

/** Writes a notebook in the form of {@link serializeNotebook}. */
export async function writeNotebook(path: string, notebook: Notebook): Promise<void> {
  await Deno.writeTextFile(path, serializeNotebook(notebook));
}

// nbformat splits these media types into lines; JSON media stay whole.
function isSplitMime(mime: string): boolean {
  return mime.startsWith("text/") || mime === "application/javascript" ||
    mime === "image/svg+xml";
}

// Python's str.splitlines(keepends=True), which nbformat uses, breaks lines
// at these control characters too.
const LINE_BREAK = "\\n\\r\\v\\f\\x1c-\\x1e\\x85\\u2028\\u2029";
const PYTHON_LINE = new RegExp(`[^${LINE_BREAK}]*(?:\\r\\n|[${LINE_BREAK}]|$)`, "g");

function splitLines(text: string): string[] {
  return text.match(PYTHON_LINE)!.filter((line) => line !== "");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  }
  return sorted;
}
