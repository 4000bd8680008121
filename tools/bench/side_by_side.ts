// The benchmark cases (cases.ts) in this library, in NumPy (numpy_cases.py,
// run by python3) and, for matrix products, in ml-matrix, the JavaScript
// peer, in one run; writes the table into tools/bench/README.md.
//
//   deno run -A tools/bench/side_by_side.ts [--rounds 3] [--before DIR/lib/mod.ts] [--write]
//
// --before times the same cases in another copy of the library (for example
// a `git worktree` of an older commit) as a first column. Each number is the
// best mean time per call over batches of at least 50 ms, and the best of
// `--rounds` rounds that alternate between the contenders, since another
// process on a small machine can slow any one of them for a while.
import { Matrix } from "ml-matrix";
import { CASES } from "./cases.ts";
import { machine, milliseconds, numpyEnvironment, writeSection } from "./_report.ts";

const args = Deno.args;
function option(name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}
const rounds = Number(option("--rounds") ?? 3);
const beforePath = option("--before");
const write = args.includes("--write");
const here = new URL(".", import.meta.url);

/** Best mean seconds per call over batches of at least 50 ms. */
async function secondsPerCall(work: () => unknown, budget = 2): Promise<number> {
  work();
  let start = performance.now();
  work();
  const once = Math.max((performance.now() - start) / 1000, 1e-9);
  const perBatch = Math.max(1, Math.floor(0.05 / once));
  let best = Infinity;
  let spent = 0;
  for (let batch = 0; batch < 3 || (spent < budget && batch < 15); batch++) {
    start = performance.now();
    for (let i = 0; i < perBatch; i++) work();
    const elapsed = (performance.now() - start) / 1000;
    best = Math.min(best, elapsed / perBatch);
    spent += elapsed;
    // Let the event loop run (timers, workers) between batches.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return best;
}

async function libraryTimes(modPath: string): Promise<number[]> {
  const np = await import(modPath);
  const times: number[] = [];
  for (const benchCase of CASES) times.push(await secondsPerCall(benchCase.setup(np)));
  return times;
}

async function mlMatrixTimes(): Promise<number[]> {
  const times: number[] = [];
  for (const size of [64, 256, 512]) {
    const a = Matrix.rand(size, size);
    const b = Matrix.rand(size, size);
    times.push(await secondsPerCall(() => a.mmul(b)));
  }
  return times;
}

interface NumpyRun {
  numpy: string;
  blas: string;
  seconds: Record<string, number>;
}

async function numpyTimes(): Promise<NumpyRun> {
  const env = numpyEnvironment();
  const output = await new Deno.Command("python3", {
    args: [new URL("numpy_cases.py", here).pathname],
    env,
    clearEnv: true,
    stderr: "inherit",
  }).output();
  if (!output.success) throw new Error("numpy_cases.py failed");
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

function minimum(runs: number[][]): number[] {
  return runs[0].map((_, i) => Math.min(...runs.map((run) => run[i])));
}

const libraryPath = new URL("../../lib/mod.ts", here).href;
const beforeRuns: number[][] = [];
const afterRuns: number[][] = [];
const numpyRuns: number[][] = [];
const mlRuns: number[][] = [];
let numpyInfo: NumpyRun | undefined;
for (let round = 0; round < rounds; round++) {
  console.error(`round ${round + 1} of ${rounds}`);
  numpyInfo = await numpyTimes();
  numpyRuns.push(CASES.map((_, i) => numpyInfo!.seconds[String(i)]));
  afterRuns.push(await libraryTimes(libraryPath));
  mlRuns.push(await mlMatrixTimes());
  if (beforePath) {
    beforeRuns.push(await libraryTimes(new URL(beforePath, `file://${Deno.cwd()}/`).href));
  }
}
const after = minimum(afterRuns);
const numpy = minimum(numpyRuns);
const ml = minimum(mlRuns);
const before = beforePath ? minimum(beforeRuns) : undefined;

const header = [
  "| case | " + (before ? "library before (ms) | " : "") +
  "library (ms) | NumPy (ms) | library / NumPy | ml-matrix (ms) |",
  "| --- | " + (before ? "---: | " : "") + "---: | ---: | ---: | ---: |",
];
const rows = CASES.map((benchCase, i) =>
  `| ${benchCase.name} | ` + (before ? `${milliseconds(before[i])} | ` : "") +
  `${milliseconds(after[i])} | ${milliseconds(numpy[i])} | ${(after[i] / numpy[i]).toFixed(2)} | ` +
  `${milliseconds(ml[i])} |`
);
const table = [...header, ...rows].join("\n");
const description = [
  `- machine: ${await machine()}`,
  `- Deno ${Deno.version.deno} (V8 ${Deno.version.v8}); NumPy ${numpyInfo!.numpy} with ${
    numpyInfo!.blas
  }; ml-matrix 6.15.1`,
  `- best of ${rounds} rounds; each number the best mean time per call over batches of at least 50 ms`,
].join("\n");
console.log(table);
console.log(description);

if (write) await writeSection("table", table, description);
