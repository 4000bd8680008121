/**
 * Registers the course's kernel, "Deno (nn-from-scratch)", for this user:
 * a kernelspec folder holding a copy of the proxy (so the kernel keeps
 * working when the project moves) and a `kernel.json` that starts it with
 * this Deno. Jupyter, JupyterLab, the classic Notebook and VS Code all read
 * kernelspecs from there. Beside it, in the folder Jupyter servers serve
 * front-end files from, it puts the plotly.js that draws the figures.
 * Running it again changes nothing unless something changed.
 *
 *     deno run --allow-all tools/kernel/install.ts [--dir JUPYTER_DATA_DIR]
 *
 * @module
 */
import { PLOTLY_URL_PATH, plotlyJs } from "../../lib/plot/figure.ts";

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
 * This user's Jupyter data folder, as Jupyter finds it: `$JUPYTER_DATA_DIR`,
 * else the platform's. Kernelspecs live in its `kernels/`, front-end files
 * in its `nbextensions/`.
 *
 * @example
 * ```ts
 * import { userDataDir } from "./install.ts";
 * console.log(userDataDir());
 * ```
 */
export function userDataDir(): string {
  const env = (name: string) => Deno.env.get(name) || undefined;
  const dataDir = env("JUPYTER_DATA_DIR");
  if (dataDir !== undefined) return dataDir;
  if (Deno.build.os === "windows") return `${env("APPDATA")}\\jupyter`;
  const home = env("HOME") ?? ".";
  if (Deno.build.os === "darwin") return `${home}/Library/Jupyter`;
  return `${env("XDG_DATA_HOME") ?? `${home}/.local/share`}/jupyter`;
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
  for (const [file, bytes] of wanted) {
    changed = await writeIfChanged(`${directory}/${file}`, bytes) || changed;
  }
  return changed;
}

/**
 * Puts plotly.js (from Deno's npm cache, fetched first if need be) where the
 * figures' HTML loads it: `dataDir/` + {@link PLOTLY_URL_PATH}, which Jupyter
 * servers serve. Returns whether anything changed.
 *
 * @example
 * ```ts
 * import { installFigureLibrary } from "./install.ts";
 * console.log(await installFigureLibrary(await Deno.makeTempDir())); // true
 * ```
 */
export async function installFigureLibrary(dataDir: string): Promise<boolean> {
  return await writeIfChanged(
    `${dataDir}/${PLOTLY_URL_PATH}`,
    await Deno.readFile(plotlyJs().path),
  );
}

async function writeIfChanged(path: string, bytes: Uint8Array): Promise<boolean> {
  const old = await Deno.readFile(path).catch(() => undefined);
  if (old !== undefined && old.length === bytes.length && old.every((b, i) => b === bytes[i])) {
    return false;
  }
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeFile(path, bytes);
  return true;
}

if (import.meta.main) {
  const at = Deno.args.indexOf("--dir");
  const dataDir = at >= 0 ? Deno.args[at + 1] : userDataDir();
  const kernel = await install(`${dataDir}/kernels`, Deno.execPath());
  const figures = await installFigureLibrary(dataDir);
  console.log(
    `${DISPLAY_NAME} kernel ${kernel ? "registered" : "already up to date"} in ` +
      `${dataDir}/kernels/${KERNEL_NAME}; plotly.js for its figures ${
        figures ? "put" : "already"
      } in ${dataDir}/${PLOTLY_URL_PATH.split("/").slice(0, -1).join("/")}`,
  );
}
