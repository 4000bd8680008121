/**
 * Compares executed notebooks: with their committed outputs, nbval-style
 * ({@link compareWithCommitted}), and with what the NumPy originals print
 * ({@link compareWithReference}). Mismatches come back as readable,
 * unified-style diffs.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { type Cell, joinText, type MimeBundle, type Notebook, type Output } from "./jupyter.ts";
import { PLOTLY_MIME } from "../lib/plot/mod.ts";

/** What the NumPy original printed, per code cell (notebooks/reference/<notebook>.json). */
export interface Reference {
  notebook: string;
  /** Regular expressions of lines whose digits are round-off noise. */
  noise_lines: string[];
  cells: ReferenceCell[];
  /** The y values of each `plt.plot` call, in order, with its label. */
  plotted_series?: PlottedSeries[];
}

/** One line the original drew (`plt.plot(y, label=...)`). */
export interface PlottedSeries {
  label: string | null;
  y: number[];
}

/** How close plotted values must be to the original's, relative to their size. */
export const SERIES_RELATIVE_TOLERANCE = 1e-9;

/** One code cell of a {@link Reference}. */
export interface ReferenceCell {
  code_cell: number;
  python_source: string;
  stdout: string;
  /** The displayed value of the cell's last expression, or null. */
  value: string | null;
}

/** The outcome of {@link compareWithReference}. */
export interface ReferenceComparison {
  /** One readable diff per problem; empty when the notebook agrees. */
  mismatches: string[];
  /** Reference lines found identically, in order. */
  exactLines: number;
  /** Noise lines found with their digits masked (not identically). */
  maskedLines: number;
  /** All reference stdout lines. */
  totalLines: number;
  /** Plotted series compared with the original's (line traces of mirroring cells). */
  seriesCompared: number;
  /** Plotted values compared, and how many are bit-identical to the original's. */
  seriesValues: number;
  seriesIdenticalValues: number;
  /** The largest relative difference of a plotted value from the original's. */
  seriesMaxRelativeError: number;
}

/** Where the <notebook>.json references live: notebooks/reference/, inside the repository. */
export const REFERENCE_DIR = fileURLToPath(new URL("../notebooks/reference", import.meta.url));

/**
 * The notebooks written for this project, with no NumPy original and so no
 * reference (paths relative to the project root). Every other notebook must
 * have one.
 */
export const NOTEBOOKS_WITHOUT_REFERENCE: readonly string[] = [
  "notebooks/06_handwritten_digits.ipynb",
];

/** The reference of a notebook: `<referenceDir>/<its name without .ipynb>.json`. */
export function referencePathFor(notebookPath: string, referenceDir = REFERENCE_DIR): string {
  const name = notebookPath.split("/").pop()!.replace(/\.ipynb$/, "");
  return `${referenceDir}/${name}.json`;
}

/**
 * The cell metadata key listing regular expressions of the lines of a cell's
 * output that report a duration, so differ from run to run in their digits.
 */
export const TIMING_LINES_KEY = "timing_lines";

/**
 * A cell's `timing_lines` (see {@link TIMING_LINES_KEY}), compiled; a
 * malformed entry is an error, not ignored.
 */
export function timingPatterns(cell: Cell): RegExp[] {
  const patterns = cell.metadata?.[TIMING_LINES_KEY];
  if (patterns === undefined) return [];
  if (!Array.isArray(patterns) || !patterns.every((pattern) => typeof pattern === "string")) {
    throw new TypeError(`cell metadata "${TIMING_LINES_KEY}" must be a list of strings`);
  }
  return patterns.map((pattern) => new RegExp(pattern));
}

/** The cell metadata key naming the reference code cell a notebook cell mirrors. */
export const REFERENCE_CELL_KEY = "reference_cell";

// A Plotly output's rendering (plotly.js itself, a picture) is not its content.
const PLOTLY_RENDERINGS = new Set(["image/png", "image/svg+xml", "text/html"]);
const RELATIVE_TOLERANCE = 1e-12;
const CONTEXT_LINES = 3;

/** Removes ANSI escape sequences (colours, cursor moves) from `text`. */
export function stripAnsi(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
}

