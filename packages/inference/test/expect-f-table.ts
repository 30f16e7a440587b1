import { expectClose } from "@mixedmodels/testkit";
import { expect } from "vitest";
import type { anova } from "../src/index";
import type { FTable } from "./fixture-cases";

/**
 * An F-test table against lmerTest's or pbkrtest's at the reference set's tolerances: the same
 * terms and NumDF, DenDF within 1e-3 relative, F within 1e-4, p within 1e-3 (or 1e-10 absolute).
 */
export function expectFTable(ours: ReturnType<typeof anova>, reference: FTable): void {
  expect(ours.rows.map((r) => r.term)).toEqual(reference.terms);
  expect(ours.rows.map((r) => r.numDf)).toEqual(reference.numdf);
  expectClose(
    ours.rows.map((r) => r.denDf),
    reference.dendf,
    { rtol: 1e-3 },
  );
  expectClose(
    ours.rows.map((r) => r.F),
    reference.F,
    { rtol: 1e-4 },
  );
  expectClose(
    ours.rows.map((r) => r.p),
    reference.p,
    { rtol: 1e-3, atol: 1e-10 },
  );
}
