import { cake, cbpp, dyestuff, sleepstudy } from "@mixedmodels/datasets";
import { expectClose, expectFTable, expectRanovaTable, expectTTable } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import {
  anova,
  bootstrapColumns,
  coeftable,
  confint,
  fit,
  glmm,
  lmm,
  ModelError,
  parametricBootstrap,
  predict,
  profile,
  ranova,
  refit,
  simulate,
} from "../src/index";
import references from "./fixtures/inference/references.json";

// Intervals, df-tested tables, F tests, ranova, predictions, simulation and the bootstrap as a
// user reaches them: `import { ... } from "mixedmodels"` on models made by lmm() and fit().
// References: fixtures/inference (copied from the inference, predict and bootstrap packages'
// lme4/lmerTest/pbkrtest fixtures; README there).
const r = references;

describe("coeftable through the umbrella", () => {
  const m = fit(lmm(r.sleepstudy_reml.formula, sleepstudy), { reml: true });

  it("coeftable(m) keeps lme4's Wald z table; ddf 'none' is the same table", () => {
    const rows = coeftable(m);
    expect(rows.map((row) => row.name)).toEqual(["(Intercept)", "Days"]);
    // lme4's summary of the REML fit: the same SEs as lmerTest's, t printed as z here.
    expectClose(
      rows.map((row) => row.stderror),
      r.sleepstudy_reml.satterthwaite.stderror,
      { rtol: 1e-4 },
    );
    expectClose(
      rows.map((row) => row.z),
      r.sleepstudy_reml.satterthwaite.t,
      { rtol: 1e-4 },
    );
    expect(coeftable(m, { ddf: "none" })).toEqual(rows);
  });

  it("ddf 'satterthwaite' is lmerTest's summary, 'kenward-roger' pbkrtest's", () => {
    expectTTable(coeftable(m, { ddf: "satterthwaite" }), r.sleepstudy_reml.satterthwaite);
    const kr = coeftable(m, { ddf: "kenward-roger" });
    expect(kr.ddf).toBe("kenward-roger");
    expectTTable(kr, r.sleepstudy_reml.kenward_roger);
  });

  it("a df method on a generalized model or an unknown ddf is a ModelError", () => {
    const g = fit(
      glmm("incidence / size ~ 1 + period + (1 | herd)", cbpp, {
        family: "binomial",
        weights: "size",
      }),
    );
    expect(coeftable(g).length).toBe(4);
    expect(() =>
      coeftable(g as unknown as Parameters<typeof coeftable>[0], { ddf: "satterthwaite" }),
    ).toThrow(ModelError);
    expect(() => coeftable(m, { ddf: "satterwaite" as "satterthwaite" })).toThrow(
      /ddf must be "satterthwaite", "kenward-roger" or "none", got "satterwaite"/,
    );
  });
});

describe("anova and ranova through the umbrella", () => {
  it("type III F tests of cake, Satterthwaite and Kenward–Roger, as lmerTest", () => {
    const m = fit(lmm(r.cake_reml.formula, cake), { reml: true });
    for (const [ddf, reference] of [
      ["satterthwaite", r.cake_reml.anova3_satterthwaite],
      ["kenward-roger", r.cake_reml.anova3_kenward_roger],
    ] as const) {
      expectFTable(anova(m, { type: 3, ddf }), reference);
    }
  });

  it("ranova of sleepstudy REML, as lmerTest", () => {
    const table = ranova(fit(lmm(r.sleepstudy_reml.formula, sleepstudy), { reml: true }));
    expectRanovaTable(table, r.sleepstudy_reml_ranova);
  });
});

describe("confint and profile through the umbrella", () => {
  it("Wald intervals of sleepstudy ML, as lme4's confint(method = 'Wald')", () => {
    const m = fit(lmm(r.sleepstudy_ml.formula, sleepstudy));
    const ci = confint(m);
    expect(ci.method).toBe("wald");
    expect(ci.names).toEqual(r.sleepstudy_ml.confint_wald.names);
    expectClose(ci.lower, r.sleepstudy_ml.confint_wald.lower, { rtol: 1e-6 });
    expectClose(ci.upper, r.sleepstudy_ml.confint_wald.upper, { rtol: 1e-6 });
  });

  it("profile intervals and the profile of Dyestuff REML, as lme4's confint(method = 'profile')", () => {
    const m = fit(lmm(r.dyestuff_reml.formula, dyestuff), { reml: true });
    const ci = confint(m, { method: "profile" });
    const reference = r.dyestuff_reml.confint_profile;
    expect(ci.names).toEqual(reference.names);
    ci.names.forEach((name, i) => {
      const width = reference.upper[i] - reference.lower[i];
      expect(Math.abs(ci.lower[i] - reference.lower[i]), name).toBeLessThan(1e-3 * width);
      expect(Math.abs(ci.upper[i] - reference.upper[i]), name).toBeLessThan(1e-3 * width);
    });
    // ζ crosses ±qnorm(0.975) at the interval's ends.
    const sigma = profile(m, { parameters: ["sigma"] }).parameters[0];
    const at = (value: number) => interpolate(sigma.values, sigma.zeta, value);
    expect(Math.abs(at(reference.lower[1]) + 1.959964)).toBeLessThan(0.05);
    expect(Math.abs(at(reference.upper[1]) - 1.959964)).toBeLessThan(0.05);
  });
});

