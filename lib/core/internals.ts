/**
 * What the library's other folders (random, course) build on from the
 * core: argument and option checks, shape helpers and typed storage. Not
 * part of the public API: `lib/mod.ts` does not export it, and a folder
 * never reaches into another folder's `_` files, only into this one.
 *
 * @module
 */
export {
  allocate,
  checkArgumentCount,
  checkFiniteNumber,
  checkOptions,
  describe,
  throwReadOnly,
} from "./_util.ts";
export { formatShape, sameShape, shapeSize, unravelIndex } from "./_shape.ts";
export { arrays } from "./_storage.ts";
