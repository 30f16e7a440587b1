import { thrown } from "@mixedmodels/testkit";
import { cbpp, grouseticks } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { DataError, fit, formatSummary, glmm, ModelError } from "./index";

// The umbrella's glmm() and fit() routing, end to end. Reference numbers: lme4::glmer 1.1-31
// (shared/references/glmm, copied in packages/models/test/fixtures/glmm).
const cbppFormula = "incidence / size ~ 1 + period + (1 | herd)";

describe("glmm through the umbrella", () => {
  it("fits cbpp by Laplace and by AGQ with 9 nodes as glmer does, and prints the summary", () => {
    const laplace = fit(glmm(cbppFormula, cbpp, { family: "binomial", weights: "size" }));
    // glmer: -2 logLik 184.053133 (184.052564 with a tight PIRLS tolerance); lower is better.
    expect(-2 * laplace.loglikelihood).toBeLessThan(184.053133);
    expect(-2 * laplace.loglikelihood).toBeGreaterThan(184.0525);
    expect(laplace.familyName).toBe("binomial");
    expect(laplace.linkName).toBe("logit");
    const agq = fit(glmm(cbppFormula, cbpp, { family: "binomial", weights: "size" }), { nAGQ: 9 });
    // glmer nAGQ = 9: deviance 100.010036062 (without the saturated terms), θ 0.647518.
    expect(Math.abs(agq.objective - 100.010036062)).toBeLessThan(1e-4);
    expect(Math.abs(agq.theta[0] / 0.647517705084518 - 1)).toBeLessThan(1e-3);
    const text = agq.toString();
    expect(text.split("\n")[0]).toBe(
      "Generalized Linear Mixed Model fit by maximum likelihood (nAGQ = 9)",
    );
    expect(text).toContain("Distribution: Binomial");
    expect(text).toContain("Link: logit");
    expect(text).not.toContain("Residual");
    const summary = agq.summary();
    expect(summary.generalized).toMatchObject({ family: "binomial", link: "logit", nAGQ: 9 });
    expect(summary.generalized?.dispersion).toBeNull();
    for (const format of ["markdown", "html", "latex"] as const) {
      expect(formatSummary(summary, { format })).toContain("nAGQ = 9");
    }
  });

  it("reads binomial without weights as Bernoulli, and fits θ alone with fast", () => {
    const rows = Array.from({ length: cbpp.nrow }, (_, row) => {
      const incidence = cbpp.columns.incidence;
      const herd = cbpp.columns.herd;
      if (incidence?.kind !== "numeric" || herd?.kind !== "categorical") throw new Error("cbpp");
      return {
        any: (incidence.values[row] as number) > 0 ? 1 : 0,
        herd: herd.levels[herd.codes[row] as number] as string,
      };
    });
    const m = fit(glmm("any ~ 1 + (1 | herd)", rows, { family: "binomial" }), { fast: true });
    expect(m.familyName).toBe("bernoulli");
    expect(m.fast).toBe(true);
    expect(m.fitLog.length).toBeGreaterThan(0);
    expect(Number.isFinite(m.objective)).toBe(true);
    // For Bernoulli the saturated log-likelihood is 0: −2 log L is the Laplace deviance.
    expect(-2 * m.loglikelihood).toBeCloseTo(m.objective, 8);
  });

  it("rejects nAGQ outside 1–25 and quadrature with more than one scalar term, by name", () => {
    const m = glmm(cbppFormula, cbpp, { family: "binomial", weights: "size" });
    expect(() => fit(m, { nAGQ: 0 })).toThrow(ModelError);
    expect(() => fit(m, { nAGQ: 26 })).toThrow(ModelError);
    expect(() => fit(m, { nAGQ: 2.5 })).toThrow(ModelError);
    const crossed = glmm("TICKS ~ 1 + YEAR + (1 | BROOD) + (1 | LOCATION)", grouseticks, {
      family: "poisson",
    });
    const error = thrown(() => fit(crossed, { nAGQ: 5 }));
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toContain("BROOD");
    expect((error as Error).message).toContain("LOCATION");
  });

  it("names the family, link, column and row of bad input", () => {
    expect(() => glmm(cbppFormula, cbpp, { family: "binomail", weights: "size" })).toThrow(
      ModelError,
    );
    expect(() =>
      glmm(cbppFormula, cbpp, { family: "binomial", link: "logitt", weights: "size" }),
    ).toThrow(ModelError);
    const notBinary = thrown(() => glmm("size ~ 1 + (1 | herd)", cbpp, { family: "bernoulli" }));
    expect(notBinary).toBeInstanceOf(DataError);
    expect((notBinary as DataError).column).toBe("size");
    expect((notBinary as DataError).row).toBe(0);
    const negative = thrown(() =>
      glmm("I(incidence - 1) ~ 1 + (1 | herd)", cbpp, { family: "poisson" }),
    );
    expect(negative).toBeInstanceOf(DataError);
    expect(() => glmm(cbppFormula, cbpp, { family: "gaussian", weights: "size" })).toThrow(
      ModelError,
    );
  });
});
