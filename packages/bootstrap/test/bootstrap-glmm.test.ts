import { ModelError } from "@mixedmodels/core";
import { cbpp } from "@mixedmodels/datasets";
import { GeneralizedLinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { refit, simulate } from "@mixedmodels/predict";
import { describe, expect, it } from "vitest";
import {
  bootstrapFromJSON,
  bootstrapToJSON,
  combineBootstraps,
  confint,
  parametricBootstrap,
} from "../src/index";

const formula = "incidence / size ~ 1 + period + (1 | herd)";
const cbppModel = () =>
  GeneralizedLinearMixedModel.fromFormula(formula, cbpp, { family: "binomial", weights: "size" });
const model = cbppModel().fit({ optimizer: bobyqa() });
// Worker threads load the packages' TypeScript sources through tsx: slow on a loaded machine.
const WORKER_TEST_TIMEOUT = 300_000;

describe("parametricBootstrap of a generalized model (cbpp, binomial, Laplace)", () => {
  it(
    "is bit-identical for 1 and 2 workers; replicate i is simulate's replicate i refitted",
    async () => {
      const one = await parametricBootstrap(model, 4, { seed: 42 });
      const two = await parametricBootstrap(model, 4, { seed: 42, workers: 2, batchSize: 2 });
      expect(bootstrapToJSON(two)).toBe(bootstrapToJSON(one));
      expect(one.generalized).toEqual({ family: "binomial", link: "logit", nAGQ: 1, fast: false });
      const y = simulate(model, { seed: 42, nsim: 4 })[3];
      const again = refit(cbppModel().fit({ optimizer: bobyqa() }), y);
      expect(one.replicates[3].beta).toEqual(Array.from(again.fixef()));
      expect(one.replicates[3].objective).toBe(again.objective);
      expect(one.replicates[3].stderror).toEqual(Array.from(again.stderror()));
      expect(one.names.sds).toEqual(["sd_(Intercept)|herd"]);
      // No dispersion: σ is 1 and the herd sd is θ.
      expect(one.replicates[3].sigma).toBe(1);
      expect(one.replicates[3].sds[0]).toBeCloseTo(one.replicates[3].theta[0], 12);
      expect(confint(one, { level: 0.9 }).map((row) => row.parameter)).toEqual([
        "sd_(Intercept)|herd",
        "(Intercept)",
        "period2",
        "period3",
        "period4",
      ]);
    },
    WORKER_TEST_TIMEOUT,
  );

  it(
    "resumes a cancelled run to the same bits; saves, loads and combines",
    async () => {
      const full = await parametricBootstrap(model, 4, { seed: 9 });
      const controller = new AbortController();
      const partial = await parametricBootstrap(model, 4, {
        seed: 9,
        signal: controller.signal,
        progress: (done) => {
          if (done === 2) controller.abort();
        },
      });
      expect(partial.complete).toBe(false);
      const resumed = await parametricBootstrap(model, 4, {
        seed: 9,
        workers: 2,
        resume: bootstrapFromJSON(bootstrapToJSON(partial)),
      });
      expect(bootstrapToJSON(resumed)).toBe(bootstrapToJSON(full));
      const head = { ...full, replicates: full.replicates.slice(0, 2), complete: false };
      const tail = { ...full, replicates: full.replicates.slice(2), complete: false };
      expect(bootstrapToJSON(combineBootstraps(tail, head))).toBe(bootstrapToJSON(full));
      // A run of another family is not a part of this one.
      const other = {
        ...full,
        generalized: { ...full.generalized, link: "probit" },
      } as typeof full;
      expect(() => combineBootstraps(full, other)).toThrow(ModelError);
    },
    WORKER_TEST_TIMEOUT,
  );

  it(
    "a Poisson model with an offset column: workers rebuild it with the offset",
    async () => {
      const size = cbpp.columns.size;
      if (size?.kind !== "numeric") throw new Error("cbpp size");
      const data = {
        ...cbpp,
        names: [...cbpp.names, "logsize"],
        columns: {
          ...cbpp.columns,
          logsize: { kind: "numeric" as const, values: Float64Array.from(size.values, Math.log) },
        },
      };
      const poisson = GeneralizedLinearMixedModel.fromFormula(
        "incidence ~ 1 + period + (1 | herd)",
        data,
        {
          family: "poisson",
          offset: "logsize",
        },
      ).fit({ optimizer: bobyqa() });
      const one = await parametricBootstrap(poisson, 2, { seed: 5 });
      const two = await parametricBootstrap(poisson, 2, { seed: 5, workers: 2, batchSize: 1 });
      expect(bootstrapToJSON(two)).toBe(bootstrapToJSON(one));
      const y = simulate(poisson, { seed: 5, nsim: 2 })[1];
      // The offset moves the counts: refitting with it recovers replicate 1.
      const again = GeneralizedLinearMixedModel.fromFormula(
        "incidence ~ 1 + period + (1 | herd)",
        data,
        {
          family: "poisson",
          offset: "logsize",
        },
      ).fit({ optimizer: bobyqa() });
      refit(again, y);
      expect(one.replicates[1].beta).toEqual(Array.from(again.fixef()));
    },
    WORKER_TEST_TIMEOUT,
  );

  it("rejects sigma for a model without dispersion", async () => {
    await expect(parametricBootstrap(model, 2, { seed: 1, sigma: 2 })).rejects.toThrow(ModelError);
  });
});
