/**
 * Headless Chromium driven over the DevTools protocol, with no network:
 * every http(s) and ws(s) request a page makes is failed and recorded.
 *
 * Just enough of the protocol for figure rendering and browser tests: open a
 * page, evaluate script in it, collect its errors, take a screenshot.
 *
 * ```ts
 * import { Browser } from "./chromium.ts";
 * const browser = await Browser.launch();
 * const page = await browser.newPage();
 * await page.goto("file:///tmp/page.html");
 * console.log(await page.evaluate("document.title"));
 * await browser.close();
 * ```
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

/**
 * Options of {@link Browser.launch}.
 *
 * @example
 * ```ts
 * import type { LaunchOptions } from "./chromium.ts";
 * const options: LaunchOptions = { executablePath: "/usr/bin/chromium" };
 * ```
 */
export interface LaunchOptions {
  /** The Chromium binary (default: what {@link findChromium} finds). */
  executablePath?: string;
  /** Window size in CSS pixels (default 1280×800). */
  windowSize?: { width: number; height: number };
}

/**
 * Something that went wrong in a page: an uncaught exception, a
 * `console.error`, or a request the browser refused to send.
 *
 * @example
 * ```ts
 * import type { PageProblem } from "./chromium.ts";
 * const problem: PageProblem = { kind: "exception", text: "ReferenceError: x is not defined" };
 * ```
 */
export interface PageProblem {
  /** `"exception"` and `"console"` come from scripts; `"network"` from a blocked or failed load. */
  kind: "exception" | "console" | "network";
  /** The message, with the source location when Chromium gives one. */
  text: string;
}

type Message = {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
};

/**
 * A headless Chromium process and its DevTools connection.
 *
 * @example
 * ```ts
 * import { Browser } from "./chromium.ts";
 * const browser = await Browser.launch();
 * try {
 *   const page = await browser.newPage();
 *   console.log(await page.evaluate("1 + 1"));
 * } finally {
 *   await browser.close();
 * }
 * ```
 */
export class Browser {
  #process: Deno.ChildProcess;
  #socket: WebSocket;
  #profile: string;
  #nextId = 1;
  #pending = new Map<number, { resolve(m: Message): void; reject(e: Error): void }>();
  #listeners = new Map<string, Set<(message: Message) => void>>();

