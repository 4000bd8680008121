// Decoders for the golden data under tests/golden/: doubles as Python writes
// them (float.hex()), as base64 of little-endian float64, or as raw binary.
export { fromHex } from "../lib/text/float_digits.ts";

/** Little-endian float64 values from raw bytes. */
export function float64FromBytes(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/** Little-endian float64 values from base64 text. */
export function decodeFloat64(base64: string): Float64Array {
  return float64FromBytes(Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)));
}

/** Little-endian float64 values from a binary file under tests/golden/. */
export async function readFloat64(name: string): Promise<Float64Array> {
  return float64FromBytes(await Deno.readFile(new URL(`./golden/${name}`, import.meta.url)));
}