/**
 * Compares every output of every code cell of a fresh execution with the
 * committed notebook, as nbval does: stream text exactly, display and result
 * media by content (ANSI colours stripped), Plotly figures by their data,
 * layout and frames with numbers equal to a relative 1e-12, ignoring the HTML and images
 * that render them. Returns one diff per differing cell. A line that prints
 * how long something took differs from run to run: a committed cell may name
 * such lines in `metadata.timing_lines` (regular expressions, see
 * {@link TIMING_LINES_KEY}), and a line matching one of them may differ in
 * its digits only.
 */
export function compareWithCommitted(
  committed: Notebook,
  fresh: Notebook,
  label: string,
): string[] {
  const committedCells = committed.cells.filter(isCode);
  const freshCells = fresh.cells.filter(isCode);
  if (committedCells.length !== freshCells.length) {
    return [
      `${label}: the committed notebook has ${committedCells.length} code cells, ` +
      `the executed one ${freshCells.length}`,
    ];
  }
  const mismatches: string[] = [];
  committedCells.forEach((committedCell, position) => {
    const freshCell = freshCells[position];
    const where = `${label}, cell ${
      committed.cells.indexOf(committedCell)
    } (code cell ${position})`;
    const expected = renderOutputs(committedCell.outputs ?? []);
    const actual = renderOutputs(freshCell.outputs ?? []);
    const timing = timingPatterns(committedCell);
    const diff = diffLines(expected, actual, (a, b) => linesAgree(a, b, timing));
    if (diff.missing > 0 || diff.extra > 0) {
      mismatches.push(
        `${where}: outputs differ from the committed ones\n` +
          formatDiff(diff, "committed", "fresh run"),
      );
      return;
    }
    const figures = plotlyFigures(committedCell.outputs ?? []);
    plotlyFigures(freshCell.outputs ?? []).forEach((figure, index) => {
      const difference = firstDifference(figures[index], figure, "figure");
      if (difference) {
        mismatches.push(`${where}: Plotly figure ${index} differs: ${difference}`);
      }
    });
  });
  return mismatches;
}

/**
 * Compares a notebook's stdout and values with its reference. Cells with
 * `metadata.reference_cell = k` mirror reference code cell k (consecutive
 * cells may share one k; their stdout is joined); other cells are not
 * compared. Every reference stdout line must appear in the mirroring cells'
 * stdout, in order (extra lines are allowed); a line matching one of the
 * reference's `noise_lines` may differ in its digits only. A non-null
 * reference `value` must equal the `execute_result` text of the last
 * mirroring cell.
 */
export function compareWithReference(
  notebook: Notebook,
  reference: Reference,
  label: string,
): ReferenceComparison {
  const noise = reference.noise_lines.map((pattern) => new RegExp(pattern));
  const result: ReferenceComparison = {
    mismatches: [],
    exactLines: 0,
    maskedLines: 0,
    totalLines: 0,
    seriesCompared: 0,
    seriesValues: 0,
    seriesIdenticalValues: 0,
    seriesMaxRelativeError: 0,
  };
  const mirrors = mirroringCells(notebook, reference, label, result.mismatches);
  compareSeries(notebook, mirrors, reference.plotted_series ?? [], label, result);
  for (const referenceCell of reference.cells) {
    const expected = splitOutputLines(referenceCell.stdout);
    result.totalLines += expected.length;
    const cells = mirrors.get(referenceCell.code_cell) ?? [];
    if (cells.length === 0) {
      result.mismatches.push(
        `${label}: no cell has "${REFERENCE_CELL_KEY}": ${referenceCell.code_cell}, ` +
          `so reference code cell ${referenceCell.code_cell} is not covered`,
      );
      continue;
    }
    const where = `${label}, cell ${cells.map((cell) => notebook.cells.indexOf(cell)).join("+")}` +
      ` (reference code cell ${referenceCell.code_cell})`;
    const actual = splitOutputLines(cells.map(stdoutOf).join(""));
    const diff = diffLines(expected, actual, (want, got) => linesAgree(want, got, noise));
    for (const [want, got] of diff.pairs) {
      if (want === got) result.exactLines++;
      else result.maskedLines++;
    }
    if (diff.missing > 0) {
      result.mismatches.push(
        `${where}: ${diff.missing} of ${expected.length} reference stdout lines not found in order\n` +
          formatDiff(diff, "reference", "notebook", { extraIsContext: true }),
      );
    }
    if (referenceCell.value !== null) {
      const shown = resultText(cells[cells.length - 1]);
      if (shown !== referenceCell.value) {
        result.mismatches.push(
          `${where}: the cell's value differs\n` +
            `- ${referenceCell.value}\n+ ${shown ?? "(no execute_result)"}`,
        );
      }
    }
  }
  return result;
}

