// A notebook's whole run as a learner meets it, kernel start to last
// output: each worked notebook in the course's kernel, beside its NumPy
// original (the Python cells of notebooks/reference/) in IPython, both run
// by the same executor. The Python side needs ipykernel, matplotlib and
// scikit-learn beside Jupyter's client (Debian: python3-ipykernel,
// python3-matplotlib, python3-sklearn).
//
//   deno run -A tools/bench/end_to_end.ts [--runs 3] [--write]
import { fileURLToPath } from "node:url";
import {
  executeNotebook,
  type ExecutionTimes,
  findJupyterPython,
  listNotebooks,
  readNotebook,
} from "../jupyter.ts";
import { machine, writeSection } from "./_report.ts";

const EXECUTOR = fileURLToPath(new URL("../execute_notebook.py", import.meta.url));

interface Reference {
  cells: { python_source: string }[];
}

/** The NumPy original as a notebook of its code cells. */
function pythonNotebook(reference: Reference): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "nn-python", display_name: "Python", language: "python" } },
    cells: reference.cells.map((cell, i) => ({
      cell_type: "code",
      id: `cell-${i}`,
      metadata: {},
      execution_count: null,
      outputs: [],
      source: cell.python_source,
    })),
  });
}

/** Runs the Python notebook at `path` in IPython and returns its times. */
async function runPython(path: string, python: string, jupyterPath: string) {
  const times = `${path}.times.json`;
  const output = await new Deno.Command(python, {
    args: [EXECUTOR, path, `${path}.out.ipynb`, "--kernel-name", "nn-python", "--times", times],
    env: { JUPYTER_PATH: jupyterPath, JUPYTER_PLATFORM_DIRS: "1", MPLBACKEND: "Agg" },
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
  return JSON.parse(await Deno.readTextFile(times)) as ExecutionTimes;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(args: string[]): Promise<void> {
  const runsAt = args.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const python = await findJupyterPython();
  const scratch = await Deno.makeTempDir({ prefix: "nn-end-to-end-" });
  // An IPython kernelspec for the interpreter that has Jupyter's client.
  await Deno.mkdir(`${scratch}/kernels/nn-python`, { recursive: true });
  await Deno.writeTextFile(
    `${scratch}/kernels/nn-python/kernel.json`,
    JSON.stringify({
      argv: [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
      display_name: "Python",
      language: "python",
    }),
  );
  const rows: string[] = [];
  try {
    for (const path of await listNotebooks()) {
      const name = path.split("/").pop()!.replace(/\.ipynb$/, "");
      const referencePath = new URL(`../../notebooks/reference/${name}.json`, import.meta.url);
      const reference = await Deno.readTextFile(referencePath).then(JSON.parse).catch(() => null);
      if (reference === null) continue;
      const pythonPath = `${scratch}/${name}.ipynb`;
      await Deno.writeTextFile(pythonPath, pythonNotebook(reference));
      const deno: number[] = [];
      const numpy: number[] = [];
      for (let run = 0; run < runs; run++) {
        console.error(`${name}: run ${run + 1} of ${runs}`);
        deno.push((await executeNotebook(path)).times.total_seconds);
        numpy.push((await runPython(pythonPath, python, scratch)).total_seconds);
      }
      const cells = (await readNotebook(path)).cells.filter((c) => c.cell_type === "code").length;
      rows.push(
        `| ${name} | ${cells} | ${median(deno).toFixed(2)} | ${reference.cells.length} | ${
          median(numpy).toFixed(2)
        } | ${(median(deno) / median(numpy)).toFixed(2)} |`,
      );
    }
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
  const versions = new TextDecoder().decode(
    (await new Deno.Command(python, {
      args: [
        "-c",
        "import numpy, sys; print(f'Python {sys.version.split()[0]}, NumPy {numpy.__version__}')",
      ],
      stdout: "piped",
    }).output()).stdout,
  ).trim();
  const table = [
    "| notebook | code cells | course kernel (s) | NumPy original's code cells | IPython (s) | Deno / Python |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
  ].join("\n");
  const description = [
    `- machine: ${await machine()}`,
    `- Deno ${Deno.version.deno} in the course's kernel; ${versions} in IPython`,
    `- kernel start to the last cell's end, the median of ${runs} runs each, alternating`,
  ].join("\n");
  console.log(table);
  console.log(description);
  if (args.includes("--write")) await writeSection("end-to-end", table, description);
}

if (import.meta.main) await main(Deno.args);
