import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { beforeAll, describe, expect, it } from "vitest";
import { lmmFromDuckDB } from "../src/index";
import {
  csvSource,
  loadReference,
  referenceIds,
  referenceTable,
  tableLevels,
  writeDatasetFiles,
} from "./helpers/reference-cases";

const ids = referenceIds().filter((id) => !id.startsWith("insteval"));

function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe.each(ids)("DuckDB engine on lme4 reference %s", (id) => {
  const reference = loadReference(id);
  const table = referenceTable(reference);
  const memory = LinearMixedModel.fromFormula(reference.formula, table, { reml: reference.reml });
  let files: { csv: string; parquet: string };
  beforeAll(async () => {
    files = await writeDatasetFiles(table);
  }, 120_000);

  const thetaOf = (names: string[], point: number[]) =>
    Float64Array.from(names, (name) => point[reference.theta_names.indexOf(name)]);

  it.each(["csv", "parquet"] as const)(
    "from %s: the in-memory objective at every fixed θ to 1e-10",
    async (format) => {
      const source =
        format === "csv" ? csvSource(files.csv, table) : `read_parquet('${files.parquet}')`;
      const model = await lmmFromDuckDB(reference.formula, source, {
        reml: reference.reml,
        levels: tableLevels(table),
      });
      expect(model.nobs).toBe(memory.nobs);
      expect(model.coefnames()).toEqual(memory.coefnames());
      expect(model.thetaNames()).toEqual(memory.thetaNames());
      for (const point of reference.objective_at) {
        const theta = thetaOf(memory.thetaNames(), point.theta);
        const expected = memory.objectiveAt(theta);
        expect(relative(model.objectiveAt(theta), expected)).toBeLessThan(1e-10);
        // And lme4's own value, at the reference set's tolerance.
        expect(relative(model.objectiveAt(theta), point.objective)).toBeLessThan(1e-6);
      }
    },
  );

  it("fits to the in-memory optimum (θ, β, σ) and to lme4's objective", async () => {
    const model = await lmmFromDuckDB(reference.formula, `read_parquet('${files.parquet}')`, {
      reml: reference.reml,
      levels: tableLevels(table),
    });
    model.fit({ optimizer: bobyqa() });
    const inMemory = LinearMixedModel.fromFormula(reference.formula, table, {
      reml: reference.reml,
    });
    inMemory.fit({ optimizer: bobyqa() });
    expect(relative(model.objective, inMemory.objective)).toBeLessThan(1e-10);
    expect(model.objective).toBeLessThan(reference.objective * (1 + 1e-6));
    const theta = inMemory.theta;
    model.theta.forEach((value, i) => {
      expect(Math.abs(value - theta[i])).toBeLessThan(1e-6);
    });
    const beta = inMemory.fixef();
    const se = inMemory.stderror();
    model.fixef().forEach((value, i) => {
      expect(Math.abs(value - beta[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(beta[i])));
    });
    model.stderror().forEach((value, i) => {
      expect(relative(value, se[i])).toBeLessThan(1e-6);
    });
    expect(relative(model.sigma, inMemory.sigma)).toBeLessThan(1e-8);
  });
});
