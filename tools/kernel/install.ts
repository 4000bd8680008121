/**
 * Registers the course's kernel, "Deno (nn-from-scratch)", for this user:
 * a kernelspec folder holding a copy of the proxy (so the kernel keeps
 * working when the project moves) and a `kernel.json` that starts it with
 * this Deno. Jupyter, JupyterLab, the classic Notebook and VS Code all read
 * kernelspecs from there. Running it again changes nothing unless the proxy
 * or the Deno changed.
 *
 *     deno run --allow-read --allow-write --allow-env tools/kernel/install.ts [--dir KERNELS_DIR]
 *
 * @module
 */

/** The kernelspec's name, which the notebooks' metadata names. */
export const KERNEL_NAME = "nn-from-scratch";
/** What front ends show in their kernel menus. */
export const DISPLAY_NAME = "Deno (nn-from-scratch)";
/** The proxy's files, copied into the kernelspec folder. */
export const PROXY_FILES = ["proxy.ts", "bridge.ts", "mend.ts", "wire.ts", "zmtp.ts"];
const LOGOS = ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"];

/**
 * The kernel.json that starts the proxy in `directory` with `deno`.
 *
 * @example
 * ```ts
 * import { kernelJson } from "./install.ts";
 * console.log(kernelJson("/usr/bin/deno", "/tmp/kernels/nn-from-scratch").argv[0]);
 * ```
 */
export function kernelJson(deno: string, directory: string) {
  return {
    argv: [deno, "run", "--allow-all", "--no-config", `${directory}/proxy.ts`, "{connection_file}"],
    display_name: DISPLAY_NAME,
    language: "typescript",
    // Interrupts go as a control message, which Deno's kernel understands;
    // a signal would reach the proxy, which turns it into one too.
    interrupt_mode: "message",
    metadata: { debugger: false },
  };
}

/**
 * Where this user's Jupyter kernelspecs live, as Jupyter finds them:
 * `$JUPYTER_DATA_DIR/kernels`, else the platform's data folder.
 *
 * @example
 * ```ts
 * import { userKernelsDir } from "./install.ts";
 * console.log(userKernelsDir());
 * ```
 */
export function userKernelsDir(): string {
  const env = (name: string) => Deno.env.get(name) || undefined;
  const dataDir = env("JUPYTER_DATA_DIR");
  if (dataDir !== undefined) return `${dataDir}/kernels`;
  if (Deno.build.os === "windows") return `${env("APPDATA")}\\jupyter\\kernels`;
  const home = env("HOME") ?? ".";
  if (Deno.build.os === "darwin") return `${home}/Library/Jupyter/kernels`;
  return `${env("XDG_DATA_HOME") ?? `${home}/.local/share`}/jupyter/kernels`;
}

/**
 * Writes the kernelspec into `kernelsDir/nn-from-scratch`; returns whether
 * anything changed.
 *
 * @example
 * ```ts
 * import { install } from "./install.ts";
 * const dir = await Deno.makeTempDir();
 * console.log(await install(dir, Deno.execPath())); // true
 * ```
 */
export async function install(kernelsDir: string, deno: string): Promise<boolean> {
  const directory = `${kernelsDir}/${KERNEL_NAME}`;
  const wanted = new Map<string, Uint8Array>();
  for (const file of PROXY_FILES) {
    wanted.set(file, await Deno.readFile(new URL(`./${file}`, import.meta.url)));
  }
  const spec = JSON.stringify(kernelJson(deno, directory), null, 1) + "\n";
  wanted.set("kernel.json", new TextEncoder().encode(spec));
  // Deno's own logos, where `deno jupyter --install` left them.
  for (const logo of LOGOS) {
    try {
      wanted.set(logo, await Deno.readFile(`${kernelsDir}/deno/${logo}`));
    } catch {
      // no logo: front ends show the kernel's initials
    }
  }
  let changed = false;
  await Deno.mkdir(directory, { recursive: true });
  for (const [file, bytes] of wanted) {
    const path = `${directory}/${file}`;
    const old = await Deno.readFile(path).catch(() => undefined);
    if (old !== undefined && old.length === bytes.length && old.every((b, i) => b === bytes[i])) {
      continue;
    }
    await Deno.writeFile(path, bytes);
    changed = true;
  }
  return changed;
}

if (import.meta.main) {
  const at = Deno.args.indexOf("--dir");
  const kernelsDir = at >= 0 ? Deno.args[at + 1] : userKernelsDir();
  const changed = await install(kernelsDir, Deno.execPath());
  console.log(
    `${DISPLAY_NAME} kernel ${changed ? "registered" : "already up to date"} in ` +
      `${kernelsDir}/${KERNEL_NAME}`,
  );
}
