// Every notebook, executed fresh in the Deno kernel, (a) prints exactly its
// committed outputs, (b) prints what the NumPy original prints
// (notebooks/reference/; notebooks written for this project, listed in
// NOTEBOOKS_WITHOUT_REFERENCE, have no original and no reference), and (c) runs a second time in the same kernel without
// error. Each notebook is executed once per test run (with "run all twice":
// the first run is a fresh run), two at a time, and the result is shared by
// its tests. A small fixture notebook with a stand-in reference goes through
// the same checks, and through deliberately altered outputs that each check
// must reject.

import { fileURLToPath } from "node:url";
import { assert, assertEquals } from "./assert.ts";
import {
  compareWithCommitted,
  compareWithReference,
  NOTEBOOKS_WITHOUT_REFERENCE,
  readReference,
  type Reference,
  REFERENCE_CELL_KEY,
  REFERENCE_DIR,
  referencePathFor,
} from "../tools/compare.ts";
import {
  executeNotebook,
  type ExecutionResult,
  fileExists,
  listNotebooks,
  type Notebook,
  type Output,
  readNotebook,
  relativeToRoot,
} from "../tools/jupyter.ts";

// Kernel processes outlive single tests (the next notebook is executed while
// the current one is checked); they are all finished when the run ends.
const KERNEL_TEST = { sanitizeOps: false, sanitizeResources: false };
const CONCURRENT_KERNELS = 2;

/** Executes notebooks at most `concurrency` at a time, each once, on demand. */
class ExecutionPool {
  #running = 0;
  #waiting: (() => void)[] = [];
  #results = new Map<string, Promise<{ result?: ExecutionResult; error?: unknown }>>();

  constructor(private readonly order: string[], private readonly concurrency: number) {}

  /** The execution of `path`; also starts the next notebook in order, to overlap the two. */
  async get(path: string): Promise<ExecutionResult> {
    const settled = this.#start(path);
    const next = this.order[this.order.indexOf(path) + 1];
    if (next) this.#start(next);
    const { result, error } = await settled;
    if (error !== undefined) throw error;
    return result!;
  }

  // Settled promises only: a notebook started ahead must not reject unobserved.
  #start(path: string) {
    let settled = this.#results.get(path);
    if (!settled) {
      settled = this.#run(path).then((result) => ({ result }), (error) => ({ error }));
      this.#results.set(path, settled);
    }
    return settled;
  }

  async #run(path: string): Promise<ExecutionResult> {
    while (this.#running >= this.concurrency) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#running++;
    try {
      return await executeNotebook(path, { runTwice: true });
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }
}

/** The three checks of one notebook against its committed outputs and its reference. */
function registerNotebookTests(
  notebookPath: string,
  referencePath: string | undefined,
  execute: () => Promise<ExecutionResult>,
): void {
  const label = relativeToRoot(notebookPath);
  Deno.test({
    name: `${label}: a fresh run prints exactly the committed outputs`,
    ...KERNEL_TEST,
    async fn() {
      const committed = await readNotebook(notebookPath);
      const { notebook } = await execute();
      const mismatches = compareWithCommitted(committed, notebook, label);
      assert(mismatches.length === 0, "\n" + mismatches.join("\n\n"));
    },
  });
  if (referencePath) {
    Deno.test({
      name: `${label}: prints what the NumPy original prints`,
      ...KERNEL_TEST,
      async fn() {
        const reference = await readReference(referencePath);
        const { notebook } = await execute();
        const comparison = compareWithReference(notebook, reference, label);
        assert(comparison.mismatches.length === 0, "\n" + comparison.mismatches.join("\n\n"));
        assertEquals(comparison.exactLines + comparison.maskedLines, comparison.totalLines);
      },
    });
  }
  Deno.test({
    name: `${label}: runs a second time in the same kernel without error`,
    ...KERNEL_TEST,
    async fn() {
      const { secondRunError } = await execute();
      assert(secondRunError === undefined, `\n${secondRunError}`);
    },
  });
}

/** The notebooks that notebooks/reference/ describes, as paths relative to the project root. */
async function expectedNotebooks(): Promise<string[]> {
  const names: string[] = [];
  if (!(await fileExists(REFERENCE_DIR))) return names;
  for await (const entry of Deno.readDir(REFERENCE_DIR)) {
    if (!entry.name.endsWith(".json")) continue;
    names.push((await readReference(`${REFERENCE_DIR}/${entry.name}`)).notebook);
  }
  return names.sort();
}

// ---- The project's notebooks ----

const notebooks = await listNotebooks();
const pool = new ExecutionPool(notebooks, CONCURRENT_KERNELS);

