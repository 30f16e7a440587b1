import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceSummary } from "../test/reference-summary";
import { coefficientRows, coefTableSpec, formatCoefTable } from "./coef-table";

const base = referenceSummary("sleepstudy_ml");

const coefficient = fc.record({
  name: fc.string({ minLength: 1, maxLength: 12 }),
  estimate: fc.double({ noNaN: true, min: -1e12, max: 1e12 }),
  stderror: fc.oneof(
    fc.double({ noNaN: true, min: 1e-12, max: 1e6 }),
    fc.constant(0),
    fc.constant(Number.NaN),
  ),
  aliased: fc.boolean(),
});

interface Coefficient {
  readonly name: string;
  readonly estimate: number;
  readonly stderror: number;
  readonly aliased: boolean;
}

function withCoefficients(rows: readonly Coefficient[]): FittedModelSummaryV1 {
  return {
    ...base,
    fixef: {
      names: rows.map((row) => row.name),
      estimates: rows.map((row) => (row.aliased ? -0 : row.estimate)),
      stderror: rows.map((row) => (row.aliased ? Number.NaN : row.stderror)),
      aliased: rows.map((row) => row.aliased),
    },
  };
}

describe("coefficient table properties", () => {
  it("p-values stay in [0, 1] (NaN only where z is undefined) and print as 0.dddd, 1.0000 or <1e-NN", () => {
    fc.assert(
      fc.property(fc.array(coefficient, { minLength: 1, maxLength: 6 }), (rows) => {
        const summary = withCoefficients(rows);
        for (const row of coefficientRows(summary)) {
          if (Number.isNaN(row.z)) {
            expect(row.p).toBeNaN();
          } else {
            expect(row.p).toBeGreaterThanOrEqual(0);
            expect(row.p).toBeLessThanOrEqual(1);
          }
        }
        for (const cells of coefTableSpec(summary).rows) {
          expect(cells[4]).toMatch(/^(|NaN|[01]\.\d{4}|<1e-\d\d)$/);
          if (/^\d/.test(cells[4])) expect(Number(cells[4])).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("text output is deterministic and every line is as wide as the rules", () => {
    fc.assert(
      fc.property(fc.array(coefficient, { minLength: 1, maxLength: 6 }), (rows) => {
        fc.pre(rows.every((row) => !/[\n\r]/.test(row.name)));
        const summary = withCoefficients(rows);
        const text = formatCoefTable(summary);
        expect(formatCoefTable(summary)).toBe(text);
        const lines = text.split("\n");
        const width = lines[0].length;
        // Lines are trimmed on the right, so none is wider than the rule.
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
        expect(lines).toHaveLength(rows.length + 4);
      }),
      { numRuns: 200 },
    );
  });

  it("markdown and HTML rows keep one cell per column whatever the coefficient names", () => {
    fc.assert(
      fc.property(fc.array(coefficient, { minLength: 1, maxLength: 6 }), (rows) => {
        const summary = withCoefficients(rows);
        const markdown = formatCoefTable(summary, { format: "markdown" }).split("\n");
        expect(markdown).toHaveLength(rows.length + 2);
        for (const line of markdown) {
          expect(line.slice(1, -1).split(/(?<!\\)\|/)).toHaveLength(5);
        }
        const html = formatCoefTable(summary, { format: "html" });
        const bodyRows = [...html.matchAll(/^<tr>(.*)<\/tr>$/gm)];
        expect(bodyRows).toHaveLength(rows.length);
        for (const [, row] of bodyRows) expect(row.match(/<td[ >]/g)).toHaveLength(5);
      }),
      { numRuns: 200 },
    );
  });
});
