// The checks against a corpus of answers (tests/support/mistakes.ts): every
// wrong answer gets one ✗ line that names its mistake, every right answer
// written another way gets ✓, and every exercise has at least three wrong
// answers and one right one.

import { assert, assertEquals } from "./assert.ts";
import { checkLine, EXERCISES } from "../lib/course/checks/mod.ts";
import { ALTERNATIVES, MISTAKES } from "./support/mistakes.ts";

Deno.test("the corpus covers every exercise: at least three wrong answers and one right one each", () => {
  const known = new Set(EXERCISES.map((e) => e.id));
  for (const { id } of [...MISTAKES, ...ALTERNATIVES]) assert(known.has(id), `no exercise ${id}`);
  const short = EXERCISES.filter(({ id }) =>
    MISTAKES.filter((m) => m.id === id).length < 3 || !ALTERNATIVES.some((a) => a.id === id)
  ).map(({ id }) => id);
  assertEquals(short, []);
});

Deno.test("every wrong answer gets ✗ with a hint that names its mistake", () => {
  const missed: string[] = [];
  for (const { id, mistake, says, answer } of MISTAKES) {
    const { passed, line } = checkLine(id, answer);
    const ok = !passed && line.startsWith(`✗ ${id}: `) && !line.includes("\n") &&
      line.includes(says);
    if (!ok) missed.push(`${id} (${mistake}): expected ✗ with “${says}”, got\n  ${line}`);
  }
  assertEquals(
    missed,
    [],
    `${missed.length} of ${MISTAKES.length} wrong answers:\n${missed.join("\n")}`,
  );
});

Deno.test("every right answer written another way gets ✓", () => {
  const rejected: string[] = [];
  for (const { id, how, answer } of ALTERNATIVES) {
    const { passed, line } = checkLine(id, answer);
    if (!passed) rejected.push(`${id} (${how}):\n  ${line}`);
  }
  assertEquals(
    rejected,
    [],
    `${rejected.length} of ${ALTERNATIVES.length} right answers:\n${rejected.join("\n")}`,
  );
});
