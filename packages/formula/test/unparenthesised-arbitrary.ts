import fc from "fast-check";
import { hasEmptyOperand, type TermTree } from "./term-algebra-model";

/** Seed of the sample whose R expansions are in fixtures/unparenthesised-terms.json. */
export const FIXTURE_SEED = 19;
/** How many draws of that sample were expanded by R. */
export const FIXTURE_SIZE = 200;

const variable = fc
  .constantFrom("a", "b", "c", "d", "e")
  .map((name): TermTree => ({ kind: "var", name }));
const operator = fc.constantFrom("+", "-", "*", "/", "%in%", ":", "&" as const);
const { tree } = fc.letrec<{ tree: TermTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    { weight: 3, arbitrary: variable },
    {
      weight: 5,
      arbitrary: fc
        .tuple(operator, tie("tree"), tie("tree"))
        .map(([op, left, right]): TermTree => ({ kind: "op", op, left, right })),
    },
    // Powers of sums and products (a power of one variable is just the variable).
    {
      weight: 1,
      arbitrary: fc.tuple(operator, tie("tree"), tie("tree"), fc.integer({ min: 2, max: 3 })).map(
        ([op, left, right, k]): TermTree => ({
          kind: "pow",
          base: { kind: "op", op, left, right },
          k,
        }),
      ),
    },
  ),
}));

/** Whether a parenthesised removal is added to the formula's sum (`e + (a - e)`). */
function addsParenthesisedRemoval(t: TermTree): boolean {
  if (t.kind !== "op" || (t.op !== "+" && t.op !== "-")) return false;
  if (t.op === "+" && t.right.kind === "op" && t.right.op === "-") return true;
  return addsParenthesisedRemoval(t.left) || (t.op === "+" && addsParenthesisedRemoval(t.right));
}

/** Fixed-part trees without an empty operand (see hasEmptyOperand). */
export const termTree = tree.filter((t) => !hasEmptyOperand(t));

/**
 * The generator the R fixture was drawn from (fixtures/unparenthesised-formulas.ts): it also left
 * out parenthesised removals, a difference from R since fixed, so its draws at FIXTURE_SEED stay
 * those R expanded.
 */
export const fixtureTree = termTree.filter((t) => !addsParenthesisedRemoval(t));
