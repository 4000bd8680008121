/**
 * Where Chromium is: Debian's, or one on the PATH. `browser.ts` starts it.
 *
 * @module
 */

/** Where Debian installs Chromium. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** The program names looked for on the PATH when {@link CHROMIUM_PATH} is absent. */
const CHROMIUM_NAMES = ["chromium", "chromium-browser"];

/**
 * Chromium could not be found: neither {@link CHROMIUM_PATH} nor a
 * `chromium` or `chromium-browser` on the PATH is an executable file.
 *
 * @example
 * ```ts
 * import { ChromiumNotFoundError } from "./chromium.ts";
 * console.log(new ChromiumNotFoundError().message);
 * ```
 */
export class ChromiumNotFoundError extends Error {
  constructor() {
    super(
      `Chromium is not installed: there is no ${CHROMIUM_PATH}, and no ` +
        `${CHROMIUM_NAMES.join(" or ")} on the PATH (Debian/Ubuntu: apt-get install chromium; ` +
        `tools/setup.sh --browser does it)`,
    );
    this.name = "ChromiumNotFoundError";
  }
}

/**
 * The Chromium to start: {@link CHROMIUM_PATH} when it exists, else the
 * first `chromium` or `chromium-browser` on the PATH; undefined when there is
 * none.
 *
 * @example
 * ```ts
 * import { findChromium } from "./chromium.ts";
 * console.log(findChromium() ?? "no Chromium here");
 * ```
 */
export function findChromium(): string | undefined {
  const directories = (Deno.env.get("PATH") ?? "").split(":").filter((dir) => dir !== "");
  const candidates = [CHROMIUM_PATH];
  for (const name of CHROMIUM_NAMES) {
    for (const directory of directories) candidates.push(`${directory}/${name}`);
  }
  return candidates.find(isExecutableFile);
}

function isExecutableFile(path: string): boolean {
  try {
    const info = Deno.statSync(path);
    return info.isFile && info.mode !== null && (info.mode & 0o111) !== 0;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    throw error;
  }
}
