import { FitAbortedError } from "@mixedmodels/core";
import { sleepstudy } from "@mixedmodels/datasets";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { LinearMixedModel } from "../src/linear-mixed-model";

const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";

describe("FitOptions.signal", () => {
  it("stops before the next evaluation with a FitAbortedError, and refit starts clean", () => {
    const model = LinearMixedModel.fromFormula(formula, sleepstudy);
    const controller = new AbortController();
    let seen = 0;
    const error = (() => {
      try {
        model.fit({
          optimizer: bobyqa(),
          signal: controller.signal,
          progress: (evaluation) => {
            seen = evaluation;
            if (evaluation === 7) controller.abort();
          },
        });
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(FitAbortedError);
    expect((error as FitAbortedError).evaluations).toBe(7);
    expect(seen).toBe(7);
    expect(model.isFitted).toBe(false);
    // Back at the initial θ, so nothing of the aborted fit leaks into the next one.
    expect(Array.from(model.theta)).toEqual([1, 0, 1]);

    const fresh = LinearMixedModel.fromFormula(formula, sleepstudy).fit({ optimizer: bobyqa() });
    model.refit(undefined, { signal: undefined });
    expect(model.isFitted).toBe(true);
    expect(model.objective).toBe(fresh.objective);
    expect(Array.from(model.theta)).toEqual(Array.from(fresh.theta));
    expect(model.fitLog.length).toBe(fresh.fitLog.length);
    // lme4: deviance 1751.939 for this model.
    expect(model.objective).toBeCloseTo(1751.9393, 3);
  });

  it("refuses to start with a signal that is already aborted", () => {
    const model = LinearMixedModel.fromFormula(formula, sleepstudy);
    const controller = new AbortController();
    controller.abort("user pressed stop");
    expect(() => model.fit({ optimizer: bobyqa(), signal: controller.signal })).toThrow(
      /aborted after 0 evaluations: user pressed stop/,
    );
    expect(model.isFitted).toBe(false);
  });
});
