import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { expectWithin, thetaInModelOrder } from "./helpers/compare";
import {
  loadReference,
  referenceParts,
  referenceSpecs,
  smallReferenceIds,
} from "./helpers/reference-cases";

function modelFor(id: string): LinearMixedModel {
  const reference = loadReference(id);
  return LinearMixedModel.fromFormula(reference.formula, referenceSpecs[id].table(), {
    reml: reference.reml,
  });
}

describe.each(smallReferenceIds)("lme4 reference %s", (id) => {
  const reference = loadReference(id);

  it("evaluates the objective at fixed θ (no optimizer)", () => {
    const model = modelFor(id);
    for (const point of reference.objective_at) {
      const theta = thetaInModelOrder(model, reference, point.theta);
      expectWithin(
        model.objectiveAt(theta),
        point.objective,
        1e-9,
        0,
        `objective at θ = ${point.theta}`,
      );
    }
  });

  it("fits to lme4's optimum within the reference tolerances", () => {
    const model = modelFor(id);
    model.fit({ optimizer: bobyqa(), reml: reference.reml });
    const sigma = reference.sigma;
    // A better optimum than lme4's is fine; a worse one must be within 1e-6 relative.
    expect(model.objective).toBeLessThanOrEqual(
      reference.objective + 1e-6 * Math.abs(reference.objective),
    );
    expectWithin(model.objective, reference.objective, 1e-6, 0, "objective");
    expectWithin(model.sigma, sigma, 2e-3, 0, "sigma");
    expect(model.nobs).toBe(reference.nobs);
    expect(model.dof).toBe(reference.dof);
    expectWithin(model.aic, reference.aic, 1e-6, 0, "aic");
    expectWithin(model.bic, reference.bic, 1e-6, 0, "bic");
    expectWithin(model.loglikelihood, reference.loglik, 1e-6, 0, "loglik");

    expect(model.coefnames()).toEqual(reference.fixef.names);
    const beta = model.coef();
    const se = model.stderror();
    reference.fixef.names.forEach((name, i) => {
      expectWithin(
        beta[i],
        reference.fixef.beta[i],
        0,
        2e-3 * reference.fixef.stderror[i],
        `β ${name}`,
      );
      expectWithin(se[i], reference.fixef.stderror[i], 2e-3, 0, `SE ${name}`);
    });

    const groups = model.varCorr().groups;
    expect(groups.map((g) => g.group).sort()).toEqual(reference.varcorr.map((g) => g.group).sort());
    for (const expected of reference.varcorr) {
      const actual = groups.find((g) => g.group === expected.group);
      expect(actual?.names).toEqual(expected.names);
      expected.sd.forEach((sd, r) => {
        expectWithin(
          actual?.sd[r] ?? Number.NaN,
          sd,
          5e-3,
          2e-3 * sigma,
          `sd ${expected.group} ${expected.names[r]}`,
        );
      });
      if (expected.corr === null) expect(actual?.corr).toBeNull();
      else {
        expected.corr.forEach((row, r) => {
          row.forEach((value, c) => {
            expectWithin(actual?.corr?.[r][c] ?? Number.NaN, value, 0, 5e-3, `corr ${r},${c}`);
          });
        });
      }
    }

    // θ itself, in lme4's order by name, at the sds' tolerance (θ is σ-relative, so the
    // absolute part is the sds' 2e-3·σ divided by σ).
    const theta = model.theta;
    model.thetaNames().forEach((name, k) => {
      const i = reference.theta_names.indexOf(name);
      expect(i, `θ ${name} in lme4's names`).toBeGreaterThanOrEqual(0);
      expectWithin(theta[k], reference.theta[i], 5e-3, 2e-3, `θ ${name}`);
    });

    expect(model.isSingular()).toBe(reference.singular);
    for (const expected of reference.ranef ?? []) {
      const table = model.ranef().find((t) => t.group === expected.group);
      expect(table).toBeDefined();
      if (table === undefined) continue;
      expect(table.columnNames).toEqual(expected.names);
      const s = table.columnNames.length;
      // Each column at its own scale: a slope's modes are far smaller than an intercept's.
      const scale = expected.names.map((_, r) =>
        Math.max(...expected.values.map((row) => Math.abs(row[r]))),
      );
      expected.levels.forEach((level, i) => {
        const l = table.levels.indexOf(level);
        expect(l, `level ${level}`).toBeGreaterThanOrEqual(0);
        for (let r = 0; r < s; r++) {
          expectWithin(
            table.values[l * s + r],
            expected.values[i][r],
            0,
            5e-3 * scale[r],
            `ranef ${level} ${expected.names[r]}`,
          );
        }
      });
    }
  });
});

describe("hand-built model parts (test/helpers/hand-parts.ts)", () => {
  it.each(smallReferenceIds)("give the same objective as buildModelParts for %s", (id) => {
    const reference = loadReference(id);
    const fromFormula = modelFor(id);
    const byHand = new LinearMixedModel(referenceParts(id), { reml: reference.reml });
    expect(byHand.thetaNames()).toEqual(fromFormula.thetaNames());
    for (const point of reference.objective_at) {
      const theta = thetaInModelOrder(byHand, reference, point.theta);
      expectWithin(byHand.objectiveAt(theta), fromFormula.objectiveAt(theta), 1e-12, 0, id);
    }
  });
});
