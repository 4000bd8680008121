/**
 * Mending what Deno's kernel (2.9.6) garbles on its IOPub socket. It writes
 * each message in one buffer but lets two writers share a connection: when a
 * large message (a figure's HTML) does not fit the socket at once, a small
 * one (a status) can be written between its pieces. The reader then finds the
 * small message inside the large one's last frame, whose signature no longer
 * verifies, and the large one's tail still waiting on the socket.
 *
 * @module
 */
import { Message, type Signer } from "./wire.ts";
import { parseFrames } from "./zmtp.ts";

/** A frame holding the `<IDS|MSG>` delimiter, flagged MORE: how every Jupyter message starts. */
const EMBEDDED_START = new Uint8Array([0x01, 0x09, ...new TextEncoder().encode("<IDS|MSG>")]);

/**
 * The messages hidden in `message`'s last frame, taken out, and `message`
 * completed with the bytes that follow it on the stream (`readMore`), if
 * that makes its signature verify; in the order they were begun: `message`
 * first. Undefined when it cannot be mended.
 *
 * @example
 * ```ts
 * import { mend } from "./mend.ts";
 * import { Message, Signer } from "./wire.ts";
 * const signer = new Signer("hmac-sha256", "key");
 * const ok = Message.create(signer, "status", { execution_state: "idle" }, {}, "s");
 * console.log(await mend(ok, signer, () => Promise.resolve(new Uint8Array()))); // [ok]
 * ```
 */
export async function mend(
  message: Message,
  signer: Signer,
  readMore: (size: number) => Promise<Uint8Array>,
): Promise<Message[] | undefined> {
  if (message.verify(signer)) return [message];
  const parts = message.frames();
  let last = parts[parts.length - 1];
  const embedded: Message[] = [];
  for (let from = 0;;) {
    const at = indexOf(last, EMBEDDED_START, from);
    if (at < 0) break;
    const found = parseFrames(last, at);
    const inner = found === undefined ? undefined : Message.parse(found.parts);
    if (found === undefined || inner === undefined) return undefined;
    embedded.push(inner);
    const missing = await readMore(found.end - at);
    const joined = new Uint8Array(last.length);
    joined.set(last.subarray(0, at));
    joined.set(last.subarray(found.end), at);
    joined.set(missing, at + last.length - found.end);
    last = joined;
    from = at;
  }
  if (embedded.length === 0) return undefined;
  const whole = Message.parse([...parts.slice(0, -1), last]);
  if (whole === undefined || !whole.verify(signer)) return undefined;
  return [whole, ...embedded];
}

function indexOf(bytes: Uint8Array, pattern: Uint8Array, from: number): number {
  const first = pattern[0];
  for (let i = bytes.indexOf(first, from); i >= 0; i = bytes.indexOf(first, i + 1)) {
    if (i + pattern.length > bytes.length) return -1;
    let j = 1;
    while (j < pattern.length && bytes[i + j] === pattern[j]) j++;
    if (j === pattern.length) return i;
  }
  return -1;
}
