/**
 * The course's Jupyter kernel: Deno's own kernel (`deno jupyter --kernel`)
 * behind a proxy that puts every output in the cell that made it (see
 * bridge.ts for how). Jupyter starts it from the kernelspec that install.ts
 * registers:
 *
 *     deno run --allow-all proxy.ts CONNECTION_FILE
 *
 * The front end connects to the ports of CONNECTION_FILE; the proxy starts
 * Deno's kernel on ports of its own, with the same key, and passes every
 * channel through. The kernel's process ends with the proxy's, and the
 * proxy's with the kernel's, with the kernel's exit status.
 *
 * @module
 */
import { Bridge } from "./bridge.ts";
import { Message, Signer } from "./wire.ts";
import { connect, listen, type Peer } from "./zmtp.ts";
import { MessageStream } from "./mend.ts";

/** The fields of a Jupyter connection file. */
interface ConnectionInfo {
  ip: string;
  transport: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  control_port: number;
  stdin_port: number;
  iopub_port: number;
  hb_port: number;
  kernel_name?: string;
}

const CHANNELS = ["shell_port", "control_port", "stdin_port", "iopub_port", "hb_port"] as const;
/** How long the kernel has to start listening and publishing. */
const KERNEL_START_MS = 60_000;
/** How long the kernel may take to exit after answering a shutdown request. */
const SHUTDOWN_GRACE_MS = 3_000;

/**
 * Says what went wrong on standard error (front ends keep it in their log)
 * and, when NN_KERNEL_PROXY_LOG names a file, appends it there too.
 */
function note(text: string): void {
  console.error(`kernel proxy: ${text}`);
  const file = Deno.env.get("NN_KERNEL_PROXY_LOG");
  if (file) {
    try {
      Deno.writeTextFileSync(file, `${new Date().toISOString()} ${Deno.pid} ${text}\n`, {
        append: true,
      });
    } catch {
      // the log is a help, not a need
    }
  }
}

