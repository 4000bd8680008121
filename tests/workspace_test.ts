// The learner's workspace (tools/workspace.ts) without a kernel: `deno task
// start` copies the learner editions and never overwrites a file; a course
// update merges into a notebook with written exercises without losing a line
// of the learner's code, bringing in new exercises and changed prose; the
// three-way line merge underneath (tools/diff3.ts).

import { assert, assertEquals } from "./assert.ts";
import { mergeLines } from "../tools/diff3.ts";
import { EXERCISE_DIR } from "../tools/exercises.ts";
import {
  type Cell,
  joinText,
  listNotebooks,
  type Notebook,
  readNotebook,
  serializeNotebook,
} from "../tools/jupyter.ts";
import {
  BACKUPS,
  COURSE_COPY,
  mergeNotebook,
  start,
  stubbedExercises,
  workspaceCopy,
} from "../tools/workspace.ts";
import { cellLines, holdsInOrder, writeAnswer } from "./support/learner.ts";

const EDITIONS = await listNotebooks(EXERCISE_DIR);
const nameOf = (path: string) => path.split("/").pop()!;
const NB02 = "02_tiny_two_layer_network.ipynb";

async function copyOf(name: string): Promise<Notebook> {
  return workspaceCopy(await readNotebook(`${EXERCISE_DIR}/${name}`), name);
}

function cell(notebook: Notebook, id: string): Cell {
  const found = notebook.cells.find((c) => c.id === id);
  if (!found) throw new Error(`no cell ${id}`);
  return found;
}

function edit(notebook: Notebook, id: string, change: (source: string) => string): void {
  const c = cell(notebook, id);
  c.source = change(joinText(c.source));
}

function insertAfter(notebook: Notebook, id: string, ...cells: Cell[]): void {
  const at = notebook.cells.findIndex((c) => c.id === id);
  assert(at >= 0, `no cell ${id}`);
  notebook.cells.splice(at + 1, 0, ...cells);
}

function codeCell(id: string, source: string): Cell {
  return { cell_type: "code", id, metadata: {}, source, outputs: [], execution_count: null };
}

const stub = (id: string, task: string) => [
  `  // ✎ ${id}: your code here, then run its check cell`,
  `  throw new Error(${JSON.stringify(`${id}: not written yet — ${task}`)});`,
];

// ---------- the line merge ----------

Deno.test("mergeLines: one side's change is taken, the same change once, a conflict keeps mine", () => {
  const base = ["a", "b", "c", "d"];
  assertEquals(mergeLines(base, ["a", "B", "c", "d"], base).lines, ["a", "B", "c", "d"]);
  assertEquals(mergeLines(base, base, ["a", "b", "C", "d"]).lines, ["a", "b", "C", "d"]);
  assertEquals(
    mergeLines(base, ["a", "B1", "B2", "c", "d"], ["x", "a", "b", "c", "D"]).lines,
    ["x", "a", "B1", "B2", "c", "D"],
  );
  assertEquals(mergeLines(base, ["a", "B", "c", "d"], ["a", "B", "c", "d"]).conflicts, []);
  const both = mergeLines(base, ["a", "mine", "c", "d"], ["a", "theirs", "c", "d"]);
  assertEquals(both.lines, ["a", "mine", "c", "d"]);
  assertEquals(both.conflicts.length, 1);
  assertEquals(both.conflicts[0].theirs, ["theirs"]);
  // lines deleted on one side stay deleted; an insertion on the other still comes in
  assertEquals(mergeLines(base, ["a", "c", "d"], ["a", "b", "c", "new", "d"]).lines, [
    "a",
    "c",
    "new",
    "d",
  ]);
  assertEquals(mergeLines([], ["m"], ["t"]).lines, ["m"]);
});

// ---------- deno task start ----------

Deno.test("start copies every learner edition into an empty workspace, importing lib/ from there", async () => {
  const workspace = await Deno.makeTempDir({ prefix: "nn-workspace-" });
  try {
    const lines: string[] = [];
    const report = await start({ workspace, log: (line) => lines.push(line) });
    assertEquals(report.copied, EDITIONS.map(nameOf));
    assertEquals(report.leftAlone, []);
    for (const path of EDITIONS) {
      const name = nameOf(path);
      const text = await Deno.readTextFile(`${workspace}/${name}`);
      assertEquals(text, serializeNotebook(await copyOf(name)));
      assertEquals(await Deno.readTextFile(`${workspace}/${COURSE_COPY}/${name}`), text);
      assert(text.includes(`\\"../lib/mod.ts\\"`) && !text.includes(`../../lib/mod.ts`), name);
      const notebook = JSON.parse(text) as Notebook;
      assert(joinText(notebook.cells[0].source).startsWith("**Your copy.**"), name);
      assert(!notebook.cells.some((c) => c.id === "learner-edition"), name);
      assert(lines.some((line) => line.includes(`copied      ${name}`)), lines.join("\n"));
    }
  } finally {
    await Deno.remove(workspace, { recursive: true });
  }
});

