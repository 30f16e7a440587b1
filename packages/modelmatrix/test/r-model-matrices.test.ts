/**
 * X against R's model.matrix for a synthetic table: column names (R's coding rules, contrasts,
 * transforms, interaction order) and, for the kept columns, the values.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildModelParts } from "../src/build-model-parts";
import type { ContrastType } from "../src/contrasts/contrast";

interface RCase {
  readonly rhs: string;
  readonly contrasts?: Record<string, string>;
  readonly names: string[];
  readonly values: number[];
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/r-model-matrices.json", import.meta.url), "utf8"),
) as {
  data: Record<string, (number | string)[]>;
  levels: Record<string, string[]>;
  cases: RCase[];
};

const codings: Record<string, ContrastType> = {
  "contr.sum": "sum",
  "contr.helmert": "helmert",
  "contr.treatment": "treatment",
};

describe("X equals R's model.matrix", () => {
  for (const rCase of fixture.cases) {
    const label = rCase.contrasts
      ? `${rCase.rhs} with ${JSON.stringify(rCase.contrasts)}`
      : rCase.rhs;
    it(label, () => {
      const contrasts = Object.fromEntries(
        Object.entries(rCase.contrasts ?? {}).map(([name, coding]) => [name, codings[coding]]),
      );
      const parts = buildModelParts(`y ~ ${rCase.rhs} + (1 | g)`, fixture.data, {
        levels: fixture.levels,
        contrasts,
      });
      expect(parts.X.allNames).toEqual(rCase.names);
      const n = parts.n;
      Array.from(parts.X.kept).forEach((column, k) => {
        const ours = parts.X.data.subarray(k * n, (k + 1) * n);
        const theirs = rCase.values.slice(column * n, (column + 1) * n);
        ours.forEach((value, t) => {
          expect(value).toBeCloseTo(theirs[t], 12);
        });
      });
    });
  }
});
