import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFormula, parseFormula } from "../src/index";
import reference from "./fixtures/unparenthesised-terms.json" with { type: "json" };
import { expectedLabels, printTree } from "./term-algebra-model";
import { FIXTURE_SEED, FIXTURE_SIZE, termTree as tree } from "./unparenthesised-arbitrary";

// Formulas written with only the parentheses R's precedence needs (`a*b:c - a %in% b/c`), so the
// parser's precedence and associativity decide the terms (issue 19: the round-trip generator
// parenthesised every operand, which hid a ':' that bound looser than '*').

const intercept = fc.constantFrom(
  { text: (rhs: string) => rhs, intercept: true },
  { text: (rhs: string) => `0 + ${rhs}`, intercept: false },
  { text: (rhs: string) => `${rhs} - 1`, intercept: false },
  { text: (rhs: string) => `1 + ${rhs}`, intercept: true },
);

/** The fixture formulas whose within-degree order differs from R's (see the it.fails below). */
const KNOWN_ORDER = new Set(["y ~ ((e * (b * c)^3):(c + a))^2"]);

/** Labels grouped by degree (the number of ':'-separated factors), each group sorted. */
function byDegree(labels: readonly string[]): string[][] {
  const top = Math.max(0, ...labels.map((label) => label.split(":").length));
  return Array.from({ length: top }, (_, d) =>
    labels.filter((label) => label.split(":").length === d + 1).sort(),
  );
}

describe("formulas without parentheses around every operand", () => {
  it("expand to the terms of R's term algebra, by degree, each label's factors in R's order", () => {
    fc.assert(
      fc.property(tree, intercept, (t, mark) => {
        const formula = `y ~ ${mark.text(printTree(t))}`;
        const parsed = parseFormula(formula);
        // Within a degree the order is R's too, except after a power (see KNOWN_ORDER below).
        expect(byDegree(parsed.fixed.map((term) => term.label))).toEqual(
          byDegree(expectedLabels(t)),
        );
        expect(parsed.intercept).toBe(mark.intercept);
      }),
      { numRuns: 500 },
    );
  });

  it("print and parse back to the same terms", () => {
    fc.assert(
      fc.property(tree, (t) => {
        const parsed = parseFormula(`y ~ ${printTree(t)}`);
        const reparsed = parseFormula(formatFormula(parsed));
        // Printing in sorted term order can change the first appearance that orders a label's
        // factors (as in R), so the labels are compared as sets of factors.
        const factorSets = (f: typeof parsed) =>
          f.fixed.map((term) => term.label.split(":").sort().join(":")).sort();
        expect(factorSets(reparsed)).toEqual(factorSets(parsed));
      }),
      { numRuns: 300 },
    );
  });
});

describe("the term-algebra model and the parser against R's terms()", () => {
  // The first FIXTURE_SIZE draws of the generator at FIXTURE_SEED, expanded by R's terms()
  // (fixtures/unparenthesised-terms.R); the ones R expands to no term are left out.
  it("the parser gives R's terms, in R's order, for every formula in the fixture", () => {
    const cases = reference.formulas.filter(({ formula }) => !KNOWN_ORDER.has(formula));
    const parsed = cases.map(({ formula }) => ({
      formula,
      terms: parseFormula(formula).fixed.map((term) => term.label),
    }));
    expect(parsed).toEqual(cases);
    for (const { formula, terms } of reference.formulas.filter((f) => KNOWN_ORDER.has(f.formula))) {
      const labels = parseFormula(formula).fixed.map((term) => term.label);
      expect(byDegree(labels)).toEqual(byDegree(terms));
    }
  });

  // Open (found by this generator, 2026-12-02): power() in src/expand-terms.ts stops multiplying
  // once a round adds no new term, but R's PowerTerms does all k − 1 rounds, and the later rounds
  // reorder the terms within a degree; without the early exit all 200 formulas give R's order.
  // it.fails: when that is fixed this test fails; then delete it and KNOWN_ORDER.
  // Open (found by this generator, 2026-12-02): flattenSum in src/expand-terms.ts flattens a
  // parenthesised sum into the top-level sum even when it removes terms, so `e + (a - e)` gives
  // a where R's terms() gives e, a (R expands the parentheses first). The generator leaves such
  // formulas out (addsParenthesisedRemoval); when fixed this test fails: delete it and the filter.
  it.fails("keeps terms a parenthesised removal does not reach (known difference)", () => {
    // R 4.2.2: attr(terms(y ~ e + (a - e)), "term.labels") is c("e", "a"); likewise below.
    expect(parseFormula("y ~ e + (a - e)").fixed.map((term) => term.label)).toEqual(["e", "a"]);
  });

  it.fails("gives R's order within a degree after a saturated power (known difference)", () => {
    for (const { formula, terms } of reference.formulas.filter((f) => KNOWN_ORDER.has(f.formula))) {
      expect(parseFormula(formula).fixed.map((term) => term.label)).toEqual(terms);
    }
  });

  it("the model the property compares with gives R's terms for the same draws", () => {
    const trees = fc.sample(tree, { seed: FIXTURE_SEED, numRuns: FIXTURE_SIZE });
    expect(reference.drawn).toBe(FIXTURE_SIZE);
    const fromModel = trees.map((t) => ({
      formula: `y ~ ${printTree(t)}`,
      terms: expectedLabels(t),
    }));
    expect(fromModel).toEqual(reference.formulas);
  });
});
