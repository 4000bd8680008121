/**
 * The handwritten digits of `sklearn.datasets.load_digits`, kept in the
 * library (see data/README.md for their origin and licence).
 *
 * @module
 */
import { NDArray } from "../core/ndarray.ts";
import { DIGITS_BASE64 } from "./data/digits.ts";
import { checkArgumentCount } from "../core/internals.ts";

const IMAGE_COUNT = 1797;
const PIXELS = 64;

/**
 * The digits as scikit-learn's `load_digits()` returns them: `images` of
 * shape `(1797, 8, 8)`, the same pixels flattened as `data` of shape
 * `(1797, 64)` (both float64, each pixel a count from 0 to 16), and the digit
 * each image shows as `target`, int64 of shape `(1797,)`.
 *
 * @example
 * ```ts
 * import { loadDigits } from "../mod.ts";
 * const digits = loadDigits();
 * const { images, data, target } = digits;
 * ```
 */
export interface Digits {
  /** The images, shape `(1797, 8, 8)`, float64 pixel values 0..16. */
  images: NDArray;
  /** The same pixels one image per row, shape `(1797, 64)`, float64. */
  data: NDArray;
  /** The digit each image shows, shape `(1797,)`, int64 values 0..9. */
  target: NDArray;
}

let unpacked: Uint8Array | undefined;

function bytes(): Uint8Array {
  if (unpacked === undefined) {
    const text = atob(DIGITS_BASE64);
    unpacked = Uint8Array.from(text, (character) => character.charCodeAt(0));
    if (unpacked.length !== IMAGE_COUNT * (PIXELS + 1)) {
      throw new Error(`loadDigits: the packed data holds ${unpacked.length} bytes`);
    }
  }
  return unpacked;
}

/**
 * The 1,797 handwritten digits of 8×8 pixels, as `sklearn.datasets.load_digits()`:
 * returns `{ images, data, target }` (see {@link Digits}). Every call gives
 * new arrays, so changing one does not change the next call's.
 *
 * @example
 * ```ts
 * import { loadDigits } from "./digits.ts";
 * const { images, data, target } = loadDigits();
 * console.log(images.shape, data.shape, target.shape); // [1797, 8, 8] [1797, 64] [1797]
 * ```
 */
export function loadDigits(): Digits {
  if (arguments.length > 0) checkArgumentCount(arguments, 0, "loadDigits");
  const packed = bytes();
  const pixels = Float64Array.from(packed.subarray(0, IMAGE_COUNT * PIXELS));
  const labels = Float64Array.from(packed.subarray(IMAGE_COUNT * PIXELS));
  return {
    images: new NDArray(pixels.slice(), [IMAGE_COUNT, 8, 8]),
    data: new NDArray(pixels, [IMAGE_COUNT, PIXELS]),
    target: new NDArray(labels, [IMAGE_COUNT], "int64"),
  };
}
