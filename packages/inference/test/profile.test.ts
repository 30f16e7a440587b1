import { confint as bootstrapConfint, parametricBootstrap } from "@mixedmodels/bootstrap";
import { ModelError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { confint, confintBootstrap, profile } from "../src/index";
import { cases, fitCase } from "./fixture-cases";

// lme4's confint(method = "profile", oldNames = FALSE): ends within 1e-3 of the interval's width.
describe.each(cases)("$id: profile intervals against lme4", (c) => {
  it("every sd, correlation, σ and fixed effect", () => {
    const ours = confint(fitCase(c), { method: "profile" });
    const reference = c.confint_profile;
    expect(ours.names).toEqual(reference.names);
    ours.names.forEach((name, i) => {
      const width = reference.upper[i] - reference.lower[i];
      const message = `${name}: [${ours.lower[i]}, ${ours.upper[i]}] vs [${reference.lower[i]}, ${reference.upper[i]}]`;
      expect(Math.abs(ours.lower[i] - reference.lower[i]), message).toBeLessThan(1e-3 * width);
      expect(Math.abs(ours.upper[i] - reference.upper[i]), message).toBeLessThan(1e-3 * width);
    });
  });
});

describe("profile()", () => {
  const model = fitCase(cases[2]);
  it("ζ is 0 at the estimate, increasing, and reaches qnorm(0.995) or a bound on each side", () => {
    const result = profile(model, {
      parameters: ["sd_Days|Subject", "cor_Days.(Intercept)|Subject", "Days"],
    });
    expect(result.parameters.map((p) => p.name)).toEqual([
      "sd_Days|Subject",
      "cor_Days.(Intercept)|Subject",
      "Days",
    ]);
    for (const p of result.parameters) {
      const centre = p.values.indexOf(p.estimate);
      expect(p.zeta[centre]).toBe(0);
      for (let i = 1; i < p.values.length; i++) {
        expect(p.values[i]).toBeGreaterThan(p.values[i - 1]);
        expect(p.zeta[i]).toBeGreaterThan(p.zeta[i - 1]);
      }
      expect(p.zeta[0]).toBeLessThanOrEqual(-2.5758);
      expect(p.zeta[p.zeta.length - 1]).toBeGreaterThanOrEqual(2.5758);
    }
    // The ML deviance of the REML fit's data (lme4 profiles by ML): sleepstudy ML 1751.9393.
    expect(result.deviance).toBeCloseTo(1751.939344, 4);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
  it("an unknown parameter is a ModelError listing the known ones", () => {
    expect(() => profile(model, { parameters: ["sd_days|Subject"] })).toThrow(ModelError);
    expect(() => profile(model, { parameters: ["sd_days|Subject"] })).toThrow(
      /known: sd_\(Intercept\)\|Subject/,
    );
  });
});

describe("confintBootstrap", () => {
  it("is @mixedmodels/bootstrap's percentile interval of its parametric bootstrap, as JSON", async () => {
    const model = fitCase(cases[2]);
    const ours = await confintBootstrap(model, { replicates: 40, seed: 7, level: 0.9 });
    const boot = await parametricBootstrap(model, 40, { seed: 7 });
    const theirs = bootstrapConfint(boot, { level: 0.9 });
    expect(ours.method).toBe("boot");
    expect(ours.names).toEqual(theirs.map((r) => r.parameter));
    expect(ours.lower).toEqual(theirs.map((r) => r.lower));
    expect(ours.upper).toEqual(theirs.map((r) => r.upper));
    expect(ours.names).toEqual(confint(model, { method: "profile", parameters: ours.names }).names);
  });
});
