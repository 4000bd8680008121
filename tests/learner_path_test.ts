// A learner's path, on a clean copy of the project (its tracked files, no
// workspace): `deno task start` fills workspace/; two exercises written
// there; `deno task progress` shows exactly those two ✓; `deno task
// exercises`, the notebooks job (on notebook 04: what it writes does not
// depend on which notebook runs), `deno fmt --check`, `deno lint` and the
// test files that look at the whole tree (architecture, package; the full
// suite is too long to nest) leave workspace/ byte for byte as it was; then a course update that adds
// an exercise to notebook 02 is reported by `deno task start` and merged by
// `deno task start --update`, the learner's answers intact and the new
// exercise there, not written yet.

import { assert, assertEquals } from "./assert.ts";
import { PROJECT_ROOT } from "../tools/jupyter.ts";

const KERNEL_TEST = { sanitizeOps: false, sanitizeResources: false };
const NB01 = "01_backprop_made_visible.ipynb";
const NB02 = "02_tiny_two_layer_network.ipynb";

async function run(
  cwd: string,
  command: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(command, {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

async function deno(cwd: string, ...args: string[]) {
  const result = await run(cwd, Deno.execPath(), ...args);
  return { ...result, text: result.stdout + result.stderr };
}

/** The project's tracked and unignored files, copied into `target`. */
async function cleanCopy(target: string): Promise<void> {
  const listed = await run(
    PROJECT_ROOT,
    "git",
    "ls-files",
    "-z",
    "--cached",
    "--others",
    "--exclude-standard",
  );
  assertEquals(listed.code, 0, listed.stderr);
  for (const file of listed.stdout.split("\0").filter((f) => f !== "")) {
    let info: Deno.FileInfo;
    try {
      info = await Deno.lstat(`${PROJECT_ROOT}${file}`);
    } catch {
      continue; // deleted in the working tree
    }
    if (!info.isFile) continue;
    const to = `${target}/${file}`;
    await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
    await Deno.copyFile(`${PROJECT_ROOT}${file}`, to);
  }
}

/** Every file under `dir` (relative path → bytes as text), hidden ones included. */
async function snapshot(dir: string, prefix = ""): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const entry of Deno.readDir(`${dir}/${prefix}`)) {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory) {
      for (const [k, v] of await snapshot(dir, `${path}/`)) files.set(k, v);
    } else {
      const bytes = await Deno.readFile(`${dir}/${path}`);
      files.set(
        path,
        Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))).join(),
      );
    }
  }
  return files;
}

function sameFiles(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((name) => a.get(name) !== b.get(name)).sort();
}

/** Replaces the stub of exercise `id` in the workspace notebook with `code` (indented as the stub). */
async function write(path: string, id: string, code: string[]): Promise<void> {
  const notebook = JSON.parse(await Deno.readTextFile(path));
  for (const cell of notebook.cells) {
    const lines = (Array.isArray(cell.source) ? cell.source.join("") : cell.source).split("\n");
    const at = lines.findIndex((line: string) =>
      line.includes(`throw new Error("${id}: not written yet`)
    );
    if (at < 0) continue;
    const indent = lines[at].match(/^\s*/)![0];
    lines.splice(at - 1, 2, ...code.map((line) => indent + line));
    cell.source = lines.join("\n");
    // as Jupyter saves it: one space of indentation
    await Deno.writeTextFile(path, JSON.stringify(notebook, null, 1) + "\n");
    return;
  }
  throw new Error(`no stub of ${id} in ${path}`);
}

const RELU = ["// mine: ReLU as z times its mask", "return z.multiply(z.greater(0));"];
const SIGMOID = [
  "// mine: the logistic function",
  "const e = np.exp(np.negative(z));",
  "return np.divide(1, np.add(1, e));",
];