Deno.test("notebooks/ holds every notebook that notebooks/reference/ describes", async () => {
  const expected = await expectedNotebooks();
  assert(expected.length >= 5, `expected five references in ${REFERENCE_DIR}`);
  const present = notebooks.map(relativeToRoot);
  const missing = expected.filter((name) => !present.includes(name));
  assertEquals(missing, [], `missing notebooks: ${missing.join(", ")}`);
});

Deno.test("a notebook has a reference exactly when it is not listed as having none", async () => {
  const present = notebooks.map(relativeToRoot);
  for (const name of NOTEBOOKS_WITHOUT_REFERENCE) {
    assert(present.includes(name), `${name} is listed as having no reference but does not exist`);
  }
  for (const path of notebooks) {
    const label = relativeToRoot(path);
    const expected = !NOTEBOOKS_WITHOUT_REFERENCE.includes(label);
    assertEquals(
      await fileExists(referencePathFor(path)),
      expected,
      expected ? `${label} has no reference` : `${label} is listed as having none, but has one`,
    );
  }
});

for (const path of notebooks) {
  const referencePath = referencePathFor(path);
  const hasNone = NOTEBOOKS_WITHOUT_REFERENCE.includes(relativeToRoot(path));
  // A reference missing where one is due fails the test above, and here too.
  registerNotebookTests(path, hasNone ? undefined : referencePath, () => pool.get(path));
}

// ---- The fixture: the same checks, and proof that each can fail ----

const FIXTURE = fileURLToPath(new URL("./fixtures/mirror.ipynb", import.meta.url));
const FIXTURE_REFERENCE = fileURLToPath(
  new URL("./fixtures/mirror.reference.json", import.meta.url),
);
const fixturePool = new ExecutionPool([FIXTURE], 1);
const fixtureRun = () => fixturePool.get(FIXTURE);

registerNotebookTests(FIXTURE, FIXTURE_REFERENCE, fixtureRun);

/** A fresh, modifiable copy of the fixture's execution and reference. */
async function fixtureCopies(): Promise<{ notebook: Notebook; reference: Reference }> {
  const { notebook } = await fixtureRun();
  return {
    notebook: structuredClone(notebook),
    reference: await readReference(FIXTURE_REFERENCE),
  };
}

/** The stdout output of the first cell mirroring reference code cell `k`. */
function mirroredStdout(notebook: Notebook, k: number): Output & { output_type: "stream" } {
  const cell = notebook.cells.find((cell) => cell.metadata[REFERENCE_CELL_KEY] === k)!;
  const output = cell.outputs!.find((output) =>
    output.output_type === "stream" && output.name === "stdout"
  );
  assert(output?.output_type === "stream", `reference cell ${k} has stdout`);
  return output;
}

function editLines(
  output: Output & { output_type: "stream" },
  edit: (lines: string[]) => string[],
): void {
  const text = Array.isArray(output.text) ? output.text.join("") : output.text;
  output.text = edit(text.split("\n").slice(0, -1)).map((line) => line + "\n").join("");
}

function plotlyOutput(notebook: Notebook): Output & { output_type: "display_data" } {
  for (const cell of notebook.cells) {
    for (const output of cell.outputs ?? []) {
      if (
        output.output_type === "display_data" && "application/vnd.plotly.v1+json" in output.data
      ) {
        return output;
      }
    }
  }
  throw new Error("the fixture displays a Plotly figure");
}

function figureY(output: Output & { output_type: "display_data" }): number[] {
  const figure = output.data["application/vnd.plotly.v1+json"] as { data: { y: number[] }[] };
  return figure.data[0].y;
}

Deno.test({
  name: "comparison with committed outputs rejects a changed, a missing or an extra line",
  ...KERNEL_TEST,
  async fn() {
    const committed = await readNotebook(FIXTURE);
    for (
      const edit of [
        (lines: string[]) => lines.map((line, i) => (i === 1 ? line + " " : line)),
        (lines: string[]) => lines.slice(1),
        (lines: string[]) => [...lines, "one more"],
      ]
    ) {
      const { notebook } = await fixtureCopies();
      editLines(mirroredStdout(notebook, 0), edit);
      const mismatches = compareWithCommitted(committed, notebook, "fixture");
      assertEquals(mismatches.length, 1, mismatches.join("\n"));
      assert(/^[-+] /m.test(mismatches[0]), `shows a diff:\n${mismatches[0]}`);
    }
  },
});

