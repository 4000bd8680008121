// The notebook executor against the real Deno kernel: every console line
// reaches the right cell even with a busy CPU, failures name their cell, and
// "run all twice" works, and a cell past its time limit can be stopped while the rest runs on.

import { fileURLToPath } from "node:url";
import { assert, assertEquals } from "./assert.ts";
import {
  type Cell,
  COURSE_KERNEL_NAME,
  executeNotebook,
  ExecutorError,
  findJupyterPython,
  joinText,
  kernelEnvironment,
  type Notebook,
  type Output,
  readNotebook,
  serializeNotebook,
} from "../tools/jupyter.ts";
import { stripAnsi } from "../tools/compare.ts";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const STRESS = fixture("stress.ipynb");
const STRESS_RUNS = 3;
// Kernel processes and their pipes outlive single awaits; they are closed by
// the time each test ends, but the sanitizers cannot see that.
const KERNEL_TEST = { sanitizeOps: false, sanitizeResources: false };

/** What a stress cell prints, as its `stress` metadata describes it. */
interface StressSpec {
  cell: number;
  lines: number;
  display_every: number;
  awaited: boolean;
  result: boolean;
  odd_lines_on_stderr: boolean;
}

function codeCells(notebook: Notebook): Cell[] {
  return notebook.cells.filter((cell) => cell.cell_type === "code");
}

function streamText(outputs: Output[], name: "stdout" | "stderr"): string {
  return outputs
    .map((output) =>
      output.output_type === "stream" && output.name === name ? joinText(output.text) : ""
    )
    .join("");
}

function plainText(output: Output): string {
  if (output.output_type !== "display_data" && output.output_type !== "execute_result") return "";
  return stripAnsi(joinText(output.data["text/plain"] as string | string[]));
}

// Checks one executed stress cell against what its code prints: every line
// in its stream, the displays in order, after the lines logged before them,
// and the final value.
function checkStressCell(cell: Cell, spec: StressSpec, label: string): void {
  const outputs = cell.outputs ?? [];
  const lines = Array.from({ length: spec.lines }, (_, i) => `cell ${spec.cell} line ${i}`);
  const onStderr = (i: number) => spec.odd_lines_on_stderr && i % 2 === 1;
  const expectStream = (stderr: boolean) =>
    lines.filter((_, i) => onStderr(i) === stderr).map((line) => line + "\n").join("");
  assertEquals(streamText(outputs, "stdout"), expectStream(false), `${label}: stdout`);
  assertEquals(streamText(outputs, "stderr"), expectStream(true), `${label}: stderr`);

  const displays = outputs.filter((output) => output.output_type === "display_data");
  const displayCount = spec.display_every ? Math.floor(spec.lines / spec.display_every) : 0;
  assertEquals(
    displays.map(plainText),
    Array.from({ length: displayCount }, (_, j) => `cell ${spec.cell} display ${j}`),
    `${label}: displays`,
  );
  if (spec.awaited) {
    // An awaited display is sent after the lines logged before it.
    displays.forEach((display, j) => {
      const before = outputs.slice(0, outputs.indexOf(display));
      const logged = streamText(before, "stdout").split("\n").length - 1;
      assertEquals(logged, (j + 1) * spec.display_every, `${label}: lines before display ${j}`);
    });
  }

  const results = outputs.filter((output) => output.output_type === "execute_result");
  assertEquals(
    results.map(plainText),
    // The kernel shows a value as Deno.inspect does.
    spec.result ? [Deno.inspect(`cell ${spec.cell} result`)] : [],
    `${label}: execute_result`,
  );
  if (spec.result) assertEquals(outputs[outputs.length - 1], results[0], `${label}: result last`);
}

function checkStressNotebook(executed: Notebook, source: Notebook, label: string): void {
  assertEquals(executed.cells.length, source.cells.length);
  executed.cells.forEach((cell, index) => {
    // Markdown cells, sources and metadata come back untouched.
    const original = source.cells[index];
    assertEquals(cell.cell_type, original.cell_type);
    assertEquals(joinText(cell.source), joinText(original.source));
    assertEquals(cell.metadata, original.metadata);
  });
  const cells = codeCells(executed);
  assertEquals(cells.map((cell) => cell.execution_count), cells.map((_, i) => i + 1));
  for (const cell of cells) {
    const spec = cell.metadata.stress as StressSpec;
    checkStressCell(cell, spec, `${label}, stress cell ${spec.cell}`);
  }
  assertEquals(executed.metadata.kernelspec, {
    display_name: "Deno (nn-from-scratch)",
    language: "typescript",
    name: COURSE_KERNEL_NAME,
  });
  assertEquals((executed.metadata.language_info as { name: string }).name, "typescript");
  assertEquals(executed.nbformat, 4);
  assert(executed.nbformat_minor >= 5);
  assert(executed.cells.every((cell) => typeof cell.id === "string" && cell.id.length > 0));
}