Deno.test({
  name:
    "a learner's path: start, two exercises, progress, the maintainers' jobs leave the workspace alone, a course update merges",
  ...KERNEL_TEST,
  async fn() {
    const root = await Deno.makeTempDir({ prefix: "nn-learner-path-" });
    try {
      await cleanCopy(root);
      const workspace = `${root}/workspace`;

      // start
      const started = await deno(root, "task", "start");
      assertEquals(started.code, 0, started.text);
      assertEquals(started.stdout.match(/^ {2}copied {6}\S+\.ipynb$/gm)?.length, 6, started.stdout);

      // two exercises written
      await write(`${workspace}/${NB01}`, "01.relu", RELU);
      await write(`${workspace}/${NB02}`, "02.sigmoid", SIGMOID);

      // progress: exactly those two pass
      const progress = await deno(root, "task", "progress", "--html");
      assertEquals(progress.code, 0, progress.text);
      const passing = progress.stdout.match(/^ {2}✓ \S+$/gm);
      assertEquals(passing, ["  ✓ 01.relu", "  ✓ 02.sigmoid"], progress.stdout);
      assert(progress.stdout.includes("\n2 of 41 exercises pass\n"), progress.stdout);
      assert(
        progress.stdout.includes("a cell that runs longer than 30 s is stopped"),
        progress.stdout,
      );
      assert(progress.stdout.includes("report: workspace/progress.html"), progress.stdout);
      const report = await Deno.readTextFile(`${workspace}/progress.html`);
      assert(report.includes("<h1>2 of 41 exercises pass</h1>"), report);
      const strict = await deno(root, "task", "progress", "--strict", "01");
      assertEquals(strict.code, 1, strict.text);

      // the maintainers' jobs leave the workspace as it is
      const before = await snapshot(workspace);
      const checks: [string, string[]][] = [
        ["deno task exercises", ["task", "exercises"]],
        ["deno task notebooks 04", ["task", "notebooks", "04_backprop_with_gradient_check"]],
        ["deno fmt --check", ["fmt", "--check"]],
        ["deno lint", ["lint"]],
        [
          "deno test (architecture, package)",
          ["test", "-A", "tests/architecture_test.ts", "tests/package_test.ts"],
        ],
      ];
      for (const [label, args] of checks) {
        const result = await deno(root, ...args);
        assertEquals(result.code, 0, `${label} failed:\n${result.text}`);
        assertEquals(
          sameFiles(before, await snapshot(workspace)),
          [],
          `${label} changed workspace/`,
        );
      }

      // a course update: a new exercise in notebook 02 and a reworded paragraph
      const checksPath = `${root}/lib/course/checks/02_tiny_two_layer_network.ts`;
      const checksSource = await Deno.readTextFile(checksPath);
      const anchor = "export const EXERCISES_02: ExerciseSpec[] = [\n";
      assert(checksSource.includes(anchor));
      await Deno.writeTextFile(
        checksPath,
        checksSource.replace("  expectNumber,\n", "  expectArray,\n  expectNumber,\n").replace(
          anchor,
          anchor + `  {
    id: "02.double",
    task: "return 2·z entry by entry",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "double");
      const z = arrayOf([1, -2.5], [2]);
      expectArray(callPure("double(z)", f, [z], ["z"]), arrayOf([2, -5], [2]), "double(z)", "Twice z.");
      return "twice z";
    },
  },
`,
        ),
      );
      const workedPath = `${root}/notebooks/${NB02}`;
      const worked = JSON.parse(await Deno.readTextFile(workedPath));
      const at = worked.cells.findIndex((cell: { source: string[] }) =>
        cell.source.join("").startsWith('check("02.compute_loss"')
      );
      assert(at > 0);
      const code = (id: string, source: string) => ({
        cell_type: "code",
        execution_count: null,
        id,
        metadata: {},
        outputs: [],
        source,
      });
      worked.cells.splice(
        at + 1,
        0,
        {
          cell_type: "markdown",
          id: "double-prose",
          metadata: {},
          source: "### One more: doubling",
        },
        code(
          "double-code",
          "function double(z: np.NDArray): np.NDArray {\n  // BEGIN SOLUTION 02.double\n  return np.multiply(2, z);\n  // END SOLUTION\n}",
        ),
        code("double-check", 'check("02.double", double);'),
      );
      const prose = worked.cells.find((cell: { id: string }) => cell.id === "nb02-cell09");
      prose.source = prose.source.map((line: string) =>
        line.replace("the building blocks", "four building blocks")
      );
      await Deno.writeTextFile(workedPath, JSON.stringify(worked, null, 1) + "\n");
      const regenerated = await deno(root, "task", "exercises");
      assertEquals(regenerated.code, 0, regenerated.text);
      assertEquals(
        sameFiles(before, await snapshot(workspace)),
        [],
        "deno task exercises changed workspace/",
      );

      // start reports what is behind and changes nothing
      const behind = await deno(root, "task", "start");
      assertEquals(behind.code, 0, behind.text);
      assert(
        behind.stdout.includes(
          `left alone  ${NB02} (already there; behind the course: 1 new exercise (02.double)`,
        ),
        behind.stdout,
      );
      assert(
        behind.stdout.includes(`left alone  ${NB01} (already there; up to date with the course)`),
      );
      assertEquals(
        sameFiles(before, await snapshot(workspace)),
        [],
        "start without --update changed workspace/",
      );

      // --update merges: a backup first, the answers intact, the new exercise there
      const mine02 = await Deno.readTextFile(`${workspace}/${NB02}`);
      const mine01 = await Deno.readTextFile(`${workspace}/${NB01}`);
      const updated = await deno(root, "task", "start", "--update");
      assertEquals(updated.code, 0, updated.text);
      assert(
        updated.stdout.includes(`updated     ${NB02}: new exercises 02.double`),
        updated.stdout,
      );
      const backups = [...Deno.readDirSync(`${workspace}/backups`)];
      assertEquals(backups.length, 1);
      assertEquals(
        await Deno.readTextFile(`${workspace}/backups/${backups[0].name}/${NB02}`),
        mine02,
      );
      assertEquals(await Deno.readTextFile(`${workspace}/${NB01}`), mine01, "01 was not behind");
      const merged = await Deno.readTextFile(`${workspace}/${NB02}`);
      const notebook = JSON.parse(merged);
      const sources = notebook.cells.map((cell: { source: string | string[] }) =>
        Array.isArray(cell.source) ? cell.source.join("") : cell.source
      );
      const all = sources.join("\n");
      for (const line of SIGMOID) assert(all.includes(`  ${line}\n`), `lost: ${line}`);
      assert(
        all.includes('throw new Error("02.double: not written yet — return 2·z entry by entry");'),
      );
      assert(sources.includes('check("02.double", double);'));
      assert(all.includes("four building blocks"));
      assert(!all.includes('"02.sigmoid: not written yet'));

      const after = await deno(root, "task", "progress", "02");
      assertEquals(after.code, 0, after.text);
      assertEquals(after.stdout.match(/^ {2}✓ \S+$/gm), ["  ✓ 02.sigmoid"], after.stdout);
      assert(after.stdout.includes("  · 02.double: not written yet"), after.stdout);
      assert(after.stdout.includes("\n1 of 5 exercises pass\n"), after.stdout);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
