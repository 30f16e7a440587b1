import { readFileSync } from "node:fs";
import { cbpp, sleepstudy } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { fit, glmm, lmm, toDataTable } from "../src/index";

// An offset reaches the model once whether it is written in the formula, given as the `offset`
// option (which buildModelParts and the GLMM constructor both see), or both ways on different
// columns. References: lme4 1.1-31 (fixtures/offset/make-offset-fits.R).
const reference = JSON.parse(
  readFileSync(new URL("./fixtures/offset/offset-fits.json", import.meta.url), "utf8"),
) as {
  poisson: { minus2loglik: number; fixef: number[] };
  linear: { deviance: number; fixef: number[] };
};

function withColumns(
  table: ReturnType<typeof toDataTable>,
  extra: Record<string, Float64Array>,
): ReturnType<typeof toDataTable> {
  const columns: Record<string, (typeof table.columns)[string]> = { ...table.columns };
  for (const [name, values] of Object.entries(extra)) columns[name] = { kind: "numeric", values };
  return toDataTable({ nrow: table.nrow, names: [...table.names, ...Object.keys(extra)], columns });
}

const cbppTable = toDataTable(cbpp);
const size = cbppTable.columns.size;
if (size.kind !== "numeric") throw new Error("cbpp size is numeric");
const logSize = Float64Array.from(size.values, (value) => Math.log(value));
const halfLogSize = Float64Array.from(logSize, (value) => value / 2);
const cbppWithOffsets = withColumns(cbppTable, { logsize: logSize, halflog: halfLogSize });

function expectPoissonReference(minus2loglik: number, beta: ArrayLike<number>): void {
  // -2 log L within 1e-6 relative (or lower), β within 1e-4 absolute (about 1e-3 SE here).
  expect(minus2loglik - reference.poisson.minus2loglik).toBeLessThan(
    1e-6 * reference.poisson.minus2loglik,
  );
  expect(minus2loglik).toBeGreaterThan(reference.poisson.minus2loglik - 1e-3);
  reference.poisson.fixef.forEach((value, j) => {
    expect(Math.abs(beta[j] - value)).toBeLessThan(1e-3);
  });
}

describe("an offset is counted once", () => {
  it("Poisson GLMM: offset(log(size)) in the formula agrees with glmer", () => {
    const m = fit(
      glmm("incidence ~ 1 + period + offset(log(size)) + (1 | herd)", cbpp, { family: "poisson" }),
    );
    expectPoissonReference(-2 * m.loglikelihood, m.fixef());
  });

  it("Poisson GLMM: the same offset as the `offset` option gives glmer's fit, not a doubled one", () => {
    const m = fit(
      glmm("incidence ~ 1 + period + (1 | herd)", cbppWithOffsets, {
        family: "poisson",
        offset: "logsize",
      }),
    );
    expectPoissonReference(-2 * m.loglikelihood, m.fixef());
  });

  it("Poisson GLMM: half in the formula and half as the option add up to the whole offset", () => {
    const m = fit(
      glmm("incidence ~ 1 + period + offset(halflog) + (1 | herd)", cbppWithOffsets, {
        family: "poisson",
        offset: Array.from(halfLogSize),
      }),
    );
    expectPoissonReference(-2 * m.loglikelihood, m.fixef());
  });

  it("linear model: the `offset` option is subtracted from y once (lmer's offset =)", () => {
    const sleep = toDataTable(sleepstudy);
    const days = sleep.columns.Days;
    if (days.kind !== "numeric") throw new Error("Days is numeric");
    const data = withColumns(sleep, { off: Float64Array.from(days.values, (d) => 10 * d) });
    const m = fit(lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", data, { offset: "off" }));
    expect(Math.abs(m.objective / reference.linear.deviance - 1)).toBeLessThan(1e-6);
    // Without the offset the slope is 10.4673; with it counted twice it would be -9.53.
    expect(Math.abs(m.fixef()[1] - reference.linear.fixef[1])).toBeLessThan(1e-3);
    expect(Math.abs(m.fixef()[0] - reference.linear.fixef[0])).toBeLessThan(1e-2);
  });
});
