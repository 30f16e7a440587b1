import { expect } from "vitest";
import type { LinearMixedModel } from "../../src/linear-mixed-model";
import type { ReferenceFit } from "./reference-cases";

/** θ from lme4's order into the model's order, matched by name. */
export function thetaInModelOrder(
  model: LinearMixedModel,
  reference: ReferenceFit,
  theta: number[],
): Float64Array {
  const names = model.thetaNames();
  return Float64Array.from(names, (name) => {
    const i = reference.theta_names.indexOf(name);
    if (i < 0) throw new Error(`θ ${name} is not among ${reference.theta_names.join(", ")}`);
    return theta[i];
  });
}

/** |actual − expected| ≤ atol + rtol·|expected|, with a message naming what is compared. */
export function expectWithin(
  actual: number,
  expected: number,
  rtol: number,
  atol: number,
  what: string,
): void {
  const ok = Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
  expect(ok, `${what}: got ${actual}, expected ${expected} (rtol ${rtol}, atol ${atol})`).toBe(
    true,
  );
}
