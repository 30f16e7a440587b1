import { dyestuff, sleepstudy } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import {
  aic,
  bic,
  coef,
  deviance,
  fit,
  fitted,
  fixef,
  lmm,
  loglikelihood,
  nelderMead,
  objective,
  ranef,
  residuals,
  stderror,
  VarCorr,
  vcov,
} from "./index";

describe("lmm + fit (the umbrella)", () => {
  it("fits the seed's Dyestuff model by ML with BOBYQA and the free accessors agree with lme4", () => {
    const m = fit(lmm("Yield ~ 1 + (1 | Batch)", dyestuff));
    expect(objective(m)).toBeCloseTo(327.3270598811394, 6);
    expect(deviance(m)).toBe(objective(m));
    expect(loglikelihood(m)).toBeCloseTo(-163.663529940568, 6);
    expect(aic(m)).toBeCloseTo(333.327059881135, 5);
    expect(bic(m)).toBeCloseTo(337.530652026122, 5);
    expect(fixef(m)[0]).toBeCloseTo(1527.5, 6);
    expect(coef(m)[0]).toBeCloseTo(1527.5, 6);
    expect(stderror(m)[0]).toBeCloseTo(17.6946, 3);
    expect(vcov(m)[0]).toBeCloseTo(17.6945537377777 ** 2, 1);
    const modes = ranef(m)[0];
    expect(modes?.levels).toEqual(["A", "B", "C", "D", "E", "F"]);
    const expected = [-16.6282, 0.369516, 26.9747, -21.8014, 53.5798, -42.4943];
    for (const [level, value] of expected.entries()) {
      expect(modes?.values[level]).toBeCloseTo(value, 3);
    }
    const variance = VarCorr(m);
    expect(variance.groups[0]?.sd[0]).toBeCloseTo(37.2603461563896, 3);
    expect(variance.residual).toBeCloseTo(49.510099786844, 3);
    const sum = fitted(m).map((value, row) => value + (residuals(m)[row] ?? 0));
    expect(Array.from(sum)).toEqual(
      Array.from(m.responseValues()).map((y) => expect.closeTo(y, 9)),
    );
  });

  it("prints a full summary once fitted", () => {
    const m = fit(lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy));
    const text = m.toString();
    expect(text).toContain("Linear mixed model fit by maximum likelihood");
    expect(text).toContain("Reaction ~ 1 + Days + (1 + Days | Subject)");
    expect(text).toContain("1751.9393");
    expect(text).toContain("Subject");
    expect(text).toContain("Residual");
    expect(text).toContain("251.405");
  });

  it("fits by REML on request and accepts another optimizer", () => {
    const m = fit(lmm("Yield ~ 1 + (1 | Batch)", dyestuff), {
      reml: true,
      optimizer: nelderMead(),
    });
    expect(m.reml).toBe(true);
    expect(objective(m)).toBeCloseTo(319.654276842257, 4);
    expect(m.toString()).toContain("REML");
  });
});
