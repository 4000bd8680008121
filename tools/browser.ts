/**
 * Headless Chromium, driven by puppeteer-core, for the figures' static
 * images, the browser tests and the real-UI test. An {@link OfflinePage} has
 * no network: every http(s) and ws(s) request it makes is refused and
 * recorded, with its script errors.
 *
 * @module
 */
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { ChromiumNotFoundError, findChromium } from "./chromium.ts";
import { refuseInQuickTests } from "./jupyter.ts";

export type { Browser, Page };

/**
 * Starts headless Chromium (the one {@link findChromium} finds) with a
 * window of `width` × `height`.
 *
 * @example
 * ```ts
 * import { launchBrowser } from "./browser.ts";
 * const browser = await launchBrowser();
 * await browser.close();
 * ```
 */
export async function launchBrowser(
  { width = 1280, height = 900 } = {},
): Promise<Browser> {
  refuseInQuickTests("browser");
  const executablePath = findChromium();
  if (executablePath === undefined) throw new ChromiumNotFoundError();
  return await puppeteer.launch({
    executablePath,
    headless: true,
    defaultViewport: { width, height },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--hide-scrollbars",
      "--allow-file-access-from-files",
    ],
  });
}

/**
 * Something that went wrong in a page: an uncaught exception, a
 * `console.error`, or a request refused or failed.
 *
 * @example
 * ```ts
 * import type { PageProblem } from "./browser.ts";
 * const problem: PageProblem = { kind: "exception", text: "ReferenceError: x is not defined" };
 * ```
 */
export interface PageProblem {
  /** `"exception"` and `"console"` come from scripts; `"network"` from a refused or failed load. */
  kind: "exception" | "console" | "network";
  text: string;
}

/**
 * A tab with no network that records its problems.
 *
 * @example
 * ```ts
 * import { launchBrowser, OfflinePage } from "./browser.ts";
 * const browser = await launchBrowser();
 * const page = await OfflinePage.open(browser);
 * await page.goto("data:text/html,<title>hi</title>");
 * console.log(await page.evaluate<string>("document.title")); // hi
 * await browser.close();
 * ```
 */
export class OfflinePage {
  /** Script errors and refused requests, in the order they happened. */
  readonly problems: PageProblem[] = [];
  readonly page: Page;

  private constructor(page: Page) {
    this.page = page;
  }

  /** Opens a tab; `allow` names one origin it may still reach (a test's own server). */
  static async open(browser: Browser, { allow }: { allow?: string } = {}): Promise<OfflinePage> {
    const page = await browser.newPage();
    const offline = new OfflinePage(page);
    const problems = offline.problems;
    page.on("pageerror", (error) => {
      problems.push({ kind: "exception", text: String((error as Error).message ?? error) });
    });
    page.on("console", (message) => {
      if (message.type() !== "error" && message.type() !== "assert") return;
      const url = message.location()?.url;
      // Chromium reports a refused load as a console error too: network, counted once.
      if (/^net::|Failed to load resource/.test(message.text())) return;
      const kind = /^Not allowed to load local resource/.test(message.text())
        ? "network"
        : "console";
      problems.push({ kind, text: `${message.text()}${url ? ` (${url})` : ""}` });
    });
    page.on("requestfailed", (request) => {
      problems.push({ kind: "network", text: `blocked ${request.url()}` });
    });
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      const url = request.url();
      const allowed = allow !== undefined && url.startsWith(`${allow}/`);
      if (/^(https?|wss?):/.test(url) && !allowed) request.abort("internetdisconnected");
      else request.continue();
    });
    return offline;
  }

  /** Loads `url` and waits for its `load` event. */
  async goto(url: string, timeoutMs = 60_000): Promise<void> {
    await this.page.goto(url, { waitUntil: "load", timeout: timeoutMs });
  }

  /**
   * Evaluates a script expression in the page, awaiting it if it is a
   * promise, and returns its value (which must survive JSON).
   */
  async evaluate<T = unknown>(expression: string): Promise<T> {
    return await this.page.evaluate(expression) as T;
  }

  /** A PNG of the whole page, beyond the window's height. */
  async screenshot(): Promise<Uint8Array> {
    return await this.page.screenshot({ fullPage: true, type: "png" });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