Deno.test("start never overwrites a file, says what it left alone, and copies what is missing", async () => {
  const workspace = await Deno.makeTempDir({ prefix: "nn-workspace-" });
  try {
    await start({ workspace, log: () => {} });
    const mine = `${workspace}/${NB02}`;
    const notebook = await readNotebook(mine);
    writeAnswer(notebook, "02.relu", ["return np.maximum(0, z);"]);
    const written = JSON.stringify(notebook); // not in the serializer's form: any bytes stay as they are
    await Deno.writeTextFile(mine, written);
    const gone = nameOf(EDITIONS[0]);
    await Deno.remove(`${workspace}/${gone}`);
    const lines: string[] = [];
    const report = await start({ workspace, log: (line) => lines.push(line) });
    assertEquals(report.copied, [gone]);
    assertEquals(report.leftAlone.length, EDITIONS.length - 1);
    assertEquals(report.behind, []);
    assertEquals(await Deno.readTextFile(mine), written);
    assert(
      lines.some((line) => line.includes(`left alone  ${NB02}`) && line.includes("up to date")),
      lines.join("\n"),
    );

    // a notebook whose course version is not recorded is left alone and said to be untracked
    await Deno.remove(`${workspace}/${COURSE_COPY}/${NB02}`);
    const untracked = await start({ workspace, log: () => {} });
    assertEquals(untracked.untracked, [NB02]);
    assertEquals(await Deno.readTextFile(mine), written);
  } finally {
    await Deno.remove(workspace, { recursive: true });
  }
});

// ---------- course updates ----------

// Answers of several lines, each line found nowhere else in the notebook.
const ANSWERS: Record<string, string[]> = {
  "02.relu": ["// mine: relu", "const positive = z.greater(0);", "return z.multiply(positive);"],
  "02.sigmoid": ["// mine: sigmoid", "return np.divide(1, np.add(1, np.exp(np.negative(z))));"],
};

/** The course's next version of notebook 02: prose, a stub's task and a comment reworded, a new exercise. */
function courseUpdate02(base: Notebook): Notebook {
  const theirs = structuredClone(base);
  edit(
    theirs,
    "nb02-cell09",
    (s) => s.replace("Step 3: the building blocks", "Step 3: four building blocks"),
  );
  edit(theirs, "nb02-cell10", (s) =>
    "// The building blocks of the network.\n" +
    s.replace(
      "02.relu: not written yet — return max(0, z) entry by entry",
      "02.relu: not written yet — return max(0, z) for every entry",
    ).replace(
      "02.relu_derivative: not written yet — return 1 where z > 0, else 0 (as float64 numbers)",
      "02.relu_derivative: not written yet — return 1.0 where z > 0, else 0.0",
    ));
  insertAfter(
    theirs,
    "aafd2f50",
    { cell_type: "markdown", id: "new-prose", metadata: {}, source: "### A new exercise: GELU" },
    codeCell(
      "new-exercise",
      ["function gelu(z: np.NDArray): np.NDArray {", ...stub("02.gelu", "return GELU"), "}"].join(
        "\n",
      ),
    ),
    codeCell("new-check", 'check("02.gelu", gelu);'),
  );
  return theirs;
}