// The line traces that cells mirroring the original draw, in notebook order,
// must be the lines the original drew: same count, labels and lengths, and
// every value within SERIES_RELATIVE_TOLERANCE.
function compareSeries(
  notebook: Notebook,
  mirrors: Map<number, Cell[]>,
  expected: PlottedSeries[],
  label: string,
  result: ReferenceComparison,
): void {
  const mirroring = new Set([...mirrors.values()].flat());
  const drawn: { name: string | null; y: number[]; cell: number }[] = [];
  notebook.cells.forEach((cell, index) => {
    if (!mirroring.has(cell)) return;
    for (
      const figure of plotlyFigures(cell.outputs ?? []) as { data: Record<string, unknown>[] }[]
    ) {
      for (const trace of figure.data) {
        if (trace.type !== "scatter" || !String(trace.mode ?? "lines").includes("lines")) continue;
        drawn.push({
          name: (trace.name as string | undefined) ?? null,
          y: trace.y as number[],
          cell: index,
        });
      }
    }
  });
  if (drawn.length !== expected.length) {
    result.mismatches.push(
      `${label}: the original draws ${expected.length} line(s) (${
        expected.map((s) => s.label ?? "unlabelled").join(", ")
      }), the mirroring cells draw ${drawn.length}`,
    );
  }
  for (let i = 0; i < Math.min(drawn.length, expected.length); i++) {
    const want = expected[i];
    const got = drawn[i];
    const where = `${label}, cell ${got.cell}, plotted line ${i} (${want.label ?? "unlabelled"})`;
    result.seriesCompared++;
    if (got.name !== want.label) {
      result.mismatches.push(
        `${where}: label ${JSON.stringify(got.name)}, the original's is ${
          JSON.stringify(want.label)
        }`,
      );
    }
    if (got.y.length !== want.y.length) {
      result.mismatches.push(`${where}: ${got.y.length} points, the original has ${want.y.length}`);
      continue;
    }
    let worst = -1;
    for (let j = 0; j < want.y.length; j++) {
      result.seriesValues++;
      if (got.y[j] === want.y[j]) {
        result.seriesIdenticalValues++;
        continue;
      }
      const relative = Math.abs(got.y[j] - want.y[j]) / Math.abs(want.y[j]);
      if (!(relative <= result.seriesMaxRelativeError)) result.seriesMaxRelativeError = relative;
      if (!(relative <= SERIES_RELATIVE_TOLERANCE) && worst < 0) worst = j;
    }
    if (worst >= 0) {
      result.mismatches.push(
        `${where}: point ${worst} is ${got.y[worst]}, the original's is ${want.y[worst]} ` +
          `(more than ${SERIES_RELATIVE_TOLERANCE} apart, relatively)`,
      );
    }
  }
}

/** Reads a notebook's reference, notebooks/reference/<notebook>.json. */
export async function readReference(path: string): Promise<Reference> {
  return JSON.parse(await Deno.readTextFile(path)) as Reference;
}

function isCode(cell: Cell): boolean {
  return cell.cell_type === "code";
}

// Groups the cells that mirror each reference code cell, checking the mapping.
function mirroringCells(
  notebook: Notebook,
  reference: Reference,
  label: string,
  mismatches: string[],
): Map<number, Cell[]> {
  const known = new Set(reference.cells.map((cell) => cell.code_cell));
  const mirrors = new Map<number, Cell[]>();
  let previous = -1;
  notebook.cells.forEach((cell, index) => {
    const mapped = cell.metadata?.[REFERENCE_CELL_KEY];
    if (mapped === undefined) return;
    if (!isCode(cell) || typeof mapped !== "number" || !known.has(mapped)) {
      mismatches.push(
        `${label}, cell ${index}: "${REFERENCE_CELL_KEY}": ${JSON.stringify(mapped)} ` +
          `names no reference code cell (or is not on a code cell)`,
      );
      return;
    }
    if (mapped < previous) {
      mismatches.push(
        `${label}, cell ${index}: "${REFERENCE_CELL_KEY}": ${mapped} comes after ` +
          `reference code cell ${previous}; cells must follow the reference's order`,
      );
    }
    previous = mapped;
    mirrors.set(mapped, [...(mirrors.get(mapped) ?? []), cell]);
  });
  return mirrors;
}

