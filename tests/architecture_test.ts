// The library's layers, as lib/core/ndarray.ts describes them: imports
// between folders point one way (jupyter ← text ← core ← random ← course,
// jupyter ← plot), the only import circle is the array's methods and the
// operation modules, and every module can be loaded first, on its own,
// without meeting an uninitialised binding of that circle.
import { assert, assertEquals } from "./assert.ts";
import * as np from "../lib/mod.ts";

const LIB = new URL("../lib/", import.meta.url);

/** Folders each folder may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
  jupyter: [],
  text: ["jupyter"],
  core: ["text", "jupyter"],
  random: ["core", "text", "jupyter"],
  course: ["core", "random", "text", "jupyter"],
  plot: ["jupyter"],
};

/** Every .ts file under lib/, relative to lib/. */
async function libraryFiles(directory = LIB, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(directory)) {
    if (entry.isDirectory) {
      files.push(
        ...await libraryFiles(new URL(`${entry.name}/`, directory), `${prefix}${entry.name}/`),
      );
    } else if (entry.name.endsWith(".ts")) {
      files.push(prefix + entry.name);
    }
  }
  return files.sort();
}

/**
 * The relative modules `file` imports or re-exports (code, not doc
 * examples), relative to lib/; with `workers`, also the workers it starts.
 */
async function importsOf(file: string, workers = false): Promise<string[]> {
  const source = await Deno.readTextFile(new URL(file, LIB));
  const specifiers = [
    ...source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gms),
    ...(workers ? source.matchAll(/new URL\("(\.[^"]+\.ts)", import\.meta\.url\)/g) : []),
  ].map((match) => match[1]);
  return specifiers.map((specifier) =>
    new URL(specifier, new URL(file, LIB)).href.slice(LIB.href.length)
  );
}

function folderOf(file: string): string {
  return file.includes("/") ? file.slice(0, file.indexOf("/")) : "";
}

Deno.test("imports between the library's folders point one way", async () => {
  const files = await libraryFiles();
  assertEquals(
    [...new Set(files.map(folderOf).filter((folder) => folder !== ""))].sort(),
    Object.keys(ALLOWED).sort(),
    "lib/ has exactly the folders whose rules this test knows",
  );
  const wrong: string[] = [];
  for (const file of files) {
    const from = folderOf(file);
    for (const target of await importsOf(file, true)) {
      const to = folderOf(target);
      if (target === "mod.ts" && file !== "mod.ts") wrong.push(`${file} imports mod.ts`);
      if (from === "" || to === from) continue;
      if (!ALLOWED[from].includes(to)) wrong.push(`${file} → ${target}`);
    }
  }
  assertEquals(wrong, []);
});

Deno.test("no file reaches into another folder's private files", async () => {
  // A `_` file is its folder's own; another folder (of lib/ or tools/) goes
  // through a named module such as lib/core/internals.ts. Tests and the
  // benchmarks, which time internal kernels, may look inside.
  const ROOT = new URL("../", import.meta.url);
  const wrong: string[] = [];
  for (const top of ["lib/", "tools/"]) {
    for (const file of await libraryFiles(new URL(top, ROOT), top)) {
      if (file.startsWith("tools/bench/")) continue;
      const source = await Deno.readTextFile(new URL(file, ROOT));
      for (const match of source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gms)) {
        const target = new URL(match[1], new URL(file, ROOT)).href.slice(ROOT.href.length);
        const targetFolder = target.slice(0, target.lastIndexOf("/"));
        const base = target.slice(target.lastIndexOf("/") + 1);
        if (base.startsWith("_") && !file.startsWith(`${targetFolder}/`)) {
          wrong.push(`${file} → ${target}`);
        }
      }
    }
  }
  assertEquals(wrong, []);
});

Deno.test("the course kernel's proxy is self-contained", async () => {
  // Setup copies these files into the kernelspec folder, where nothing else
  // of the project lies beside them.
  const { PROXY_FILES } = await import("../tools/kernel/install.ts");
  const KERNEL = new URL("../tools/kernel/", import.meta.url);
  const wrong: string[] = [];
  for (const file of PROXY_FILES) {
    const source = await Deno.readTextFile(new URL(file, KERNEL));
    for (const match of source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gms)) {
      const specifier = match[1];
      const local = specifier.startsWith("./") && PROXY_FILES.includes(specifier.slice(2));
      if (!local && !specifier.startsWith("node:")) wrong.push(`${file} → ${specifier}`);
    }
  }
  assertEquals(wrong, []);
});

Deno.test("the one import circle is the array and its operation modules", async () => {
  const files = await libraryFiles();
  const graph = new Map<string, string[]>();
  for (const file of files) graph.set(file, await importsOf(file));
  // Tarjan's strongly connected components.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) circles.push(component.sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  assertEquals(circles.length, 1, `import circles: ${JSON.stringify(circles)}`);
  const [circle] = circles;
  assert(circle.includes("core/ndarray.ts"), `the circle holds the array: ${circle}`);
  assert(circle.every((file) => file.startsWith("core/")), `the circle stays in core/: ${circle}`);
});

Deno.test({
  name: "every module of the library loads first, on its own, and the library then works",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const modules = (await libraryFiles()).filter((file) => !file.endsWith("_worker.ts"));
    const a = np.array([[1, 2], [3, 4]]);
    const expected = np.str(a.matmul(a).sum({ axis: 0 })) + " " +
      np.str(np.random.RandomState.prototype.constructor === np.random.RandomState);
    const failures: string[] = [];
    const queue = [...modules];
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        const code = `await import(${JSON.stringify(new URL(file, LIB).href)});
const np = await import(${JSON.stringify(new URL("mod.ts", LIB).href)});
const a = np.array([[1, 2], [3, 4]]);
console.log(np.str(a.matmul(a).sum({ axis: 0 })) + " " +
  np.str(np.random.RandomState.prototype.constructor === np.random.RandomState));`;
        const output = await new Deno.Command(Deno.execPath(), {
          args: ["eval", "--quiet", code],
          stdout: "piped",
          stderr: "piped",
        }).output();
        const text = new TextDecoder().decode(output.stdout).trim();
        if (!output.success || text !== expected) {
          const error = new TextDecoder().decode(output.stderr).trim().split("\n")[0];
          failures.push(`${file}: ${output.success ? `printed ${JSON.stringify(text)}` : error}`);
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    assertEquals(
      failures,
      [],
      `loaded first, ${failures.length} of ${modules.length} modules break`,
    );
  },
});
