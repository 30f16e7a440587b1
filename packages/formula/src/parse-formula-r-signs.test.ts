import { describe, expect, it } from "vitest";
import { formatFormula } from "./format-formula";
import { parseFormula } from "./parse-formula";

// Expected values from R 4.2, e.g.
//   t <- terms(y ~ x + -1); attr(t, "term.labels"); attr(t, "intercept")
// and from lme4 1.1-31: lFormula(Reaction ~ Days | Subject, sleepstudy) has X = (Intercept) and
// the random-effects term (Days | Subject); lFormula(Reaction ~ 0 + Days | Subject, ...) keeps
// the fixed intercept and has the random term (0 + Days | Subject).
describe("parseFormula: signs after an operator, as R reads them", () => {
  it.each([
    ["y ~ x + -1", false],
    ["y ~ x + - 1", false],
    ["y ~ x + -(1)", false],
    ["y ~ x - -1", true],
    ["y ~ x + +1", true],
    ["y ~ x + -0", true],
    ["y ~ 0 + x + -0", true],
  ])("%s: term x, intercept %s", (text, intercept) => {
    const parsed = parseFormula(`${text} + (1 | g)`);
    expect(parsed.fixed.map((term) => term.label)).toEqual(["x"]);
    expect(parsed.intercept).toBe(intercept);
  });

  it("inside a random-effects term too", () => {
    const [term] = parseFormula("y ~ 1 + (x + -1 | g)").random;
    expect(term.intercept).toBe(false);
    expect(term.terms.map((t) => t.label)).toEqual(["x"]);
  });
});

describe("parseFormula: an unparenthesised bar, as lme4 reads it", () => {
  it("y ~ x | g is y ~ 1 + (x | g)", () => {
    const parsed = parseFormula("Reaction ~ Days | Subject");
    expect(parsed.intercept).toBe(true);
    expect(parsed.fixed).toEqual([]);
    expect(parsed.random.map((term) => term.label)).toEqual(["(1 + Days | Subject)"]);
    expect(parsed.variables).toEqual(["Reaction", "Days", "Subject"]);
    expect(formatFormula(parsed)).toBe("Reaction ~ 1 + (1 + Days | Subject)");
  });

  it("the whole right side is the term, and the fixed intercept stays", () => {
    const parsed = parseFormula("Reaction ~ 0 + Days | Subject");
    expect(parsed.intercept).toBe(true);
    expect(parsed.fixed).toEqual([]);
    expect(parsed.random[0].intercept).toBe(false);
    expect(parsed.random[0].terms.map((t) => t.label)).toEqual(["Days"]);
    expect(parseFormula("y ~ a + b || g").random.map((t) => t.label)).toEqual([
      "(1 | g)",
      "(0 + a | g)",
      "(0 + b | g)",
    ]);
  });
});

describe("parseFormula: lme4's binomial response", () => {
  it("accepts cbind(successes, failures) with arithmetic arguments", () => {
    const parsed = parseFormula("cbind(incidence, size - incidence) ~ period + (1 | herd)");
    expect(parsed.response?.kind).toBe("call");
    expect(parsed.responseLabel).toBe("cbind(incidence, size - incidence)");
    expect(parsed.variables).toEqual(["incidence", "size", "period", "herd"]);
  });
});
