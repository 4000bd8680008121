// The course's kernel (tools/kernel/): the bridge's rules on their own, the
// wire and ZMTP over loopback, the kernelspec it installs, a front end's
// actions through jupyter_client against it and against Deno's plain kernel,
// and the learner_output fixture, whose every line must land in its own cell
// with the course's kernel and does not with the plain one.
import { assert, assertEquals } from "./assert.ts";
import { BARRIER_TYPE, Bridge } from "../tools/kernel/bridge.ts";
import { Message, Signer } from "../tools/kernel/wire.ts";
import { connect, encodeMessage, listen, type Peer } from "../tools/kernel/zmtp.ts";
import {
  install,
  installFigureLibrary,
  KERNEL_NAME,
  PROXY_FILES,
} from "../tools/kernel/install.ts";
import { PLOTLY_URL_PATH, PLOTLY_VERSION } from "../lib/plot/figure.ts";
import { MessageStream } from "../tools/kernel/mend.ts";
import { clientChecks } from "../tools/kernel/cost.ts";
import {
  type Cell,
  executeNotebook,
  joinText,
  type Notebook,
  readNotebook,
} from "../tools/jupyter.ts";
import { committedOutputs, delay, differences, freePort, summarize } from "../tools/notebook_ui.ts";

const KERNEL_TEST = { sanitizeOps: false, sanitizeResources: false };
const signer = new Signer("hmac-sha256", "a key");

/** A bridge whose outlets record what it sends, as "where: type" lines and the messages. */
function recordingBridge(markerQuietMs = 5_000) {
  const sent: { to: string; message: Message }[] = [];
  const bridge = new Bridge<string>(signer, {
    toKernelShell: (message) => sent.push({ to: "kernel shell", message }),
    toKernelControl: (message) => sent.push({ to: "kernel control", message }),
    toKernelStdin: (message) => sent.push({ to: "kernel stdin", message }),
    toClient: (peer, message) => sent.push({ to: peer, message }),
    toClientStdin: (peer, message) => sent.push({ to: `${peer} stdin`, message }),
    publish: (message) => sent.push({ to: "iopub", message }),
  }, { markerQuietMs });
  const lines = () => sent.map(({ to, message }) => `${to}: ${message.type}`);
  return { bridge, sent, lines };
}

const request = (type: string, content: unknown = {}) =>
  Message.create(signer, type, content, {}, "front");
const fromKernel = (type: string, content: unknown, parent: Message) =>
  Message.create(signer, type, content, parent.header, "kernel");
const stream = (text: string, parent: Message) =>
  fromKernel("stream", { name: "stdout", text }, parent);

/** The barrier request the bridge sent to the kernel last, and its marker. */
function lastBarrier(sent: { to: string; message: Message }[]) {
  const barrier = sent.filter(({ to }) => to === "kernel shell").at(-1)!.message;
  const code = barrier.content<{ code: string }>().code;
  const marker = /marker: "([^"]+)"/.exec(code)![1];
  return { barrier, marker };
}

Deno.test("bridge: a cell's late output goes to the cell, and its reply and idle after it", () => {
  const { bridge, sent, lines } = recordingBridge();
  bridge.kernelReady("kernel");
  const first = request("execute_request", { code: "for (...) console.log(i)" });
  const second = request("execute_request", { code: "2" });
  bridge.fromClientShell("front", first);
  bridge.fromClientShell("front", second);
  // One request at a time: the second waits.
  assertEquals(lines(), ["iopub: status", "kernel shell: execute_request"]);
  bridge.fromKernelIopub(stream("line 0\n", first));
  bridge.fromKernelShell(fromKernel("execute_reply", { status: "ok" }, first));
  bridge.fromKernelIopub(fromKernel("status", { execution_state: "idle" }, first));
  const { barrier, marker } = lastBarrier(sent);
  assert(barrier.id !== first.id && barrier.content<{ silent: boolean }>().silent);
  // Late lines carry the barrier's request as their parent, as Deno tags them.
  bridge.fromKernelIopub(fromKernel("execute_input", { code: "barrier" }, barrier));
  bridge.fromKernelIopub(stream("line 1\n", barrier));
  bridge.fromKernelShell(fromKernel("execute_reply", { status: "ok" }, barrier));
  assertEquals(lines().slice(2), [
    "iopub: stream",
    "kernel shell: execute_request",
    "iopub: stream",
  ]);
  bridge.fromKernelIopub(fromKernel(BARRIER_TYPE, { marker }, barrier));
  assertEquals(lines().slice(5), [
    "front: execute_reply",
    "iopub: status",
    "iopub: status",
    "kernel shell: execute_request",
  ]);
  const published = sent.filter(({ to }) => to === "iopub").map(({ message }) => message);
  assertEquals(
    published.map((m) => [m.type, m.parentId === first.id ? "first" : "second"]),
    [["status", "first"], ["stream", "first"], ["stream", "first"], ["status", "first"], [
      "status",
      "second",
    ]],
  );
  assertEquals(published[3].content(), { execution_state: "idle" });
  // What reaches the front end is signed with the connection's key.
  assert(published.every((m) => m.verify(signer)));
  assertEquals(sent.at(-1)!.message.id, second.id);
});

