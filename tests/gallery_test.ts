// The gallery (notebooks/FIGURES.md and notebooks/figures/, tools/gallery.ts):
// it is what the saved notebooks make now, and it shows every figure of every
// notebook with the static image the notebook carries.
import { assert, assertEquals } from "./assert.ts";
import { gallery, galleryDifferences } from "../tools/gallery.ts";
import { listNotebooks, readNotebook, relativeToRoot } from "../tools/jupyter.ts";
import { plotlyOutputs } from "../tools/static_figures.ts";

Deno.test("the committed gallery is what the saved notebooks make", async () => {
  assertEquals(await galleryDifferences(await gallery()), [], "run deno task notebooks");
});

Deno.test("the gallery shows every figure of every notebook, with its static image", async () => {
  const made = await gallery();
  let expected = 0;
  for (const path of await listNotebooks()) {
    const outputs = plotlyOutputs(await readNotebook(path));
    expected += outputs.length;
    const stem = path.split("/").pop()!.replace(/\.ipynb$/, "");
    for (const [k, output] of outputs.entries()) {
      const file = `${stem}-${k + 1}.png`;
      const bytes = made.images.get(file);
      assert(bytes !== undefined, `${relativeToRoot(path)}: figure ${k + 1} has no image`);
      const png = [output.data["image/png"]].flat().join("");
      const saved = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      assert(
        saved.length === bytes.length && saved.every((byte, i) => byte === bytes[i]),
        `${file} is the notebook's PNG`,
      );
      assert(made.page.includes(`](figures/${file})`), `the page shows ${file}`);
      const summary = [output.data["text/plain"]].flat().join("");
      assert(made.page.includes(summary), `the page names ${summary}`);
    }
  }
  assertEquals(made.figures, expected);
  assertEquals(made.images.size, expected);
});

Deno.test("a changed page, a changed image or an extra image is reported", async () => {
  const made = await gallery();
  const [first] = made.images.keys();
  const changed = new Uint8Array(made.images.get(first)!);
  changed[changed.length - 1] ^= 1;
  const variants = [
    { ...made, page: made.page + "\n" },
    { ...made, images: new Map([...made.images, [first, changed]]) },
    { ...made, images: new Map([...made.images].filter(([file]) => file !== first)) },
  ];
  const reports = await Promise.all(variants.map(galleryDifferences));
  assertEquals(reports.map((report) => report.length), [1, 1, 1]);
  assert(reports[0][0].endsWith("FIGURES.md differs"), reports[0][0]);
  assert(reports[1][0].includes(first), reports[1][0]);
  assert(reports[2][0].endsWith(`${first} is extra`), reports[2][0]);
});