  private constructor(process: Deno.ChildProcess, socket: WebSocket, profile: string) {
    this.#process = process;
    this.#socket = socket;
    this.#profile = profile;
    socket.onmessage = (event) => this.#receive(JSON.parse(event.data as string));
    socket.onclose = () => {
      for (const { reject } of this.#pending.values()) reject(new Error("Chromium closed"));
      this.#pending.clear();
    };
  }

  /**
   * Starts headless Chromium with a fresh profile and no background
   * networking, and connects to it. Rejects with a
   * {@link ChromiumNotFoundError} when no Chromium is installed.
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * const browser = await Browser.launch({ windowSize: { width: 1000, height: 700 } });
   * await browser.close();
   * ```
   */
  static async launch(options: LaunchOptions = {}): Promise<Browser> {
    const executable = options.executablePath ?? findChromium();
    if (executable === undefined) throw new ChromiumNotFoundError();
    const profile = await Deno.makeTempDir({ prefix: "chromium-profile-" });
    const size = options.windowSize ?? { width: 1280, height: 800 };
    const process = new Deno.Command(executable, {
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--hide-scrollbars",
        "--font-render-hinting=none",
        `--window-size=${size.width},${size.height}`,
        `--user-data-dir=${profile}`,
        "--remote-debugging-port=0",
        "about:blank",
      ],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    let endpoint: string;
    try {
      endpoint = await devToolsEndpoint(process.stderr);
    } catch (error) {
      process.kill();
      await process.status;
      await Deno.remove(profile, { recursive: true }).catch(() => {});
      throw error;
    }
    const socket = new WebSocket(endpoint);
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error(`cannot connect to ${endpoint}`));
    });
    return new Browser(process, socket, profile);
  }

  /**
   * Opens a blank tab whose network requests all fail.
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * const browser = await Browser.launch();
   * const page = await browser.newPage();
   * await page.close();
   * await browser.close();
   * ```
   */
  async newPage(): Promise<Page> {
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true });
    const page = new Page(this, targetId as string, sessionId as string);
    await page.initialize();
    return page;
  }

  /**
   * Ends Chromium and removes its profile.
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * await (await Browser.launch()).close();
   * ```
   */
  async close(): Promise<void> {
    try {
      await this.send("Browser.close");
    } catch {
      this.#process.kill();
    }
    this.#socket.close();
    await this.#process.status;
    await Deno.remove(this.#profile, { recursive: true }).catch(() => {});
  }

  /**
   * Sends one DevTools command (to a page when `sessionId` is given) and
   * resolves with its result.
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * const browser = await Browser.launch();
   * console.log(await browser.send("Browser.getVersion"));
   * await browser.close();
   * ```
   */
  send(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<Record<string, unknown>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, {
        resolve: (message) =>
          message.error
            ? reject(new Error(`${method}: ${message.error.message}`))
            : resolve(message.result ?? {}),
        reject,
      });
      this.#socket.send(JSON.stringify({ id, method, params, sessionId }));
    });
  }

  /**
   * Calls `listener` with every event named `method` of the page `sessionId`;
   * returns a function that stops it.
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * const browser = await Browser.launch();
   * const stop = browser.on("Target.targetCreated", "", (params) => console.log(params));
   * stop();
   * await browser.close();
   * ```
   */
  on(
    method: string,
    sessionId: string,
    listener: (params: Record<string, unknown>) => void,
  ): () => void {
    const key = `${sessionId}:${method}`;
    const wrapped = (message: Message) => listener(message.params ?? {});
    const set = this.#listeners.get(key) ?? new Set();
    set.add(wrapped);
    this.#listeners.set(key, set);
    return () => set.delete(wrapped);
  }

  #receive(message: Message): void {
    if (message.id !== undefined) {
      this.#pending.get(message.id)?.resolve(message);
      this.#pending.delete(message.id);
      return;
    }
    const key = `${message.sessionId ?? ""}:${message.method}`;
    for (const listener of this.#listeners.get(key) ?? []) listener(message);
  }
}

/**
 * One tab of a {@link Browser}. Its {@link Page.problems} collect script
 * errors and refused requests from the moment it opens.
 *
 * @example
 * ```ts
 * import { Browser } from "./chromium.ts";
 * const browser = await Browser.launch();
 * const page = await browser.newPage();
 * await page.goto("data:text/html,<title>hello</title>");
 * console.log(await page.evaluate("document.title"), page.problems);
 * await browser.close();
 * ```
 */
export class Page {
  /** Script errors and refused requests, in the order they happened. */
  readonly problems: PageProblem[] = [];
  #browser: Browser;
  #targetId: string;
  #sessionId: string;

  /** Wraps an attached target; use {@link Browser.newPage} instead. */
  constructor(browser: Browser, targetId: string, sessionId: string) {
    this.#browser = browser;
    this.#targetId = targetId;
    this.#sessionId = sessionId;
  }

