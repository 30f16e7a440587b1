import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { beforeAll, describe, expect, it } from "vitest";
import { lmmFromDuckDB } from "../src/index";
import {
  csvSource,
  datasetTable,
  loadReference,
  tableLevels,
  writeDatasetFiles,
} from "./helpers/reference-cases";

// InstEval (73,421 rows, 2,972 students crossed with 1,128 lecturers) in a file of its own: its
// fits take tens of seconds on a loaded machine.
const table = datasetTable("insteval");
const levels = tableLevels(table);
let files: { csv: string; parquet: string };
beforeAll(async () => {
  files = await writeDatasetFiles(table);
}, 120_000);

function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe.each(["insteval_seed_ml", "insteval_three_ml"])("DuckDB engine on %s", (id) => {
  const reference = loadReference(id);
  const memory = LinearMixedModel.fromFormula(reference.formula, table);
  const thetaOf = (point: number[]) =>
    Float64Array.from(memory.thetaNames(), (name) => point[reference.theta_names.indexOf(name)]);

  it("from CSV and from Parquet: the in-memory objective at every fixed θ to 1e-10", async () => {
    for (const source of [csvSource(files.csv, table), `read_parquet('${files.parquet}')`]) {
      const model = await lmmFromDuckDB(reference.formula, source, { levels });
      expect(model.coefnames()).toEqual(memory.coefnames());
      expect(model.blockDescription()).toEqual(memory.blockDescription());
      for (const point of reference.objective_at) {
        const theta = thetaOf(point.theta);
        expect(relative(model.objectiveAt(theta), memory.objectiveAt(theta))).toBeLessThan(1e-10);
        expect(relative(model.objectiveAt(theta), point.objective)).toBeLessThan(1e-6);
      }
    }
  }, 300_000);

  it("fits to lme4's optimum and the in-memory θ", async () => {
    const model = await lmmFromDuckDB(reference.formula, `read_parquet('${files.parquet}')`, {
      levels,
    });
    model.fit({ optimizer: bobyqa() });
    expect(model.objective).toBeLessThan(reference.objective * (1 + 1e-6));
    expect(relative(model.objective, reference.objective)).toBeLessThan(1e-6);
    memory.fit({ optimizer: bobyqa() });
    expect(relative(model.objective, memory.objective)).toBeLessThan(1e-10);
    const theta = memory.theta;
    for (const [i, value] of model.theta.entries()) {
      expect(Math.abs(value - theta[i])).toBeLessThan(1e-5);
    }
    const beta = memory.fixef();
    for (const [i, value] of model.fixef().entries()) {
      expect(Math.abs(value - beta[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(beta[i])));
    }
  }, 600_000);
});