Deno.test("bridge: an error waits for the lines logged before it", () => {
  const { bridge, sent, lines } = recordingBridge();
  bridge.kernelReady("kernel");
  const cell = request("execute_request", { code: "log; throw" });
  bridge.fromClientShell("front", cell);
  bridge.fromKernelIopub(fromKernel("error", { ename: "Error", evalue: "x", traceback: [] }, cell));
  bridge.fromKernelShell(fromKernel("execute_reply", { status: "error" }, cell));
  const { barrier, marker } = lastBarrier(sent);
  bridge.fromKernelIopub(stream("logged before the throw\n", barrier));
  bridge.fromKernelShell(fromKernel("execute_reply", { status: "ok" }, barrier));
  bridge.fromKernelIopub(fromKernel(BARRIER_TYPE, { marker }, barrier));
  assertEquals(lines(), [
    "iopub: status",
    "kernel shell: execute_request",
    "kernel shell: execute_request",
    "iopub: stream",
    "iopub: error",
    "front: execute_reply",
    "iopub: status",
  ]);
});

Deno.test("bridge: an interrupted cell that shows no error gets one", async () => {
  const { bridge, sent } = recordingBridge();
  bridge.kernelReady("kernel");
  const cell = request("execute_request", { code: "while (true) {}" });
  bridge.fromClientShell("front", cell);
  bridge.fromClientControl("front", request("interrupt_request"));
  bridge.fromKernelShell(fromKernel("execute_reply", { status: "error" }, cell));
  const { barrier, marker } = lastBarrier(sent);
  bridge.fromKernelShell(fromKernel("execute_reply", { status: "ok" }, barrier));
  bridge.fromKernelIopub(fromKernel(BARRIER_TYPE, { marker }, barrier));
  await new Promise((resolve) => setTimeout(resolve, 0));
  const error = sent.find(({ message }) => message.type === "error")!.message;
  assertEquals(error.parentId, cell.id);
  assertEquals(error.content<{ ename: string }>().ename, "Interrupted");
});

Deno.test("bridge: a cell that failed without a word is diagnosed, before its reply", async () => {
  const sent: { to: string; message: Message }[] = [];
  const bridge = new Bridge<string>(signer, {
    toKernelShell: (message) => sent.push({ to: "kernel shell", message }),
    toKernelControl: () => {},
    toKernelStdin: () => {},
    toClient: (peer, message) => sent.push({ to: peer, message }),
    toClientStdin: () => {},
    publish: (message) => sent.push({ to: "iopub", message }),
  }, { diagnose: (code) => Promise.resolve(`cannot parse ${JSON.stringify(code)}`) });
  bridge.kernelReady("kernel");
  const cell = request("execute_request", { code: "const x = ;" });
  bridge.fromClientShell("front", cell);
  bridge.fromKernelShell(
    fromKernel("execute_reply", { status: "error", evalue: "Execution failed" }, cell),
  );
  const { barrier, marker } = lastBarrier(sent);
  bridge.fromKernelShell(fromKernel("execute_reply", { status: "ok" }, barrier));
  bridge.fromKernelIopub(fromKernel(BARRIER_TYPE, { marker }, barrier));
  await new Promise((resolve) => setTimeout(resolve, 0));
  const after = sent.slice(sent.findIndex(({ message }) => message.id === barrier.id) + 1);
  assertEquals(after.map(({ to, message }) => `${to}: ${message.type}`), [
    "iopub: error",
    "front: execute_reply",
    "iopub: status",
  ]);
  assertEquals(after[0].message.content(), {
    ename: "SyntaxError",
    evalue: 'cannot parse "const x = ;"',
    traceback: ['SyntaxError: cannot parse "const x = ;"'],
  });
});