function stdoutOf(cell: Cell): string {
  return (cell.outputs ?? [])
    .map((output) =>
      output.output_type === "stream" && output.name === "stdout" ? joinText(output.text) : ""
    )
    .join("");
}

function resultText(cell: Cell): string | undefined {
  const result = (cell.outputs ?? []).find((output) => output.output_type === "execute_result");
  if (result?.output_type !== "execute_result") return undefined;
  const text = result.data["text/plain"];
  return text === undefined ? undefined : stripAnsi(joinText(text as string | string[]));
}

// Lines of printed text, ANSI stripped; a final newline does not start a line.
function splitOutputLines(text: string): string[] {
  const lines = stripAnsi(text).split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function linesAgree(want: string, got: string, noise: RegExp[]): boolean {
  if (want === got) return true;
  if (!noise.some((pattern) => pattern.test(want))) return false;
  return maskDigits(want) === maskDigits(got);
}

/**
 * `text` with the digits of each line that matches one of `patterns` masked,
 * so that two runs' timing lines compare equal when only their digits differ.
 */
export function maskTimingLines(text: string, patterns: readonly RegExp[]): string {
  if (patterns.length === 0) return text;
  return text.split("\n").map((line) =>
    patterns.some((pattern) => pattern.test(line)) ? maskDigits(line) : line
  ).join("\n");
}

// Round-off noise can change how many digits a number has, not only which.
function maskDigits(line: string): string {
  return line.replace(/\d+/g, "#");
}

// Renders outputs as lines for an exact, readable comparison; Plotly figures
// are compared separately, with tolerance.
function renderOutputs(outputs: Output[]): string[] {
  const lines: string[] = [];
  for (const output of outputs) {
    switch (output.output_type) {
      case "stream":
        lines.push(`[${output.name}]`, ...splitOutputLines(joinText(output.text)));
        break;
      case "error":
        lines.push(`[error] ${output.ename}: ${stripAnsi(output.evalue)}`);
        break;
      default:
        lines.push(`[${output.output_type}]`, ...renderBundle(output.data));
    }
  }
  return lines;
}

function renderBundle(data: MimeBundle): string[] {
  const plotly = PLOTLY_MIME in data;
  const lines: string[] = [];
  for (const mime of Object.keys(data).sort()) {
    if (plotly && PLOTLY_RENDERINGS.has(mime)) continue;
    const value = data[mime];
    if (mime === PLOTLY_MIME) {
      lines.push(`  ${mime}: (a figure, compared below)`);
    } else if (mime.startsWith("text/") || mime === "image/svg+xml") {
      const text = stripAnsi(joinText(value as string | string[]));
      lines.push(`  ${mime}:`, ...splitOutputLines(text).map((line) => `    ${line}`));
    } else if (typeof value === "string") {
      // Base64 pictures: a fingerprint says whether they changed.
      lines.push(`  ${mime}: ${value.length} characters, fingerprint ${fingerprint(value)}`);
    } else {
      lines.push(`  ${mime}: ${JSON.stringify(value)}`);
    }
  }
  return lines;
}

function fingerprint(text: string): string {
  // FNV-1a: enough to tell two images apart in a report.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

function plotlyFigures(outputs: Output[]): unknown[] {
  const figures: unknown[] = [];
  for (const output of outputs) {
    if (output.output_type !== "display_data" && output.output_type !== "execute_result") continue;
    const figure = output.data[PLOTLY_MIME] as Record<string, unknown> | undefined;
    if (figure) figures.push({ data: figure.data, layout: figure.layout, frames: figure.frames });
  }
  return figures;
}

// The first place two JSON values differ (numbers to a relative 1e-12), or
// undefined when they agree.
function firstDifference(expected: unknown, actual: unknown, path: string): string | undefined {
  if (typeof expected === "number" && typeof actual === "number") {
    const scale = Math.max(Math.abs(expected), Math.abs(actual));
    return Math.abs(expected - actual) <= RELATIVE_TOLERANCE * scale
      ? undefined
      : `${path}: committed ${expected}, fresh ${actual}`;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      return `${path}: committed has ${expected.length} items, fresh ${actual.length}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const difference = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (isPlainObject(expected) && isPlainObject(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of [...keys].sort()) {
      if (!(key in expected)) return `${path}.${key}: only in the fresh run`;
      if (!(key in actual)) return `${path}.${key}: only in the committed notebook`;
      const difference = firstDifference(expected[key], actual[key], `${path}.${key}`);
      if (difference) return difference;
    }
    return undefined;
  }
  return expected === actual
    ? undefined
    : `${path}: committed ${JSON.stringify(expected)}, fresh ${JSON.stringify(actual)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** An alignment of expected with actual lines. */
interface LineDiff {
  /** In order: a matched pair, an expected line not found, or an actual line left over. */
  steps: { kind: "same" | "missing" | "extra"; expected?: string; actual?: string }[];
  /** The matched (expected, actual) pairs. */
  pairs: [string, string][];
  missing: number;
  extra: number;
}

// The longest common subsequence under `agree`, as a list of steps.
function diffLines(
  expected: string[],
  actual: string[],
  agree: (expected: string, actual: string) => boolean,
): LineDiff {
  const rows = expected.length + 1;
  const columns = actual.length + 1;
  // lengths[i * columns + j]: longest common subsequence of expected[i..] and actual[j..].
  const lengths = new Uint32Array(rows * columns);
  for (let i = expected.length - 1; i >= 0; i--) {
    for (let j = actual.length - 1; j >= 0; j--) {
      lengths[i * columns + j] = agree(expected[i], actual[j])
        ? lengths[(i + 1) * columns + j + 1] + 1
        : Math.max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1]);
    }
  }
  const diff: LineDiff = { steps: [], pairs: [], missing: 0, extra: 0 };
  let i = 0;
  let j = 0;
  while (i < expected.length || j < actual.length) {
    if (
      i < expected.length && j < actual.length && agree(expected[i], actual[j]) &&
      lengths[i * columns + j] === lengths[(i + 1) * columns + j + 1] + 1
    ) {
      diff.steps.push({ kind: "same", expected: expected[i], actual: actual[j] });
      diff.pairs.push([expected[i], actual[j]]);
      i++;
      j++;
    } else if (
      i < expected.length &&
      (j === actual.length || lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1])
    ) {
      diff.steps.push({ kind: "missing", expected: expected[i] });
      diff.missing++;
      i++;
    } else {
      diff.steps.push({ kind: "extra", actual: actual[j] });
      diff.extra++;
      j++;
    }
  }
  return diff;
}

// Unified-style: `-` expected lines not found, `+` actual lines left over,
// ` ` agreeing lines, `~` noise lines that agree once digits are masked, with a few lines of context around each change. With
// `extraIsContext`, leftover actual lines are allowed and do not start a hunk.
function formatDiff(
  diff: LineDiff,
  expectedName: string,
  actualName: string,
  { extraIsContext = false } = {},
): string {
  const isChange = (kind: string) => kind === "missing" || (kind === "extra" && !extraIsContext);
  const show = new Array<boolean>(diff.steps.length).fill(false);
  diff.steps.forEach((step, index) => {
    if (!isChange(step.kind)) return;
    const from = Math.max(0, index - CONTEXT_LINES);
    const to = Math.min(diff.steps.length - 1, index + CONTEXT_LINES);
    for (let k = from; k <= to; k++) show[k] = true;
  });
  const lines = [`--- ${expectedName}`, `+++ ${actualName}`];
  let skipped = false;
  diff.steps.forEach((step, index) => {
    if (!show[index]) {
      skipped = true;
      return;
    }
    if (skipped || (index > 0 && lines.length === 2)) lines.push("@@ ... @@");
    skipped = false;
    if (step.kind === "same") {
      lines.push(step.expected === step.actual ? `  ${step.actual}` : `~ ${step.actual}`);
    } else if (step.kind === "missing") {
      lines.push(`- ${step.expected}`);
    } else {
      lines.push(`+ ${step.actual}`);
    }
  });
  return lines.join("\n");
}
