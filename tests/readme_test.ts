// The public API as the README lists it and as `deno doc` documents it: the
// same names, and every one of them documented with an example.
import { assertEquals } from "./assert.ts";
import * as np from "../lib/mod.ts";

const root = new URL("../", import.meta.url);
const ENTRY_POINTS = {
  "": "lib/mod.ts",
  "random.": "lib/random/mod.ts",
  "plot.": "lib/plot/mod.ts",
};

interface DocSymbol {
  name: string;
  declarations: { kind: string; jsDoc?: { tags?: { kind: string }[] } }[];
}

/** `deno doc --json` of the entry points: their symbols, by entry point. */
async function documentedSymbols(): Promise<Map<string, DocSymbol[]>> {
  const files = Object.values(ENTRY_POINTS);
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", ...files],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
  const nodes: Record<string, { symbols: DocSymbol[] }> =
    JSON.parse(new TextDecoder().decode(output.stdout)).nodes;
  const byFile = new Map<string, DocSymbol[]>();
  for (const file of files) byFile.set(file, nodes[new URL(file, root).href].symbols);
  return byFile;
}

/** The names in the README's "Every public name" section. */
async function readmeNames(): Promise<string[]> {
  const readme = await Deno.readTextFile(new URL("README.md", root));
  const start = readme.indexOf("### Every public name");
  const end = readme.indexOf("\n## ", start);
  const section = readme.slice(start, end);
  return [...section.matchAll(/`([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)`/g)]
    .map((match) => match[1])
    .filter((name) => !name.startsWith("np."));
}

Deno.test("the README lists exactly the library's public names", async () => {
  const symbols = await documentedSymbols();
  const publicNames = new Set<string>();
  for (const symbol of symbols.get(ENTRY_POINTS[""])!) {
    if (symbol.declarations[0].kind !== "namespace") publicNames.add(symbol.name);
  }
  for (const name of Object.keys(np.random)) publicNames.add(`random.${name}`);
  for (const symbol of symbols.get(ENTRY_POINTS["plot."])!) publicNames.add(`plot.${symbol.name}`);
  const listed = await readmeNames();
  const listedSet = new Set(listed);
  assertEquals(
    listed.filter((name, i) => listed.indexOf(name) !== i),
    [],
    "names listed twice in the README",
  );
  assertEquals(
    [...publicNames].filter((name) => !listedSet.has(name)).sort(),
    [],
    "public names the README does not list",
  );
  assertEquals(
    listed.filter((name) => !publicNames.has(name)).sort(),
    [],
    "README names that the library does not export",
  );
});

Deno.test("every public name is documented with an example", async () => {
  const missing: string[] = [];
  for (const [prefix, file] of Object.entries(ENTRY_POINTS)) {
    for (const symbol of (await documentedSymbols()).get(file)!) {
      // A namespace is documented by its members; a reference points at a
      // symbol that another entry point documents, and is checked there.
      const kind = symbol.declarations[0].kind;
      if (kind === "namespace" || kind === "reference") continue;
      const documented = symbol.declarations.some((declaration) =>
        declaration.jsDoc?.tags?.some((tag) => tag.kind === "example")
      );
      if (!documented) missing.push(prefix + symbol.name);
    }
  }
  assertEquals(missing, [], "public names without an @example");
});

Deno.test({
  name: "every example in the library's documentation type-checks and runs",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["test", "--allow-all", "--doc", "--quiet", "lib/"],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
    // deno-lint-ignore no-control-regex
    const plain = text.replace(/\x1b\[[0-9;]*m/g, "");
    assertEquals(output.success, true, plain.split("\n").slice(-30).join("\n"));
  },
});

Deno.test("the README's layout names every folder and every tool", async () => {
  const readme = await Deno.readTextFile(new URL("README.md", root));
  const start = readme.indexOf("## Layout");
  const layout = readme.slice(start, readme.indexOf("\n## ", start + 1));
  const missing: string[] = [];
  // What git ignores is no part of the layout (test artifacts, the learner's files).
  const ignored = new Set(
    (await Deno.readTextFile(new URL(".gitignore", root))).split("\n")
      .filter((line) => line.startsWith("/")).map((line) => line.slice(1)),
  );
  const visit = async (folder: string) => {
    for await (const entry of Deno.readDir(new URL(folder, root))) {
      if (entry.name.startsWith(".") || ignored.has(`${folder}${entry.name}/`)) continue;
      if (entry.isDirectory) {
        // A folder is named by its own name; those below tests/golden and
        // notebooks/figures hold data only.
        if (!layout.includes(`${entry.name}/`)) missing.push(`${folder}${entry.name}/`);
        if (!["tests/golden/", "notebooks/figures/"].includes(folder)) {
          await visit(`${folder}${entry.name}/`);
        }
      } else if (folder.startsWith("tools/") && !folder.startsWith("tools/bench/")) {
        const name = entry.name;
        if (!new RegExp(`(^|[\\s,(])${name.replace(".", "\\.")}\\b`).test(layout)) {
          missing.push(`${folder}${name}`);
        }
      }
    }
  };
  for (const folder of ["lib/", "notebooks/", "tests/", "tools/"]) await visit(folder);
  assertEquals(missing, [], "files and folders the README's layout section does not name");
});
