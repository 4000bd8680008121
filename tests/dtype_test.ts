import { assertEquals, assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";
import { castValue, doubleToInt64, scalarToInt64 } from "../lib/core/dtype.ts";

Deno.test("arrays promote bool < int64 < float64", () => {
  assertEquals(np.promoteTypes("bool", "int64"), "int64");
  assertEquals(np.promoteTypes("float64", "int64"), "float64");
  assertEquals(np.resultType("bool", "bool"), "bool");
});

Deno.test("JS numbers are weak scalars, as Python scalars are in NumPy 2", () => {
  const integers = np.array([1, 2], "int64");
  const flags = np.array([true]);
  const floats = np.array([1.5]);
  assertEquals(np.resultType(integers, 3), "int64");
  assertEquals(np.resultType(integers, 0.5), "float64");
  assertEquals(np.resultType(flags, 1), "int64");
  assertEquals(np.resultType(flags, true), "bool");
  assertEquals(np.resultType(flags, 2.5), "float64");
  assertEquals(np.resultType(floats, 2), "float64");
  assertEquals(np.resultType(2, 3), "int64");
  assertEquals(np.resultType(2, 0.5), "float64");
});

Deno.test("same_kind casting allows only moves up the order", () => {
  assertEquals(np.canCast("bool", "int64"), true);
  assertEquals(np.canCast("int64", "float64"), true);
  assertEquals(np.canCast("float64", "int64"), false);
  assertEquals(np.canCast("int64", "bool"), false);
});

Deno.test("castValue truncates toward zero and refuses non-finite integers", () => {
  assertEquals(castValue(2.7, "int64"), 2);
  assertEquals(Object.is(castValue(-0.5, "int64"), 0), true);
  assertEquals(castValue(NaN, "bool"), 1);
  assertEquals(castValue(0, "bool"), 0);
  assertThrows(() => castValue(Infinity, "int64"), /cannot convert float infinity to integer/);
});

Deno.test("astype converts like NumPy and always copies", () => {
  const a = np.array([-1.5, 0, 2.5]);
  assertEquals(a.astype("int64").tolist(), [-1, 0, 2]);
  assertEquals(a.astype("bool").tolist(), [true, false, true]);
  assertEquals(np.greater(a, 0).astype("float64").tolist(), [0, 0, 1]);
  const copy = a.astype("float64");
  copy.set(0, 5);
  assertEquals(a.get(0), -1.5);
  // NumPy casts NaN to int64's smallest value, warning "invalid value encountered in cast".
  assertEquals(np.array([NaN]).astype("int64").tolist(), [-9223372036854775808n]);
});

Deno.test("unknown dtypes are refused by promoteTypes, resultType and canCast", () => {
  const loose = (value: string) => value as "float64";
  assertThrows(() => np.promoteTypes("int64", loose("float32")), TypeError, "not understood");
  assertThrows(() => np.resultType(loose("int8")), TypeError, "not understood");
  assertThrows(() => np.canCast(loose("uint8"), "int64"), TypeError, "not understood");
  assertEquals(np.resultType(np.array([1n]), 2n ** 62n), "int64");
  assertEquals(np.resultType(1n, 0.5), "float64");
});

Deno.test("Python scalars into int64 as NumPy stores them, arrays as NumPy casts them", () => {
  assertEquals(scalarToInt64(2.9, "t"), 2);
  assertEquals(scalarToInt64(-(2 ** 63), "t"), -(2n ** 63n));
  assertThrows(
    () => scalarToInt64(2 ** 63, "t"),
    RangeError,
    "Python int too large to convert to C long",
  );
  assertThrows(() => scalarToInt64(NaN, "t"), RangeError, "cannot convert float NaN to integer");
  assertEquals(doubleToInt64(-2.9), -2);
  assertEquals(doubleToInt64(2 ** 62), 2n ** 62n);
  let invalid = 0;
  for (const value of [NaN, Infinity, -Infinity, 2 ** 63, 1e300]) {
    assertEquals(doubleToInt64(value, () => invalid++), -(2n ** 63n));
  }
  assertEquals(invalid, 5);
});
