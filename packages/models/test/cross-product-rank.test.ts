import type { ModelParts } from "@mixedmodels/modelmatrix";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { linearMixedModelFromCrossProducts } from "../src/cross-product-model";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { rowless, sumsOf } from "./helpers/cross-product-sums";
import { referenceSpecs } from "./helpers/reference-cases";

// Issue 18: a model built from cross-products (DuckDB) drops dependent columns of X as the
// in-memory path does, instead of refusing them.

const table = referenceSpecs.sleepstudy_ml.table();
const numeric = (name: string) => {
  const column = table.columns[name];
  if (column.kind !== "numeric") throw new Error(`sleepstudy column ${name}`);
  return Array.from(column.values);
};
const reaction = numeric("Reaction");
const days = numeric("Days");
const subject = table.columns.Subject;

/** The in-memory parts with X replaced by every column before the rank check, none dropped. */
function withFullX(parts: ModelParts, columns: readonly number[][]): ModelParts {
  const n = parts.n;
  const data = new Float64Array(n * columns.length);
  columns.forEach((column, c) => {
    data.set(column, c * n);
  });
  return {
    ...parts,
    X: {
      ...parts.X,
      p: columns.length,
      data,
      names: parts.X.allNames,
      kept: Int32Array.from(columns, (_, c) => c),
      aliased: [],
    },
  };
}

function expectSameDrop(memory: LinearMixedModel, columns: readonly number[][]): void {
  const full = withFullX(memory.parts, columns);
  const fromSums = linearMixedModelFromCrossProducts(rowless(full), sumsOf(full));
  expect(fromSums.parts.X.aliased).toEqual(memory.parts.X.aliased);
  expect(fromSums.fixefnames()).toEqual(memory.fixefnames());
  expect(Array.from(fromSums.parts.X.kept)).toEqual(Array.from(memory.parts.X.kept));
  for (const theta of [
    [0.9, 0.2, 0.2],
    [1.5, -0.1, 0.05],
  ].map((t) => t.slice(0, memory.theta.length))) {
    const expected = memory.objectiveAt(theta);
    expect(Math.abs(fromSums.objectiveAt(theta) - expected)).toBeLessThan(1e-10 * expected);
  }
  memory.fit({ optimizer: bobyqa() });
  fromSums.fit({ optimizer: bobyqa() });
  expect(Math.abs(fromSums.objective - memory.objective)).toBeLessThan(1e-8 * memory.objective);
  const coef = memory.coef();
  fromSums.coef().forEach((value, i) => {
    if (Number.isNaN(coef[i]) || Object.is(coef[i], -0)) expect(value).toBe(coef[i]);
    else expect(value).toBeCloseTo(coef[i], 5);
  });
  expect(fromSums.warnings.map((w) => w.code)).toContain("rank-deficient");
}

describe("a model from cross-products with a rank-deficient X", () => {
  it("drops the later of two proportional columns and a column dependent on the intercept", () => {
    const quarter = days.map((d) => d / 4);
    const hours = days.map((d) => 24 * d + 3);
    const memory = LinearMixedModel.fromFormula(
      "Reaction ~ 1 + quarter + Days + hours + (1 + Days | Subject)",
      { Reaction: reaction, quarter, Days: days, hours, Subject: subject },
    );
    expect(memory.parts.X.aliased).toEqual(["Days", "hours"]);
    expectSameDrop(memory, [days.map(() => 1), quarter, days, hours]);
  });

  it("drops the dummy column of an empty cell of an interaction", () => {
    // Two factors, with no rows in (late, B): their interaction's column is all zeros.
    const late = days.map((d) => (d >= 5 ? "late" : "early"));
    if (subject.kind !== "categorical") throw new Error("sleepstudy's Subject");
    const levels = subject.levels;
    const codes = Array.from(subject.codes);
    const group = codes.map((code) => (code < levels.length / 2 ? "A" : "B"));
    const rows = days.map((_, t) => t).filter((t) => !(late[t] === "late" && group[t] === "B"));
    const pick = <T>(values: readonly T[]) => rows.map((t) => values[t]);
    const data = {
      Reaction: pick(reaction),
      half: pick(late),
      group: pick(group),
      Subject: pick(codes.map((code) => levels[code])),
    };
    const memory = LinearMixedModel.fromFormula("Reaction ~ 1 + half * group + (1 | Subject)", data);
    expect(memory.parts.X.aliased).toEqual(["halflate:groupB"]);
    const lateColumn = data.half.map((h) => (h === "late" ? 1 : 0));
    const bColumn = data.group.map((g) => (g === "B" ? 1 : 0));
    expectSameDrop(memory, [
      data.half.map(() => 1),
      lateColumn,
      bColumn,
      lateColumn.map((v, t) => v * bColumn[t]),
    ]);
  });
});