/** Keeps one core busy until the returned function is called. */
function busyCore(): () => Promise<void> {
  const child = new Deno.Command("sh", {
    args: ["-c", "while :; do :; done"],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  return async () => {
    child.kill("SIGKILL");
    await child.status;
  };
}

Deno.test({
  name: "executor: every console line and display of the stress notebook reaches its cell, " +
    `identically in ${STRESS_RUNS} runs, one of them with a core kept busy`,
  ...KERNEL_TEST,
  async fn() {
    const source = await readNotebook(STRESS);
    const runs: Notebook[] = [];
    for (let run = 0; run < STRESS_RUNS; run++) {
      const withBusyCore = run === STRESS_RUNS - 1;
      const release = withBusyCore ? busyCore() : undefined;
      try {
        const { notebook } = await executeNotebook(STRESS);
        checkStressNotebook(
          notebook,
          source,
          `run ${run + 1}${withBusyCore ? " (busy core)" : ""}`,
        );
        runs.push(notebook);
      } finally {
        await release?.();
      }
    }
    const outputs = (notebook: Notebook) => notebook.cells.map((cell) => cell.outputs);
    for (const notebook of runs.slice(1)) assertEquals(outputs(notebook), outputs(runs[0]));
  },
});

Deno.test({
  name: "executor: a cell that raises stops the run with an error naming the cell",
  ...KERNEL_TEST,
  async fn() {
    const path = fixture("failing.ipynb");
    const source = await readNotebook(path);
    const failing = source.cells.findIndex((cell) => joinText(cell.source).includes("throw "));
    const thrown = joinText(source.cells[failing].source).match(/Error\("([^"]+)"\)/)![1];
    const error = await executeNotebook(path).then(() => undefined, (error) => error);
    assert(error instanceof ExecutorError, "the executor should have failed");
    assertEquals(error.exitCode, 1);
    assert(error.details.includes(`cell ${failing} `), `names cell ${failing}:\n${error.details}`);
    assert(error.details.includes(thrown), `quotes the error:\n${error.details}`);
  },
});

Deno.test({
  name: "executor: a kernel that exits mid-run is reported with the cell it was running",
  ...KERNEL_TEST,
  async fn() {
    const path = fixture("kernel_exits.ipynb");
    const source = await readNotebook(path);
    const exiting = source.cells.findIndex((cell) => joinText(cell.source).includes("Deno.exit"));
    const error = await executeNotebook(path).then(() => undefined, (error) => error);
    assert(error instanceof ExecutorError, "the executor should have failed");
    assert(error.details.includes("kernel died"), error.details);
    assert(error.details.includes(`cell ${exiting} `), error.details);
  },
});

Deno.test({
  name: "executor: with allowErrors the failing cell keeps its error and later cells run",
  ...KERNEL_TEST,
  async fn() {
    const path = fixture("failing.ipynb");
    const source = await readNotebook(path);
    const failing = source.cells.findIndex((cell) => joinText(cell.source).includes("throw "));
    const { notebook } = await executeNotebook(path, { allowErrors: true });
    const errors = notebook.cells.map((cell) =>
      (cell.outputs ?? []).some((output) => output.output_type === "error")
    );
    assertEquals(errors, notebook.cells.map((_, index) => index === failing));
    const last = codeCells(notebook).at(-1)!;
    assertEquals(last.execution_count, codeCells(notebook).length);
    assert(streamText(last.outputs ?? [], "stdout").length > 0, "the last cell ran");
  },
});

Deno.test({
  name: "executor: a cell that runs too long is stopped with a timeout message",
  ...KERNEL_TEST,
  async fn() {
    const path = fixture("slow.ipynb");
    const started = performance.now();
    const error = await executeNotebook(path, { timeoutSeconds: 2 }).then(
      () => undefined,
      (e) => e,
    );
    assert(error instanceof ExecutorError, "the executor should have failed");
    assert(/cell 1 .*timed out/.test(error.details), error.details);
    assert(performance.now() - started < 30_000, "gave up soon after the timeout");
  },
});

Deno.test({
  name: "executor: with continueAfterTimeout, an endless loop is interrupted, a wait that never " +
    "ends restarts the kernel, and the cells after still run with the state of those before",
  ...KERNEL_TEST,
  async fn() {
    const progressFile = await Deno.makeTempFile({ prefix: "nn-progress-" });
    try {
      const { notebook } = await executeNotebook(fixture("endless.ipynb"), {
        allowErrors: true,
        continueAfterTimeout: true,
        timeoutSeconds: 3,
        progressFile,
      });
      const cells = codeCells(notebook);
      const errors = cells.map((cell) =>
        (cell.outputs ?? []).filter((output) => output.output_type === "error")
          .map((output) => output.output_type === "error" ? output.ename : "")
      );
      assertEquals(errors, [[], ["TimeoutError"], [], ["TimeoutError"], []]);
      const stdout = cells.map((cell) => streamText(cell.outputs ?? [], "stdout"));
      assertEquals(stdout, [
        "before 1\n",
        "looping\n",
        // the loop was interrupted, the kernel kept its state
        "after the loop 2\n",
        "waiting\n",
        // restarted, and the cells before run again (the endless loop left out)
        "after the wait 3\n",
      ]);
      const restarted = cells[3].outputs!.find((output) => output.output_type === "error");
      assert(
        restarted?.output_type === "error" && restarted.evalue.includes("restarted"),
        JSON.stringify(restarted),
      );
      assertEquals(await Deno.readTextFile(progressFile), "5 5\n");
    } finally {
      await Deno.remove(progressFile);
    }
  },
});

Deno.test({
  name: "executor: run twice in one kernel keeps the first run's outputs and reports " +
    "errors of the second run",
  ...KERNEL_TEST,
  async fn() {
    const source = await readNotebook(STRESS);
    const twice = await executeNotebook(STRESS, { runTwice: true });
    assertEquals(twice.secondRunError, undefined);
    checkStressNotebook(twice.notebook, source, "run twice");

    const path = fixture("second_run_fails.ipynb");
    const once = await executeNotebook(path);
    assertEquals(once.secondRunError, undefined);
    const { notebook, secondRunError } = await executeNotebook(path, { runTwice: true });
    assertEquals(
      notebook.cells.map((cell) => cell.outputs),
      once.notebook.cells.map((c) => c.outputs),
    );
    const failing = notebook.cells.findIndex((cell) => joinText(cell.source).includes("throw "));
    assert(secondRunError?.includes("second run"), String(secondRunError));
    assert(secondRunError?.includes(`cell ${failing} `), String(secondRunError));
  },
});

Deno.test({
  name: "executor command line: --inplace, --times - and Jupyter's own file layout",
  ...KERNEL_TEST,
  async fn() {
    const [python, env] = await Promise.all([findJupyterPython(), kernelEnvironment()]);
    const directory = await Deno.makeTempDir({ prefix: "executor-cli-" });
    try {
      const path = `${directory}/stress.ipynb`;
      await Deno.copyFile(STRESS, path);
      const executor = fileURLToPath(new URL("../tools/execute_notebook.py", import.meta.url));
      const { code, stdout, stderr } = await new Deno.Command(python, {
        args: [executor, path, "--inplace", "--kernel-name", COURSE_KERNEL_NAME, "--times", "-"],
        env,
        stdin: "null",
      }).output();
      assertEquals(code, 0, new TextDecoder().decode(stderr));
      const times = JSON.parse(new TextDecoder().decode(stdout));
      const source = await readNotebook(STRESS);
      assertEquals(times.cells.map((cell: { cell: number }) => cell.cell), codeCellIndices(source));
      assert(times.cells.every((cell: { seconds: number }) => cell.seconds >= 0));

      const text = await Deno.readTextFile(path);
      const executed = JSON.parse(text) as Notebook;
      checkStressNotebook(executed, source, "--inplace");
      // Written back by the TS side, the file is byte for byte what nbformat wrote.
      assertEquals(serializeNotebook(executed), text);
    } finally {
      await Deno.remove(directory, { recursive: true });
    }
  },
});

function codeCellIndices(notebook: Notebook): number[] {
  return notebook.cells.flatMap((cell, index) => cell.cell_type === "code" ? [index] : []);
}
