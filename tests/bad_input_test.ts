// Mistyped calls, as a learner makes them: each must either return NumPy's
// value or throw an error whose message names the operation and the
// offending shapes or values. Never a raw engine TypeError, a wrong shape or
// a NaN that nobody asked for.
import { assertEquals } from "./assert.ts";
import * as np from "../lib/mod.ts";
import type { DType, NDArray } from "../lib/mod.ts";
import * as layers from "./support/layers.ts";
import { TwoLayerNet } from "./support/two_layer_net.ts";

/** What a bad call must come to. */
interface Case {
  /** What the report shows: the call's source unless given. */
  label: string;
  run: () => unknown;
  /** The thrown error's message must match this. */
  throws?: RegExp;
  /** Or the call must return this (see {@link same}). */
  gives?: unknown;
  /** Warnings the call must print (none unless given). */
  warns?: string[];
}

// The library's values are loose on purpose (a number, an NDArray, ...).
// deno-lint-ignore no-explicit-any
type Loose = any;

/** A call that must throw a message matching `pattern`. */
function fails(run: () => unknown, pattern: RegExp): Case {
  return { label: String(run), run, throws: pattern };
}

/** A call that must return `value`, printing exactly `warns`. */
function gives(run: () => unknown, value: unknown, warns: string[] = []): Case {
  return { label: String(run), run, gives: value, warns };
}

/** An expected array: its shape, dtype and row-major values (bigints past 2**53). */
class Expected {
  constructor(
    readonly shape: number[],
    readonly dtype: DType,
    readonly values: (number | bigint)[],
  ) {}
}
function expected(shape: number[], dtype: DType, values: (number | bigint)[]): Expected {
  return new Expected(shape, dtype, values);
}

/** The elements of an array in row-major order, exactly (bools as 0 and 1). */
function elements(array: NDArray): (number | bigint)[] {
  const flat = array.flatten().tolist() as (number | bigint | boolean)[];
  return flat.map((value) => (typeof value === "boolean" ? Number(value) : value));
}

/** Whether `actual` is `wanted`, NaN equal to NaN and -0 told from 0. */
function same(actual: unknown, wanted: unknown): boolean {
  if (wanted instanceof Expected) {
    const array = actual as NDArray;
    if (!(array instanceof np.NDArray)) return false;
    const values = elements(array);
    return array.dtype === wanted.dtype && array.shape.join(",") === wanted.shape.join(",") &&
      values.length === wanted.values.length &&
      wanted.values.every((value, i) => Object.is(values[i], value));
  }
  return Object.is(actual, wanted);
}

function show(value: unknown): string {
  if (value instanceof np.NDArray) {
    return `array of shape (${value.shape}) ${value.dtype} [${elements(value)}]`;
  }
  return String(value);
}

/** What went wrong with one case, or nothing when it behaves. */
function problem(c: Case): string | undefined {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...parts: unknown[]) => seen.push(parts.join(" "));
  let result: unknown;
  let error: unknown;
  let threw = false;
  try {
    result = c.run();
  } catch (caught) {
    threw = true;
    error = caught;
  } finally {
    console.warn = original;
  }
  if (c.throws) {
    if (!threw) return `${c.label}: returned ${show(result)}, expected an error ${c.throws}`;
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof Error) || !c.throws.test(message)) {
      return `${c.label}: threw ${String(error)}, expected ${c.throws}`;
    }
    return undefined;
  }
  if (threw) return `${c.label}: threw ${String(error)}, expected ${show(c.gives)}`;
  if (!same(result, c.gives)) {
    return `${c.label}: returned ${show(result)}, expected ${
      c.gives instanceof Expected
        ? JSON.stringify(c.gives, (_, v) => (typeof v === "bigint" ? `${v}n` : v))
        : show(c.gives)
    }`;
  }
  if (seen.join("\n") !== (c.warns ?? []).join("\n")) {
    return `${c.label}: warned ${JSON.stringify(seen)}, expected ${JSON.stringify(c.warns)}`;
  }
  return undefined;
}

/** Runs every case and fails with the list of those that misbehave. */
function check(cases: Case[]): void {
  const problems = cases.map(problem).filter((p) => p !== undefined);
  assertEquals(problems, [], `${problems.length} of ${cases.length} cases misbehave`);
}

const grid = () => np.array([[0, 1, 2], [3, 4, 5]]);
const m23 = () => np.zeros([2, 3]);
const v4 = () => np.zeros(4);
const ints = () => np.zeros(3, "int64");
const bools = () => np.array([true, false]);
const rs = () => new np.random.RandomState(0);
const loose = (value: unknown): Loose => value;

Deno.test("1. shape mismatches in binary operations and products name both shapes", () => {
  const binary: [string, (a: NDArray, b: NDArray) => unknown][] = [
    ["add", np.add],
    ["subtract", np.subtract],
    ["multiply", np.multiply],
    ["divide", np.divide],
    ["power", np.power],
    ["maximum", np.maximum],
    ["minimum", np.minimum],
    ["greater", np.greater],
    ["greater_equal", np.greaterEqual],
    ["less", np.less],
    ["less_equal", np.lessEqual],
    ["equal", np.equal],
    ["not_equal", np.notEqual],
  ];
  check([
    ...binary.map(([name, op]): Case => ({
      label: `np.${op.name}(zeros([2, 3]), zeros(4))`,
      run: () => op(m23(), v4()),
      throws: new RegExp(
        `^${name}: operands could not be broadcast together with shapes \\(2,3\\) \\(4,\\)$`,
      ),
    })),
    fails(
      () => m23().multiply([1, 2]),
      /^multiply: operands could not be broadcast together with shapes \(2,3\) \(2,\)$/,
    ),
    fails(
      () => np.subtract(np.zeros([2, 3, 4]), np.zeros([3, 3])),
      /^subtract: operands could not be broadcast together with shapes \(2,3,4\) \(3,3\)$/,
    ),
    fails(
      () => m23().addInPlace(v4()),
      /^add: operands could not be broadcast together with shapes \(2,3\) \(4,\)$/,
    ),
    fails(
      () => np.zeros(3).subtractInPlace(m23()),
      /^subtract: non-broadcastable output operand with shape \(3,\) doesn't match the broadcast shape \(2,3\)$/,
    ),
    fails(
      () => m23().multiplyInPlace(np.zeros([3, 1])),
      /^multiply: operands could not be broadcast together with shapes \(2,3\) \(3,1\)$/,
    ),
    fails(
      () => np.zeros([2, 1]).divideInPlace(m23()),
      /^divide: non-broadcastable output operand with shape \(2,1\) doesn't match the broadcast shape \(2,3\)$/,
    ),
    fails(
      () => np.clip(m23(), v4(), 1),
      /^clip: operands could not be broadcast together with shapes \(2,3\) \(4,\) \(\)$/,
    ),
    fails(
      () => np.isclose(m23(), v4()),
      /^isclose: operands could not be broadcast together with shapes \(2,3\) \(4,\)$/,
    ),
    fails(
      () => np.allclose(m23(), v4()),
      /^allclose: operands could not be broadcast together with shapes \(2,3\) \(4,\)$/,
    ),
    fails(
      () => np.matmul(m23(), np.zeros([2, 2])),
      /^matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature \(n\?,k\),\(k,m\?\)->\(n\?,m\?\) \(size 2 is different from 3\); shapes \(2,3\) and \(2,2\)$/,
    ),
    fails(
      () => np.matmul(np.zeros(3), np.zeros(2)),
      /^matmul: .*\(size 2 is different from 3\); shapes \(3,\) and \(2,\)$/,
    ),
    fails(
      () => np.matmul(m23(), np.zeros(2)),
      /^matmul: .*\(size 2 is different from 3\); shapes \(2,3\) and \(2,\)$/,
    ),
    fails(
      () => np.matmul(np.zeros(3), m23()),
      /^matmul: .*\(size 2 is different from 3\); shapes \(3,\) and \(2,3\)$/,
    ),
    fails(
      () => m23().matmul(np.zeros([4, 2])),
      /^matmul: .*\(size 4 is different from 3\); shapes \(2,3\) and \(4,2\)$/,
    ),
    fails(
      () => np.matmul(np.array(5), m23()),
      /^matmul: Input operand 0 does not have enough dimensions/,
    ),
    fails(
      () => np.dot(m23(), np.zeros(2)),
      /^dot: .*\(size 2 is different from 3\); shapes \(2,3\) and \(2,\)$/,
    ),
    fails(
      () => np.zeros(3).dot(np.zeros(2)),
      /^dot: .*\(size 2 is different from 3\); shapes \(3,\) and \(2,\)$/,
    ),
    fails(
      () => np.matmul(np.zeros([2, 2, 2]), np.zeros([2, 2])),
      /^matmul: only 1-D and 2-D operands are supported, got shapes \(2,2,2\) and \(2,2\)$/,
    ),
    gives(() => np.outer(2, [1, 2]), expected([1, 2], "float64", [2, 4])),
    fails(
      () => grid().pick([0, 1], [0, 1, 2]),
      /^pick: operands could not be broadcast together with shapes \(2,\) \(3,\)$/,
    ),
    fails(
      () => grid().set(0, np.zeros(2)),
      /^set: could not broadcast input array from shape \(2,\) into shape \(3,\)$/,
    ),
    fails(
      () => np.broadcastTo(np.zeros(3), [2, 2]),
      /^broadcastTo: operands could not be broadcast together with shapes \(3,\) \(2,2\)$/,
    ),
    fails(
      () => layers.meanSquaredError(np.zeros([4, 1]), np.zeros(4)),
      /^meanSquaredError: prediction \(4,1\) and target \(4,\) must have the same shape$/,
    ),
    fails(
      () => layers.binaryCrossEntropy(np.zeros([4, 1]), np.zeros(4)),
      /^binaryCrossEntropy: probabilities \(4,1\) and labels \(4,\) must have the same shape$/,
    ),
    fails(
      () => layers.crossEntropy(np.zeros([1, 2]), np.zeros([1, 3])),
      /^crossEntropy: probabilities \(1,2\) and targets \(1,3\) must be the same 2-D shape$/,
    ),
    fails(
      () => np.relativeError(np.zeros(2), np.zeros(3)),
      /^relativeError: shapes \(2,\) and \(3,\) differ$/,
    ),
    fails(
      () => new TwoLayerNet(2, 3, 2, 0.1, rs()).forward(np.zeros([4, 3])),
      /^matmul: .*\(size 2 is different from 3\); shapes \(4,3\) and \(2,3\)$/,
    ),
  ]);
});

