/**
 * `deno task notebooks`: executes the notebooks in a fresh Deno kernel each,
 * refreshes their saved outputs in place, and checks what they print against
 * what the NumPy originals print (notebooks/reference/). Figures get a static
 * PNG image drawn by headless Chromium; without Chromium the run says so and
 * goes on without those images. Then the gallery of every notebook's figures
 * (notebooks/FIGURES.md, tools/gallery.ts) is made again from the saved
 * notebooks.
 *
 * Usage: deno run --allow-all tools/run_notebooks.ts [NOTEBOOK...]
 * With no arguments, every notebooks/*.ipynb, in name order. Exits non-zero
 * when a notebook fails to execute or disagrees with its reference.
 *
 * @module
 */

import {
  compareWithReference,
  NOTEBOOKS_WITHOUT_REFERENCE,
  readReference,
  REFERENCE_DIR,
  type ReferenceComparison,
  referencePathFor,
} from "./compare.ts";
import {
  executeNotebook,
  ExecutorError,
  listNotebooks,
  type Notebook,
  NOTEBOOK_DIR,
  relativeToRoot,
  writeNotebook,
} from "./jupyter.ts";
import { addStaticImages } from "./static_figures.ts";
import { gallery, GALLERY_PAGE, writeGallery } from "./gallery.ts";
import { ChromiumNotFoundError } from "./chromium.ts";

// Compares with the notebook's reference; undefined when it has none.
async function checkAgainstReference(
  notebookPath: string,
  notebook: Notebook,
  referenceDir = REFERENCE_DIR,
): Promise<ReferenceComparison | undefined> {
  const referencePath = referencePathFor(notebookPath, referenceDir);
  try {
    await Deno.stat(referencePath);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  const reference = await readReference(referencePath);
  return compareWithReference(notebook, reference, relativeToRoot(notebookPath));
}

// Accepts paths, or bare names of files in notebooks/.
async function resolveArguments(names: string[]): Promise<string[]> {
  if (names.length === 0) return await listNotebooks();
  const paths: string[] = [];
  for (const name of names) {
    const candidates = [name, `${NOTEBOOK_DIR}/${name}`, `${NOTEBOOK_DIR}/${name}.ipynb`];
    let found: string | undefined;
    for (const candidate of candidates) {
      try {
        if ((await Deno.stat(candidate)).isFile) {
          found = await Deno.realPath(candidate);
          break;
        }
      } catch {
        // Try the next spelling.
      }
    }
    if (!found) throw new Error(`no such notebook: ${name}`);
    paths.push(found);
  }
  return paths;
}

// Whether the run has already said why it makes no static images.
let toldNoChromium = false;

/**
 * Adds the figures' static images; without Chromium, says once why there are
 * none and returns a note for the notebook's summary line.
 */
async function staticImages(notebook: Notebook): Promise<string> {
  try {
    await addStaticImages(notebook);
    return "";
  } catch (error) {
    if (!(error instanceof ChromiumNotFoundError)) throw error;
    if (!toldNoChromium) {
      console.log(
        `static images skipped: ${error.message}.\n` +
          "The notebooks are refreshed without the PNG images of their figures: the figures " +
          "still draw in Jupyter, but viewers that run no scripts (GitHub, nbviewer) show " +
          "nothing in their place. Install Chromium and run again to add them.\n",
      );
      toldNoChromium = true;
    }
    return ", static images skipped (no Chromium)";
  }
}

/** Executes, refreshes and checks one notebook; returns whether it passed. */
async function runOne(path: string): Promise<boolean> {
  const name = relativeToRoot(path);
  const started = performance.now();
  let notebook: Notebook;
  try {
    ({ notebook } = await executeNotebook(path));
  } catch (error) {
    if (!(error instanceof ExecutorError)) throw error;
    console.log(`${name}: FAIL (did not run; the saved notebook is unchanged)\n${error.details}\n`);
    return false;
  }
  const seconds = (performance.now() - started) / 1000;
  const imagesNote = await staticImages(notebook);
  await writeNotebook(path, notebook);

  const codeCells = notebook.cells.filter((cell) => cell.cell_type === "code").length;
  const summary = `${name}: ${codeCells} code cells, ${seconds.toFixed(1)} s${imagesNote}`;
  const comparison = await checkAgainstReference(path, notebook);
  if (!comparison) {
    if (NOTEBOOKS_WITHOUT_REFERENCE.includes(name)) {
      console.log(`${summary}, pass, no NumPy original (none to compare with)`);
      return true;
    }
    if (!path.startsWith(`${NOTEBOOK_DIR}/`)) {
      console.log(`${summary}, refreshed (not a course notebook: no reference to compare with)`);
      return true;
    }
    console.log(`${summary}, FAIL, no reference in ${relativeToRoot(REFERENCE_DIR)}/`);
    return false;
  }
  const { exactLines, maskedLines, totalLines, mismatches } = comparison;
  const { seriesCompared, seriesValues, seriesIdenticalValues, seriesMaxRelativeError } =
    comparison;
  const counts = `reference lines ${exactLines}/${totalLines} identical` +
    (maskedLines ? `, ${maskedLines} more equal up to round-off digits` : "") +
    (seriesCompared
      ? `; ${seriesCompared} plotted series, ${seriesIdenticalValues}/${seriesValues} values ` +
        `identical, max relative difference ${seriesMaxRelativeError.toExponential(1)}`
      : "");
  if (mismatches.length === 0) {
    console.log(`${summary}, pass, ${counts}`);
    return true;
  }
  console.log(`${summary}, FAIL, ${counts}\n${mismatches.join("\n\n")}\n`);
  return false;
}

async function main(args: string[]): Promise<number> {
  let paths: string[];
  try {
    paths = await resolveArguments(args);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (paths.length === 0) {
    console.log(`no notebooks in ${relativeToRoot(NOTEBOOK_DIR)}/`);
    return 1;
  }
  let failed = 0;
  for (const path of paths) {
    if (!(await runOne(path))) failed++;
  }
  const made = await gallery();
  await writeGallery(made);
  console.log(
    `${relativeToRoot(GALLERY_PAGE)}: ${made.figures} figures, ${made.images.size} static images`,
  );
  console.log(`${paths.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
