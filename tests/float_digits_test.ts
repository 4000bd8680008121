import { assertEquals, assertThrows } from "./assert.ts";
import {
  exactDigits,
  floatRepr,
  fromHex,
  roundToFraction,
  roundToSignificant,
  shortestDigits,
} from "../lib/text/float_digits.ts";

Deno.test("float_digits: shortestDigits gives the round-trip digits and their power of ten", () => {
  assertEquals(shortestDigits(0.1), { digits: "1", exponent: -1 });
  assertEquals(shortestDigits(-1250), { digits: "125", exponent: 3 });
  assertEquals(shortestDigits(0), { digits: "0", exponent: 0 });
  assertEquals(shortestDigits(5e-324), { digits: "5", exponent: -324 });
});

Deno.test("float_digits: exactDigits expands the binary value completely", () => {
  assertEquals(exactDigits(0.375), { digits: "375", exponent: -1 });
  assertEquals(exactDigits(2.675).digits, "267499999999999982236431605997495353221893310546875");
  assertEquals(exactDigits(2 ** 70), { digits: "1180591620717411303424", exponent: 21 });
});

Deno.test("float_digits: rounding breaks exact ties to even and carries through nines", () => {
  assertEquals(roundToFraction(0.125, 2), { digits: "12", exponent: -1 });
  assertEquals(roundToFraction(0.375, 2), { digits: "38", exponent: -1 });
  assertEquals(roundToFraction(2.5, 0), { digits: "2", exponent: 0 });
  assertEquals(roundToFraction(0.5, 0), { digits: "0", exponent: 0 });
  assertEquals(roundToFraction(0.0049, 2), { digits: "0", exponent: 0 });
  assertEquals(roundToFraction(9.995, 2), { digits: "999", exponent: 0 }); // 9.99499999...
  assertEquals(roundToFraction(9.9999, 2), { digits: "1", exponent: 1 });
  assertEquals(roundToFraction(1.5e22, 1), { digits: "15", exponent: 22 });
  assertEquals(roundToSignificant(999.5, 3), { digits: "1", exponent: 3 });
  assertEquals(roundToSignificant(1.25, 2), { digits: "12", exponent: 0 });
});

Deno.test("float_digits: floatRepr is Python's repr of a float", () => {
  assertEquals(
    [5, 1e-5, 1e-4, 1e16, 9999999999999998, -0, NaN, -Infinity, 1.5e300].map(floatRepr),
    ["5.0", "1e-05", "0.0001", "1e+16", "9999999999999998.0", "-0.0", "nan", "-inf", "1.5e+300"],
  );
});

Deno.test("float_digits: fromHex reads Python's float.hex() exactly", () => {
  assertEquals(fromHex("0x1.8p+0"), 1.5);
  assertEquals(fromHex("-0x0.0p+0"), -0);
  assertEquals(fromHex("0x0.0000000000001p-1022"), 5e-324);
  assertEquals(fromHex("0x1.fffffffffffffp+1023"), Number.MAX_VALUE);
  assertEquals([fromHex("inf"), fromHex("-inf"), fromHex("nan")], [Infinity, -Infinity, NaN]);
  assertThrows(() => fromHex("1.5"), /not a hexadecimal float: '1.5'/);
  assertThrows(() => fromHex("0x1p-1075"), /not exactly a double/);
});

Deno.test("float_digits: errors name the function and the value", () => {
  assertThrows(() => roundToFraction(NaN, 2), /roundToFraction: expected a finite number, got NaN/);
  assertThrows(() => roundToSignificant(1, 0), /roundToSignificant: expected an integer >= 1/);
});