Deno.test("2. bad axes in reductions, joins and transposes", () => {
  const reductions: [string, (a: NDArray, options: Loose) => unknown][] = [
    ["sum", np.sum],
    ["mean", np.mean],
    ["max", np.max],
    ["min", np.min],
    ["argmax", np.argmax],
    ["argmin", np.argmin],
    ["std", np.std],
    ["var", np.variance],
  ];
  const axes: [number, RegExp][] = [
    [2, /axis 2 is out of bounds for array of dimension 2$/],
    [-3, /axis -3 is out of bounds for array of dimension 2$/],
    [0.5, /axis must be an integer, got 0\.5$/],
    [NaN, /axis must be an integer, got NaN$/],
  ];
  const cases: Case[] = [];
  for (const [name, reduce] of reductions) {
    for (const [axis, pattern] of axes) {
      cases.push({
        label: `${name}(zeros([2, 3]), { axis: ${axis} })`,
        run: () => reduce(m23(), { axis }),
        throws: new RegExp(`^${name}: ${pattern.source}`),
      });
    }
  }
  check([
    ...cases,
    fails(() => m23().sum(loose({ axis: "1" })), /^sum: axis must be an integer, got "1"$/),
    fails(
      () => m23().sum(loose({ axis: 0, keepDims: true })),
      /^sum: got an unexpected option 'keepDims' \(did you mean 'keepdims'\?\)$/,
    ),
    fails(
      () => m23().mean(loose({ axes: 0 })),
      /^mean: got an unexpected option 'axes' \(it takes 'axis', 'keepdims'\)$/,
    ),
    fails(
      () => m23().sum(loose({ axis: 0, keepdims: "false" })),
      /^sum: keepdims must be true or false, got "false"$/,
    ),
    fails(() => m23().max(loose("0")), /^max: options must be an object such as/),
    fails(
      () => loose(m23()).sum(0, true),
      /^sum: takes one options argument, got true after it \(write sum\(\{ axis: 0, keepdims: true \}\) rather than sum\(0, true\)\)$/,
    ),
    fails(() => loose(np.mean)(m23(), 1, true), /^mean: takes one options argument, got true/),
    fails(() => loose(np.variance)(m23(), 0, 1), /^var: takes one options argument, got 1/),
    gives(() => np.sum(grid(), loose(null)), 15),
    fails(
      () => np.concatenate([m23(), m23()], 2),
      /^concatenate: axis 2 is out of bounds for array of dimension 2$/,
    ),
    fails(
      () => np.concatenate([m23(), m23()], -3),
      /^concatenate: axis -3 is out of bounds for array of dimension 2$/,
    ),
    fails(
      () => np.concatenate([m23(), m23()], 0.5),
      /^concatenate: axis must be an integer, got 0\.5$/,
    ),
    fails(
      () => np.concatenate([m23(), m23()], NaN),
      /^concatenate: axis must be an integer, got NaN$/,
    ),
    fails(
      () => np.concatenate(loose(m23()), loose(m23())),
      /^concatenate: the arrays to join must be given as one list, as in concatenate\(\[a, b\]\), got array of shape \(2,3\)$/,
    ),
    fails(
      () => np.vstack(loose(np.zeros(3))),
      /^vstack: the arrays to join must be given as one list, as in vstack\(\[a, b\]\), got array of shape \(3,\)$/,
    ),
    fails(
      () => np.hstack([m23(), np.zeros([3, 3])]),
      /^hstack: all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has size 2 and the array at index 1 has size 3$/,
    ),
    fails(
      () => np.append(m23(), m23(), 2),
      /^append: axis 2 is out of bounds for array of dimension 2$/,
    ),
    fails(
      () => np.expandDims(m23(), 3),
      /^expandDims: axis 3 is out of bounds for array of dimension 3$/,
    ),
    fails(() => np.expandDims(m23(), 0.5), /^expandDims: axis must be an integer, got 0\.5$/),
    fails(
      () => np.squeeze(np.zeros([2, 1]), 2),
      /^squeeze: axis 2 is out of bounds for array of dimension 2$/,
    ),
    fails(() => np.squeeze(np.zeros([2, 1]), NaN), /^squeeze: axis must be an integer, got NaN$/),
    fails(
      () => m23().transpose([0, 2]),
      /^transpose: axis 2 is out of bounds for array of dimension 2$/,
    ),
    fails(() => m23().transpose([0, 0.5]), /^transpose: axis must be an integer, got 0\.5$/),
    fails(() => m23().transpose([0]), /^transpose: axes \[0\] don't match array of dimension 2$/),
    fails(
      () => m23().transpose([1, 1]),
      /^transpose: axes \[1, 1\] don't match array of dimension 2$/,
    ),
    fails(
      () => np.transpose(m23(), loose(1)),
      /^transpose: axes must be a list of integers such as \[1, 0\], got 1$/,
    ),
    gives(() => grid().transpose(1, 0), expected([3, 2], "float64", [0, 3, 1, 4, 2, 5])),
    fails(
      () => grid().take([0], 2),
      /^take: axis 2 is out of bounds for array of dimension 2$/,
    ),
    fails(
      () => grid().take([0], -3),
      /^take: axis -3 is out of bounds for array of dimension 2$/,
    ),
  ]);
});

Deno.test("3. ragged and non-numeric nested arrays", () => {
  check([
    fails(
      () => np.array([[1, 2], [3]]),
      /^array: nested arrays are not rectangular: at depth 1 expected length 2 but found length 1 \(the detected shape was \(2,\) \+ inhomogeneous part\)$/,
    ),
    fails(
      () => np.array([[1, 2], 3]),
      /^array: nested arrays are not rectangular: at depth 1 expected length 2 but found a number/,
    ),
    fails(
      () => np.array([1, [2]]),
      /^array: nested arrays are not rectangular: at depth 1 found a list where a number was expected/,
    ),
    fails(
      () => np.array([[[1], [2]], [[3]]]),
      /^array: nested arrays are not rectangular: at depth 1 expected length 2 but found length 1/,
    ),
    fails(
      () => np.array([[1, 2], [3, [4]]]),
      /^array: nested arrays are not rectangular: at depth 2 found a list/,
    ),
    fails(
      () => np.array([np.zeros(2), np.zeros(3)]),
      /^array: nested arrays are not rectangular: at depth 1 expected shape \(2,\) but found an array of shape \(3,\)$/,
    ),
    fails(
      () => np.asarray([[1], [2, 3]]),
      /^asarray: nested arrays are not rectangular: at depth 1 expected length 1 but found length 2/,
    ),
    fails(
      () => np.array(loose(["a"])),
      /^array: cannot make an array element from "a" at index \[0\]; elements must be numbers, booleans or bigints$/,
    ),
    fails(
      () => np.array(loose([1, "2"])),
      /^array: cannot make an array element from "2" at index \[1\]/,
    ),
    fails(
      () => np.array(loose([[1, 2], [3, undefined]])),
      /^array: cannot make an array element from undefined at index \[1, 1\]/,
    ),
    fails(
      () => np.array(loose([null])),
      /^array: cannot make an array element from null at index \[0\]/,
    ),
    fails(
      () => np.array(loose([{}])),
      /^array: cannot make an array element from \{\} at index \[0\]/,
    ),
    // A bigint is a Python int: NumPy makes int64 of it.
    gives(() => np.array([1n]), expected([1], "int64", [1])),
    fails(
      () => np.array(loose(undefined)),
      /^array: expected a number, a boolean, nested arrays of them or an NDArray, got undefined$/,
    ),
    fails(() => np.array(loose(null)), /^array: expected .* got null$/),
    fails(() => np.array(loose("abc")), /^array: expected .* got "abc"$/),
    fails(() => np.asarray(loose({ a: 1 })), /^asarray: expected .* got \{"a":1\}$/),
    gives(
      () => np.array([[1, 2], [3, NaN]]),
      expected([2, 2], "float64", [1, 2, 3, NaN]),
    ),
    fails(
      () => np.add(m23(), [[1], [2, 3]]),
      /^add: nested arrays are not rectangular: at depth 1 expected length 1 but found length 2/,
    ),
    fails(
      () => np.exp(loose(["x"])),
      /^exp: cannot make an array element from "x" at index \[0\]/,
    ),
    fails(
      () => np.zeros(3).add(loose([1, "2", 3])),
      /^add: cannot make an array element from "2" at index \[1\]/,
    ),
    fails(
      () => np.sum(loose([[1, 2], [3]])),
      /^sum: nested arrays are not rectangular/,
    ),
    fails(
      () => np.matmul(loose([[1, 2], ["3", 4]]), m23()),
      /^matmul: cannot make an array element from "3" at index \[1, 0\]/,
    ),
  ]);
});

Deno.test("4. NaN, undefined and strings where numbers are expected", () => {
  const X = np.array([[0, 0], [1, 1], [0, 1], [1, 0]]);
  const Y = np.array([[1, 0], [0, 1], [0, 1], [1, 0]]);
  const net = () => new TwoLayerNet(2, 3, 2, 0.1, rs());
  const tenRows = () => np.arange(10);
  const anything = /expected a number, a boolean, nested arrays of them or an NDArray, got/;
  const operand = (name: string, got: string) => new RegExp(`^${name}: ${anything.source} ${got}$`);
  check([
    fails(() => np.add(m23(), loose(undefined)), operand("add", "undefined")),
    fails(() => np.multiply(loose(null), m23()), operand("multiply", "null")),
    fails(() => np.subtract(m23(), loose("1")), operand("subtract", '"1"')),
    fails(() => np.divide(m23(), loose({})), operand("divide", "\\{\\}")),
    fails(() => np.power(m23(), loose("2")), operand("power", '"2"')),
    fails(() => np.maximum(m23(), loose(undefined)), operand("maximum", "undefined")),
    fails(() => np.zeros(3).greater(loose("0")), operand("greater", '"0"')),
    fails(() => m23().add(loose(undefined)), operand("add", "undefined")),
    gives(() => np.add(np.zeros(2), NaN), expected([2], "float64", [NaN, NaN])),
    fails(() => np.exp(loose("1")), operand("exp", '"1"')),
    fails(() => np.log(loose(undefined)), operand("log", "undefined")),
    fails(() => np.clip(m23(), loose("0"), 1), operand("clip", '"0"')),
    fails(() => np.dot(m23(), loose(undefined)), operand("dot", "undefined")),
    fails(() => np.dot(2, loose("x")), operand("dot", '"x"')),
    fails(() => np.outer([1, 2], loose("x")), operand("outer", '"x"')),
    fails(() => np.linalg.norm(loose("x")), operand("norm", '"x"')),
    fails(() => layers.softmax(loose(undefined)), operand("softmax", "undefined")),
    fails(() => np.zerosLike(loose(undefined)), operand("zerosLike", "undefined")),
    fails(
      () => np.full([2], loose("a")),
      /^full: the fill value must be a number, a boolean or a bigint, got "a"$/,
    ),
    fails(() => np.full([2], loose(undefined)), /^full: the fill value .* got undefined$/),
    fails(() => np.full([2], loose(null)), /^full: the fill value .* got null$/),
    fails(
      () => np.zeros(loose(undefined)),
      /^zeros: shape must be an integer or a list of integers, got undefined$/,
    ),
    fails(() => np.zeros(loose(null)), /^zeros: shape must be .* got null$/),
    fails(() => np.zeros(loose("3")), /^zeros: shape must be .* got "3"$/),
    fails(
      () => np.ones(loose([2, "3"])),
      /^ones: negative or non-integer dimensions are not allowed, got shape \(2,"3"\)$/,
    ),
    fails(
      () => np.zeros(NaN),
      /^zeros: negative or non-integer dimensions are not allowed, got shape \(NaN,\)$/,
    ),
    fails(
      () => np.eye(loose("3")),
      /^eye: negative or non-integer dimensions are not allowed, got shape \("3","3"\)$/,
    ),
    fails(() => np.eye(3, { k: 0.5 }), /^eye: the diagonal k must be an integer, got 0\.5$/),
    fails(() => np.eye(3, { k: NaN }), /^eye: the diagonal k must be an integer, got NaN$/),
    fails(
      () => np.eye(3, loose({ K: 1 })),
      /^eye: got an unexpected option 'K' \(did you mean 'k'\?\)$/,
    ),
    fails(() => np.arange(NaN), /^arange: cannot compute length \(start = 0, stop = NaN/),
    fails(() => np.arange(0, 1, NaN), /^arange: cannot compute length .*step = NaN\)$/),
    fails(() => np.arange(Infinity), /^arange: Maximum allowed size exceeded/),
    fails(() => np.arange(loose("5")), /^arange: stop must be a number, got "5"$/),
    fails(() => np.linspace(loose("0"), 1, 5), /^linspace: start must be a number, got "0"$/),
    fails(
      () => np.linspace(0, 1, loose("5")),
      /^linspace: Number of samples must be an integer, got "5"$/,
    ),
    fails(
      () => np.linspace(0, 1, 5, { endpoint: loose("no") }),
      /^linspace: endpoint must be true or false, got "no"$/,
    ),
    fails(
      () => np.linspace(0, 1, NaN),
      /^linspace: Number of samples must be an integer, got NaN$/,
    ),
    fails(
      () => np.zeros(3).astype(loose(undefined)),
      /^astype: data type undefined not understood/,
    ),
    fails(
      () => np.zeros(3).astype(loose("float32")),
      /^astype: data type "float32" not understood/,
    ),
    fails(() => m23().std({ ddof: loose("1") }), /^std: ddof must be a finite number, got "1"$/),
    fails(() => m23().var({ ddof: NaN }), /^var: ddof must be a finite number, got NaN$/),
    // NumPy draws and returns NaN for a NaN loc or scale.
    gives(() => rs().normal(0, NaN), NaN),
    gives(() => rs().normal(NaN), NaN),
    fails(() => rs().normal(loose("0")), /^normal: loc must be a number, got "0"$/),
    fails(() => rs().uniform(0, NaN), /^uniform: Range exceeds valid bounds \(high = NaN\)$/),
    fails(() => rs().randint(NaN), /^randint: low must be an integer, got NaN$/),
    fails(() => rs().randint(loose("3")), /^randint: low must be a number, got "3"$/),
    fails(
      () => rs().permutation(loose(undefined)),
      /^permutation: x must be an integer or an array, got undefined$/,
    ),
    fails(() => rs().permutation(loose("5")), /^permutation: x must be .* got "5"$/),
    fails(() => rs().permutation(loose(null)), /^permutation: x must be .* got null$/),
    fails(
      () => rs().setState(loose(undefined)),
      /^setState: state must be an object from getState\(\), got undefined$/,
    ),
    fails(() => np.rows(loose(undefined)), operand("rows", "undefined")),
    fails(() => layers.reluDerivative(loose("1")), operand("reluDerivative", '"1"')),
    fails(
      () => rs().shuffle(loose(null)),
      /^shuffle: x must be an NDArray or an array, got null$/,
    ),
    fails(
      () => net().trainStep(X, Y, NaN),
      /^TwoLayerNet\.trainStep: learningRate must be a finite number, got NaN$/,
    ),
    fails(
      () => net().trainStep(X, Y, loose("0.1")),
      /^TwoLayerNet\.trainStep: learningRate must be a finite number, got "0\.1"$/,
    ),
    fails(
      () => new TwoLayerNet(NaN, 3, 2),
      /^TwoLayerNet: inputSize must be a positive integer, got NaN$/,
    ),
    fails(
      () => new TwoLayerNet(2, 3, 2, NaN),
      /^TwoLayerNet: initStd must be a finite number, got NaN$/,
    ),
    fails(
      () => new TwoLayerNet(2, 3, 2, 0.1, loose(42)),
      /^TwoLayerNet: randomState must be a RandomState, got 42$/,
    ),
    fails(
      () => np.makeMoons({ noise: NaN }),
      /^makeMoons: noise must be a non-negative number, got NaN$/,
    ),
    fails(
      () => np.makeMoons({ noise: loose("0.2") }),
      /^makeMoons: noise must be a non-negative number, got "0\.2"$/,
    ),
    fails(
      () => np.makeMoons({ nSamples: loose("100") }),
      /^makeMoons: nSamples must be a non-negative integer, got "100"$/,
    ),
    fails(
      () => np.makeMoons(loose({ n_samples: 50 })),
      /^makeMoons: got an unexpected option 'n_samples' \(did you mean 'nSamples'\?\)$/,
    ),
    fails(
      () => np.makeMoons({ shuffle: loose("no") }),
      /^makeMoons: shuffle must be true or false, got "no"$/,
    ),
    fails(
      () => np.trainTestSplit(tenRows(), { testSize: NaN }),
      /^trainTestSplit: testSize=NaN should be a fraction in \(0, 1\) or a count in \[1, 9\]$/,
    ),
    fails(
      () => np.trainTestSplit(tenRows(), { testSize: loose("0.3") }),
      /^trainTestSplit: testSize="0\.3" should be a fraction in \(0, 1\) or a count in \[1, 9\]$/,
    ),
    fails(
      () => np.trainTestSplit(tenRows(), loose({ test_size: 0.3 })),
      /^trainTestSplit: got an unexpected option 'test_size' \(did you mean 'testSize'\?\)$/,
    ),
    fails(
      () => np.trainTestSplit(tenRows(), loose([1, 2, 3])),
      /^trainTestSplit: found input arrays with inconsistent numbers of rows: \[10, 3\]$/,
    ),
    fails(
      () => np.oneHot(np.array([0, 1], "int64"), NaN),
      /^oneHot: the number of classes must be a non-negative integer, got NaN$/,
    ),
    fails(
      () => np.oneHot(np.array([0, 1], "int64"), loose("2")),
      /^oneHot: the number of classes must be a non-negative integer, got "2"$/,
    ),
    fails(
      () => np.numericalGradient((p) => p.sum(), np.zeros(2), NaN),
      /^numericalGradient: epsilon must be a finite number, got NaN$/,
    ),
    fails(
      () => np.numericalGradient((p) => p.sum(), np.zeros(2), 0),
      /^numericalGradient: epsilon must be positive, got 0$/,
    ),
    fails(
      () => np.numericalGradient((p) => p.sum(), np.zeros(2), loose("1e-5")),
      /^numericalGradient: epsilon must be a finite number, got "1e-5"$/,
    ),
    fails(
      () => layers.binaryCrossEntropy(np.zeros(2), np.zeros(2), NaN),
      /^binaryCrossEntropy: eps must be a finite number, got NaN$/,
    ),
    fails(
      () => np.isclose(m23(), m23(), { rtol: loose("x") }),
      /^isclose: rtol must be a number, got "x"$/,
    ),
    fails(
      () => np.allclose(m23(), m23(), loose({ equal_nan: true })),
      /^allclose: got an unexpected option 'equal_nan' \(did you mean 'equalNan'\?\)$/,
    ),
    fails(
      () => np.assertAllClose(m23(), m23(), { rtol: NaN }),
      /^assertAllClose: rtol must be a number, got NaN$/,
    ),
  ]);
});

Deno.test("5. indices out of range, fractional, or of the wrong count", () => {
  const cell = (index: (number | string)[], value: unknown) => () => {
    grid().set(loose(index), loose(value));
  };
  check([
    fails(() => grid().get(2, 0), /^get: index 2 is out of bounds for axis 0 with size 2$/),
    fails(() => grid().get(0, 3), /^get: index 3 is out of bounds for axis 1 with size 3$/),
    fails(() => grid().get(0, -4), /^get: index -4 is out of bounds for axis 1 with size 3$/),
    fails(() => grid().get(0.5, 0), /^get: indices must be integers, got 0\.5$/),
    fails(() => grid().get(NaN, 0), /^get: indices must be integers, got NaN$/),
    fails(() => grid().get(loose("0"), 0), /^get: indices must be integers, got "0"$/),
    fails(() => grid().get(0), /^get: expected 2 indices for an array of shape \(2,3\), got 1$/),
    fails(() => grid().get(0, 0, 0), /^get: expected 2 indices .* got 3$/),
    fails(() => grid().get(), /^get: expected 2 indices .* got 0$/),
    gives(() => grid().get([1, 2]), 5),
    fails(cell([2, 0], 1), /^set: index 2 is out of bounds for axis 0 with size 2$/),
    fails(cell([0, 1.5], 1), /^set: indices must be integers, got 1\.5$/),
    fails(
      cell([0, 0, 0], 1),
      /^set: too many indices for array: array is 2-dimensional, but 3 were indexed$/,
    ),
    fails(
      cell([0, 0], "x"),
      /^set: cannot assign "x" to an element of a float64 array; expected a number, a boolean or an array$/,
    ),
    fails(cell([0, 0], undefined), /^set: cannot assign undefined to an element/),
    fails(cell([0, 0], null), /^set: cannot assign null to an element/),
    fails(
      () => grid().set(0, [7, 8]),
      /^set: could not broadcast input array from shape \(2,\) into shape \(3,\)$/,
    ),
    gives(() => {
      const a = grid();
      a.set(0, [7, 8, 9]);
      return a;
    }, expected([2, 3], "float64", [7, 8, 9, 3, 4, 5])),
    fails(
      () => grid().set(loose(undefined), 1),
      /^set: the index must be an integer or a list of integers, got undefined$/,
    ),
    fails(
      () => np.set(loose([1, 2]), 0, 5),
      /^set: can only assign into an NDArray, got \[1, 2\]$/,
    ),
    fails(() => grid().slice(0.5), /^slice: indices must be integers, got 0\.5$/),
    fails(() => grid().slice(0, NaN), /^slice: indices must be integers, got NaN$/),
    fails(() => grid().slice(loose("1")), /^slice: indices must be integers, got "1"$/),
    fails(() => grid().slice(0, 2, 0), /^slice: step must be a nonzero integer, got 0$/),
    fails(() => np.array(5).slice(0), /^slice: cannot slice a 0-d array$/),
    gives(() => grid().slice(5, 10), expected([0, 3], "float64", [])),
    fails(() => grid().take([5]), /^take: index 5 is out of bounds for axis 0 with size 2$/),
    fails(() => grid().take([-3]), /^take: index -3 is out of bounds for axis 0 with size 2$/),
    fails(() => grid().take([0.5]), /^take: indices must be integers, got 0\.5$/),
    fails(() => grid().take(NaN), /^take: indices must be integers, got NaN$/),
    fails(
      () => grid().take(loose("1")),
      /^take: expected a number, a boolean, nested arrays of them or an NDArray, got "1"$/,
    ),
    fails(() => grid().take(loose(undefined)), /^take: expected .* got undefined$/),
    fails(
      () => grid().take(np.array([0, 1])),
      /^take: arrays used as indices must be of integer type, got float64/,
    ),
    fails(() => grid().take(loose([[0, 1], [1]])), /^take: nested arrays are not rectangular/),
    fails(
      () => grid().pick([0, 2], [0, 1]),
      /^pick: index 2 is out of bounds for axis 0 with size 2$/,
    ),
    fails(
      () => grid().pick([0, 1], [0, 3]),
      /^pick: index 3 is out of bounds for axis 1 with size 3$/,
    ),
    fails(() => grid().pick([0.5], [0]), /^pick: indices must be integers, got 0\.5$/),
    fails(() => grid().pick([0], loose(undefined)), /^pick: expected .* got undefined$/),
    fails(() => np.zeros(3).pick([0], [0]), /^pick: expects a 2-D array .* got shape \(3,\)$/),
    fails(() => grid().item(6), /^item: index 6 is out of bounds for axis 0 with size 6$/),
    fails(() => grid().item(0.5), /^item: indices must be integers, got 0\.5$/),
    fails(
      () => grid().item(),
      /^item: can only convert an array of size 1 to a Python scalar, got shape \(2,3\)$/,
    ),
  ]);
});

Deno.test("6. negative or fractional sizes, and impossible reshapes", () => {
  const dims = /negative or non-integer dimensions are not allowed, got shape/;
  const shaped = (name: string, shape: string) => new RegExp(`^${name}: ${dims.source} ${shape}$`);
  check([
    fails(() => np.zeros(-1), shaped("zeros", "\\(-1,\\)")),
    fails(() => np.zeros(2.5), shaped("zeros", "\\(2\\.5,\\)")),
    fails(() => np.zeros([2, -1]), shaped("zeros", "\\(2,-1\\)")),
    fails(() => np.ones(-1), shaped("ones", "\\(-1,\\)")),
    fails(() => np.full(-1, 0), shaped("full", "\\(-1,\\)")),
    fails(() => np.full(2.5, 1), shaped("full", "\\(2\\.5,\\)")),
    fails(() => np.eye(-1), shaped("eye", "\\(-1,-1\\)")),
    fails(() => np.eye(2.5), shaped("eye", "\\(2\\.5,2\\.5\\)")),
    fails(() => np.eye(2, -1), shaped("eye", "\\(2,-1\\)")),
    fails(() => np.eye(2, { m: 1.5 }), shaped("eye", "\\(2,1\\.5\\)")),
    fails(() => np.ndindex(-1), shaped("ndindex", "\\(-1,\\)")),
    fails(() => np.ndindex([2, 2.5]), shaped("ndindex", "\\(2,2\\.5\\)")),
    fails(() => np.ndindex(loose("3")), /^ndindex: shape must be .* got "3"$/),
    fails(() => np.broadcastTo(np.zeros(3), [-1, 3]), shaped("broadcastTo", "\\(-1,3\\)")),
    fails(
      () => np.zeros([1e6, 1e6]),
      /^zeros: Unable to allocate 7\.28 TiB for an array with shape \(1000000, 1000000\) and data type float64$/,
    ),
    fails(
      () => np.zeros(2 ** 40),
      /^zeros: Unable to allocate 8 TiB for an array with shape \(1099511627776,\) and data type float64$/,
    ),
    fails(
      () => loose(np.broadcastShapes)([4, 2], [1, 2]),
      /^broadcastShapes: expects one list of shapes, such as broadcastShapes\(\[\[4, 2\], \[1, 2\]\]\), got \[4, 2\] and \[1, 2\]$/,
    ),
    fails(() => np.arange(0, 10, 0), /^arange: step must not be zero \(division by zero\)$/),
    gives(() => np.arange(1, 0), expected([0], "int64", [])),
    fails(() => np.arange(0, 1e20), /^arange: Unable to allocate \d+ EiB for an array/),
    fails(() => np.linspace(0, 1, -1), /^linspace: Number of samples, -1, must be non-negative\.$/),
    fails(
      () => np.linspace(0, 1, 2.5),
      /^linspace: Number of samples must be an integer, got 2\.5$/,
    ),
    fails(() => rs().randn(-1), /^randn: negative dimensions are not allowed, got \(-1,\)$/),
    fails(() => rs().randn(2.5), /^randn: dimensions must be integers, got \(2\.5,\)$/),
    fails(
      () => np.random.randn(2, -1),
      /^randn: negative dimensions are not allowed, got \(2,-1\)$/,
    ),
    fails(() => rs().rand(2, -1), /^rand: negative dimensions are not allowed, got \(2,-1\)$/),
    fails(() => rs().randint(0, 10, -1), /^randint: negative dimensions are not allowed/),
    fails(
      () => rs().randint(0, 10, [2.5]),
      /^randint: dimensions must be integers, got \(2\.5,\)$/,
    ),
    fails(() => rs().randint(10, { size: -1 }), /^randint: negative dimensions are not allowed/),
    fails(() => rs().normal(0, 1, [2, -1]), /^normal: negative dimensions are not allowed/),
    fails(() => rs().uniform(0, 1, 2.5), /^uniform: dimensions must be integers, got \(2\.5,\)$/),
    fails(() => rs().randomSample(-3), /^random_sample: negative dimensions are not allowed/),
    fails(() => rs().random(2.5), /^random: dimensions must be integers, got \(2\.5,\)$/),
    fails(() => rs().standardNormal(-1), /^standard_normal: negative dimensions are not allowed/),
    fails(() => rs().permutation(2.5), /^permutation: x must be an integer or an array, got 2\.5$/),
    gives(() => rs().permutation(-3), expected([0], "int64", [])),
    fails(() => rs().shuffle(np.array(5)), /^shuffle: len\(\) of unsized object/),
    fails(
      () => rs().randn(1e6, 1e6),
      /^randn: Unable to allocate 7\.28 TiB for an array with shape \(1000000, 1000000\) and data type float64$/,
    ),
    fails(
      () => grid().reshape(4, -1),
      /^reshape: cannot reshape array of size 6 into shape \(4,-1\)$/,
    ),
    fails(() => grid().reshape(7), /^reshape: cannot reshape array of size 6 into shape \(7,\)$/),
    fails(() => grid().reshape(-1, -1), /^reshape: can only specify one unknown dimension$/),
    fails(() => grid().reshape(2.5, 2), /^reshape: invalid length 2\.5 in shape \(2\.5,2\)$/),
    fails(() => grid().reshape(-2, 3), /^reshape: invalid length -2 in shape \(-2,3\)$/),
    fails(() => grid().reshape([2, NaN]), /^reshape: invalid length NaN in shape \(2,NaN\)$/),
    fails(
      () => grid().reshape(loose(undefined)),
      /^reshape: the new shape must be an integer or a list of integers, got undefined$/,
    ),
    fails(() => grid().reshape(loose("6")), /^reshape: the new shape must be .* got "6"$/),
    fails(
      () => new np.NDArray(loose([1, 2, 3]), [3]),
      /^NDArray: data must be a Float64Array, got \[1, 2, 3\]$/,
    ),
  ]);
});

Deno.test("7. bad seeds", () => {
  const range = (got: string) =>
    new RegExp(`^seed: Seed must be between 0 and 2\\*\\*32 - 1, got ${got}$`);
  const integer = (got: string) =>
    new RegExp(`^seed: Seed must be between 0 and 2\\*\\*32 - 1 and an integer, got ${got}$`);
  check([
    fails(() => np.random.seed(-1), range("-1")),
    fails(() => np.random.seed(2 ** 32), range("4294967296")),
    fails(() => np.random.seed(1e20), range("100000000000000000000")),
    fails(() => np.random.seed(1.5), integer("1\\.5")),
    fails(() => np.random.seed(NaN), integer("NaN")),
    fails(() => np.random.seed(Infinity), integer("Infinity")),
    fails(() => np.random.seed(loose("42")), integer('"42"')),
    fails(() => np.random.seed(loose({})), integer("\\{\\}")),
    fails(() => np.random.seed(loose(true)), integer("true")),
    fails(() => np.random.seed([1, -1]), range("\\[1, -1\\]")),
    fails(() => np.random.seed([1, 0.5]), integer("\\[1, 0\\.5\\]")),
    fails(() => np.random.seed([]), /^seed: Seed must be non-empty$/),
    fails(() => new np.random.RandomState(-1), range("-1")),
    fails(() => new np.random.RandomState(1.5), integer("1\\.5")),
    fails(() => new np.random.RandomState(2 ** 32), range("4294967296")),
    fails(() => new np.random.RandomState(NaN), integer("NaN")),
    fails(() => new np.random.RandomState(loose("42")), integer('"42"')),
    fails(() => np.makeMoons({ randomState: -1 }), range("-1")),
    fails(
      () => np.makeMoons({ randomState: 1.5 }),
      /^makeMoons: 1\.5 cannot be used to seed a RandomState$/,
    ),
    fails(
      () => np.trainTestSplit(np.arange(10), { randomState: loose("1") }),
      /^trainTestSplit: "1" cannot be used to seed a RandomState$/,
    ),
    gives(() => {
      np.random.seed(2 ** 32 - 1);
      return np.random.rand();
    }, 0.0976320289940138),
    gives(() => new np.random.RandomState(0).rand(), 0.5488135039273248),
  ]);
});

Deno.test("8. empty arrays in reductions follow NumPy 2", () => {
  const warning = (text: string) => `RuntimeWarning: ${text}`;
  check([
    gives(() => np.sum(np.zeros(0)), 0),
    gives(() => np.sum(np.zeros(0, "int64")), 0),
    gives(() => np.sum(np.zeros([0, 3]), 0), expected([3], "float64", [0, 0, 0])),
    gives(() => np.mean(np.zeros(0)), NaN, [
      warning("Mean of empty slice"),
      warning("invalid value encountered in scalar divide"),
    ]),
    gives(() => np.mean(np.zeros([0, 3]), 0), expected([3], "float64", [NaN, NaN, NaN]), [
      warning("invalid value encountered in divide"),
    ]),
    gives(() => np.mean(np.zeros([0, 3]), 1), expected([0], "float64", [])),
    gives(
      () => np.mean(np.zeros([3, 0]), { axis: 1, keepdims: true }),
      expected([3, 1], "float64", [NaN, NaN, NaN]),
    ),
    gives(() => np.variance(np.zeros(0)), NaN, [warning("Degrees of freedom <= 0 for slice")]),
    gives(() => np.std(np.zeros([0, 3]), 0), expected([3], "float64", [NaN, NaN, NaN])),
    gives(() => np.variance(np.array([1, 2, 4]), { ddof: 3 }), Infinity, [
      warning("divide by zero encountered in scalar divide"),
    ]),
    fails(
      () => np.max(np.zeros(0)),
      /^maximum: zero-size array to reduction operation maximum which has no identity$/,
    ),
    fails(
      () => np.min(np.zeros(0)),
      /^minimum: zero-size array to reduction operation minimum which has no identity$/,
    ),
    fails(() => np.argmax(np.zeros(0)), /^argmax: attempt to get argmax of an empty sequence$/),
    fails(() => np.argmin(np.zeros(0)), /^argmin: attempt to get argmin of an empty sequence$/),
    fails(
      () => np.zeros([0, 3]).max({ axis: 0 }),
      /^maximum: zero-size array to reduction operation maximum which has no identity$/,
    ),
    gives(() => np.zeros([0, 3]).max({ axis: 1 }), expected([0], "float64", [])),
    fails(
      () => np.zeros([3, 0]).argmax({ axis: 1 }),
      /^argmax: attempt to get argmax of an empty sequence$/,
    ),
    gives(() => np.zeros([0, 3]).argmax({ axis: 1 }), expected([0], "int64", [])),
    gives(() => np.linalg.norm(np.zeros(0)), 0),
    gives(
      () => np.matmul(np.zeros([2, 0]), np.zeros([0, 3])),
      expected([2, 3], "float64", [0, 0, 0, 0, 0, 0]),
    ),
  ]);
});

Deno.test("9. in-place results the array's dtype cannot hold", () => {
  const cannot = (ufunc: string, from: string, to: string) =>
    new RegExp(
      `^${ufunc}: Cannot cast ufunc '${ufunc}' output from dtype\\('${from}'\\) to ` +
        `dtype\\('${to}'\\) with casting rule 'same_kind'$`,
    );
  check([
    fails(() => ints().addInPlace(0.5), cannot("add", "float64", "int64")),
    fails(
      () => ints().subtractInPlace(np.array([0.5, 1, 2])),
      cannot("subtract", "float64", "int64"),
    ),
    fails(() => ints().multiplyInPlace(1.5), cannot("multiply", "float64", "int64")),
    fails(() => ints().divideInPlace(2), cannot("divide", "float64", "int64")),
    fails(() => ints().addInPlace(NaN), cannot("add", "float64", "int64")),
    fails(() => bools().addInPlace(1), cannot("add", "int64", "bool")),
    fails(() => bools().multiplyInPlace(2.5), cannot("multiply", "float64", "bool")),
    fails(() => bools().subtractInPlace(true), /^subtract: numpy boolean subtract/),
    fails(
      () => np.addInPlace(loose([1, 2]), 1),
      /^add: the in-place target must be an NDArray, got \[1, 2\]$/,
    ),
    // NumPy casts an array's NaN to int64's smallest value, with a warning.
    gives(
      () => np.array([NaN]).astype("int64"),
      expected([1], "int64", [-9223372036854775808n]),
      ["RuntimeWarning: invalid value encountered in cast"],
    ),
    // A Python float that cannot be an int is refused, in NumPy's words.
    fails(
      () => np.array([1, Infinity], "int64"),
      /^array: cannot convert float infinity to integer$/,
    ),
    gives(() => {
      const a = ints();
      a.addInPlace(2);
      return a;
    }, expected([3], "int64", [2, 2, 2])),
    gives(() => {
      const a = np.zeros(3);
      a.addInPlace(np.array([1, 2, 3], "int64"));
      return a;
    }, expected([3], "float64", [1, 2, 3])),
    gives(() => {
      const a = bools();
      a.addInPlace(true);
      return a;
    }, expected([2], "bool", [1, 1])),
    gives(() => {
      const a = ints();
      a.set(0, 2.5);
      return a;
    }, expected([3], "int64", [2, 0, 0])),
  ]);
});

/** A broadcast view, read-only as NumPy's. */
const broadcast = () => np.broadcastTo(np.array([1, 2, 3]), [2, 3]);
/** A float grid of its own, writeable. */
const owned = () => np.arange(6).reshape(2, 3).astype("float64");

Deno.test("10. writing into a read-only view is refused in NumPy's words; views of others write through", () => {
  const readOnly = (operation: string) => new RegExp(`^${operation}: output array is read-only$`);
  const assignment = /^set: assignment destination is read-only$/;
  check([
    fails(() => broadcast().set([0, 0], 9), assignment),
    fails(() => broadcast().set(0, [7, 8, 9]), assignment),
    fails(() => np.set(broadcast(), [], 0), assignment),
    fails(() => broadcast().addInPlace(1), readOnly("add")),
    fails(() => broadcast().subtractInPlace(1), readOnly("subtract")),
    fails(() => broadcast().multiplyInPlace(2), readOnly("multiply")),
    fails(() => broadcast().divideInPlace(2), readOnly("divide")),
    fails(() => np.addInPlace(broadcast().T, 1), readOnly("add")),
    fails(() => broadcast().slice(1).set([0, 0], 1), assignment),
    fails(() => [...np.rows(broadcast())][0].multiplyInPlace(2), readOnly("multiply")),
    fails(() => np.expandDims(broadcast(), 0).addInPlace(1), readOnly("add")),
    fails(() => np.squeeze(np.broadcastTo(np.zeros(1), [1, 3])).set(0, 1), assignment),
    fails(() => np.diagonal(owned()).set(0, 1), assignment),
    fails(() => np.diagonal(owned(), 1).addInPlace(1), readOnly("add")),
    fails(() => owned().diagonal().T.subtractInPlace(1), readOnly("subtract")),
    fails(() => rs().shuffle(broadcast()), /^shuffle: array is read-only$/),
    fails(
      () => np.numericalGradient((p) => p.sum(), np.broadcastTo(np.zeros(1), [3])),
      /^numericalGradient: the parameter is read-only, so it cannot be nudged$/,
    ),
    // A copy of a broadcast (ravel and reshape cannot view it) is writeable, as in NumPy.
    gives(() => {
      const flat = broadcast().ravel();
      flat.set(0, 9);
      return flat;
    }, expected([6], "float64", [9, 2, 3, 1, 2, 3])),
    gives(() => {
      const copy = broadcast().reshape(3, 2);
      copy.set([0, 0], 9);
      return copy;
    }, expected([3, 2], "float64", [9, 2, 3, 1, 2, 3])),
    // Through every kind of view, the original changes.
    gives(() => {
      const a = owned();
      a.slice(null, null, -1).addInPlace(10);
      return a;
    }, expected([2, 3], "float64", [10, 11, 12, 13, 14, 15])),
    gives(() => {
      const a = owned();
      a.T.subtractInPlace(1);
      return a;
    }, expected([2, 3], "float64", [-1, 0, 1, 2, 3, 4])),
    gives(() => {
      const a = owned();
      a.reshape(3, 2).set([2, 1], 50);
      return a;
    }, expected([2, 3], "float64", [0, 1, 2, 3, 4, 50])),
    gives(() => {
      const a = owned();
      a.ravel().set(0, -5);
      return a;
    }, expected([2, 3], "float64", [-5, 1, 2, 3, 4, 5])),
    gives(() => {
      const a = owned();
      for (const row of np.rows(a)) row.multiplyInPlace(10);
      return a;
    }, expected([2, 3], "float64", [0, 10, 20, 30, 40, 50])),
    gives(() => {
      const a = owned();
      np.squeeze(np.expandDims(a, 0)).divideInPlace(2);
      return a;
    }, expected([2, 3], "float64", [0, 0.5, 1, 1.5, 2, 2.5])),
    gives(() => {
      const a = owned();
      a.slice(0, 1).T.set([2, 0], 7);
      return a;
    }, expected([2, 3], "float64", [0, 1, 7, 3, 4, 5])),
    gives(() => {
      const a = owned();
      np.set(a.T, 1, [8, 9]);
      return a;
    }, expected([2, 3], "float64", [0, 8, 2, 3, 9, 5])),
  ]);
});

Deno.test("11. int64 past its range is refused as NumPy refuses it; within it, exact", () => {
  const tooLarge = (operation: string) =>
    new RegExp(`^${operation}: Python int too large to convert to C long`);
  check([
    fails(() => np.array([2 ** 63], "int64"), tooLarge("array")),
    fails(() => np.array([-(2 ** 63) - 2048], "int64"), tooLarge("array")),
    fails(() => np.array([1e20], "int64"), tooLarge("array")),
    fails(() => np.array([2n ** 63n]), tooLarge("array")),
    fails(() => np.array([-(2n ** 63n) - 1n], "int64"), tooLarge("array")),
    fails(() => np.full(2, 2n ** 64n, "int64"), tooLarge("full")),
    fails(() => np.add(ints(), 2n ** 63n), tooLarge("add")),
    fails(() => np.multiply(ints(), 2 ** 64), tooLarge("multiply")),
    fails(() => np.maximum(ints(), -(2n ** 63n) - 1n), tooLarge("maximum")),
    fails(() => ints().set(0, 2 ** 63), tooLarge("set")),
    fails(() => ints().set(0, NaN), /^set: cannot convert float NaN to integer$/),
    fails(() => ints().set(0, -Infinity), /^set: cannot convert float infinity to integer$/),
    fails(() => np.array([NaN], "int64"), /^array: cannot convert float NaN to integer$/),
    fails(() => np.arange(NaN, 3, 1, "int64"), /^arange: cannot compute length/),
    gives(
      () => np.array([2 ** 63 - 1024], "int64"),
      expected([1], "int64", [9223372036854774784n]),
    ),
    gives(() => np.array([-(2 ** 63)], "int64"), expected([1], "int64", [-9223372036854775808n])),
    gives(() => np.array([2n ** 63n - 1n]), expected([1], "int64", [9223372036854775807n])),
    gives(() => np.add(2 ** 53, 1), 9007199254740993n),
    gives(
      () => np.add(np.array([2 ** 53], "int64"), 1),
      expected([1], "int64", [9007199254740993n]),
    ),
    gives(() => np.multiply(np.array([2 ** 62], "int64"), 4), expected([1], "int64", [0])),
    gives(() => np.sum(np.array([2 ** 62, 2 ** 62], "int64")), -9223372036854775808n),
    gives(() => np.power(10, 19), -8446744073709551616n),
    gives(() => np.power(2, 62), 4611686018427387904n),
    gives(
      () => np.negative(np.array([-(2n ** 63n)])),
      expected([1], "int64", [-9223372036854775808n]),
    ),
    gives(() => np.abs(np.array([-(2n ** 63n)])), expected([1], "int64", [-9223372036854775808n])),
    gives(
      () => np.arange(2 ** 53, 2 ** 53 + 4),
      expected([4], "int64", [
        9007199254740992n,
        9007199254740993n,
        9007199254740994n,
        9007199254740995n,
      ]),
    ),
    gives(
      () => np.arange(2n ** 62n, 2n ** 62n + 2n),
      expected([2], "int64", [4611686018427387904n, 4611686018427387905n]),
    ),
    gives(() => np.arange(0.5, 3, 0.5, "int64"), expected([5], "int64", [0, 1, 2, 3, 4])),
    gives(() => np.subtract(np.array([2n ** 53n + 1n]), 2 ** 53), expected([1], "int64", [1])),
    gives(() => np.equal(np.array([2n ** 53n + 1n]), 2 ** 53).get(0), 0),
    gives(() => np.greater(2n ** 53n + 1n, 2 ** 53), true),
    gives(
      () => np.dot(np.array([2 ** 62, 2 ** 62], "int64"), np.array([2, 1], "int64")).tolist(),
      -4611686018427387904n,
    ),
  ]);
});

Deno.test("12. arguments past those a function takes are refused, not dropped", () => {
  const extra = (operation: string, count: number, given: number, shown: string) =>
    new RegExp(
      `^${operation}: takes ${count === 0 ? "no arguments" : `at most ${count} arguments?`} ` +
        `but ${given} were given \\(extra: ${shown}\\)$`,
    );
  const a = () => owned();
  check([
    fails(() => loose(np.add)(a(), 1, 2), extra("add", 2, 3, "2")),
    fails(
      () => loose(np.subtract)(a(), 1, a()),
      extra("subtract", 2, 3, "array of shape \\(2,3\\)"),
    ),
    fails(() => loose(np.multiply)(1, 2, 3), extra("multiply", 2, 3, "3")),
    fails(() => loose(np.divide)(a(), 1, null), extra("divide", 2, 3, "null")),
    fails(() => loose(np.power)(a(), 2, 2), extra("power", 2, 3, "2")),
    fails(() => loose(np.maximum)(0, a(), 1), extra("maximum", 2, 3, "1")),
    fails(() => loose(np.greater)(a(), 0, 1), extra("greater", 2, 3, "1")),
    fails(() => loose(np.equal)(a(), 0, 1), extra("equal", 2, 3, "1")),
    fails(() => loose(np.exp)(a(), 1), extra("exp", 1, 2, "1")),
    fails(() => loose(np.log)(a(), "x"), extra("log", 1, 2, '"x"')),
    fails(() => loose(np.sqrt)(4, 2), extra("sqrt", 1, 2, "2")),
    fails(() => loose(np.negative)(a(), a()), extra("negative", 1, 2, "array of shape \\(2,3\\)")),
    fails(() => loose(np.clip)(a(), 0, 1, 2), extra("clip", 3, 4, "2")),
    fails(() => loose(np.matmul)(a(), a().T, 1), extra("matmul", 2, 3, "1")),
    fails(() => loose(np.dot)(a(), a().T, 1), extra("dot", 2, 3, "1")),
    fails(() => loose(np.outer)([1], [2], [3]), extra("outer", 2, 3, "\\[3\\]")),
    fails(() => loose(np.linalg.norm)(a(), 2), extra("norm", 1, 2, "2")),
    fails(() => loose(np.reshape)(a(), [3, 2], "C"), extra("reshape", 2, 3, '"C"')),
    fails(() => loose(np.ravel)(a(), "F"), extra("ravel", 1, 2, '"F"')),
    fails(() => loose(np.transpose)(a(), [1, 0], 1), extra("transpose", 2, 3, "1")),
    fails(() => loose(np.expandDims)(a(), 0, 1), extra("expandDims", 2, 3, "1")),
    fails(() => loose(np.squeeze)(np.zeros([1, 2]), 0, 1), extra("squeeze", 2, 3, "1")),
    fails(() => loose(np.concatenate)([a()], 0, 1), extra("concatenate", 2, 3, "1")),
    fails(() => loose(np.take)(a(), [0], 0, 1), extra("take", 3, 4, "1")),
    fails(() => loose(np.zeros)(3, "int64", 1), extra("zeros", 2, 3, "1")),
    fails(() => loose(np.full)(3, 1, "float64", 1), extra("full", 3, 4, "1")),
    fails(() => loose(np.eye)(2, 2, 1), extra("eye", 2, 3, "1")),
    fails(() => loose(np.arange)(0, 4, 1, "int64", 2), extra("arange", 4, 5, "2")),
    fails(() => loose(np.array)([1], "int64", 1), extra("array", 2, 3, "1")),
    fails(() => loose(np.astype)(a(), "int64", 1), extra("astype", 2, 3, "1")),
    fails(() => loose(np.isclose)(a(), a(), {}, 1), extra("isclose", 3, 4, "1")),
    fails(() => loose(np.arrayEqual)(a(), a(), 1), extra("arrayEqual", 2, 3, "1")),
    fails(() => loose(np.broadcastTo)(a(), [2, 3], 1), extra("broadcastTo", 2, 3, "1")),
    fails(() => loose(np.sharesMemory)(a(), a(), 1), extra("sharesMemory", 2, 3, "1")),
    fails(() => loose(np.cumsum)(a(), 0, 1), extra("cumsum", 2, 3, "1")),
    fails(() => loose(np.diagonal)(a(), 0, 0, 1, 1), extra("diagonal", 4, 5, "1")),
    fails(() => loose(a()).add(1, 2), extra("add", 1, 2, "2")),
    fails(() => loose(a()).exp(1), extra("exp", 0, 1, "1")),
    fails(() => loose(a()).copy(1), extra("copy", 0, 1, "1")),
    fails(() => loose(a()).take([0], 0, 1), extra("take", 2, 3, "1")),
    fails(() => loose(a()).astype("int64", 1), extra("astype", 1, 2, "1")),
    fails(() => loose(a()).set([0, 0], 1, 2), extra("set", 2, 3, "2")),
    fails(() => loose(a()).clip(0, 1, 2), extra("clip", 2, 3, "2")),
    // An absent optional argument passed on as undefined is no extra one.
    gives(() => loose(np.add)(1, 2, undefined), 3),
  ]);
});

Deno.test("13. where the library was stricter than NumPy, it gives NumPy's value", () => {
  check([
    gives(() => np.clip(owned(), null, null), expected([2, 3], "float64", [0, 1, 2, 3, 4, 5])),
    gives(
      () => np.concatenate([np.zeros([2, 2]), np.ones([1, 2])], null),
      expected([6], "float64", [0, 0, 0, 0, 1, 1]),
    ),
    gives(() => np.eye(2, { M: 3 }), expected([2, 3], "float64", [1, 0, 0, 0, 1, 0])),
    gives(() => np.eye(2, { M: 3, k: 1 }), expected([2, 3], "float64", [0, 1, 0, 0, 0, 1])),
    gives(() => np.eye(3, { M: null as unknown as number }).shape.join(), "3,3"),
    gives(() => rs().randint(5, 5, 0), expected([0], "int64", [])),
    gives(() => rs().randint(0, { size: [2, 0] }), expected([2, 0], "int64", [])),
    fails(() => rs().randint(5, 5, 1), /^randint: low >= high/),
    gives(() => rs().normal(0, NaN, 2), expected([2], "float64", [NaN, NaN])),
    gives(() => rs().normal(Infinity), Infinity),
    gives(() => np.append(np.zeros([1, 2]), np.ones([1, 2]), null).shape.join(), "4"),
  ]);
});

Deno.test("14. rules of JavaScript that NumPy does not share give NumPy's results", () => {
  const zeroSign = (value: number) => (Object.is(value, -0) ? "-0" : String(value));
  check([
    gives(() => np.power(1, NaN), 1),
    gives(() => np.power(-1, Infinity), 1),
    gives(() => np.power(-1, -Infinity), 1),
    gives(() => np.power(np.array([1, -1, 2]), NaN), expected([3], "float64", [1, NaN, NaN])),
    gives(
      () => np.power(np.array([-1, 1]), np.array([Infinity, NaN])),
      expected([2], "float64", [1, 1]),
    ),
    gives(() => np.power(np.array([-0, -Infinity]), 0.5), expected([2], "float64", [-0, NaN])),
    gives(
      () => np.power(np.array([-0, -Infinity]), np.array([0.5, 0.5])),
      expected([2], "float64", [0, Infinity]),
    ),
    gives(() => np.clip(np.array([-0, 0]), 0, 1), expected([2], "float64", [-0, 0])),
    gives(() => np.clip(np.array([-0, 0]), -1, -0), expected([2], "float64", [-0, 0])),
    gives(() => zeroSign(np.clip(-0, 0, 1)), "-0"),
    gives(() => np.clip(np.array([-0, 0]), np.zeros(2), 1), expected([2], "float64", [0, 0])),
    gives(() => np.clip(np.array([1, 2]), NaN, 3), expected([2], "float64", [NaN, NaN])),
    gives(() => np.max(np.array([true, false])), true),
    gives(() => np.min(np.array([true, false])), false),
    gives(() => np.array([true, false]).max({ axis: 0, keepdims: true }).dtype, "bool"),
    gives(() => String(np.array([5e-324, 1.5e-5])), "[4.9e-324 1.5e-005]"),
    gives(() => String(np.array([1e-320, 1.123456789])), "[9.99988867e-321 1.12345679e+000]"),
    gives(() => np.repr(np.array([5e-324])), "array([5.e-324])"),
    gives(() => np.full([1], -0).get(0), -0),
    fails(
      () => np.promoteTypes("float64", loose("float32")),
      /^promoteTypes: data type "float32" not understood/,
    ),
    fails(
      () => np.promoteTypes(loose("foo"), "int64"),
      /^promoteTypes: data type "foo" not understood/,
    ),
    fails(
      () => np.promoteTypes(loose(undefined), "int64"),
      /^promoteTypes: data type undefined not understood/,
    ),
    fails(() => np.resultType(loose("int32")), /^resultType: data type "int32" not understood/),
    fails(
      () => np.canCast("float64", loose("complex128")),
      /^canCast: data type "complex128" not understood/,
    ),
    fails(
      () => np.zeros(new Array(65).fill(1)),
      /^zeros: maximum supported dimension for an ndarray is currently 64, found 65$/,
    ),
    fails(
      () => np.ones([1]).reshape(new Array(65).fill(1)),
      /^reshape: maximum supported dimension for an ndarray is currently 64, found 65$/,
    ),
    fails(
      () => np.expandDims(np.zeros(new Array(64).fill(1)), 0),
      /^expandDims: maximum supported dimension for an ndarray is currently 64, found 65$/,
    ),
    fails(
      () => np.broadcastTo(np.zeros(1), new Array(65).fill(1)),
      /^broadcastTo: maximum supported dimension for an ndarray is currently 64, found 65$/,
    ),
    fails(
      () => np.array(new Array(64).fill(0).reduce((inner) => [inner], [0])),
      /^array: maximum supported dimension for an ndarray is currently 64, found 65$/,
    ),
    gives(() => np.zeros(new Array(64).fill(1)).ndim, 64),
    fails(() => {
      (owned().shape as number[])[0] = 3;
    }, /read.only|Cannot assign/),
    fails(() => {
      loose(owned()).data = new Float64Array(6);
    }, /^data: attribute 'data' of NDArray objects is not writable/),
    fails(() => {
      loose(owned()).shape = [4];
    }, /^shape: cannot reshape array of size 6 into shape \(4,\)$/),
    fails(() => {
      loose(owned().T).shape = [6];
    }, /^shape: Incompatible shape for in-place modification/),
  ]);
});