describe("predict, simulate and refit through the umbrella", () => {
  const reference = r.sleepstudy_predict;

  it("predict at lme4's θ: lme4's predictions within 1e-6", () => {
    const m = fit(lmm(reference.formula, sleepstudy));
    m.setTheta(reference.lme4_theta);
    const all = predict(m, reference.newdata, { newLevels: "population" });
    expectClose(all, reference.predictions.all_terms_new_population, { rtol: 1e-6 });
    const fixedOnly = predict(m, reference.newdata, { terms: "none" });
    expectClose(fixedOnly, reference.predictions.fixed_only, { rtol: 1e-6 });
  });

  it("simulate: responses with lme4's marginal mean and variance; refit back to lme4's optimum", () => {
    const m = fit(lmm(reference.formula, sleepstudy));
    const nsim = 2000;
    const ys = simulate(m, { seed: 17, nsim });
    // Row 0 is Subject 308 at Days 0: mean β₀, variance σ² + sd₀² (lme4's ML estimates).
    const e = r.sleepstudy_bootmer.estimates;
    const mean = ys.reduce((s, y) => s + y[0], 0) / nsim;
    const variance = ys.reduce((s, y) => s + (y[0] - mean) ** 2, 0) / (nsim - 1);
    const expectedVariance = e.sigma ** 2 + e["sd_(Intercept)|Subject"] ** 2;
    expect(Math.abs(mean - e["(Intercept)"])).toBeLessThan(4 * Math.sqrt(expectedVariance / nsim));
    expect(Math.abs(variance / expectedVariance - 1)).toBeLessThan(4 * Math.sqrt(2 / nsim));
    refit(m, ys[0]);
    expect(m.objective).not.toBeCloseTo(1751.939344, 2);
    const reaction = sleepstudy.columns.Reaction;
    if (reaction.kind !== "numeric") throw new Error("Reaction is numeric");
    refit(m, reaction.values);
    expect(m.objective).toBeCloseTo(1751.939344, 5);
  });
});

describe("the parametric bootstrap through the umbrella", () => {
  it("300 replicates: β and σ within 4 Monte Carlo SEs of bootMer's; confint(boot) and confint(m, boot)", async () => {
    const m = fit(lmm(r.sleepstudy_bootmer.formula, sleepstudy));
    const boot = await parametricBootstrap(m, 300, { seed: 42 });
    const columns = bootstrapColumns(boot);
    const distribution = r.sleepstudy_bootmer.distribution as Record<
      string,
      { mean: number; sd: number; q025: number; q975: number }
    >;
    for (const name of ["(Intercept)", "Days", "sigma", "sd_Days|Subject"]) {
      const values = columns.get(name);
      if (values === undefined) throw new Error(`no column ${name}`);
      const theirs = distribution[name];
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const error = theirs.sd * Math.sqrt(1 / values.length + 1 / r.sleepstudy_bootmer.nsim);
      expect(Math.abs(mean - theirs.mean), name).toBeLessThan(4 * error);
    }
    const rows = confint(boot, { level: 0.95 });
    const days = rows.find((row) => row.parameter === "Days");
    expect(days).toBeDefined();
    // bootMer's 2.5% and 97.5% quantiles of Days, within a few Monte Carlo SEs of a quantile.
    expect(Math.abs((days?.lower ?? 0) - distribution.Days.q025)).toBeLessThan(0.8);
    expect(Math.abs((days?.upper ?? 0) - distribution.Days.q975)).toBeLessThan(0.8);
    // confint(m, { method: "boot" }) is the same percentile interval of the same run.
    const viaModel = await confint(m, { method: "boot", replicates: 300, seed: 42 });
    expect(viaModel.names).toEqual(rows.map((row) => row.parameter));
    expect(viaModel.lower).toEqual(rows.map((row) => row.lower));
  });
});

function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  for (let i = 1; i < xs.length; i++) {
    if (xs[i] >= x) {
      const w = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
      return ys[i - 1] + w * (ys[i] - ys[i - 1]);
    }
  }
  return Number.NaN;
}
