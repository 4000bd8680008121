/**
 * What the course's kernel costs against Deno's plain kernel, measured side
 * by side through jupyter_client (client_checks.py): the time of an empty
 * cell (median and worst of N) and how long 10,000 console.log lines take to
 * arrive.
 *
 *     deno run --allow-all tools/kernel/cost.ts [--cells N] [--rounds R]
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import {
  COURSE_KERNEL_NAME,
  findJupyterPython,
  kernelEnvironment,
  PLAIN_KERNEL_NAME,
} from "../jupyter.ts";

const CHECKS = fileURLToPath(new URL("./client_checks.py", import.meta.url));

/** One measurement of one kernel (client_checks.py cost). */
export interface Cost {
  empty_cells: number;
  median_ms: number;
  worst_ms: number;
  lines: number;
  lines_received: number;
  last_line_s: number | null;
  idle_s: number | null;
}

/**
 * Runs client_checks.py `mode` against `kernel` and returns what it printed.
 *
 * @example
 * ```ts
 * import { clientChecks } from "./cost.ts";
 * console.log(await clientChecks("cost", "course", ["10"]));
 * ```
 */
export async function clientChecks(
  mode: "behaviour" | "cost",
  kernel: "course" | "plain",
  extra: string[] = [],
): Promise<Record<string, unknown>> {
  const [python, env] = await Promise.all([findJupyterPython(), kernelEnvironment()]);
  const name = kernel === "course" ? COURSE_KERNEL_NAME : PLAIN_KERNEL_NAME;
  const { code, stdout, stderr } = await new Deno.Command(python, {
    args: [CHECKS, mode, name, ...extra],
    env,
    stdin: "null",
  }).output();
  const text = new TextDecoder().decode(stdout);
  if (code !== 0) {
    throw new Error(
      `client_checks.py ${mode} ${name} failed (${code}):\n${new TextDecoder().decode(stderr)}`,
    );
  }
  return JSON.parse(text);
}

async function main(args: string[]): Promise<void> {
  let cells = 100;
  let rounds = 3;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--cells") cells = Number(args[++i]);
    else if (args[i] === "--rounds") rounds = Number(args[++i]);
  }
  const results: Record<string, Cost[]> = { plain: [], course: [] };
  for (let round = 0; round < rounds; round++) {
    for (const kernel of ["plain", "course"] as const) {
      results[kernel].push(await clientChecks("cost", kernel, [String(cells)]) as unknown as Cost);
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];
  const row = (kernel: string, costs: Cost[]) =>
    `| ${kernel} | ${median(costs.map((c) => c.median_ms)).toFixed(2)} | ${
      Math.max(...costs.map((c) => c.worst_ms)).toFixed(1)
    } | ${median(costs.map((c) => c.last_line_s ?? NaN)).toFixed(2)} | ${
      median(costs.map((c) => c.idle_s ?? NaN)).toFixed(2)
    } | ${Math.min(...costs.map((c) => c.lines_received))} |`;
  console.log(
    `${rounds} rounds, ${cells} empty cells each, alternating kernels; medians over rounds\n`,
  );
  console.log(
    "| kernel | empty cell, median (ms) | empty cell, worst (ms) | 10,000 lines: last line (s) | 10,000 lines: idle (s) | lines received (fewest) |",
  );
  console.log("|---|---:|---:|---:|---:|---:|");
  console.log(row("plain deno", results.plain));
  console.log(row("course (proxy)", results.course));
}

if (import.meta.main) await main(Deno.args);
