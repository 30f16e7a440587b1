import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pastes, sleepstudy } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { fit, lmm } from "../index";
import { augment } from "./augment";
import { glance } from "./glance";
import { levelCoefficients } from "./level-coefficients";
import { type TidyRow, tidy } from "./tidy";

interface Reference {
  id: string;
  formula: string;
  reml: boolean;
  fixed: {
    term: string;
    estimate: number;
    "std.error": number;
    statistic: number;
    "p.value": number;
    "conf.low": number;
    "conf.high": number;
  }[];
  ran_pars: { group: string; term: string; estimate: number }[];
  ran_vals: { group: string; level: string; term: string; estimate: number; "std.error": number }[];
  ran_coefs: { group: string; level: string; term: string; estimate: number }[];
  glance: Record<string, number>;
  augment: { ".fitted": number; ".resid": number; ".hat": number; ".fixed": number }[];
}

// lme4's numbers for broom.mixed's tidiers: test/fixtures/broom/make-broom-reference.R.
const references = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../test/fixtures/broom/broom-reference.json"), "utf8"),
) as Reference[];
const data = { sleepstudy_ml: sleepstudy, sleepstudy_reml: sleepstudy, pastes_nested_ml: pastes };

function close(ours: number | null, theirs: number, tolerance: number): void {
  expect(ours).not.toBeNull();
  expect(Math.abs((ours as number) - theirs)).toBeLessThanOrEqual(tolerance);
}

describe("tidy, glance, augment and levelCoefficients against lme4", () => {
  for (const reference of references) {
    const model = fit(lmm(reference.formula, data[reference.id as keyof typeof data]), {
      reml: reference.reml,
    });
    const sigma = reference.glance.sigma;

    it(`${reference.id}: fixed effects with Wald intervals`, () => {
      const rows = tidy(model, { effects: "fixed", conf: true });
      expect(rows.map((row) => row.term)).toEqual(reference.fixed.map((row) => row.term));
      reference.fixed.forEach((expected, i) => {
        const row = rows[i];
        const se = expected["std.error"];
        expect(row.effect).toBe("fixed");
        expect(row.group).toBeNull();
        close(row.estimate, expected.estimate, 2e-3 * se);
        close(row["std.error"], se, 2e-3 * se);
        close(row.statistic, expected.statistic, 5e-3 * Math.abs(expected.statistic));
        close(row["conf.low"] ?? null, expected["conf.low"], 4e-3 * se);
        close(row["conf.high"] ?? null, expected["conf.high"], 4e-3 * se);
        const p = row["p.value"] as number;
        if (expected["p.value"] < 1e-300) expect(p).toBeLessThan(1e-290);
        else {
          expect(Math.abs(Math.log(p) - Math.log(expected["p.value"]))).toBeLessThan(
            2e-2 * Math.abs(Math.log(expected["p.value"])) + 1e-3,
          );
        }
      });
    });

    it(`${reference.id}: variance parameters named as broom.mixed`, () => {
      const rows = tidy(model, { effects: "ran_pars" });
      expect(rows.map((row) => [row.group, row.term])).toEqual(
        reference.ran_pars.map((row) => [row.group, row.term]),
      );
      reference.ran_pars.forEach((expected, i) => {
        const tolerance = expected.term.startsWith("cor__")
          ? 1e-2
          : 5e-3 * expected.estimate + 2e-3 * sigma;
        close(rows[i].estimate, expected.estimate, tolerance);
      });
    });

    it(`${reference.id}: conditional modes with their standard deviations`, () => {
      const rows = tidy(model, { effects: "ran_vals" });
      const key = (row: { group: string | null; level: string | null; term: string }) =>
        `${row.group}/${row.level}/${row.term}`;
      const ours = new Map(rows.map((row) => [key(row), row]));
      expect(rows.length).toBe(reference.ran_vals.length);
      for (const expected of reference.ran_vals) {
        const row = ours.get(key(expected)) as TidyRow;
        expect(row, key(expected)).toBeDefined();
        close(row.estimate, expected.estimate, 5e-3 * expected["std.error"] + 1e-9);
        close(row["std.error"], expected["std.error"], 5e-3 * expected["std.error"]);
      }
    });

    it(`${reference.id}: lme4's coef(m) per level, as levelCoefficients and ran_coefs rows`, () => {
      const rows = tidy(model, { effects: "ran_coefs" });
      expect(rows.length).toBe(reference.ran_coefs.length);
      const tables = levelCoefficients(model);
      for (const expected of reference.ran_coefs) {
        const table = tables.find((entry) => entry.group === expected.group);
        expect(table, expected.group).toBeDefined();
        const value =
          table?.values[table.levels.indexOf(expected.level)][table.terms.indexOf(expected.term)];
        close(value ?? null, expected.estimate, 5e-3 * sigma);
      }
    });

    it(`${reference.id}: glance and augment`, () => {
      const row = glance(model);
      expect(Object.keys(row)).toEqual(Object.keys(reference.glance));
      expect(row.nobs).toBe(reference.glance.nobs);
      expect(row["df.residual"]).toBe(reference.glance["df.residual"]);
      close(row.sigma, sigma, 2e-3 * sigma);
      for (const name of ["logLik", "AIC", "BIC", "deviance"] as const) {
        close(row[name], reference.glance[name], 1e-6 * Math.abs(reference.glance[name]));
      }
      const rows = augment(model);
      expect(rows.length).toBe(reference.augment.length);
      reference.augment.forEach((expected, t) => {
        close(rows[t][".fitted"], expected[".fitted"], 2e-3 * sigma);
        close(rows[t][".resid"], expected[".resid"], 2e-3 * sigma);
        close(rows[t][".fixed"], expected[".fixed"], 2e-3 * sigma);
        close(rows[t][".hat"], expected[".hat"], 2e-3);
      });
    });
  }

  it("serialises every result to JSON as plain numbers, never typed-array objects", () => {
    const model = fit(lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy));
    const text = JSON.stringify([
      tidy(model, { effects: ["fixed", "ran_pars", "ran_vals", "ran_coefs"], conf: true }),
      glance(model),
      augment(model),
      levelCoefficients(model),
    ]);
    expect(text).not.toMatch(/"0":/);
    expect(JSON.parse(text)[3][0].values[0]).toHaveLength(2);
  });

  it("rejects an unknown kind of effects and an unfitted model with ModelErrors", () => {
    const model = lmm("Reaction ~ 1 + Days + (1 | Subject)", sleepstudy);
    expect(() => tidy(model)).toThrow(/fit/);
    fit(model);
    expect(() => tidy(model, { effects: "random" as "fixed" })).toThrow(/ran_pars/);
  });
});