Deno.test("bridge: without its marker a cell still ends once the kernel goes quiet", async () => {
  const { bridge, sent, lines } = recordingBridge(50);
  bridge.kernelReady("kernel");
  const cell = request("execute_request", { code: "Deno.jupyter.broadcast = null" });
  bridge.fromClientShell("front", cell);
  bridge.fromKernelShell(fromKernel("execute_reply", { status: "ok" }, cell));
  const { barrier } = lastBarrier(sent);
  bridge.fromKernelShell(fromKernel("execute_reply", { status: "ok" }, barrier));
  assertEquals(lines().at(-1), "kernel shell: execute_request");
  await new Promise((resolve) => setTimeout(resolve, 120));
  assertEquals(lines().slice(-2), ["front: execute_reply", "iopub: status"]);
});

Deno.test("bridge: other requests end at the kernel's idle; forged ones are dropped", () => {
  const { bridge, lines } = recordingBridge();
  bridge.fromClientShell("front", request("complete_request", { code: "Ma", cursor_pos: 2 }));
  assertEquals(lines(), [], "nothing goes before the kernel is ready");
  bridge.kernelReady("kernel");
  const complete = bridge.busy;
  assert(complete);
  const forged = Message.create(new Signer("hmac-sha256", "wrong"), "execute_request", {}, {}, "x");
  bridge.fromClientShell("intruder", forged);
  bridge.fromClientControl("intruder", forged);
  assertEquals(lines(), ["iopub: status", "kernel shell: complete_request"]);
});

Deno.test("wire and ZMTP: a ROUTER and a DEALER, a PUB and its subscriber, over loopback", async () => {
  const received: Message[] = [];
  const routerPeers: Peer[] = [];
  const port = freePort();
  const router = listen("127.0.0.1", port, "ROUTER", async (peer) => {
    routerPeers.push(peer);
    for (let parts = await peer.receive(); parts !== null; parts = await peer.receive()) {
      const message = Message.parse(parts)!;
      received.push(message);
      peer.send(fromKernel("kernel_info_reply", { status: "ok" }, message).frames());
    }
  });
  const pubPort = freePort();
  const subscribers: Peer[] = [];
  const pub = listen("127.0.0.1", pubPort, "PUB", (peer) => {
    subscribers.push(peer);
    peer.receiveSubscriptions();
  });
  try {
    const dealer = await connect("127.0.0.1", port, "DEALER", "front-1", 5_000);
    const big = "x".repeat(100_000);
    const ask = request("kernel_info_request", { big });
    dealer.send(ask.frames());
    const reply = Message.parse((await dealer.receive())!)!;
    assertEquals(reply.parentId, ask.id);
    assert(reply.verify(signer));
    assertEquals(received[0].content<{ big: string }>().big.length, 100_000);
    assertEquals(routerPeers[0].identity, "front-1");

    const sub = await connect("127.0.0.1", pubPort, "SUB", "", 5_000);
    sub.send([new Uint8Array([1])]);
    while (subscribers[0]?.subscriptions.length !== 1) await delay(5);
    const status = Message.create(signer, "status", { execution_state: "idle" }, {}, "k");
    assert(subscribers[0].wants(status.frames()));
    subscribers[0].send(status.frames());
    assertEquals(Message.parse((await sub.receive())!)!.content(), { execution_state: "idle" });
    dealer.close();
    sub.close();
  } finally {
    router.close();
    pub.close();
    for (const peer of [...routerPeers, ...subscribers]) peer.close();
  }
});

