// The library as others use it: published to JSR (checked with a dry run),
// and imported by URL from a script that has no deno.json of its own, which
// must work without this project's configuration and must not fetch
// plotly.js just because the library was imported.
import { assert, assertEquals } from "./assert.ts";
import { fileURLToPath } from "node:url";
import * as np from "../lib/mod.ts";
import { fileExists } from "../tools/jupyter.ts";

const root = new URL("../", import.meta.url);
const ROOT_PATH = fileURLToPath(root);

async function run(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<{ success: boolean; stdout: string; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    success: output.success,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

Deno.test("deno publish --dry-run passes and ships lib/, README and LICENSE only", async () => {
  const result = await run(["publish", "--dry-run", "--allow-dirty"], { cwd: ROOT_PATH });
  const text = result.stdout + result.stderr;
  assert(result.success, `deno publish --dry-run failed:\n${text}`);
  const files = [...text.matchAll(/^\s+(file:\/\/\S+)/gm)].map((match) =>
    fileURLToPath(match[1]).slice(ROOT_PATH.length)
  );
  assert(files.includes("lib/mod.ts"), `lib/mod.ts is not published:\n${files.join("\n")}`);
  for (const required of ["README.md", "LICENSE"]) {
    assert(files.includes(required), `${required} is not published`);
  }
  const stray = files.filter((file) =>
    !file.startsWith("lib/") && !["README.md", "LICENSE", "deno.json"].includes(file)
  );
  assertEquals(stray, [], "only lib/, README.md and LICENSE (and deno.json) are published");
});

Deno.test("a script outside the project imports lib/mod.ts by file URL; plotly.js is fetched by plotlyJs() only", async () => {
  const array = np.array([1, 2.5]);
  const expected = `${np.str(array)}\n`;
  assert(expected.includes("2.5"), `unexpected in-process text: ${JSON.stringify(expected)}`);

  const directory = await Deno.makeTempDir({ prefix: "nn-outside-" });
  try {
    assert(!directory.startsWith(ROOT_PATH), `${directory} lies inside the project`);
    const script = `${directory}/main.ts`;
    const mod = new URL("lib/mod.ts", root).href;
    await Deno.writeTextFile(
      script,
      `import * as np from ${JSON.stringify(mod)};\nnp.print(np.array([1, 2.5]));\n`,
    );
    // A Deno cache of its own: whatever the run fetches lands there.
    const cache = `${directory}/deno-cache`;
    const result = await run(["run", "--allow-all", script], {
      cwd: directory,
      env: { DENO_DIR: cache },
    });
    assert(result.success, `the script failed:\n${result.stderr}`);
    assertEquals(result.stdout, expected);
    assertEquals(await fileExists(`${directory}/deno.json`), false);
    assertEquals(await fileExists(`${directory}/deno.lock`), false, "the run wrote a lockfile");
    const plotlyInCache = `${cache}/npm/registry.npmjs.org/plotly.js-dist-min`;
    assertEquals(await fileExists(plotlyInCache), false, "importing the library fetched plotly.js");

    // A figure fetches nothing: its HTML loads plotly.js from the Jupyter server.
    await Deno.writeTextFile(
      script,
      `import * as np from ${JSON.stringify(mod)};
` +
        `const bundle = np.plot.figure().line([1, 2]).toMimeBundle();
` +
        `console.log(bundle["text/html"].includes("nbextensions/nn-from-scratch/plotly-"));
`,
    );
    const figure = await run(["run", "--allow-all", script], {
      cwd: directory,
      env: { DENO_DIR: cache },
    });
    assert(figure.success, `the figure script failed:\n${figure.stderr}`);
    assertEquals(figure.stdout, "true\n");
    assertEquals(await fileExists(plotlyInCache), false, "making a figure fetched plotly.js");

    // plotlyJs(), which the tools use, fetches it into that empty cache.
    const { version } = np.plot.plotlyJs();
    await Deno.writeTextFile(
      script,
      `import * as np from ${JSON.stringify(mod)};\nconsole.log(np.plot.plotlyJs().version);\n`,
    );
    const fetched = await run(["run", "--allow-all", script], {
      cwd: directory,
      env: { DENO_DIR: cache },
    });
    assert(fetched.success, `the plotlyJs script failed:\n${fetched.stderr}`);
    assertEquals(fetched.stdout, `${version}\n`);
    assert(
      await fileExists(`${plotlyInCache}/${version}/plotly.min.js`),
      "plotly.js was not fetched",
    );
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});