Deno.test({
  name: "comparison with committed outputs: ANSI colours and Plotly's HTML do not count, " +
    "figure numbers do beyond a relative 1e-12",
  ...KERNEL_TEST,
  async fn() {
    const committed = await readNotebook(FIXTURE);
    const { notebook } = await fixtureCopies();
    const figure = plotlyOutput(notebook);
    figure.data["text/html"] = "<div>drawn differently</div>";
    figure.data["image/png"] = "iVBORw0KGgo=";
    for (const cell of notebook.cells) {
      for (const output of cell.outputs ?? []) {
        if (output.output_type === "execute_result") {
          output.data["text/plain"] = `\x1b[1m${output.data["text/plain"]}\x1b[0m`;
        }
      }
    }
    const y = figureY(figure);
    y[0] *= 1 + 1e-14;
    assertEquals(compareWithCommitted(committed, notebook, "fixture"), []);

    y[0] *= 1 + 1e-9;
    const mismatches = compareWithCommitted(committed, notebook, "fixture");
    assertEquals(mismatches.length, 1);
    assert(mismatches[0].includes("figure.data[0].y[0]"), mismatches[0]);

    const { notebook: relabelled } = await fixtureCopies();
    plotlyOutput(relabelled).data["text/plain"] = "Figure: something else";
    assertEquals(compareWithCommitted(committed, relabelled, "fixture").length, 1);
  },
});

Deno.test({
  name: "comparison with the reference rejects a missing line and names the cells",
  ...KERNEL_TEST,
  async fn() {
    const { notebook, reference } = await fixtureCopies();
    const output = mirroredStdout(notebook, 0);
    const text = Array.isArray(output.text) ? output.text.join("") : output.text;
    const dropped = text.split("\n")[1];
    editLines(output, (lines) => lines.filter((_, i) => i !== 1));
    const comparison = compareWithReference(notebook, reference, "fixture");
    assertEquals(comparison.mismatches.length, 1);
    const cellIndex = notebook.cells.findIndex((cell) => cell.metadata[REFERENCE_CELL_KEY] === 0);
    const message = comparison.mismatches[0];
    assert(message.includes(`cell ${cellIndex} (reference code cell 0)`), message);
    assert(message.includes(`\n- ${dropped}\n`), message);
    assertEquals(comparison.exactLines + comparison.maskedLines, comparison.totalLines - 1);
  },
});

Deno.test({
  name: "comparison with the reference: noise lines may differ in their digits only",
  ...KERNEL_TEST,
  async fn() {
    const { notebook, reference } = await fixtureCopies();
    const noise = reference.noise_lines.map((pattern) => new RegExp(pattern));
    const isNoise = (line: string) => noise.some((pattern) => pattern.test(line));
    const fresh = compareWithReference(notebook, reference, "fixture");
    assertEquals(fresh.mismatches, []);
    assert(fresh.maskedLines >= 1, "the fixture prints a noise line with other digits");

    // Other digits in the number: still equal.
    const output = mirroredStdout(notebook, 1);
    const otherDigits = (line: string) =>
      line.replace(/= .*$/, (number) => number.replace(/\d/g, "7"));
    editLines(output, (lines) => lines.map((line) => isNoise(line) ? otherDigits(line) : line));
    assertEquals(compareWithReference(notebook, reference, "fixture").mismatches, []);

    // Other text: not equal.
    editLines(
      output,
      (lines) => lines.map((line) => isNoise(line) ? line.replace("=", ":") : line),
    );
    assertEquals(compareWithReference(notebook, reference, "fixture").mismatches.length, 1);

    // The verdict after a noise line must match exactly.
    const { notebook: other } = await fixtureCopies();
    editLines(mirroredStdout(other, 1), (lines) => {
      const verdict = lines.findIndex(isNoise) + 1;
      return lines.map((line, i) => i === verdict ? line.replace("passed", "failed") : line);
    });
    assertEquals(compareWithReference(other, reference, "fixture").mismatches.length, 1);
  },
});

Deno.test({
  name: "comparison with the reference rejects a different value and an unmapped reference cell",
  ...KERNEL_TEST,
  async fn() {
    const { notebook, reference } = await fixtureCopies();
    const withValue = reference.cells.find((cell) => cell.value !== null)!;
    const cells = notebook.cells.filter((cell) =>
      cell.metadata[REFERENCE_CELL_KEY] === withValue.code_cell
    );
    const result = cells.at(-1)!.outputs!.find((output) => output.output_type === "execute_result");
    assert(result?.output_type === "execute_result");
    result.data["text/plain"] = withValue.value + "1";
    const comparison = compareWithReference(notebook, reference, "fixture");
    assertEquals(comparison.mismatches.length, 1);
    assert(comparison.mismatches[0].includes("value"), comparison.mismatches[0]);

    const { notebook: unmapped } = await fixtureCopies();
    for (const cell of unmapped.cells) {
      if (cell.metadata[REFERENCE_CELL_KEY] === 0) delete cell.metadata[REFERENCE_CELL_KEY];
    }
    const missing = compareWithReference(unmapped, reference, "fixture");
    assertEquals(missing.mismatches.length, 1);
    assert(missing.mismatches[0].includes("reference code cell 0"), missing.mismatches[0]);
  },
});
