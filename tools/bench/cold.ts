// The speed a notebook cell meets: each case in a fresh process (library
// loaded, inputs made), its first call and the median of calls 2-10, beside
// NumPy doing the same in a fresh Python (numpy_cold.py).
//
//   deno run -A tools/bench/cold.ts [--processes 5] [--before DIR/lib/mod.ts] [--only TEXT] [--write]
//
// Each figure is the median over the fresh processes; the contenders
// alternate, process by process, so that the machine's load falls on each.
import { machine, milliseconds, numpyEnvironment, writeSection } from "./_report.ts";

/** The cases, in the library's words; numpy_cold.py has the same names. */
export const COLD_CASES: Record<
  string,
  // deno-lint-ignore no-explicit-any
  (np: any) => () => unknown
> = {
  "big.add(row), (1000,1000) + (1,1000)": (np) => {
    const rs = new np.random.RandomState(0);
    const big = rs.randn(1000, 1000);
    const row = rs.randn(1, 1000);
    return () => big.add(row);
  },
  "np.exp(big), 10^6": (np) => {
    const big = new np.random.RandomState(0).randn(1000, 1000);
    return () => np.exp(big);
  },
  "np.sum(big, axis=0)": (np) => {
    const big = new np.random.RandomState(0).randn(1000, 1000);
    return () => np.sum(big, { axis: 0 });
  },
  "A @ B, 512 x 512": (np) => {
    const rs = new np.random.RandomState(0);
    const a = rs.randn(512, 512);
    const b = rs.randn(512, 512);
    return () => a.matmul(b);
  },
  "np.maximum(0, X @ W + b), 210x2 -> 10": (np) => {
    const rs = new np.random.RandomState(0);
    const x = rs.randn(210, 2);
    const w = rs.randn(2, 10);
    const b = rs.randn(1, 10);
    return () => np.maximum(0, x.matmul(w).add(b));
  },
};

const CALLS = 10;

/** What happens between two cells: the event loop takes a turn. */
function nextCell(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** In a child process: one case's first call and calls 2-10, in seconds. */
async function child(libraryUrl: string, name: string): Promise<void> {
  // As a notebook runs it: the import, the inputs and the call in three
  // cells, with the event loop's turn between cells.
  const np = await import(libraryUrl);
  await nextCell();
  const call = COLD_CASES[name](np);
  await nextCell();
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    call();
    times.push((performance.now() - start) / 1000);
  }
  console.log(JSON.stringify(times));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function run(command: string, args: string[], env?: Record<string, string>) {
  const output = await new Deno.Command(command, {
    args,
    env,
    clearEnv: env !== undefined,
    stderr: "inherit",
  }).output();
  if (!output.success) throw new Error(`${command} ${args.join(" ")} failed`);
  return JSON.parse(new TextDecoder().decode(output.stdout).trim().split("\n").at(-1)!);
}

interface Figures {
  first: number;
  rest: number;
}

/** Medians over processes of the first call and of the median of calls 2-10. */
function summarise(runs: number[][]): Figures {
  return {
    first: median(runs.map((times) => times[0])),
    rest: median(runs.map((times) => median(times.slice(1)))),
  };
}

async function main(args: string[]): Promise<void> {
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  if (option("--child") !== undefined) return child(option("--lib")!, option("--child")!);
  const processes = Number(option("--processes") ?? 5);
  const beforePath = option("--before");
  const here = new URL(import.meta.url);
  const contenders: [string, string][] = [["library", new URL("../../lib/mod.ts", here).href]];
  if (beforePath) {
    contenders.unshift(["before", new URL(beforePath, `file://${Deno.cwd()}/`).href]);
  }
  const env = numpyEnvironment();
  const results: Record<string, Record<string, Figures>> = {};
  let numpyVersion = "";
  const only = option("--only");
  for (const name of Object.keys(COLD_CASES).filter((n) => !only || n.includes(only))) {
    console.error(name);
    const runs: Record<string, number[][]> = { numpy: [] };
    for (const [label] of contenders) runs[label] = [];
    for (let p = 0; p < processes; p++) {
      for (const [label, url] of contenders) {
        runs[label].push(
          await run(Deno.execPath(), ["run", "-A", here.pathname, "--child", name, "--lib", url]),
        );
      }
      const numpy = await run("python3", [new URL("numpy_cold.py", here).pathname, name], env);
      numpyVersion = numpy.numpy;
      runs.numpy.push(numpy.seconds);
    }
    results[name] = Object.fromEntries(
      Object.entries(runs).map(([label, times]) => [label, summarise(times)]),
    );
  }
  const before = beforePath !== undefined;
  const rows = Object.entries(results).map(([name, r]) => {
    const cells = [name];
    if (before) cells.push(milliseconds(r.before.first));
    cells.push(
      milliseconds(r.library.first),
      milliseconds(r.numpy.first),
      (r.library.first / r.numpy.first).toFixed(2),
    );
    if (before) cells.push(milliseconds(r.before.rest));
    cells.push(
      milliseconds(r.library.rest),
      milliseconds(r.numpy.rest),
      (r.library.rest / r.numpy.rest).toFixed(2),
    );
    return `| ${cells.join(" | ")} |`;
  });
  const header = before
    ? "| case | first call, before (ms) | first call (ms) | NumPy first (ms) | lib / NumPy | calls 2-10, before (ms) | calls 2-10 (ms) | NumPy 2-10 (ms) | lib / NumPy |\n" +
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    : "| case | first call (ms) | NumPy first (ms) | lib / NumPy | calls 2-10 (ms) | NumPy 2-10 (ms) | lib / NumPy |\n" +
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |";
  const description = [
    `- machine: ${await machine()}`,
    `- Deno ${Deno.version.deno}; NumPy ${numpyVersion}`,
    `- each figure the median over ${processes} fresh processes per contender, alternating; ` +
    "calls 2-10 the median of those nine calls",
  ].join("\n");
  const table = [header, ...rows].join("\n");
  console.log(table);
  console.log(description);
  if (args.includes("--write")) await writeSection("cold", table, description);
}

if (import.meta.main) await main(Deno.args);
