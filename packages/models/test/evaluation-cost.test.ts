import { pastes, penicillin, sleepstudy } from "@mixedmodels/datasets";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it, vi } from "vitest";
import { BlockedSystem } from "../src/blocked-system";
import { LinearMixedModel } from "../src/linear-mixed-model";

/** Count typed-array constructions while `run` executes. */
function countFloat64Arrays(run: () => void): number {
  const original = globalThis.Float64Array;
  let count = 0;
  globalThis.Float64Array = new Proxy(original, {
    construct(target, args) {
      count++;
      return Reflect.construct(target, args);
    },
  });
  try {
    run();
  } finally {
    globalThis.Float64Array = original;
  }
  return count;
}

const cases: [string, Parameters<typeof LinearMixedModel.fromFormula>[1]][] = [
  ["Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy],
  ["diameter ~ 1 + (1 | plate) + (1 | sample)", penicillin],
  ["strength ~ 1 + (1 | batch / cask)", pastes],
];

describe("one evaluation of the objective", () => {
  it.each(cases)("allocates no typed arrays: %s", (formula, data) => {
    const system = new BlockedSystem(LinearMixedModel.fromFormula(formula, data).parts);
    const theta = system.layout.lowerBounds().map((bound) => (bound === 0 ? 0.8 : 0.1));
    system.setTheta(theta);
    expect(system.updateFactor()).toBe(true);
    let value = Number.NaN;
    const allocations = countFloat64Arrays(() => {
      system.setTheta(theta);
      system.updateFactor();
      value = system.objective(false);
    });
    expect(allocations).toBe(0);
    expect(Number.isFinite(value)).toBe(true);
  });

  it("has storage whose size does not depend on the number of observations", () => {
    const column = (name: string): (number | string)[] => {
      const values = sleepstudy.columns[name];
      return values.kind === "numeric"
        ? Array.from(values.values)
        : Array.from(values.codes, (code) => values.levels[code]);
    };
    const repeated = (name: string) => Array.from({ length: 5 }, () => column(name)).flat();
    const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";
    const small = LinearMixedModel.fromFormula(formula, sleepstudy);
    const large = LinearMixedModel.fromFormula(formula, {
      Reaction: repeated("Reaction"),
      Days: repeated("Days"),
      Subject: repeated("Subject"),
    });
    expect(large.nobs).toBe(5 * small.nobs);
    const sizes = (model: LinearMixedModel) =>
      new BlockedSystem(model.parts).factor.map((block) => `${block.kind}:${block.values.length}`);
    expect(sizes(large)).toEqual(sizes(small));
    expect(Number.isFinite(large.objectiveAt([1, 0, 1]))).toBe(true);
  });
});

describe("a fit", () => {
  it.each(cases)("factors L once per evaluation, not again at θ it holds: %s", (formula, data) => {
    const reference = LinearMixedModel.fromFormula(formula, data);
    const spy = vi.spyOn(BlockedSystem.prototype, "updateFactor");
    try {
      const model = LinearMixedModel.fromFormula(formula, data);
      spy.mockClear();
      model.fit({ optimizer: bobyqa() });
      // The initial point's factorization serves the optimizer's first evaluation, and the
      // final θ, when it is the last one evaluated, is installed without a factorization.
      expect(spy.mock.calls.length).toBeLessThanOrEqual(model.fitLog.length);
      const last = model.fitLog[model.fitLog.length - 1];
      expect(
        Object.is(model.objective, last.objective) || !sameTheta(model.theta, last.theta),
      ).toBe(true);
      // The accessors read the same L as a model that factors at the final θ afresh.
      spy.mockClear();
      expect(Object.is(reference.objectiveAt(model.theta), model.objective)).toBe(true);
      expect(spy.mock.calls.length).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});

function sameTheta(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.from(a).every((value, i) => Object.is(value, b[i]));
}