async function main(args: string[]): Promise<number> {
  if (args.length !== 1) {
    console.error("usage: deno run --allow-all proxy.ts CONNECTION_FILE");
    return 2;
  }
  const info: ConnectionInfo = JSON.parse(await Deno.readTextFile(args[0]));
  if ((info.transport ?? "tcp") !== "tcp") {
    console.error(`kernel proxy: transport ${info.transport} is not supported, only tcp`);
    return 2;
  }
  const signer = new Signer(info.signature_scheme || "hmac-sha256", info.key ?? "");
  const host = info.ip === "*" ? "0.0.0.0" : info.ip;

  const stdinPeers = new Set<Peer>();
  const subscribers = new Set<Peer>();
  let kernel: { shell: Peer; control: Peer; stdin: Peer } | undefined;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;
  const bridge: Bridge<Peer> = new Bridge<Peer>(signer, {
    toKernelShell: (m) => kernel?.shell.send(m.frames()),
    toKernelControl: (m) => kernel?.control.send(m.frames()),
    toKernelStdin: (m) => kernel?.stdin.send(m.frames()),
    toClient: (peer, m) => {
      peer.send(m.frames(undefined, []));
      if (m.type === "shutdown_reply") {
        stopTimer ??= setTimeout(() => stopKernel(), SHUTDOWN_GRACE_MS);
      }
    },
    toClientStdin: (shellPeer, m) => {
      const frames = m.frames(undefined, []);
      const same = [...stdinPeers].filter((p) =>
        p.identity !== "" && p.identity === shellPeer.identity
      );
      for (const peer of same.length > 0 ? same : stdinPeers) peer.send(frames);
    },
    publish: (m) => {
      const frames = m.frames(undefined, []);
      for (const peer of subscribers) if (peer.wants(frames)) peer.send(frames);
    },
  }, { note, diagnose: syntaxError });

  // The front end's side: bound at once, so that its requests wait here
  // while the kernel starts.
  let listeners: Deno.Listener[];
  try {
    listeners = [
      listen(host, info.shell_port, "ROUTER", (peer) => {
        readMessages(peer, (m) => bridge.fromClientShell(peer, m));
      }),
      listen(host, info.control_port, "ROUTER", (peer) => {
        readMessages(peer, (m) => bridge.fromClientControl(peer, m));
      }),
      listen(host, info.stdin_port, "ROUTER", (peer) => {
        stdinPeers.add(peer);
        readMessages(peer, (m) => bridge.fromClientStdin(peer, m)).finally(() =>
          stdinPeers.delete(peer)
        );
      }),
      listen(host, info.iopub_port, "PUB", (peer) => {
        subscribers.add(peer);
        peer.receiveSubscriptions().finally(() => subscribers.delete(peer));
      }),
      listen(host, info.hb_port, "REP", async (peer) => {
        for (let m = await peer.receive(); m !== null; m = await peer.receive()) peer.send(m);
      }),
    ];
  } catch (error) {
    console.error(`kernel proxy: cannot listen on the front end's ports at ${host}: ${error}`);
    return 1;
  }

  // Deno's kernel, on ports of its own; tried again on other ports if it
  // cannot bind those.
  const directory = await Deno.makeTempDir({ prefix: "nn-kernel-" });
  const innerFile = `${directory}/kernel.json`;
  let child: Spawned | undefined;
  const stopKernel = () => {
    try {
      child?.stdin?.close();
    } catch {
      // already closed
    }
    try {
      child?.process.kill("SIGTERM");
    } catch {
      // already gone
    }
  };
  Deno.addSignalListener("SIGINT", () => bridge.interrupt());
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stopKernel);
  const identity = crypto.randomUUID();
  for (let attempt = 1;; attempt++) {
    const ports = freePorts(CHANNELS.length);
    const inner = {
      ...info,
      ip: "127.0.0.1",
      transport: "tcp",
      ...Object.fromEntries(CHANNELS.map((name, i) => [name, ports[i]])),
    } as ConnectionInfo;
    await Deno.writeTextFile(innerFile, JSON.stringify(inner), { mode: 0o600 });
    const spawned = spawnKernel(innerFile);
    child = spawned;
    const peers = Promise.all([
      connect("127.0.0.1", inner.shell_port, "DEALER", identity, KERNEL_START_MS),
      connect("127.0.0.1", inner.control_port, "DEALER", identity, KERNEL_START_MS),
      connect("127.0.0.1", inner.stdin_port, "DEALER", identity, KERNEL_START_MS),
      connect("127.0.0.1", inner.iopub_port, "SUB", "", KERNEL_START_MS),
    ]);
    const outcome = await Promise.race([
      peers,
      spawned.process.status.then(() => undefined),
    ]).catch((error) => error as Error);
    if (Array.isArray(outcome)) {
      const [shell, control, stdin, iopub] = outcome;
      kernel = { shell, control, stdin };
      startBridge(bridge, signer, shell, control, stdin, iopub).catch((error) => {
        console.error(`kernel proxy: ${error.message ?? error}`);
        stopKernel();
      });
      break;
    }
    peers.then((all) => all.forEach((peer) => peer.close()), () => {});
    stopKernel();
    if (attempt === 3) {
      console.error(`kernel proxy: Deno's kernel did not start: ${outcome ?? "it exited"}`);
      await Deno.remove(directory, { recursive: true }).catch(() => {});
      return 1;
    }
  }

  const status = await child!.process.status;
  for (const listener of listeners) listener.close();
  await Promise.race([
    Promise.all([...subscribers].map((peer) => peer.drained())),
    delay(1_000),
  ]);
  await Deno.remove(directory, { recursive: true }).catch(() => {});
  return status.code;
}

/**
 * Feeds the kernel's messages to the bridge, and tells it the kernel is ready
 * once its IOPub is seen to reach the proxy: the kernel counts a subscriber
 * only once it has read its subscription, so the proxy asks for status
 * messages until one comes.
 */
