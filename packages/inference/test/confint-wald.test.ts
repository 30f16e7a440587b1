import { ModelError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { confint } from "../src/index";
import { cases, fitCase } from "./fixture-cases";

describe.each(cases)('$id: Wald intervals against lme4\'s confint(method = "Wald")', (c) => {
  // The README's Wald tolerance, 1e-6, read as relative to the end (plus 1e-6 of the width for
  // ends near 0): our optimum and lme4's differ in the 7th digit of θ, which moves the ends of
  // sleepstudy's intervals by 1.3e-6 of their width.
  it("fixed effects, ends within 1e-6 relative", () => {
    const ours = confint(fitCase(c), { method: "wald" });
    const reference = c.confint_wald;
    expect(ours.names).toEqual(reference.names);
    ours.names.forEach((_, i) => {
      const width = reference.upper[i] - reference.lower[i];
      const tolerance = (end: number) => 1e-6 * (Math.abs(end) + width);
      expect(Math.abs(ours.lower[i] - reference.lower[i])).toBeLessThan(
        tolerance(reference.lower[i]),
      );
      expect(Math.abs(ours.upper[i] - reference.upper[i])).toBeLessThan(
        tolerance(reference.upper[i]),
      );
    });
  });
});

describe("confint options", () => {
  const model = fitCase(cases[2]);
  it("level and parameters select and scale the rows", () => {
    const ci = confint(model, { level: 0.9, parameters: ["Days"] });
    expect(ci.names).toEqual(["Days"]);
    const se = model.stderror()[1];
    // qnorm(0.95) = 1.6448536269514722
    expect(ci.upper[0] - ci.lower[0]).toBeCloseTo(2 * 1.6448536269514722 * se, 10);
  });
  it("typed errors for an unknown parameter, level or method", () => {
    expect(() => confint(model, { parameters: ["days"] })).toThrow(ModelError);
    expect(() => confint(model, { parameters: ["days"] })).toThrow(
      /'days'.*known: \(Intercept\), Days/,
    );
    expect(() => confint(model, { level: 1.5 })).toThrow(ModelError);
    // @ts-expect-error an invalid method from untyped callers
    expect(() => confint(model, { method: "exact" })).toThrow(ModelError);
  });
});
