// The NumPy reference outputs the notebooks are compared with live in the
// repository (notebooks/reference/), so that a clone works wherever it is put.
// These tests check that the comparison reads them from there, that every
// notebook has its reference in the expected form, and, when an older copy of
// the data happens to sit beside the clone (shared/reference/ in the clone's
// parent folder), that the two copies are byte for byte the same.

import { dirname, join } from "node:path";
import { assert, assertEquals } from "./assert.ts";
import {
  NOTEBOOKS_WITHOUT_REFERENCE,
  readReference,
  REFERENCE_DIR,
  referencePathFor,
} from "../tools/compare.ts";
import { listNotebooks, PROJECT_ROOT, relativeToRoot } from "../tools/jupyter.ts";

const IN_REPOSITORY = `${PROJECT_ROOT}notebooks/reference`;
// The parent folder of the clone, where a shared/ folder may sit beside it.
const PARENT = dirname(PROJECT_ROOT.replace(/\/$/, ""));
const BESIDE_CLONE = join(PARENT, "shared", "reference");

async function fileNames(directory: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(directory)) {
    if (entry.isFile) names.push(entry.name);
  }
  return names.sort();
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

Deno.test("the comparison reads its references from notebooks/reference/ in the repository", async () => {
  assertEquals(REFERENCE_DIR, IN_REPOSITORY);
  assertEquals(await Deno.realPath(REFERENCE_DIR), await Deno.realPath(IN_REPOSITORY));
  const notebooks = await listNotebooks();
  assert(notebooks.length >= 5, `expected the five notebooks, found ${notebooks.length}`);
  for (const notebook of notebooks) {
    const path = referencePathFor(notebook);
    assert(path.startsWith(`${IN_REPOSITORY}/`), `${path} lies outside the repository`);
  }
});

Deno.test("every notebook but those listed as having none has its reference (.json and .txt) in the expected form", async () => {
  const notebooks = await listNotebooks();
  const labels = notebooks.map(relativeToRoot);
  const withReference = notebooks.filter((notebook) =>
    !NOTEBOOKS_WITHOUT_REFERENCE.includes(relativeToRoot(notebook))
  );
  // Only notebooks written for this project may go without; the five NumPy ones never.
  for (const name of NOTEBOOKS_WITHOUT_REFERENCE) {
    assert(labels.includes(name), `${name} is listed as having no reference but does not exist`);
    assert(!/\/0[1-5]_/.test(name), `${name} has a NumPy original, so it needs its reference`);
  }
  assert(withReference.length >= 5, `expected five notebooks with references`);
  const expectedFiles: string[] = [];
  for (const notebook of withReference) {
    const label = relativeToRoot(notebook);
    const jsonPath = referencePathFor(notebook);
    const textPath = jsonPath.replace(/\.json$/, ".txt");
    expectedFiles.push(jsonPath.split("/").pop()!, textPath.split("/").pop()!);

    const text = await Deno.readTextFile(textPath);
    assert(text.trim().length > 0, `${textPath} is empty`);

    const reference = await readReference(jsonPath);
    assertEquals(reference.notebook, label, `${jsonPath} names another notebook`);
    assert(
      isStringArray(reference.noise_lines),
      `${jsonPath}: noise_lines is not a list of strings`,
    );
    for (const pattern of reference.noise_lines) new RegExp(pattern); // each must compile
    assert(Array.isArray(reference.cells) && reference.cells.length > 0, `${jsonPath}: no cells`);
    const numbers = reference.cells.map((cell) => cell.code_cell);
    assertEquals(new Set(numbers).size, numbers.length, `${jsonPath}: repeated code_cell numbers`);
    for (const cell of reference.cells) {
      const where = `${jsonPath}, code cell ${cell.code_cell}`;
      assert(Number.isInteger(cell.code_cell), `${where}: code_cell is not an integer`);
      assertEquals(typeof cell.python_source, "string", `${where}: python_source`);
      assertEquals(typeof cell.stdout, "string", `${where}: stdout`);
      assert(cell.value === null || typeof cell.value === "string", `${where}: value`);
    }
    for (const [i, series] of (reference.plotted_series ?? []).entries()) {
      const where = `${jsonPath}, plotted series ${i}`;
      assert(series.label === null || typeof series.label === "string", `${where}: label`);
      assert(
        Array.isArray(series.y) && series.y.length > 0 &&
          series.y.every((y) => typeof y === "number" && Number.isFinite(y)),
        `${where}: y is not a list of finite numbers`,
      );
    }
  }
  // Nothing else in the folder: a stray file would be a reference no notebook uses.
  assertEquals(await fileNames(IN_REPOSITORY), expectedFiles.sort());
});

Deno.test({
  name: "a shared/reference/ beside the clone holds the same bytes as notebooks/reference/",
  ignore: !(await isDirectory(BESIDE_CLONE)),
  async fn() {
    const names = await fileNames(BESIDE_CLONE);
    assertEquals(await fileNames(IN_REPOSITORY), names);
    for (const name of names) {
      const outside = await Deno.readFile(`${BESIDE_CLONE}/${name}`);
      const inside = await Deno.readFile(`${IN_REPOSITORY}/${name}`);
      assert(
        outside.length === inside.length && outside.every((byte, i) => byte === inside[i]),
        `notebooks/reference/${name} differs from ${BESIDE_CLONE}/${name}`,
      );
    }
  },
});