async function startBridge(
  bridge: Bridge<Peer>,
  signer: Signer,
  shell: Peer,
  control: Peer,
  stdin: Peer,
  iopub: Peer,
): Promise<void> {
  readMessages(shell, (m) => bridge.fromKernelShell(m));
  readMessages(control, (m) => bridge.fromKernelControl(m));
  readMessages(stdin, (m) => bridge.fromKernelStdin(m));
  // A ZMTP 3.0 subscription to everything.
  iopub.send([new Uint8Array([1])]);
  let session: string | undefined;
  readIopub(iopub, signer, (m) => {
    session ??= m.header.session ?? "";
    bridge.fromKernelIopub(m);
  });
  const deadline = performance.now() + KERNEL_START_MS;
  while (session === undefined) {
    if (performance.now() > deadline) throw new Error("the kernel publishes nothing");
    bridge.sendOwn("shell", "kernel_info_request", {});
    await delay(100);
  }
  bridge.kernelReady(session);
}

/**
 * Calls `handle` with each message the kernel publishes, reading them with a
 * {@link MessageStream}, which mends what Deno's kernel writes into another.
 */
async function readIopub(
  peer: Peer,
  signer: Signer,
  handle: (message: Message) => void,
): Promise<void> {
  const stream = new MessageStream(() => peer.readChunk(), signer, note);
  for (let message = await stream.next(); message !== null; message = await stream.next()) {
    try {
      handle(message);
    } catch (error) {
      note(String(error));
    }
  }
}

/** Calls `handle` with each Jupyter message `peer` sends, until it closes. */
async function readMessages(peer: Peer, handle: (message: Message) => void): Promise<void> {
  for (let parts = await peer.receive(); parts !== null; parts = await peer.receive()) {
    const message = Message.parse(parts);
    if (message === undefined) continue;
    try {
      handle(message);
    } catch (error) {
      console.error(`kernel proxy: ${error}`);
    }
  }
}

/**
 * The syntax error in a cell's code, as Deno's parser words it (`deno fmt`
 * reads the code as TypeScript), or undefined when it parses.
 */
async function syntaxError(code: string): Promise<string | undefined> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext=ts", "-"],
    env: { NO_COLOR: "1" },
    stdin: "piped",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(code));
  await writer.close();
  const { success, stderr } = await child.output();
  if (success) return undefined;
  const text = new TextDecoder().decode(stderr);
  const what = /error: (?:SyntaxError: )?(.*)/.exec(text)?.[1];
  const where = /:(\d+):(\d+)\s*$/m.exec(text);
  if (what === undefined) return undefined;
  return where === null ? what : `${what} (line ${where[1]} of the cell)`;
}

/**
 * Starts `deno jupyter --kernel`. Off Windows a shell in between ends the
 * kernel when the proxy's end of its standard input closes, which happens
 * however the proxy ends, SIGKILL included.
 */
interface Spawned {
  process: Deno.ChildProcess;
  stdin?: WritableStream<Uint8Array>;
}

function spawnKernel(connectionFile: string): Spawned {
  const deno = Deno.execPath();
  if (Deno.build.os === "windows") {
    const process = new Deno.Command(deno, {
      args: ["jupyter", "--kernel", "--conn", connectionFile],
      stdin: "null",
    }).spawn();
    return { process };
  }
  const script = 'exec 3<&0; "$1" jupyter --kernel --conn "$2" </dev/null & kernel=$!; ' +
    '(cat <&3 >/dev/null; kill "$kernel" 2>/dev/null) & wait "$kernel"';
  const process = new Deno.Command("sh", {
    args: ["-c", script, "sh", deno, connectionFile],
    stdin: "piped",
  }).spawn();
  return { process, stdin: process.stdin };
}

/**
 * `count` free ports for Deno's kernel, taken below 32768: front ends pick
 * theirs from the system's ephemeral range (32768 and up on Linux, 49152 and
 * up elsewhere), and a kernel starting beside this one must not be handed a
 * port this proxy has chosen but its kernel has not bound yet.
 */
function freePorts(count: number): number[] {
  const listeners: Deno.Listener[] = [];
  while (listeners.length < count) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    try {
      listeners.push(Deno.listen({ hostname: "127.0.0.1", port }));
    } catch {
      // taken: try another
    }
  }
  const ports = listeners.map((l) => (l.addr as Deno.NetAddr).port);
  for (const listener of listeners) listener.close();
  return ports;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (import.meta.main) Deno.exit(await main(Deno.args));