Deno.test("a course update keeps every line of the learner's code and brings in prose and a new exercise", async () => {
  const base = await copyOf(NB02);
  const mine = structuredClone(base);
  const cellId = writeAnswer(mine, "02.relu", ANSWERS["02.relu"]);
  writeAnswer(mine, "02.sigmoid", ANSWERS["02.sigmoid"]);
  // the learner's own cell after the relu check, their note in a markdown cell, an output
  insertAfter(mine, "854ccfae", codeCell("my-cell", "print(relu(np.array([-1, 2])));"));
  edit(mine, "nb02-cell05", (s) => s + "\n\nMy note: x1 + x2 > 3 is a line.");
  cell(mine, "854ccfae").outputs = [{
    output_type: "stream",
    name: "stdout",
    text: "✓ 02.relu: …\n",
  }];

  const theirs = courseUpdate02(base);
  const merge = mergeNotebook(base, mine, theirs);
  const merged = merge.notebook;

  assertEquals(merge.kept, ["02.relu", "02.sigmoid"]);
  assertEquals(merge.added, ["02.gelu"]);
  const lines = cellLines(merged, cellId);
  for (const answer of Object.values(ANSWERS)) {
    assert(holdsInOrder(lines, answer.map((line) => `  ${line}`)), lines.join("\n"));
  }
  assertEquals(lines[0], "// The building blocks of the network.");
  assert(lines.some((l) => l.includes("return 1.0 where z > 0, else 0.0")), "the reworded stub");
  assert(!lines.some((l) => l.includes("02.relu: not written yet")), "no stub for a written one");
  assert(merge.notes.some((note) => note.includes(cellId) && note.includes("yours are kept")));
  assert(joinText(cell(merged, "nb02-cell09").source).includes("four building blocks"));
  assert(joinText(cell(merged, "nb02-cell05").source).endsWith("My note: x1 + x2 > 3 is a line."));
  assertEquals(stubbedExercises(merged).get("02.gelu"), "new-exercise");
  const order = merged.cells.map((c) => c.id);
  assertEquals(order.indexOf("my-cell"), order.indexOf("854ccfae") + 1);
  assertEquals(order.slice(order.indexOf("aafd2f50") + 1, order.indexOf("aafd2f50") + 4), [
    "new-prose",
    "new-exercise",
    "new-check",
  ]);
  // an untouched cell keeps the learner's outputs; a changed one is cleared
  assertEquals(cell(merged, "854ccfae").outputs?.length, 1);
  assertEquals(cell(merged, cellId).outputs, []);
});

Deno.test("an exercise the course moves to another cell takes the learner's code with it", async () => {
  const base = await copyOf(NB02);
  const mine = structuredClone(base);
  const answer = [
    "// mine: loss",
    "const eps = 1e-8;",
    "return -np.mean(y.multiply(np.log(p.add(eps))));",
  ];
  writeAnswer(mine, "02.compute_loss", answer);
  writeAnswer(mine, "02.relu", ANSWERS["02.relu"]);

  const theirs = structuredClone(base);
  const building = cell(theirs, "nb02-cell10");
  const source = joinText(building.source);
  const at = source.indexOf("// Log loss over the batch");
  building.source = source.slice(0, at).trimEnd();
  insertAfter(theirs, "nb02-cell10", codeCell("loss-cell", source.slice(at)));

  const { notebook: merged, kept } = mergeNotebook(base, mine, theirs);
  assertEquals(kept, ["02.relu", "02.compute_loss"]);
  assert(holdsInOrder(cellLines(merged, "loss-cell"), answer.map((l) => `  ${l}`)));
  assert(!cellLines(merged, "nb02-cell10").some((l) => l.includes("mine: loss")));
  assert(holdsInOrder(cellLines(merged, "nb02-cell10"), ANSWERS["02.relu"].map((l) => `  ${l}`)));
  assertEquals(stubbedExercises(merged).has("02.compute_loss"), false);
});

Deno.test("a cell the learner deleted stays deleted; a notebook without cell ids is refused", async () => {
  const base = await copyOf(NB02);
  const mine = structuredClone(base);
  mine.cells = mine.cells.filter((c) => c.id !== "nb02-cell13");
  const theirs = structuredClone(base);
  edit(theirs, "nb02-cell13", (s) => s + " More.");
  const merge = mergeNotebook(base, mine, theirs);
  assert(!merge.notebook.cells.some((c) => c.id === "nb02-cell13"));
  assert(merge.notes.some((note) => note.includes("nb02-cell13")));

  const old = structuredClone(mine);
  for (const c of old.cells) delete c.id;
  let error = "";
  try {
    mergeNotebook(base, old, theirs);
  } catch (e) {
    error = (e as Error).message;
  }
  assert(error.includes("no ids"), error);
});

