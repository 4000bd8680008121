// The learner editions (notebooks/exercises/) and the exercises' checks, end
// to end:
// - the committed editions are exactly what `deno task exercises` makes from
//   the worked notebooks now, and no line of a solution appears in them;
// - each worked notebook, as committed (tests/notebooks_test.ts shows that a
//   fresh run prints it), shows a ✓ line from every check cell and nothing
//   else from them, and its checkAll counts them all;
// - each learner edition, executed fresh with every cell run even after
//   errors, prints a ✗ "not written yet" line from every check and no ✓;
// - for every exercise (all of them, in every notebook), an edition with that
//   exercise's worked solution put back, together with the exercises its code
//   calls (its declared prerequisites, usually none), turns exactly those
//   checks to ✓; and for each exercise that has prerequisites, putting back
//   its solution alone leaves it ✗ with a message naming the missing one
//   (these runs leave out the code cells after the last check but checkAll);
// - each learner edition with every solution put back prints and draws
//   exactly what the worked notebook does: its figures work once the
//   exercises are written.
// All kernel runs start together on the first kernel test, four at a time.

import { assert, assertEquals } from "./assert.ts";
import { EXERCISES, notebookOf } from "../lib/course/checks/mod.ts";
import {
  checkCells,
  EDITION_IMPORT,
  editions,
  EXERCISE_DIR,
  findRegions,
  learnerEdition,
  withPrerequisites,
} from "../tools/exercises.ts";
import { compareWithCommitted } from "../tools/compare.ts";
import {
  executeNotebook,
  joinText,
  listNotebooks,
  type Notebook,
  readNotebook,
  relativeToRoot,
  serializeNotebook,
} from "../tools/jupyter.ts";

const KERNEL_TEST = { sanitizeOps: false, sanitizeResources: false };
const CONCURRENT_KERNELS = 4;

const WORKED = await listNotebooks();

function nameOf(path: string): string {
  return path.split("/").pop()!;
}

function idsOf(notebookPath: string): string[] {
  const prefix = nameOf(notebookPath).slice(0, 2);
  return EXERCISES.filter((e) => notebookOf(e.id) === prefix).map((e) => e.id);
}

// ---------- without a kernel ----------

Deno.test("the committed learner editions are what deno task exercises makes now", async () => {
  const made = await editions();
  assertEquals(made.length, WORKED.length);
  for (const { path, text } of made) {
    const committed = await Deno.readTextFile(path);
    assert(committed === text, `${relativeToRoot(path)} is stale: run deno task exercises`);
  }
  const files: string[] = [];
  for await (const entry of Deno.readDir(EXERCISE_DIR)) files.push(entry.name);
  assertEquals(
    files.sort(),
    WORKED.map(nameOf).sort(),
    "notebooks/exercises/ holds one edition per notebook",
  );
});

// A line that says nothing by itself (a lone bracket) may appear anywhere.
const TRIVIAL = /^[\s{}()[\];,]*$/;

Deno.test("no line of any solution appears in a learner edition, and every stub does", async () => {
  let regionsSeen = 0;
  for (const path of WORKED) {
    const worked = await readNotebook(path);
    const edition = await readNotebook(`${EXERCISE_DIR}/${nameOf(path)}`);
    const editionLines = new Set(
      edition.cells.flatMap((cell) => joinText(cell.source).split("\n").map((line) => line.trim())),
    );
    const regions = findRegions(worked, nameOf(path));
    assertEquals(regions.map((r) => r.id).sort(), idsOf(path).sort());
    for (const region of regions) {
      regionsSeen++;
      for (const line of region.lines) {
        if (TRIVIAL.test(line)) continue;
        assert(
          !editionLines.has(line.trim()),
          `${nameOf(path)}: ${region.id} leaks: ${line.trim()}`,
        );
      }
      const stub = `throw new Error("${region.id}: not written yet — `;
      assert([...editionLines].some((line) => line.startsWith(stub)), `no stub for ${region.id}`);
    }
    for (const cell of edition.cells) {
      if (cell.cell_type !== "code") continue;
      assertEquals(cell.outputs, [], "outputs cleared");
      assertEquals(cell.execution_count, null, "execution counts cleared");
      assert(!joinText(cell.source).includes(`"../lib/mod.ts"`), "imports point one folder up");
    }
    assert(edition.cells.some((cell) => joinText(cell.source).includes(EDITION_IMPORT)));
  }
  assertEquals(regionsSeen, EXERCISES.length);
});