Deno.test("install: a kernelspec holding the proxy, and plotly.js for the figures, written once", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assertEquals(await install(dir, "/path/to/deno"), true);
    assertEquals(await install(dir, "/path/to/deno"), false);
    const spec = JSON.parse(await Deno.readTextFile(`${dir}/${KERNEL_NAME}/kernel.json`));
    assertEquals(spec.argv[0], "/path/to/deno");
    assertEquals(spec.argv.at(-2), `${dir}/${KERNEL_NAME}/proxy.ts`);
    assertEquals(spec.interrupt_mode, "message");
    for (const file of PROXY_FILES) {
      assert((await Deno.stat(`${dir}/${KERNEL_NAME}/${file}`)).isFile);
    }
    assertEquals(await install(dir, "/another/deno"), true);
    // The figures' plotly.js, where Jupyter servers serve front-end files.
    assertEquals(await installFigureLibrary(dir), true);
    assertEquals(await installFigureLibrary(dir), false);
    const served = await Deno.readTextFile(`${dir}/${PLOTLY_URL_PATH}`);
    assert(served.includes(`plotly.js v${PLOTLY_VERSION}`), "the pinned plotly.js");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "a front end's actions: as with Deno's plain kernel, and an interrupt that works",
  ...KERNEL_TEST,
  fn: async () => {
    const [course, plain] = await Promise.all([
      clientChecks("behaviour", "course"),
      clientChecks("behaviour", "plain"),
    ]);
    // Deno's kernelspec asks for interrupts by signal, which ends its process;
    // the course's asks by message, which stops the cell.
    assertEquals(plain["alive after interrupt"], false);
    assertEquals(course["alive after interrupt"], true);
    assertEquals(course.interrupt, {
      status: "error",
      idle: true,
      outputs: [{ stdout: "spinning\n" }, { error: "the cell was stopped by Kernel → Interrupt" }],
    });
    assertEquals((course["after interrupt"] as { status: string }).status, "ok");
    // Replies are the same; cells end the same way (their outputs can only be
    // compared where Deno's plain kernel puts them right, as below).
    for (const key of Object.keys(course).filter((key) => !key.includes("interrupt"))) {
      const statusOf = (value: unknown) =>
        (value as { outputs?: unknown })?.outputs === undefined
          ? value
          : (value as { status: unknown }).status;
      assertEquals(statusOf(course[key]), statusOf(plain[key]), key);
    }
    // What those actions show, whichever kernel.
    assertEquals(course["throw after logs"], {
      status: "error",
      idle: true,
      outputs: [{ stdout: "line 0\nline 1\nline 2\n" }, { error: "after three lines" }],
    });
    assertEquals((course.prompt as { outputs: unknown }).outputs, [
      { input_request: "Your name?" },
      { stdout: "hello Ada\n" },
    ]);
    assertEquals((course["display updates"] as { outputs: unknown }).outputs, [
      { display_data: "step 0" },
      { update_display_data: "step 1" },
      { update_display_data: "step 2" },
      { update_display_data: "step 3" },
    ]);
    // Deno's kernel says nothing of a syntax error; the course's names it.
    assertEquals((plain["syntax error"] as { outputs: unknown }).outputs, []);
    assertEquals((course["syntax error"] as { outputs: unknown }).outputs, [
      { error: "Expression expected (line 1 of the cell)" },
    ]);
    assertEquals((course["unhandled rejection"] as { outputs: unknown }).outputs, [
      { stdout: "went on\n" },
    ]);
    assert((course.complete as { matches: string[] }).matches.includes("max"));
    assertEquals((course["after restart"] as { outputs: unknown }).outputs, [{
      execute_result: '\x1b[32m"undefined"\x1b[39m',
    }]);
    assertEquals(course["alive after exit"], false);
  },
});

/** What the fixture's cells print by their own code: lines numbered by cell. */
function checkOwnLines(notebook: Notebook, label: string): void {
  const cells = notebook.cells.filter((cell) => cell.cell_type === "code");
  const text = (cell: Cell, name: string) =>
    (cell.outputs ?? []).map((o) =>
      o.output_type === "stream" && o.name === name ? joinText(o.text) : ""
    ).join("");
  const count = (n: number, line: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => line(i) + "\n").join("");
  assertEquals(
    text(cells[0], "stdout"),
    count(1000, (i) => `cell 1 line ${i}`),
    `${label}: cell 1`,
  );
  const third = Array.from({ length: 1000 }, (_, i) => i);
  assertEquals(
    text(cells[2], "stdout"),
    third.filter((i) => i % 3 !== 0).map((i) => `cell 3 line ${i}\n`).join(""),
    `${label}: cell 3's stdout`,
  );
  assertEquals(
    text(cells[2], "stderr"),
    third.filter((i) => i % 3 === 0).map((i) => `cell 3 error ${i}\n`).join(""),
    `${label}: cell 3's stderr`,
  );
  assertEquals(
    text(cells[14], "stdout"),
    count(120, (i) => `loss ${i}`),
    `${label}: the loss loop`,
  );
}

const FIXTURE = new URL("./fixtures/learner_output.ipynb", import.meta.url).pathname;
// `NN_FIXTURE_RUNS=50 deno test -A tests/kernel_test.ts --filter fixture` repeats it.
const FIXTURE_RUNS = Number(Deno.env.get("NN_FIXTURE_RUNS") ?? 2);

Deno.test({
  name: "the learner_output fixture through jupyter_client: every line in its own cell",
  ...KERNEL_TEST,
  fn: async () => {
    const committed = await readNotebook(FIXTURE);
    checkOwnLines(committed, "committed");
    const expected = committedOutputs(committed);
    for (let run = 1; run <= FIXTURE_RUNS; run++) {
      const { notebook } = await executeNotebook(FIXTURE);
      checkOwnLines(notebook, `run ${run}`);
      const cells = notebook.cells.filter((cell) => cell.cell_type === "code");
      const found = differences(expected, {
        cells: cells.map((cell) => summarize(cell.outputs ?? [])),
        figuresDrawn: 0,
        pageErrors: [],
        seconds: 0,
      });
      assertEquals(found, [], `run ${run} of ${FIXTURE_RUNS}`);
    }
  },
});