Deno.test("every notebook: with every exercise written, a course update that rewords all and adds a cell after each exercise loses no line", async () => {
  for (const path of EDITIONS) {
    const name = nameOf(path);
    const base = await copyOf(name);
    const mine = structuredClone(base);
    const answers = new Map<string, { cell: string; lines: string[] }>();
    for (const id of stubbedExercises(base).keys()) {
      const lines = [
        `// mine: ${id}`,
        `const mine_${id.replace(".", "_")} = 1;`,
        `void 0; // ${id}`,
      ];
      answers.set(id, { cell: writeAnswer(mine, id, lines), lines });
    }
    const theirs = structuredClone(base);
    const added: string[] = [];
    for (const c of [...theirs.cells]) {
      const text = joinText(c.source);
      if (c.cell_type === "markdown") c.source = text + " (reworded)";
      if (c.cell_type !== "code" || !text.includes("not written yet")) continue;
      c.source = text.replaceAll("not written yet — ", "not written yet — in short: ");
      const id = `${name.slice(0, 2)}.new_${added.length}`;
      added.push(id);
      insertAfter(
        theirs,
        c.id!,
        codeCell(`new-${id}`, ["{", ...stub(id, "anything"), "}"].join("\n")),
      );
    }
    const merge = mergeNotebook(base, mine, theirs);
    for (const [id, { cell: cellId, lines }] of answers) {
      const merged = cellLines(merge.notebook, cellId).map((line) => line.trim());
      assert(holdsInOrder(merged, lines), `${name}: ${id} lost lines`);
    }
    assertEquals(merge.kept.sort(), [...answers.keys()].sort(), name);
    assertEquals(merge.added, added, name);
    const stubs = stubbedExercises(merge.notebook);
    for (const id of added) assert(stubs.has(id), `${name}: ${id} missing`);
    for (const c of merge.notebook.cells) {
      if (c.cell_type === "markdown" && c.id !== "workspace-intro") {
        assert(joinText(c.source).endsWith(" (reworded)"), `${name}: ${c.id} not reworded`);
      }
    }
  }
});

Deno.test("start --update: behind is reported, the merge writes a backup first and records the new course version", async () => {
  const root = await Deno.makeTempDir({ prefix: "nn-update-" });
  try {
    const editions = `${root}/editions`;
    const workspace = `${root}/workspace`;
    await Deno.mkdir(editions);
    for (const path of EDITIONS) await Deno.copyFile(path, `${editions}/${nameOf(path)}`);
    await start({ workspace, editions, log: () => {} });
    const minePath = `${workspace}/${NB02}`;
    const mine = await readNotebook(minePath);
    writeAnswer(mine, "02.relu", ANSWERS["02.relu"]);
    writeAnswer(mine, "02.sigmoid", ANSWERS["02.sigmoid"]);
    const mineText = serializeNotebook(mine);
    await Deno.writeTextFile(minePath, mineText);

    // the course adds an exercise to the edition of 02
    const edition = await readNotebook(`${editions}/${NB02}`);
    insertAfter(
      edition,
      "aafd2f50",
      codeCell(
        "new-exercise",
        ["function gelu(z) {", ...stub("02.gelu", "return GELU"), "}"].join("\n"),
      ),
    );
    await Deno.writeTextFile(`${editions}/${NB02}`, serializeNotebook(edition));

    const lines: string[] = [];
    const behind = await start({ workspace, editions, log: (line) => lines.push(line) });
    assertEquals(behind.behind, [NB02]);
    assertEquals(behind.updated, []);
    assertEquals(await Deno.readTextFile(minePath), mineText, "reported, not changed");
    assert(
      lines.some((l) => l.includes("behind the course: 1 new exercise (02.gelu)")),
      lines.join("\n"),
    );
    assert(lines.some((l) => l.includes("deno task start --update")), lines.join("\n"));

    const now = new Date(2025, 0, 31, 14, 5, 9);
    const updated = await start({ workspace, editions, update: true, now, log: () => {} });
    assertEquals(updated.updated, [NB02]);
    const backup = `${workspace}/${BACKUPS}/2025-01-31_14-05-09/${NB02}`;
    assertEquals(updated.backupDir, `${workspace}/${BACKUPS}/2025-01-31_14-05-09`);
    assertEquals(await Deno.readTextFile(backup), mineText);
    const merged = await readNotebook(minePath);
    const stubs = stubbedExercises(merged);
    assert(stubs.has("02.gelu") && !stubs.has("02.relu") && !stubs.has("02.sigmoid"));
    const answerCell = cellLines(merged, "nb02-cell10");
    for (const answer of Object.values(ANSWERS)) {
      assert(holdsInOrder(answerCell, answer.map((l) => `  ${l}`)));
    }
    assertEquals(
      await Deno.readTextFile(`${workspace}/${COURSE_COPY}/${NB02}`),
      serializeNotebook(workspaceCopy(edition, NB02)),
    );
    const again = await start({ workspace, editions, update: true, log: () => {} });
    assertEquals([again.behind, again.updated], [[], []]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
