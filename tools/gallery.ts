/**
 * The gallery: one page, `notebooks/FIGURES.md`, with the static image of
 * every figure of every notebook, in order, each under the notebook's section
 * it belongs to, so that a reviewer sees them all at once. The images are the
 * PNGs the notebooks job saved in the notebooks (`notebooks/figures/`, one
 * file per figure), so the page shows exactly what a viewer that runs no
 * scripts shows. `deno task notebooks` remakes it after every run.
 *
 * Usage: deno run --allow-read --allow-write tools/gallery.ts [--check]
 * With --check, writes nothing and exits non-zero when the committed gallery
 * differs from what the notebooks make now.
 *
 * @module
 */

import {
  joinText,
  listNotebooks,
  type Notebook,
  NOTEBOOK_DIR,
  readNotebook,
  relativeToRoot,
} from "./jupyter.ts";
import { PLOTLY_MIME } from "../lib/plot/mod.ts";

/** The gallery page. */
export const GALLERY_PAGE = `${NOTEBOOK_DIR}/FIGURES.md`;
/** The folder of its images. */
export const GALLERY_IMAGES = `${NOTEBOOK_DIR}/figures`;

/** The gallery's page and images, as {@link gallery} makes them. */
export interface Gallery {
  /** The Markdown of `notebooks/FIGURES.md`. */
  page: string;
  /** The images by file name (in `notebooks/figures/`), as PNG bytes. */
  images: Map<string, Uint8Array>;
  /** How many figures the notebooks show, with or without a static image. */
  figures: number;
}

/**
 * The gallery of the notebooks at `paths` (default: every notebook), in name
 * order: for each figure, where it is (the notebook's section and the cell's
 * execution count), its one-line summary and its static image.
 */
export async function gallery(paths?: string[]): Promise<Gallery> {
  const images = new Map<string, Uint8Array>();
  const lines = [
    "# Every figure of the notebooks",
    "",
    "The static image of each figure the notebooks show, in order, as the notebooks job saved it",
    "(the notebooks themselves show the same figures drawn by plotly.js, which answer the mouse).",
    "This page and the images in [`figures/`](figures/) are made by `deno task notebooks`: edit the",
    "notebooks, not this page.",
  ];
  let figures = 0;
  for (const path of paths ?? await listNotebooks()) {
    const notebook = await readNotebook(path);
    const name = path.split("/").pop()!;
    const stem = name.replace(/\.ipynb$/, "");
    const entries = figureEntries(notebook);
    if (entries.length === 0) continue;
    lines.push("", `## [${titleOf(notebook) ?? stem}](${name})`);
    for (const [k, entry] of entries.entries()) {
      figures++;
      lines.push("", `### ${k + 1}. ${entry.title}`, "");
      const where = [
        entry.executionCount === null ? undefined : `In [${entry.executionCount}]`,
        entry.section,
        `\`${entry.summary}\``,
      ].filter((part) => part !== undefined);
      lines.push(where.join(" · "), "");
      if (entry.png === undefined) {
        lines.push("*(no static image: the notebooks job ran without Chromium)*");
        continue;
      }
      const file = `${stem}-${k + 1}.png`;
      images.set(file, Uint8Array.from(atob(entry.png), (c) => c.charCodeAt(0)));
      lines.push(`![${markdownText(entry.title)}](figures/${file})`);
    }
  }
  return { page: lines.join("\n") + "\n", images, figures };
}

/** One figure of a notebook, as the gallery shows it. */
interface FigureEntry {
  title: string;
  summary: string;
  section?: string;
  executionCount: number | null;
  png?: string;
}

function figureEntries(notebook: Notebook): FigureEntry[] {
  const entries: FigureEntry[] = [];
  let section: string | undefined;
  for (const cell of notebook.cells) {
    if (cell.cell_type === "markdown") {
      const heading = /^#{1,6}\s+(.+)$/m.exec(joinText(cell.source));
      if (heading) section = heading[1].trim();
      continue;
    }
    for (const output of cell.outputs ?? []) {
      if (output.output_type !== "display_data" && output.output_type !== "execute_result") {
        continue;
      }
      if (output.data[PLOTLY_MIME] === undefined) continue;
      const summary = joinText(output.data["text/plain"] as string | string[] ?? "Figure");
      const png = output.data["image/png"];
      entries.push({
        title: /^Figure: '(.*?)'(, |$)/.exec(summary)?.[1] ?? "Untitled figure",
        summary,
        section,
        executionCount: cell.execution_count ?? null,
        png: png === undefined
          ? undefined
          : joinText(png as string | string[]).replaceAll("\n", ""),
      });
    }
  }
  return entries;
}

/** The notebook's title: its first level-1 heading. */
function titleOf(notebook: Notebook): string | undefined {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = /^#\s+(.+)$/m.exec(joinText(cell.source));
    if (heading) return heading[1].trim();
  }
  return undefined;
}

/** Text safe inside a Markdown link's brackets. */
function markdownText(text: string): string {
  return text.replace(/([\\[\]])/g, "\\$1");
}

/**
 * Writes the gallery: the page, and the images folder with exactly the
 * gallery's images (files of figures that are gone are removed).
 */
export async function writeGallery(made: Gallery): Promise<void> {
  await Deno.mkdir(GALLERY_IMAGES, { recursive: true });
  for await (const entry of Deno.readDir(GALLERY_IMAGES)) {
    if (entry.isFile && entry.name.endsWith(".png") && !made.images.has(entry.name)) {
      await Deno.remove(`${GALLERY_IMAGES}/${entry.name}`);
    }
  }
  for (const [file, bytes] of made.images) {
    await Deno.writeFile(`${GALLERY_IMAGES}/${file}`, bytes);
  }
  await Deno.writeTextFile(GALLERY_PAGE, made.page);
}

/**
 * What differs between the committed gallery and `made`: one line per
 * differing, missing or extra file; empty when they agree.
 */
export async function galleryDifferences(made: Gallery): Promise<string[]> {
  const differences: string[] = [];
  const read = async (path: string) => {
    try {
      return await Deno.readFile(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    }
  };
  const same = (a: Uint8Array | undefined, b: Uint8Array) =>
    a !== undefined && a.length === b.length && a.every((byte, i) => byte === b[i]);
  if (!same(await read(GALLERY_PAGE), new TextEncoder().encode(made.page))) {
    differences.push(`${relativeToRoot(GALLERY_PAGE)} differs`);
  }
  const present = new Set<string>();
  try {
    for await (const entry of Deno.readDir(GALLERY_IMAGES)) {
      if (entry.isFile && entry.name.endsWith(".png")) present.add(entry.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  for (const [file, bytes] of made.images) {
    if (!same(await read(`${GALLERY_IMAGES}/${file}`), bytes)) {
      differences.push(`${relativeToRoot(GALLERY_IMAGES)}/${file} differs or is missing`);
    }
  }
  for (const file of present) {
    if (!made.images.has(file)) {
      differences.push(`${relativeToRoot(GALLERY_IMAGES)}/${file} is extra`);
    }
  }
  return differences;
}

async function main(args: string[]): Promise<number> {
  const made = await gallery();
  if (args.includes("--check")) {
    const differences = await galleryDifferences(made);
    for (const line of differences) console.log(line);
    if (differences.length > 0) {
      console.log("run deno task notebooks (or tools/gallery.ts) to remake it");
    }
    return differences.length === 0 ? 0 : 1;
  }
  await writeGallery(made);
  console.log(
    `${relativeToRoot(GALLERY_PAGE)}: ${made.figures} figures, ${made.images.size} images`,
  );
  return 0;
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