Deno.test({
  name: "the learner_output fixture fails with Deno's plain kernel (the test can fail)",
  ...KERNEL_TEST,
  fn: async () => {
    const expected = committedOutputs(await readNotebook(FIXTURE));
    const { notebook } = await executeNotebook(FIXTURE, { kernel: "plain" });
    const cells = notebook.cells.filter((cell) => cell.cell_type === "code");
    const found = differences(expected, {
      cells: cells.map((cell) => summarize(cell.outputs ?? [])),
      figuresDrawn: 0,
      pageErrors: [],
      seconds: 0,
    });
    assert(found.length > 0, "Deno's plain kernel put every line in its own cell");
  },
});

Deno.test("MessageStream: messages written into another are taken out, garbage skipped", async () => {
  const html = (n: number) => ({ data: { "text/html": "y".repeat(n) } });
  const big = Message.create(signer, "display_data", html(50_000), {}, "k");
  const busy = Message.create(signer, "status", { execution_state: "busy" }, {}, "k");
  const idle = Message.create(signer, "status", { execution_state: "idle" }, {}, "k");
  const after = Message.create(signer, "stream", { name: "stdout", text: "after\n" }, {}, "k");
  const wire = (message: Message) => encodeMessage(message.frames());
  const join = (pieces: Uint8Array[]) => {
    const bytes = new Uint8Array(pieces.reduce((n, piece) => n + piece.length, 0));
    pieces.reduce((at, piece) => (bytes.set(piece, at), at + piece.length), 0);
    return bytes;
  };
  /** The messages a MessageStream reads from `bytes`, handed over in chunks of 7,000 bytes. */
  const read = async (bytes: Uint8Array) => {
    let at = 0;
    const stream = new MessageStream(() => {
      if (at >= bytes.length) return Promise.resolve(null);
      at += 7_000;
      return Promise.resolve(bytes.slice(at - 7_000, at));
    }, signer);
    const out: string[] = [];
    for (let m = await stream.next(); m !== null; m = await stream.next()) {
      assert(m.verify(signer));
      out.push(m === null ? "" : m.id);
    }
    return out;
  };
  const bigBytes = wire(big);
  // Two statuses written between pieces of the large message's last frame.
  assertEquals(
    await read(join([
      bigBytes.subarray(0, 20_000),
      wire(busy),
      bigBytes.subarray(20_000, 40_000),
      wire(idle),
      bigBytes.subarray(40_000),
      wire(after),
    ])),
    [big.id, busy.id, idle.id, after.id],
  );
  // One written into its header's frame.
  assertEquals(
    await read(join([bigBytes.subarray(0, 30), wire(busy), bigBytes.subarray(30), wire(after)])),
    [big.id, busy.id, after.id],
  );
  // Bytes that are no message, and a message whose signature fails, are skipped.
  const forged = Message.create(new Signer("hmac-sha256", "other"), "status", {}, {}, "k");
  assertEquals(
    await read(join([new Uint8Array([1, 2, 3, 250, 7]), wire(forged), wire(after)])),
    [after.id],
  );
  // Without the stream's care, the large message with a status inside fails its signature.
  const garbled = Message.parse([
    ...big.frames().slice(0, -1),
    join([bigBytes.subarray(bigBytes.length - big.contentBytes.length, -5_000), wire(busy)]).slice(
      0,
      big.contentBytes.length,
    ),
  ])!;
  assert(!garbled.verify(signer));
});

Deno.test("bridge: a reply that comes after its request's idle status still reaches its front end", () => {
  const { bridge, sent } = recordingBridge();
  bridge.kernelReady("kernel");
  const complete = request("complete_request", { code: "Ma", cursor_pos: 2 });
  const inspect = request("inspect_request", { code: "Math", cursor_pos: 4 });
  bridge.fromClientShell("front", complete);
  bridge.fromClientShell("front", inspect);
  bridge.fromKernelIopub(fromKernel("status", { execution_state: "idle" }, complete));
  bridge.fromKernelShell(fromKernel("complete_reply", { matches: ["Math"] }, complete));
  bridge.fromKernelShell(fromKernel("inspect_reply", { found: false }, inspect));
  bridge.fromKernelIopub(fromKernel("status", { execution_state: "idle" }, inspect));
  assertEquals(
    sent.filter(({ to }) => to === "front").map(({ message }) => message.type),
    ["complete_reply", "inspect_reply"],
  );
});
