import type { FittedModelSummaryV1, VarCorrGroupV1 } from "@mixedmodels/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceSummary } from "../test/reference-summary";
import { formatSummary } from "./format-summary";

const base = referenceSummary("sleepstudy_ml");
const identifier = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/);

/** A variance-components group with a valid correlation layout (symmetric, unit diagonal). */
const group: fc.Arbitrary<VarCorrGroupV1> = fc
  .record({
    name: identifier,
    columns: fc.uniqueArray(identifier, { minLength: 1, maxLength: 3 }),
    seed: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
    structural: fc.boolean(),
    sd: fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ name, columns, seed, structural, sd }) => {
    const k = columns.length;
    const corr =
      k === 1
        ? null
        : columns.map((_, i) =>
            columns.map((__, j) => {
              if (i === j) return 1;
              return structural ? -0 : seed[Math.min(i, j) + Math.max(i, j) - 1];
            }),
          );
    return { group: name, names: columns, sd: sd.slice(0, k), corr };
  });

const summary: fc.Arbitrary<FittedModelSummaryV1> = fc
  .record({
    groups: fc.array(group, { minLength: 1, maxLength: 3 }),
    reml: fc.boolean(),
    sigma: fc.double({ min: 1e-6, max: 1e4, noNaN: true }),
    singular: fc.boolean(),
  })
  .map(({ groups, reml, sigma, singular }) => ({
    ...base,
    reml,
    sigma,
    singular,
    varcorr: groups,
    ngroups: groups.map((g, i) => ({ group: g.group, levels: 5 + i })),
  }));

describe("formatSummary on arbitrary summaries", () => {
  it("prints one line per random-effects column in a fixed frame, deterministically", () => {
    fc.assert(
      fc.property(summary, (model) => {
        const text = formatSummary(model);
        expect(formatSummary(model)).toBe(text);
        const lines = text.split("\n");
        const columns = model.varcorr.reduce((sum, g) => sum + g.names.length, 0);
        const statistics = model.reml ? 1 : 2;
        const warnings = model.singular ? 2 : 0;
        // criterion, formula, statistics, blank, title, header, columns, residual, obs, blank,
        // fixed-effects title, 3 rules, header, 2 coefficients, (blank + warning).
        expect(lines).toHaveLength(
          2 + statistics + 1 + 2 + columns + 1 + 1 + 1 + 1 + 4 + 2 + warnings,
        );
        const title = lines.indexOf("Variance components:");
        const body = lines.slice(title + 2, title + 2 + columns + 1);
        expect(body[body.length - 1].startsWith("Residual")).toBe(true);
        // Variance and SD columns line up: the same number of decimals on every line.
        const decimals = body.map((line) =>
          line
            .match(/\.(\d+)\s+\d+\.(\d+)/)
            ?.slice(1, 3)
            .map((digits) => digits.length),
        );
        for (const pair of decimals) expect(pair).toEqual(decimals[0]);
      }),
      { numRuns: 200 },
    );
  });
});
