import { ModelError } from "@mixedmodels/core";
import { cbpp, sleepstudy } from "@mixedmodels/datasets";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { GeneralizedLinearMixedModel } from "../src/generalized-linear-mixed-model";
import { LinearMixedModel } from "../src/linear-mixed-model";
import type { FitOptions } from "../src/model-types";

// The models take the optimizer as an option (they sit below @mixedmodels/optim); JavaScript
// callers that leave it out get a ModelError that says what to pass, not a TypeError.

/** What untyped JavaScript may pass as fit's options. */
const missing: unknown[] = [undefined, {}, { optimizer: undefined }, { optimizer: {} }, null];

function fitError(fit: () => unknown): unknown {
  try {
    fit();
  } catch (caught) {
    return caught;
  }
  return null;
}

describe("fit without an optimizer", () => {
  it("LinearMixedModel: a ModelError naming bobyqa() and the umbrella's fit, model left fittable", () => {
    const model = LinearMixedModel.fromFormula(
      "Reaction ~ 1 + Days + (1 + Days | Subject)",
      sleepstudy,
    );
    for (const options of missing) {
      const error = fitError(() => model.fit(options as FitOptions));
      expect(error, JSON.stringify(options)).toBeInstanceOf(ModelError);
      expect((error as Error).message).toMatch(/needs an optimizer/);
      expect((error as Error).message).toMatch(
        /\{ optimizer: bobyqa\(\) \}\) with bobyqa from @mixedmodels\/optim/,
      );
      expect((error as Error).message).toMatch(/fit\(model\) from the mixedmodels package/);
    }
    expect(model.isFitted).toBe(false);
    model.fit({ optimizer: bobyqa() });
    // lme4's ML objective for this model (references/sleepstudy).
    expect(model.objective).toBeCloseTo(1751.9393444636682, 5);
  });

  it("GeneralizedLinearMixedModel: the same ModelError, model left fittable", () => {
    const model = GeneralizedLinearMixedModel.fromFormula(
      "incidence / size ~ 1 + period + (1 | herd)",
      cbpp,
      { family: "binomial", weights: "size" },
    );
    for (const options of missing) {
      const error = fitError(() => model.fit(options as FitOptions));
      expect(error, JSON.stringify(options)).toBeInstanceOf(ModelError);
      expect((error as Error).message).toMatch(/needs an optimizer/);
    }
    expect(model.isFitted).toBe(false);
    model.fit({ optimizer: bobyqa() });
    // glmer's −2 log L for this fit is 184.0531 (references/glmm/cbpp_binomial.json); ours is at
    // most that, within the reference set's tolerance.
    expect(-2 * model.loglikelihood).toBeLessThanOrEqual(184.0531327751022 + 1e-4);
    expect(-2 * model.loglikelihood).toBeGreaterThan(184.0531327751022 - 1e-2);
  });
});
