import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { expectWithin } from "./helpers/compare";
import { loadReference, referenceSpecs, smallReferenceIds } from "./helpers/reference-cases";

// The accessors that no test compared with lme4 (issue 19: mutation testing found deviance,
// pwrss, dofResidual and lowerbd without coverage), each against a number from the lme4 fit:
// deviance() is lme4's objective (−2 log-likelihood, or the REML criterion); pwrss is σ̂²·ν with
// lme4's σ̂ (lme4: sigma = sqrt(pwrss / ν), ν = n for ML, n − p for REML); df.residual(m) is
// nobs − the log-likelihood's df; getME(m, "lower") is 0 for a diagonal θ (lme4 names those
// "group.column", the others "group.row.column") and −Inf elsewhere.
describe.each(smallReferenceIds)("lme4 reference %s: derived accessors", (id) => {
  const reference = loadReference(id);

  it("deviance, pwrss, dofResidual and lowerbd agree with lme4's", () => {
    const model = LinearMixedModel.fromFormula(reference.formula, referenceSpecs[id].table(), {
      reml: reference.reml,
    });
    model.fit({ optimizer: bobyqa(), reml: reference.reml });
    expectWithin(model.deviance, reference.objective, 1e-6, 0, "deviance");
    const p = reference.fixef.names.length;
    const nu = reference.reml ? reference.nobs - p : reference.nobs;
    // σ̂ agrees with lme4's to 2e-3 (reference-fits.test.ts), so σ̂² to about 4e-3.
    expectWithin(model.pwrss, reference.sigma ** 2 * nu, 5e-3, 0, "pwrss");
    expect(model.dofResidual).toBe(reference.nobs - reference.dof);
    const names = model.thetaNames();
    expect([...names].sort()).toEqual([...reference.theta_names].sort());
    const lower = Array.from(model.lowerbd);
    names.forEach((name, i) => {
      const diagonal = name.split(".").length === 2;
      expect(lower[i], name).toBe(diagonal ? 0 : Number.NEGATIVE_INFINITY);
    });
  });
});

describe("pwrss on a conditioned response", () => {
  it("is σ̂²·n with lme4's σ̂ scaled as y is (Reaction × 2²⁰, fitted on rescaled columns)", () => {
    // Scaling y by c scales the ML fit's σ̂ by c exactly (θ unchanged), so lme4's σ̂·2²⁰ is the
    // reference; at this size the model is fitted on a rescaled response (responseScale ≠ 1).
    const reference = loadReference("sleepstudy_ml");
    const table = referenceSpecs.sleepstudy_ml.table();
    const reaction = table.columns.Reaction;
    if (reaction.kind !== "numeric") throw new Error("Reaction is numeric");
    const scaled = {
      ...table,
      columns: {
        ...table.columns,
        Reaction: { kind: "numeric" as const, values: reaction.values.map((v) => v * 2 ** 20) },
      },
    };
    const model = LinearMixedModel.fromFormula(reference.formula, scaled, { reml: false });
    model.fit({ optimizer: bobyqa() });
    expectWithin(model.pwrss, (reference.sigma * 2 ** 20) ** 2 * reference.nobs, 5e-3, 0, "pwrss");
  });
});