Deno.test("the generator refuses an unclosed or unknown solution region", () => {
  const notebook = (source: string): Notebook => ({
    cells: [{ cell_type: "code", metadata: {}, source, outputs: [], execution_count: null }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  });
  let error = "";
  try {
    findRegions(notebook("// BEGIN SOLUTION 02.relu\nreturn z;"));
  } catch (e) {
    error = (e as Error).message;
  }
  assert(error.includes("02.relu has no END SOLUTION"), error);
  try {
    findRegions(notebook("// BEGIN SOLUTION 02.nothing\n// END SOLUTION"));
  } catch (e) {
    error = (e as Error).message;
  }
  assert(error.includes("no exercise 02.nothing"), error);
});

// ---------- in the kernel ----------

/** Runs at most `limit` jobs at a time. */
function limiter(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    while (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
const limited = limiter(CONCURRENT_KERNELS);

const LIB_URL = new URL("../lib/mod.ts", import.meta.url).href;
const tempRoot = await Deno.makeTempDir({ prefix: "deno-nn-exercises-" });
globalThis.addEventListener("unload", () => {
  try {
    Deno.removeSync(tempRoot, { recursive: true });
  } catch {
    // already gone
  }
});

/**
 * Executes an edition made with `solved` put back, from a temporary file that
 * imports lib/ by URL. With `checksOnly`, the code cells after the last check
 * cell are left out but for `checkAll();`: they cannot change a verdict.
 */
async function runVariant(
  workedPath: string,
  solved: Set<string>,
  { checksOnly = false } = {},
): Promise<Notebook> {
  const edition = learnerEdition(await readNotebook(workedPath), nameOf(workedPath), { solved });
  for (const cell of edition.cells) {
    cell.source = joinText(cell.source).replaceAll(EDITION_IMPORT, JSON.stringify(LIB_URL));
  }
  if (checksOnly) {
    const last = edition.cells.findLastIndex((cell) =>
      checkCells({ ...edition, cells: [cell] }).length > 0
    );
    edition.cells = edition.cells.filter((cell, i) =>
      i <= last || cell.cell_type !== "code" || joinText(cell.source).trim() === "checkAll();"
    );
  }
  const dir = await Deno.makeTempDir({ dir: tempRoot });
  const path = `${dir}/${nameOf(workedPath)}`;
  await Deno.writeTextFile(path, serializeNotebook(edition));
  return (await limited(() => executeNotebook(path, { allowErrors: true }))).notebook;
}

function stdoutLines(cell: Notebook["cells"][number]): string[] {
  const text = (cell.outputs ?? [])
    .map((output) =>
      output.output_type === "stream" && output.name === "stdout" ? joinText(output.text) : ""
    )
    .join("");
  return text.split("\n").filter((line) => line !== "");
}

/** Each check cell's id and printed lines, the checkAll line, and every ✓/✗ line anywhere. */
function verdicts(notebook: Notebook) {
  const checks: { id: string; lines: string[] }[] = [];
  let summary: string[] = [];
  const marked: string[] = [];
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    const lines = stdoutLines(cell);
    marked.push(...lines.filter((line) => /^[✓✗]/.test(line)));
    const ids = checkCells({ ...notebook, cells: [cell] });
    if (ids.length === 1) checks.push({ id: ids[0], lines });
    if (joinText(cell.source).trim() === "checkAll();") summary = lines;
  }
  return { checks, summary, marked };
}

/** Asserts that each check printed one line, ✓ for the ids in `passing` and ✗ for the others. */
function assertVerdicts(notebook: Notebook, ids: string[], passing: Set<string>, label: string) {
  const { checks, summary, marked } = verdicts(notebook);
  assertEquals(checks.map((c) => c.id), ids, `${label}: one check cell per exercise, in order`);
  for (const { id, lines } of checks) {
    assertEquals(lines.length, 1, `${label}: ${id} printed ${JSON.stringify(lines)}`);
    const mark = passing.has(id) ? "✓" : "✗";
    assert(
      lines[0].startsWith(`${mark} ${id}: `),
      `${label}: expected ${mark} for ${id}, got\n${lines[0]}`,
    );
  }
  assertEquals(marked.length, ids.length, `${label}: ✓/✗ lines only from the check cells`);
  const open = ids.filter((id) => !passing.has(id));
  assertEquals(summary.length, 1, `${label}: checkAll prints one line`);
  assert(
    summary[0].startsWith(`${ids.length - open.length} of ${ids.length} public checks pass`) &&
      (open.length === 0 || summary[0].endsWith(`still to do: ${open.join(", ")}`)),
    `${label}: ${summary[0]}`,
  );
  return checks;
}

type Run = { notebook?: Notebook; error?: unknown };

/**
 * Every kernel run of this file, started together on first use (at most
 * CONCURRENT_KERNELS at a time) so that no test waits for kernels one by one:
 * the worked notebook, the learner edition, each exercise with its
 * prerequisites, and each exercise that has prerequisites alone.
 */
let runs: Map<string, Promise<Run>> | undefined;

function allRuns(): Map<string, Promise<Run>> {
  if (runs) return runs;
  runs = new Map();
  const settle = (job: () => Promise<Notebook>) =>
    job().then((notebook) => ({ notebook }), (error) => ({ error }));
  for (const workedPath of WORKED) {
    const name = nameOf(workedPath);
    // The worked notebook as committed: tests/notebooks_test.ts shows a fresh run prints it.
    runs.set(`worked ${name}`, settle(() => readNotebook(workedPath)));
    runs.set(
      `learner ${name}`,
      settle(async () =>
        (await limited(() => executeNotebook(`${EXERCISE_DIR}/${name}`, { allowErrors: true })))
          .notebook
      ),
    );
    runs.set(
      `${name} all solved`,
      settle(() => runVariant(workedPath, new Set(idsOf(workedPath)))),
    );
    for (const id of idsOf(workedPath)) {
      runs.set(
        `${name} ${id} with prerequisites`,
        settle(() => runVariant(workedPath, withPrerequisites(id), { checksOnly: true })),
      );
      if (EXERCISES.find((e) => e.id === id)!.needs.length > 0) {
        runs.set(
          `${name} ${id} alone`,
          settle(() => runVariant(workedPath, new Set([id]), { checksOnly: true })),
        );
      }
    }
  }
  return runs;
}

async function run(key: string): Promise<Notebook> {
  const { notebook, error } = await allRuns().get(key)!;
  if (error !== undefined) throw error;
  return notebook!;
}

for (const workedPath of WORKED) {
  const name = nameOf(workedPath);
  const ids = idsOf(workedPath);

  Deno.test({
    name: `${name}: the worked notebook passes every check`,
    ...KERNEL_TEST,
    async fn() {
      const notebook = await run(`worked ${name}`);
      assertVerdicts(notebook, ids, new Set(ids), `worked ${name}`);
    },
  });

  Deno.test({
    name: `${name}: the learner edition, run fresh with errors allowed, fails every check`,
    ...KERNEL_TEST,
    async fn() {
      const notebook = await run(`learner ${name}`);
      const checks = assertVerdicts(notebook, ids, new Set(), `learner ${name}`);
      for (const { id, lines } of checks) {
        assert(lines[0].includes("not written yet"), `${id}: ${lines[0]}`);
      }
    },
  });

  Deno.test({
    name: `${name}: each exercise's solution (with its prerequisites) turns exactly its check to ✓`,
    ...KERNEL_TEST,
    async fn() {
      await Promise.all(ids.map(async (id) => {
        const solved = withPrerequisites(id);
        const notebook = await run(`${name} ${id} with prerequisites`);
        assertVerdicts(notebook, ids, solved, `${name} with ${[...solved].join(" + ")}`);
      }));
    },
  });

  Deno.test({
    name:
      `${name}: with every solution put back, the learner edition prints and draws as the worked one`,
    ...KERNEL_TEST,
    async fn() {
      const worked = await run(`worked ${name}`);
      const solved = await run(`${name} all solved`);
      assertEquals(compareWithCommitted(worked, solved, `${name} with every solution`), []);
    },
  });

  const dependent = EXERCISES.filter((e) => ids.includes(e.id) && e.needs.length > 0);
  if (dependent.length > 0) {
    Deno.test({
      name: `${name}: a solution without its prerequisites stays ✗ and names what is missing`,
      ...KERNEL_TEST,
      async fn() {
        await Promise.all(dependent.map(async ({ id }) => {
          const notebook = await run(`${name} ${id} alone`);
          const checks = assertVerdicts(notebook, ids, new Set(), `${name} with ${id} alone`);
          const line = checks.find((c) => c.id === id)!.lines[0];
          const missing = /it calls (\d\d\.\w+), which is not written yet/.exec(line)?.[1];
          const prerequisites = withPrerequisites(id);
          prerequisites.delete(id);
          assert(missing !== undefined && prerequisites.has(missing), line);
        }));
      },
    });
  }
}
