// The one place the test suite takes its assertions from. Plain assertions
// come from Deno's built-in node:assert; numeric closeness comes from the
// library's own testing module, which notebooks can use too.
export {
  deepStrictEqual as assertEquals,
  notStrictEqual as assertNotEquals,
  ok as assert,
  rejects as assertRejects,
  strictEqual as assertStrictEquals,
  throws as assertThrows,
} from "node:assert/strict";
export { assertAllClose } from "../lib/course/testing.ts";
