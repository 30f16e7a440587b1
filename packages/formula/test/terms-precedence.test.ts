import { describe, expect, it } from "vitest";
import { parseFormula } from "../src/index";
import reference from "./fixtures/terms-precedence.json" with { type: "json" };

/**
 * Operator precedence and R's formula algebra, pinned to what R's `terms()` gives (issue 19: making
 * `:` bind looser than `*` was caught only by a printer test). Each case compares the term labels
 * in order (which fixes the factor order inside a label too) and the intercept.
 */
describe("term expansion agrees with R's terms()", () => {
  for (const { formula, intercept, terms } of reference.formulas) {
    it(formula, () => {
      const parsed = parseFormula(formula);
      expect(parsed.fixed.map((t) => t.label)).toEqual(terms);
      expect(parsed.intercept).toBe(intercept);
    });
  }
});
