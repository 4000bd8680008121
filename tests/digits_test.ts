// loadDigits against what scikit-learn 1.2.1's load_digits() returned
// (tests/golden/digits.json, written by tests/golden/make_digits.py).

import { assert, assertEquals } from "./assert.ts";
import { loadDigits } from "../lib/mod.ts";

interface DigitsGolden {
  images_shape: number[];
  data_shape: number[];
  target_shape: number[];
  images_dtype: string;
  data_dtype: string;
  target_dtype: string;
  data_row_sha256: string[];
  target_sha256: string;
  target_counts: number[];
  pixel_sum: number;
  full_rows: Record<string, { image: number[][]; target: number }>;
}
const golden: DigitsGolden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/digits.json", import.meta.url)),
);

async function sha256Prefix(values: Float64Array, length: number): Promise<string> {
  // Little-endian bytes of the values, as NumPy's "<f8" / "<i8" tobytes().
  const buffer = new ArrayBuffer(values.length * 8);
  const view = new DataView(buffer);
  values.forEach((value, i) => view.setFloat64(i * 8, value, true));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("").slice(0, length);
}

async function int64Sha256(values: Float64Array): Promise<string> {
  const buffer = new ArrayBuffer(values.length * 8);
  const view = new DataView(buffer);
  values.forEach((value, i) => view.setBigInt64(i * 8, BigInt(value), true));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

Deno.test("loadDigits has load_digits' shapes and dtypes", () => {
  const { images, data, target } = loadDigits();
  assertEquals(images.shape, golden.images_shape);
  assertEquals(data.shape, golden.data_shape);
  assertEquals(target.shape, golden.target_shape);
  assertEquals(images.dtype, golden.images_dtype);
  assertEquals(data.dtype, golden.data_dtype);
  assertEquals(target.dtype, golden.target_dtype);
});

Deno.test("loadDigits holds load_digits' pixels, row by row, and its labels", async () => {
  const { images, data, target } = loadDigits();
  const width = data.shape[1];
  for (let row = 0; row < data.shape[0]; row++) {
    const values = data.data.subarray(row * width, (row + 1) * width);
    const expected = golden.data_row_sha256[row];
    const actual = await sha256Prefix(values, expected.length);
    assertEquals(actual, expected, `row ${row} of data differs from scikit-learn's`);
  }
  assertEquals(Array.from(images.data), Array.from(data.data), "images and data hold other pixels");
  assertEquals(await int64Sha256(target.data), golden.target_sha256);
  const counts = new Array(10).fill(0);
  for (const label of target.data) counts[label]++;
  assertEquals(counts, golden.target_counts);
  assertEquals(data.data.reduce((a, b) => a + b, 0), golden.pixel_sum);
  for (const [index, row] of Object.entries(golden.full_rows)) {
    const i = Number(index);
    const image = Array.from(
      { length: 8 },
      (_, r) => Array.from({ length: 8 }, (_, c) => images.get(i, r, c)),
    );
    assertEquals(image, row.image, `image ${i}`);
    assertEquals(target.item(i), row.target, `target ${i}`);
  }
});

Deno.test("loadDigits gives new arrays on every call", () => {
  const first = loadDigits();
  first.data.data[0] = 99;
  first.images.data[1] = 99;
  first.target.data[0] = 7;
  const second = loadDigits();
  assert(second.data.data[0] !== 99 && second.images.data[1] !== 99);
  assertEquals(second.target.item(0), golden.full_rows["0"].target);
});
