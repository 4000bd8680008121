// What the benchmark tables share: how a time is written, the machine's
// line, and the environment NumPy runs in.

/** Seconds as milliseconds, with as many digits as say something. */
export function milliseconds(seconds: number | undefined): string {
  if (seconds === undefined) return "";
  const ms = seconds * 1000;
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4);
}

/** The processor, as the tables name it. */
export async function machine(): Promise<string> {
  const cpuinfo = await Deno.readTextFile("/proc/cpuinfo").catch(() => "");
  const model = cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? "unknown";
  const flags = cpuinfo.match(/^flags\s*:\s*(.*)$/m)?.[1].split(" ") ?? [];
  const simd = ["avx2", "fma", "avx512f"].filter((flag) => flags.includes(flag)).join(", ");
  return `${navigator.hardwareConcurrency} logical CPUs (nproc), ${model} (${simd})`;
}

/**
 * This environment without the OpenBLAS settings some machines make, so
 * that OpenBLAS picks its kernel for the processor as it normally would.
 */
export function numpyEnvironment(): Record<string, string> {
  const env = Deno.env.toObject();
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/**
 * Writes `table` and `description` into tools/bench/README.md between the
 * markers `<!-- name -->` and `<!-- /name -->`, then formats the file.
 */
export async function writeSection(name: string, table: string, description: string) {
  const readme = new URL("README.md", import.meta.url);
  const text = await Deno.readTextFile(readme);
  const start = text.indexOf(`<!-- ${name} -->`);
  const end = text.indexOf(`<!-- /${name} -->`);
  if (start < 0 || end < 0) throw new Error(`README.md has no <!-- ${name} --> markers`);
  await Deno.writeTextFile(
    readme,
    `${text.slice(0, start)}<!-- ${name} -->\n${table}\n\n${description}\n${text.slice(end)}`,
  );
  await new Deno.Command(Deno.execPath(), { args: ["fmt", "--quiet", readme.pathname] }).output();
  console.error(`wrote ${readme.pathname}`);
}