  /**
   * Subscribes to the page's errors and turns its network off.
   *
   * @example
   * ```ts
   * // Called by Browser.newPage.
   * ```
   */
  async initialize(): Promise<void> {
    const on = (method: string, listener: (params: Record<string, unknown>) => void) =>
      this.#browser.on(method, this.#sessionId, listener);
    on("Runtime.exceptionThrown", (params) => {
      const details = params.exceptionDetails as {
        text: string;
        url?: string;
        lineNumber?: number;
        exception?: { description?: string };
      };
      const where = details.url ? ` (${details.url}:${(details.lineNumber ?? 0) + 1})` : "";
      const text = details.exception?.description ?? details.text;
      this.problems.push({ kind: "exception", text: `${text}${where}` });
    });
    on("Runtime.consoleAPICalled", (params) => {
      if (params.type !== "error" && params.type !== "assert") return;
      const args = params.args as { value?: unknown; description?: string }[];
      const text = args.map((arg) => String(arg.value ?? arg.description ?? "")).join(" ");
      this.problems.push({ kind: "console", text });
    });
    on("Log.entryAdded", (params) => {
      const entry = params.entry as { level: string; source: string; text: string; url?: string };
      if (entry.level !== "error") return;
      const kind = entry.source === "network" ? "network" : "console";
      this.problems.push({ kind, text: `${entry.text}${entry.url ? ` ${entry.url}` : ""}` });
    });
    on("Fetch.requestPaused", (params) => {
      const request = params.request as { url: string };
      this.problems.push({ kind: "network", text: `blocked ${request.url}` });
      this.#send("Fetch.failRequest", {
        requestId: params.requestId,
        errorReason: "InternetDisconnected",
      }).catch(() => {});
    });
    await this.#send("Runtime.enable");
    await this.#send("Log.enable");
    await this.#send("Page.enable");
    await this.#send("Fetch.enable", {
      patterns: ["http://*", "https://*", "ws://*", "wss://*"].map((urlPattern) => ({
        urlPattern,
      })),
    });
  }

  /**
   * Loads `url` and waits for its `load` event.
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * const browser = await Browser.launch();
   * const page = await browser.newPage();
   * await page.goto("data:text/html,<p>hi</p>");
   * await browser.close();
   * ```
   */
  async goto(url: string, timeoutMs = 60_000): Promise<void> {
    let stop = () => {};
    const loaded = new Promise<void>((resolve) => {
      stop = this.#browser.on("Page.loadEventFired", this.#sessionId, () => resolve());
    });
    try {
      const result = await this.#send("Page.navigate", { url });
      if (result.errorText) throw new Error(`cannot open ${url}: ${result.errorText}`);
      await withTimeout(loaded, timeoutMs, `loading ${url}`);
    } finally {
      stop();
    }
  }

  /**
   * Evaluates a script expression in the page, awaiting it if it is a
   * promise, and returns its value (which must survive JSON).
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * const browser = await Browser.launch();
   * const page = await browser.newPage();
   * console.log(await page.evaluate<number>("Promise.resolve(6 * 7)"));
   * await browser.close();
   * ```
   */
  async evaluate<T = unknown>(expression: string): Promise<T> {
    const result = await this.#send("Runtime.evaluate", {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    const details = result.exceptionDetails as
      | { text: string; exception?: { description?: string } }
      | undefined;
    if (details) throw new Error(details.exception?.description ?? details.text);
    return (result.result as { value: T }).value;
  }

  /**
   * A PNG of the whole page, beyond the window's height.
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * const browser = await Browser.launch();
   * const page = await browser.newPage();
   * const png = await page.screenshot();
   * console.log(png.length);
   * await browser.close();
   * ```
   */
  async screenshot(): Promise<Uint8Array> {
    const metrics = await this.#send("Page.getLayoutMetrics");
    const size = metrics.cssContentSize as { width: number; height: number };
    const result = await this.#send("Page.captureScreenshot", {
      format: "png",
      captureBeyondViewport: true,
      clip: { x: 0, y: 0, width: size.width, height: size.height, scale: 1 },
    });
    return Uint8Array.from(atob(result.data as string), (c) => c.charCodeAt(0));
  }

  /**
   * Closes the tab.
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * const browser = await Browser.launch();
   * await (await browser.newPage()).close();
   * await browser.close();
   * ```
   */
  async close(): Promise<void> {
    await this.#browser.send("Target.closeTarget", { targetId: this.#targetId });
  }

  #send(method: string, params: Record<string, unknown> = {}) {
    return this.#browser.send(method, params, this.#sessionId);
  }
}

/** Reads Chromium's stderr until it prints the browser's DevTools address. */
async function devToolsEndpoint(stderr: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stderr.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += value;
    const match = seen.match(/DevTools listening on (ws:\/\/\S+)/);
    if (match) {
      // Keep draining stderr so Chromium never blocks on a full pipe.
      (async () => {
        while (!(await reader.read().catch(() => ({ done: true }))).done) { /* discard */ }
      })();
      return match[1];
    }
  }
  reader.releaseLock();
  throw new Error(`Chromium did not start:\n${seen.slice(-2000)}`);
}

/**
 * Rejects with a message naming `what` when `promise` takes over `ms`.
 *
 * @example
 * ```ts
 * import { withTimeout } from "./chromium.ts";
 * await withTimeout(Promise.resolve(1), 1000, "resolving");
 * ```
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
