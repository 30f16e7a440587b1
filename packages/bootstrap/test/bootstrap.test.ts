import { ModelError } from "@mixedmodels/core";
import { sleepstudy } from "@mixedmodels/datasets";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { refit, simulate } from "@mixedmodels/predict";
import { describe, expect, it } from "vitest";
import {
  bootstrapFromJSON,
  bootstrapToJSON,
  combineBootstraps,
  confint,
  parametricBootstrap,
  shortestCoverage,
} from "../src/index";

const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";
const model = LinearMixedModel.fromFormula(formula, sleepstudy).fit({ optimizer: bobyqa() });

describe("parametricBootstrap", () => {
  it("is bit-identical for 1, 2 and 3 workers, and replicate i is simulate's replicate i refitted", async () => {
    const one = await parametricBootstrap(model, 12, { seed: 42 });
    const two = await parametricBootstrap(model, 12, { seed: 42, workers: 2, batchSize: 2 });
    const three = await parametricBootstrap(model, 12, { seed: 42, workers: 3, batchSize: 1 });
    expect(bootstrapToJSON(two)).toBe(bootstrapToJSON(one));
    expect(bootstrapToJSON(three)).toBe(bootstrapToJSON(one));
    expect(one.complete).toBe(true);
    expect(one.replicates.map((row) => row.replicate)).toEqual([...Array(12).keys()]);
    const y = simulate(model, { seed: 42, nsim: 5 })[4];
    const again = LinearMixedModel.fromFormula(formula, sleepstudy).fit({ optimizer: bobyqa() });
    refit(again, y);
    expect(one.replicates[4].beta).toEqual(Array.from(again.fixef()));
    expect(one.replicates[4].objective).toBe(again.objective);
  });

  it("rows carry objective, σ, β, standard errors, θ, sds and correlations with lme4 names", async () => {
    const boot = await parametricBootstrap(model, 3, { seed: 1 });
    expect(boot.names).toEqual({
      beta: ["(Intercept)", "Days"],
      theta: ["Subject.(Intercept)", "Subject.Days.(Intercept)", "Subject.Days"],
      sds: ["sd_(Intercept)|Subject", "sd_Days|Subject"],
      correlations: ["cor_Days.(Intercept)|Subject"],
    });
    const row = boot.replicates[0];
    expect(row.beta).toHaveLength(2);
    expect(row.stderror).toHaveLength(2);
    expect(row.theta).toHaveLength(3);
    expect(row.sds).toHaveLength(2);
    expect(row.correlations).toHaveLength(1);
    // σ·‖row of λ‖ is the sd of the first column: θ₁σ for the intercept.
    expect(row.sds[0]).toBeCloseTo(row.theta[0] * row.sigma, 10);
  });

  it("resumes a cancelled run and combines parts into the same result as one run", async () => {
    const full = await parametricBootstrap(model, 10, { seed: 7 });
    const controller = new AbortController();
    const partial = await parametricBootstrap(model, 10, {
      seed: 7,
      signal: controller.signal,
      progress: (done) => {
        if (done === 4) controller.abort();
      },
    });
    expect(partial.complete).toBe(false);
    expect(partial.replicates.length).toBeLessThan(10);
    const resumed = await parametricBootstrap(model, 10, { seed: 7, resume: partial, workers: 2 });
    expect(bootstrapToJSON(resumed)).toBe(bootstrapToJSON(full));
    const firstHalf = { ...full, replicates: full.replicates.slice(0, 5), complete: false };
    const secondHalf = { ...full, replicates: full.replicates.slice(5), complete: false };
    expect(bootstrapToJSON(combineBootstraps(secondHalf, firstHalf))).toBe(bootstrapToJSON(full));
    const other = await parametricBootstrap(model, 2, { seed: 8 });
    expect(() => combineBootstraps(full, other)).toThrow(ModelError);
  });

  it("cancelled on three threads: stops early, and every finished replicate has its sequential bits", async () => {
    const controller = new AbortController();
    const partial = await parametricBootstrap(model, 400, {
      seed: 11,
      workers: 3,
      signal: controller.signal,
      progress: (done) => {
        if (done === 12) controller.abort();
      },
    });
    expect(partial.complete).toBe(false);
    expect(partial.replicates.length).toBeGreaterThanOrEqual(12);
    expect(partial.replicates.length).toBeLessThan(400);
    const sequential = await parametricBootstrap(model, 400, { seed: 11 });
    for (const row of partial.replicates) {
      expect(JSON.stringify(row)).toBe(JSON.stringify(sequential.replicates[row.replicate]));
    }
  });

  it("saves to JSON and loads the same bits", async () => {
    const boot = await parametricBootstrap(model, 4, { seed: 3 });
    const loaded = bootstrapFromJSON(bootstrapToJSON(boot));
    expect(loaded).toEqual(boot);
    expect(() => bootstrapFromJSON('{"version": 2}')).toThrow(ModelError);
  });

  it("intervals: shortest coverage is no wider than equal-tail; confint levels nest", async () => {
    const boot = await parametricBootstrap(model, 40, { seed: 9, workers: 2 });
    const shortest = shortestCoverage(boot, 0.9);
    const equalTail = confint(boot, { level: 0.9 });
    expect(shortest.map((row) => row.parameter)).toEqual([
      "sd_(Intercept)|Subject",
      "sd_Days|Subject",
      "cor_Days.(Intercept)|Subject",
      "sigma",
      "(Intercept)",
      "Days",
    ]);
    shortest.forEach((row, k) => {
      // Shortest among windows of ⌈0.9·40⌉ = 36 order statistics; the type-7 quantiles span
      // order statistics 2.95..38.05, i.e. wider than 36 values.
      expect(row.upper - row.lower).toBeLessThanOrEqual(equalTail[k].upper - equalTail[k].lower);
    });
    const wide = confint(boot, { level: 0.99 });
    wide.forEach((row, k) => {
      expect(row.lower).toBeLessThanOrEqual(equalTail[k].lower);
      expect(row.upper).toBeGreaterThanOrEqual(equalTail[k].upper);
    });
    expect(() => confint(boot, { level: 1.5 })).toThrow(ModelError);
  });

  it("rejects an unfitted model and bad counts", async () => {
    const unfitted = LinearMixedModel.fromFormula(formula, sleepstudy);
    await expect(parametricBootstrap(unfitted, 2, { seed: 1 })).rejects.toThrow(ModelError);
    await expect(parametricBootstrap(model, -1, { seed: 1 })).rejects.toThrow(ModelError);
    await expect(parametricBootstrap(model, 2, { seed: 1, workers: 0 })).rejects.toThrow(
      ModelError,
    );
  });
});
