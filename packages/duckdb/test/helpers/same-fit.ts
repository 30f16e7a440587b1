import type { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { expect } from "vitest";

/**
 * Fits both models and checks the DuckDB-built one against the in-memory one: the objective to
 * 1e-10 relative and every fixed effect to 1e-7 (relative, absolute below 1).
 */
export function expectSameFit(memory: LinearMixedModel, model: LinearMixedModel): void {
  memory.fit({ optimizer: bobyqa() });
  model.fit({ optimizer: bobyqa() });
  expect(Math.abs(model.objective - memory.objective)).toBeLessThan(
    1e-10 * Math.abs(memory.objective),
  );
  const beta = memory.fixef();
  for (const [i, value] of model.fixef().entries()) {
    expect(Math.abs(value - beta[i])).toBeLessThan(1e-7 * Math.max(1, Math.abs(beta[i])));
  }
}
